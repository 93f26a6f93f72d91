#!/usr/bin/env bash
# Builds the `bench` preset (g++ -O2, Release), runs every benchmark in one run and prints
# the Markdown tables (benchmarks/table.py).
#
#   benchmarks/run.sh            10 repetitions per benchmark: fastest and median (several minutes)
#   benchmarks/run.sh --quick    one short run of each (CI: checks that it builds and runs)
#   benchmarks/run.sh -- ARGS    extra Google Benchmark flags, e.g. --benchmark_filter=decode/
#
# The JSON output stays in build/bench/results.json. On a shared or virtual machine the
# numbers move by 10-20 % from run to run; compare implementations within one run.
set -euo pipefail

cd "$(dirname "$0")/.."

quick=0
extra=()
while (($#)); do
    case $1 in
        --quick) quick=1 ;;
        --) shift; extra+=("$@"); break ;;
        *) extra+=("$1") ;;
    esac
    shift
done

cmake --preset bench >/dev/null
cmake --build --preset bench

out=build/bench/results.json
if ((quick)); then
    # Two repetitions, so the aggregates table.py and charts.py read are there too.
    args=(--benchmark_min_time=0.01 --benchmark_repetitions=2 --benchmark_display_aggregates_only=true)
else
    # Every repetition goes to the JSON file (table.py takes the fastest and the median).
    args=(--benchmark_repetitions=10 --benchmark_display_aggregates_only=true)
fi
./build/bench/benchmarks/koodrive_ose_bench "${args[@]}" --benchmark_out="$out" --benchmark_out_format=json \
    ${extra[@]+"${extra[@]}"}

echo
python3 benchmarks/table.py "$out"
python3 benchmarks/charts.py throughput "$out" "$( ((quick)) && echo build/bench || echo benchmarks/charts)"  # README's chart: a full run's
