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


# `reco` must be on the path for the README's next command: ~/.dotnet/tools often is not on a fresh
# machine, so link the command into a folder that is (~/.local/bin or /usr/local/bin) when one is writable.
tool="$HOME/.dotnet/tools/reco"
if ! command -v reco >/dev/null 2>&1 && [ -x "$tool" ]; then
  for dir in "$HOME/.local/bin" /usr/local/bin; do
    case ":$PATH:" in *":$dir:"*) ;; *) continue ;; esac
    if [ -d "$dir" ] && [ -w "$dir" ]; then
      ln -sf "$tool" "$dir/reco"
      echo "Linked $dir/reco to $tool."
      break
    fi
  done
fi
if command -v reco >/dev/null 2>&1; then
  echo "Installed: run 'reco quickstart'."
else
  echo "Installed as $tool; add ~/.dotnet/tools to PATH (export PATH=\"\$PATH:\$HOME/.dotnet/tools\") or run it by that path."
fi
