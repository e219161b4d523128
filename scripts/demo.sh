#!/usr/bin/env bash
# The demo: publish the native-AOT binary, run the host preflight, and measure a cross-core hop through
# the SPSC ring against the bare cache-line ping-pong floor (both pinned, same run).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
"$root/scripts/publish.sh"
bin="$root/artifacts/bin/appliance"

echo "== appliance version"
"$bin" version
echo
echo "== appliance sysinfo"
"$bin" sysinfo
echo
echo "== cross-core hop latency (SPSC ring round trip vs bare cache-line ping-pong)"
dotnet run --project "$root/bench/Appliance.LatencyHarness" -c Release -- hop --seconds "${DEMO_HOP_SECONDS:-3}"
