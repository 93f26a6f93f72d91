#!/usr/bin/env bash
# Runs every libFuzzer target (or the ones named) for SECONDS each, one after the other.
#
#   cmake --workflow --preset fuzz        # builds build/fuzz/fuzz/fuzz_*
#   fuzz/run.sh SECONDS [TARGET...]       # e.g. fuzz/run.sh 3600 for an hour per target
#
# Each target starts from its committed corpus (fuzz/corpus/<target>, read-only) and writes
# what it discovers to build/fuzz/corpus/<target>; crashes, leaks, timeouts and out-of-memory
# inputs go to build/fuzz/artifacts/<target>/. Fails (exit 1) when any target finds one.
# Environment: FUZZ_BUILD_DIR (default build/fuzz), FUZZ_TARGETS_AT_ONCE (targets run side by
# side, default one per CPU: each target still gets SECONDS of its own core), FUZZ_JOBS
# (parallel runs of one target, default 1), FUZZ_EXTRA (more libFuzzer flags).
set -euo pipefail

cd "$(dirname "$0")/.."

if (($# < 1)) || ! [[ $1 =~ ^[0-9]+$ ]]; then
    echo "usage: fuzz/run.sh SECONDS [TARGET...]" >&2
    exit 2
fi
seconds=$1
shift
targets=("$@")
((${#targets[@]})) || targets=(fuzz_decode fuzz_roundtrip fuzz_headers fuzz_differential fuzz_mutator)

build=${FUZZ_BUILD_DIR:-build/fuzz}
jobs=${FUZZ_JOBS:-1}

declare -A max_len=([fuzz_decode]=4096 [fuzz_roundtrip]=4096 [fuzz_headers]=1024 [fuzz_differential]=4096)

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

at_once=${FUZZ_TARGETS_AT_ONCE:-$(nproc 2>/dev/null || echo 1)}
((jobs > 1)) && at_once=1  # a target with several workers has the machine to itself
status_dir=$(mktemp -d)
trap 'rm -rf "$status_dir"' EXIT

# One target, start to verdict; its report goes to $status_dir/<target>.report, printed in order.
fuzz_one() {
    local t=$1 bin=$build/fuzz/$1 work=$build/corpus/$1 artifacts=$build/artifacts/$1 log=$build/$1.log
    local start=$SECONDS status=0 parallel=()
    # -jobs/-workers only when asked: by default one process, one core.
    ((jobs > 1)) && parallel=(-jobs="$jobs" -workers="$jobs")
    # shellcheck disable=SC2086
    "$bin" -max_total_time="$seconds" -max_len="${max_len[$t]:-4096}" -timeout=10 -rss_limit_mb=2048 \
        -malloc_limit_mb=2048 -detect_leaks=1 -dict=fuzz/koodrive.dict -artifact_prefix="$artifacts/" \
        -print_final_stats=1 "${parallel[@]}" ${FUZZ_EXTRA:-} "$work" fuzz/corpus/"$t" >"$log" 2>&1 || status=$?
    local execs cov
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
    {
        printf '\n==== %s: %s s ====\n' "$t" "$seconds"
        echo "$t: exit $status after $((SECONDS - start)) s, ${execs:-?} executions, ${cov:-cov ?}; log $log"
        if ((status != 0)) || ls "$artifacts" | grep -E '^(crash|leak|timeout|oom|slow-unit)-' >/dev/null; then
            tail -n 60 "$log"
            ls -l "$artifacts"
            echo FAILED >"$status_dir/$t.failed"
        fi
    } >"$status_dir/$t.report"
}

for t in "${targets[@]}"; do
    bin=$build/fuzz/$t
    if [[ ! -x $bin ]]; then
        echo "missing $bin: build it first (cmake --workflow --preset fuzz)" >&2
        exit 2
    fi
    mkdir -p "$build/corpus/$t" "$build/artifacts/$t" fuzz/corpus/"$t"
done
echo "fuzzing ${#targets[@]} target(s), $seconds s each, $at_once at a time"
for t in "${targets[@]}"; do
    while (($(jobs -rp | wc -l) >= at_once)); do wait -n || true; done
    fuzz_one "$t" &
done
wait
failed=()
for t in "${targets[@]}"; do
    cat "$status_dir/$t.report"
    [[ -e $status_dir/$t.failed ]] && failed+=("$t")
done

if ((${#failed[@]})); then
    echo "FAILED: ${failed[*]}" >&2
    exit 1
fi
echo "all fuzz targets ran ${seconds} s without a finding"
