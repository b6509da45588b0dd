#!/usr/bin/env bash
# Prints the x86-64 level this machine's instruction sets reach, for precompiling code for it: x86-64-v4
# (AVX-512 F/BW/CD/DQ/VL on top of v3), x86-64-v3 (AVX2, FMA, BMI1/2, LZCNT, MOVBE, F16C), or nothing.
#   scripts/isa-level.sh [CPUINFO]     (default /proc/cpuinfo; nothing is printed when it cannot be read)
# An x64 .NET emulated on an arm64 host sees the host's cpuinfo, which has no flags line: nothing either.
set -euo pipefail
cpuinfo=${1:-/proc/cpuinfo}
[[ -r $cpuinfo ]] || exit 0
flags=" $(grep -m1 '^flags' "$cpuinfo" | cut -d: -f2 || true) "
has() { for flag in "$@"; do [[ "$flags" == *" $flag "* ]] || return 1; done; }
if has avx2 fma bmi1 bmi2 abm movbe f16c; then
  if has avx512f avx512bw avx512cd avx512dq avx512vl; then echo x86-64-v4; else echo x86-64-v3; fi
fi
