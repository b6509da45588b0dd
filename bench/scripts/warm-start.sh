#!/usr/bin/env bash
# Whole-process wall time, peak RSS and the quickstart's own "Trained in"/"evaluated in" figures, as
# medians of N runs, for one or more ways of starting reco. Usage:
#   bench/scripts/warm-start.sh [-n RUNS] [-d DATA_DIR] NAME='COMMAND' [NAME='COMMAND' …]
# e.g. bench/scripts/warm-start.sh -n 7 jit='dotnet src/Reco.Cli/bin/Release/net10.0/reco.dll' tool="$HOME/.dotnet/tools/reco"
# Run it alone on the machine (load below 0.6); it prints the load before and after.
set -euo pipefail
runs=5
data=../shared/datasets/ml-100k
while getopts "n:d:" flag; do
  case "$flag" in
    n) runs="$OPTARG" ;;
    d) data="$OPTARG" ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "load before: $(cat /proc/loadavg)"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
printf '%-12s %4s %9s %9s %9s %9s %9s\n' variant runs "wall s" "min s" "RSS MB" "train s" "eval s"
for variant in "$@"; do
  name="${variant%%=*}"
  command="${variant#*=}"
  walls="" rss="" trains="" evals=""
  for ((i = 0; i < runs; i++)); do
    # shellcheck disable=SC2086 # the command is a word list on purpose
    /usr/bin/time -f 'TIME %e %M' $command quickstart --data-dir "$data" >"$out" 2>&1
    walls+="$(awk '/^TIME/ { print $2 }' "$out")"$'\n'
    rss+="$(awk '/^TIME/ { print $3 / 1024 }' "$out")"$'\n'
    trains+="$(sed -n 's/^Trained in \([0-9.]*\)s.*/\1/p' "$out")"$'\n'
    evals+="$(sed -n 's/.*evaluated in \([0-9.]*\)s.*/\1/p' "$out")"$'\n'
    grep -q '^Top 3 recommendations for user 42: \[Far From Home: The Adventures of Yellow Dog (1995), Rudy (1993), All Dogs Go to Heaven 2 (1996)\]$' "$out" ||
      { echo "$name: unexpected output"; cat "$out"; exit 1; }
  done
  printf '%-12s %4d %9s %9s %9.0f %9s %9s\n' "$name" "$runs" \
    "$(printf '%s' "$walls" | median)" "$(printf '%s' "$walls" | sort -g | head -1)" \
    "$(printf '%s' "$rss" | median)" "$(printf '%s' "$trains" | median)" "$(printf '%s' "$evals" | median)"
done
echo "load after: $(cat /proc/loadavg)"
