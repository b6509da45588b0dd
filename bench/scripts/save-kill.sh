#!/usr/bin/env bash
# Kill test of model saves (see bench/Reco.Bench/SaveKill): 50 saves, each in a child process killed
# with SIGKILL at a random moment while a reader process loads the model in a loop. Exits non-zero on
# any failure. Arguments go to the command: --saves N --megabytes M --dir DIR --seed S --keep.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build bench/Reco.Bench -c Release -nologo -v quiet >/dev/null
exec bench/Reco.Bench/bin/Release/net10.0/Reco.Bench save-kill "$@"
