#!/usr/bin/env bash
# The habits CI checks: clang-format over every C++ file of the tree (.clang-format), then
# clang-tidy (.clang-tidy) over every header of include/, through the header-check translation
# units of the `test` preset (the umbrella's and the simulator's) and examples/demo.cpp (which instantiates the
# templates of every endpoint, the client and the simulator). Fails on any finding.
#
#   tools/check_format.sh            check format and tidy
#   tools/check_format.sh --format   check the format only (fast)
#   tools/check_format.sh --fix      reformat the tree in place (clang-format -i), then check tidy
#
# Needs clang-format and clang-tidy (14 on Debian 12) and a configured `test` preset (it runs
# `cmake --preset test` when build/test/compile_commands.json is missing).
set -euo pipefail

cd "$(dirname "$0")/.."
mode=${1:-all}
clang_format=${CLANG_FORMAT:-clang-format}
clang_tidy=${CLANG_TIDY:-clang-tidy}

# Every C++ source of the tree, tracked or not, but not build output, the byte-exact test data
# or the generated single header.
mapfile -t files < <(find include tests examples fuzz benchmarks tools \
    \( -path tests/data -o -path 'fuzz/corpus*' \) -prune -o \
    -type f \( -name '*.hpp' -o -name '*.cpp' -o -name '*.h' \) -print | sort)

echo "---- clang-format ($($clang_format --version | grep -o 'version [0-9.]*')): ${#files[@]} files"
if [[ $mode == --fix ]]; then
    "$clang_format" -i "${files[@]}"
fi
"$clang_format" --dry-run -Werror "${files[@]}"
echo "format: clean"
[[ $mode == --format ]] && exit 0

echo "---- clang-tidy ($($clang_tidy --version | grep -o 'version [0-9.]*'))"
db=build/test
if [[ ! -f $db/compile_commands.json ]]; then
    cmake --preset test >/dev/null
fi
# The umbrella's, the simulator's and the traffic generator's header-check TUs hold every header;
# the demo and the generator tests instantiate the templates. KOODRIVE_OSE_TIDY_ALL=1: every
# header-check TU (slower, same headers).
if [[ ${KOODRIVE_OSE_TIDY_ALL:-0} == 1 ]]; then
    mapfile -t tus < <(find "$db/tests/header_check" -name '*.cpp' | sort)
else
    tus=("$db/tests/header_check/koodrive_ose_hpp.cpp" "$db/tests/header_check/koodrive_ose_testing_simulator_hpp.cpp"
         "$db/tests/header_check/koodrive_ose_testing_traffic_hpp.cpp")
fi
tus+=(examples/demo.cpp tests/test_generate.cpp tests/test_traffic.cpp)
echo "${#tus[@]} translation units"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if printf '%s\n' "${tus[@]}" | xargs -P "$(nproc)" -n 1 "$clang_tidy" -p "$db" --quiet >"$log" 2>&1; then
    echo "tidy: clean"
else
    grep -E '(error|warning):' "$log" | sort -u
    echo "clang-tidy found the above (see .clang-tidy)" >&2
    exit 1
fi
