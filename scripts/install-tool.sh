#!/usr/bin/env bash
# Packs the reco command for this machine and installs it as a global .NET tool from a local folder feed
# (artifacts/tool): a framework-dependent package for this runtime identifier, precompiled with ReadyToRun,
# so that `reco quickstart` starts warm. Run it again after changing the code; it replaces the installed tool.
# Needs the .NET 10 SDK and access to the NuGet registry on the first run (the ReadyToRun compiler package).
set -euo pipefail
cd "$(dirname "$0")/.."

rid="$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')"
if [ -z "$rid" ]; then
  echo "error: could not tell this machine's .NET runtime identifier from 'dotnet --info'." >&2
  exit 1
fi

feed=artifacts/tool
rm -rf "$feed"
echo "Packing reco for $rid into $feed…"
dotnet pack src/Reco.Cli -c Release -o "$feed" --nologo -v quiet \
  -p:ToolPackageRuntimeIdentifiers="$rid" -p:RuntimeIdentifiers="$rid"

# A reinstall of the same version must not reuse the previously installed copy.
dotnet tool uninstall --global Reco.Cli >/dev/null 2>&1 || true
dotnet tool install --global --add-source "$feed" Reco.Cli

