#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine needs to build, test and demo Appliance.
# Idempotent and quiet when everything is already there; every other script calls it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Debian packages: python3-websockets (independent WebSocket peer in tests),
# python3-jsonschema (the config schema is checked against the shipped configs),
# prometheus (promtool checks our metrics text), jq (scripts read JSON answers),
# libhdrhistogram-java and a JRE (the Java HdrHistogram's log processor reads our histogram logs in tests),
# and for the deployment (ansible/, scripts/e2e-deploy.sh): ansible 7.7 with ansible-lint and yamllint,
# debootstrap and systemd-nspawn (systemd-container) for the test host, ssh, zstd for its cached rootfs.
apt_packages=(python3-websockets python3-jsonschema prometheus jq libhdrhistogram-java default-jre-headless
  ansible ansible-lint yamllint debootstrap systemd-container openssh-client zstd iproute2)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v dotnet >/dev/null || { echo "bootstrap: the .NET SDK is not installed (dotnet not on PATH)" >&2; exit 1; }
command -v node >/dev/null || { echo "bootstrap: node is not installed" >&2; exit 1; }

# npm packages for cross-checks against independent implementations (pinned by package-lock.json).
while IFS= read -r lock; do
  dir=$(dirname "$lock")
  if [[ ! -d "$dir/node_modules" || "$lock" -nt "$dir/node_modules/.package-lock.json" ]]; then
    echo "bootstrap: npm ci in ${dir#"$root"/}" >&2
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
done < <(find "$root/tests" "$root/bench" -name package-lock.json -not -path '*/node_modules/*' 2>/dev/null)

# NuGet restore (no-op when the assets are current).
dotnet restore "$root/Appliance.sln" --verbosity quiet >/dev/null
