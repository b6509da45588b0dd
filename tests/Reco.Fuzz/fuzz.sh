#!/usr/bin/env bash
# Fuzzes the delimited-text parser with afl-fuzz and SharpFuzz (see README.md).
# Usage: tests/Reco.Fuzz/fuzz.sh [SECONDS] [WORK-DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:-1800}"
work="${2:-${TMPDIR:-/tmp}/reco-fuzz}"
export PATH="$PATH:$HOME/.dotnet/tools"
command -v afl-fuzz >/dev/null || { echo "afl-fuzz is missing: apt-get install afl++" >&2; exit 1; }
command -v sharpfuzz >/dev/null || { echo "sharpfuzz is missing: dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0" >&2; exit 1; }

rm -rf "$work/bin"
mkdir -p "$work"
dotnet publish "$here/Reco.Fuzz.csproj" -c Release -o "$work/bin" --nologo -v quiet
# Only the library is instrumented: coverage of the parser, not of the harness or the runtime.
sharpfuzz "$work/bin/Reco.Core.dll"

# dotnet itself carries no AFL instrumentation (the .NET code reports coverage through SharpFuzz);
# a previous run's findings are kept and resumed with -i -.
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
input="$here/corpus"
[ -d "$work/findings/default/queue" ] && input="-"
afl-fuzz -i "$input" -o "$work/findings" -t 10000 -m none -V "$seconds" -- dotnet "$work/bin/Reco.Fuzz.dll"
