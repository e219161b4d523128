#!/usr/bin/env bash
# Publishes the trimmed native-AOT `appliance` binary to artifacts/bin/appliance.
# Fails on any trim/AOT warning: the shipped binary must have none.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/bootstrap.sh"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! dotnet publish "$root/src/Appliance/Appliance.csproj" -c Release -o "$root/artifacts/bin" --nologo -v minimal >"$log" 2>&1; then
  cat "$log" >&2
  echo "publish: dotnet publish failed" >&2
  exit 1
fi
# Warnings are errors in our build, but the ILC (AOT compiler) reports some separately: refuse any.
if grep -E "warning (IL|CS|NU)[0-9]+" "$log" >&2; then
  echo "publish: the AOT publish reported warnings (above); the binary must build with none" >&2
  exit 1
fi
rm -f "$root/artifacts/bin/"*.pdb
echo "publish: $(du -h "$root/artifacts/bin/appliance" | cut -f1) artifacts/bin/appliance ($("$root/artifacts/bin/appliance" version))" >&2
