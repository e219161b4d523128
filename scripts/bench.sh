#!/usr/bin/env bash
# Runs BenchmarkDotNet benchmarks (all, or those matching a filter) on a quiet machine.
#   ./scripts/bench.sh '*SpscRing*'        one class
#   ./scripts/bench.sh '*' --job short     everything, quicker and less precise
#   ./scripts/bench.sh --aot '*Logging*'   compiled by NativeAOT for net9.0, as the daemon ships (short job)
# Results: bench/Appliance.Benchmarks/BenchmarkDotNet.Artifacts/results/*.md
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/bootstrap.sh"
aot=()
if [[ ${1:-} == --aot ]]; then aot=(--aot); shift; fi
filter=${1:-'*'}
shift || true
cd "$root/bench/Appliance.Benchmarks"
dotnet run -c Release -- "${aot[@]}" --filter "$filter" "$@"
