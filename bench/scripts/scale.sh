#!/usr/bin/env bash
# The 25-million-interaction benchmark: every step of `Reco.Bench scale` in its own process (so that each
# peak RSS is that step's alone), RUNS times each, then a markdown table of the medians.
#   bench/scripts/scale.sh DATA.parquet [RUNS] [STEPS] [LOG]
# Make the data with: reco datasets synth --users 162541 --items 59047 --interactions 25000095 --seed 42 --out DATA.parquet
# When LOCK is set, each step's runs hold that file's exclusive lock together (flock -x), so that nothing
# else that takes the lock builds meanwhile; one hold per step keeps the number of waits down.
set -euo pipefail
data=${1:?usage: scale.sh DATA.parquet [RUNS] [STEPS] [LOG]}
runs=${2:-3}
steps=${3:-load als bpr two-tower biased-mf topk evaluate quality}
log=${4:-scale-$(date -u +%Y%m%dT%H%M%S).log}
root=$(cd "$(dirname "$0")/../.." && pwd)
bench=$root/bench/Reco.Bench/bin/Release/net10.0/Reco.Bench
[[ -x $bench ]] || dotnet build "$root/bench/Reco.Bench" -c Release >/dev/null
# The two-tower epoch is measured on a share of the data and scaled (a whole epoch runs for minutes).
share=${TWO_TOWER_SHARE:-0.1}
# Its batch size (TWO_TOWER_BATCH, the catalogue's 8,192 by default); TWO_TOWER_SHARE=1 measures whole epochs.
batch=${TWO_TOWER_BATCH:-8192}
run() {
  if [[ -n ${LOCK:-} ]]; then flock -x "$LOCK" "$@"; else "$@"; fi
}
step_runs() {
  local step=$1
  for r in $(seq 1 "$runs"); do
    echo "# $step run $r load-start $(cut -d' ' -f1-3 /proc/loadavg)"
    "$bench" scale --step "$step" --data "$data" --iterations 3 --two-tower-share "$share" --two-tower-batch "$batch" 2>&1 | grep -E '^(RESULT|Intel|AMD|.*logical CPUs)'
    echo "# $step run $r load-end $(cut -d' ' -f1-3 /proc/loadavg)"
  done
}
export -f step_runs
export bench data share batch runs
for step in $steps; do
  run bash -c "step_runs $step" | tee -a "$log"
done
python3 - "$log" <<'PY'
import sys, statistics, collections
rows = collections.OrderedDict()
loads = collections.defaultdict(list)
for line in open(sys.argv[1]):
    if line.startswith('RESULT'):
        _, step, what, value, rss, note = (line.rstrip('\n').split('\t') + [''])[:6]
        rows.setdefault((step, what), []).append((float(value), float(rss), note))
    elif line.startswith('# ') and ' load-' in line:
        parts = line.split()
        loads[parts[1]].append(float(parts[5]))
print('| step | measure | median | runs | peak RSS (max, MB) | 1-min load during runs | note (last run) |')
print('| --- | --- | ---: | ---: | ---: | --- | --- |')
for (step, what), values in rows.items():
    median = statistics.median(v for v, _, _ in values)
    rss = max(r for _, r, _ in values)
    l = loads.get(step, [])
    span = f'{min(l):.2f}–{max(l):.2f}' if l else '-'
    print(f'| {step} | {what} | {median:.3f} | {len(values)} | {rss:.0f} | {span} | {values[-1][2]} |')
PY
