#!/usr/bin/env bash
# Load and fault test of `reco serve` with wrk against 127.0.0.1 (server and load generator on this machine).
#
#   bench/scripts/serve-load.sh [--data-dir ../shared/datasets/ml-100k] [--duration 20] [--runs 3]
#                               [--connections 16] [--threads 1] [--port 18080] [--models als,two-tower] [--faults yes|no]
#
# 1. Trains ALS and a two-tower model on all of MovieLens 100k and saves each as version 1 of a model folder.
# 2. For each model: starts `reco serve`, warms up for 5 s, then runs wrk --runs times (top-10 for a random one of
#    the 943 users per request, bench/scripts/serve-users.lua) and prints p50, p99 and requests/s of each run.
# 3. Faults (ALS): a new version dropped in during a wrk run (copied into the folder under a hidden name, then
#    renamed to the next number): zero failed requests, and the answers' version changes. Then a corrupt version
#    (one byte changed, so its SHA-256 check fails) dropped in the same way: rejected, the old version keeps
#    serving, zero failed requests.
set -euo pipefail
cd "$(dirname "$0")/../.."

data=../shared/datasets/ml-100k duration=20 runs=3 connections=16 threads=1 port=18080 models=als,two-tower faults=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir) data=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --models) models=$2; shift 2 ;;
    --faults) faults=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/Reco.Cli -c Release -v quiet -nologo >/dev/null
reco=src/Reco.Cli/bin/Release/net10.0/reco
work=$(mktemp -d /tmp/reco-serve-load.XXXXXX)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "CPU: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) cores); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for model in ${models//,/ }; do
  "$reco" train "$model" --data-dir "$data" --split none --save "$work/$model" >/dev/null 2>&1
done
"$reco" train als -o seed=7 --data-dir "$data" --split none --save "$work/als-next" >/dev/null 2>&1

start_server() { # folder, log
  "$reco" serve --model "$1" --port "$port" --poll-seconds 1 >"$2" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "the server did not become ready:"; cat "$2"; exit 1
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }
load() { # seconds [extra env]
  wrk -t"$threads" -c"$connections" -d"$1"s -s bench/scripts/serve-users.lua "http://127.0.0.1:$port" | sed -n '/^requests /,$p'
}

for model in ${models//,/ }; do
  echo "== $model: top-10 for random users, $threads wrk thread(s), $connections connections, ${duration} s a run"
  start_server "$work/$model" "$work/$model.log"
  grep -o 'index [^;]*$\|Loaded and verified.*' "$work/$model.log" | head -1
  load 5 >/dev/null
  for run in $(seq 1 "$runs"); do
    echo "run $run (load average $(cut -d' ' -f1 /proc/loadavg)):"
    load "$duration"
  done
  stop_server
done

if [ "$faults" = yes ]; then
  drop_in() { # source version folder, target base, number
    cp -r "$1" "$2/.incoming" && mv "$2/.incoming" "$2/$3"
  }
  corrupt() { # a version folder: change one byte in the middle of its first parameter file
    local file; file=$(ls "$1"/param.* | head -1)
    local size; size=$(stat -c %s "$file")
    local offset=$((size / 2))
    local byte; byte=$(od -An -tu1 -j"$offset" -N1 "$file" | tr -d ' ')
    printf "\\$(printf %o $(((byte + 1) % 256)))" | dd of="$file" bs=1 seek="$offset" conv=notrunc status=none
  }
  echo "== faults (als): a new version dropped in during the load"
  start_server "$work/als" "$work/faults.log"
  (sleep 5; drop_in "$work/als-next/1" "$work/als" 2) &
  RECO_COUNT_VERSIONS=1 load 15
  wait $!
  echo "== faults (als): a corrupt version dropped in during the load"
  cp -r "$work/als-next/1" "$work/corrupt"
  corrupt "$work/corrupt"
  (sleep 5; drop_in "$work/corrupt" "$work/als" 3) &
  RECO_COUNT_VERSIONS=1 load 15
  wait $!
  echo "server log:"; grep -E "Serving|Rejected" "$work/faults.log"
  curl -s "http://127.0.0.1:$port/health"; echo
  stop_server
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
