#!/usr/bin/env bash
# Runs BenchmarkDotNet benchmarks (all, or those matching a filter) on a quiet machine.
#   ./scripts/bench.sh '*SpscRing*'        one class
#   ./scripts/bench.sh '*' --job short     everything, quicker and less precise
# Results: bench/Appliance.Benchmarks/BenchmarkDotNet.Artifacts/results/*.md
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/bootstrap.sh"
filter=${1:-'*'}
shift || true
cd "$root/bench/Appliance.Benchmarks"
dotnet run -c Release -- --filter "$filter" "$@"
