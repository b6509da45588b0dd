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

# Precompile for this machine's instruction sets too: x86-64-v4 where it has AVX-512, v3 where it has AVX2.
# ReadyToRun code otherwise stops at the baseline ISA, and the library's 256-bit code (ALS's conjugate-
# gradient updates among it) is compiled on its first call in each process: about 20 ms of an ALS fit on
# MovieLens 100k. (Code using 512-bit vectors is compiled at run time either way.) On a machine without
# these instruction sets, or with them switched off (DOTNET_EnableAVX512=0), the runtime does not use the
# precompiled code and compiles as usual: the tool still runs, only slower to start.
isa=""
if [[ "$rid" == *-x64 ]]; then
  isa="$(bash scripts/isa-level.sh)"
fi

feed=artifacts/tool
rm -rf "$feed"
# A previous pack's precompiled assemblies would be reused as they are, whatever the instruction sets.
rm -rf src/Reco.Cli/obj/Release/net10.0/"$rid"/R2R
echo "Packing reco for $rid${isa:+ ($isa)} into $feed…"
dotnet pack src/Reco.Cli -c Release -o "$feed" --nologo -v quiet \
  -p:ToolPackageRuntimeIdentifiers="$rid" -p:RuntimeIdentifiers="$rid" \
  ${isa:+"-p:PublishReadyToRunCrossgen2ExtraArgs=--instruction-set:$isa"}

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
