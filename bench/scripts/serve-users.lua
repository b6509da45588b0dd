-- wrk script: GET top-10 recommendations for a random MovieLens 100k user (ids 1 … users) per request.
-- Environment: RECO_USERS (default 943), RECO_QUERY (extra query string, default "k=10").
-- With RECO_COUNT_VERSIONS=1 it counts the model version of every answer and prints the counts at the end.
local users = tonumber(os.getenv("RECO_USERS") or "943")
local query = os.getenv("RECO_QUERY") or "k=10"
local count_versions = os.getenv("RECO_COUNT_VERSIONS") == "1"
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
  versions = {}
end

function request()
  return wrk.format("GET", "/v1/users/" .. math.random(1, users) .. "/recommendations?" .. query)
end

if count_versions then
  function response(status, headers, body)
    local v = body:match('"version":(%d+)') or ("status " .. status)
    versions[v] = (versions[v] or 0) + 1
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("requests %d, non-2xx %d, socket errors (connect %d, read %d, write %d, timeout %d)\n",
    summary.requests, errors.status, errors.connect, errors.read, errors.write, errors.timeout))
  io.write(string.format("latency p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms; %.0f requests/s\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    latency.max / 1000, summary.requests / (summary.duration / 1e6)))
  if count_versions then
    local total = {}
    for _, thread in ipairs(threads) do
      for v, n in pairs(thread:get("versions")) do
        total[v] = (total[v] or 0) + n
      end
    end
    for v, n in pairs(total) do
      io.write(string.format("answers from version %s: %d\n", v, n))
    end
  end
end
