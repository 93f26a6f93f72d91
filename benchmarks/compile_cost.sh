#!/usr/bin/env bash
# Compile cost at -O2: wall time (median of 3) and object size of one translation unit each:
# an empty TU; one with the standard headers only; this library included but unused; this
# library with all five endpoints (encode + decode of every request and response); this
# library decoding one message; and each peer found on the machine decoding one message (the
# list jobs response, by hand, onto plain structs). Prints a Markdown table.
#
#   benchmarks/compile_cost.sh            (CXX=clang++ to use another compiler)
#
# The machine may be shared: wall time moves with the load; CPU time (user + sys) is shown
# beside it.
set -euo pipefail

cd "$(dirname "$0")/.."
[[ -n ${KOODRIVE_OSE_CHARTED:-} ]] || { KOODRIVE_OSE_CHARTED=1 "$0" "$@" | tee "${TMPDIR:-/tmp}/koodrive_ose_compile_cost.md" && python3 benchmarks/charts.py compile-cost "${TMPDIR:-/tmp}/koodrive_ose_compile_cost.md" benchmarks/charts; exit; }  # and README's chart
src=benchmarks/compile_cost
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cxx=${CXX:-g++}
flags=(-std=c++20 -O2 -DNDEBUG -Iinclude)

have_header() { echo "#include <$1>" | "$cxx" -std=c++20 -x c++ -fsyntax-only - 2>/dev/null; }

tus=("empty.cpp|empty TU" "std_only.cpp|<string>, <vector>, <optional>, <string_view> only"
     "ose_include_only.cpp|koodrive/ose.hpp included, nothing used"
     "ose_all.cpp|koodrive/ose.hpp, all five endpoints (10 messages encoded and decoded)"
     "ose_one.cpp|koodrive/ose.hpp, decode one message (list jobs response)")
have_header nlohmann/json.hpp && tus+=("nlohmann_one.cpp|nlohmann/json, decode one message")
have_header boost/json.hpp && tus+=("boost_json_one.cpp|Boost.JSON, decode one message")
have_header simdjson.h && tus+=("simdjson_one.cpp|simdjson On-Demand, decode one message")
have_header rapidjson/document.h && tus+=("rapidjson_one.cpp|RapidJSON, decode one message")

median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }

echo "| translation unit | wall s (median of 3) | CPU s | object bytes | .text bytes |"
echo "|---|---:|---:|---:|---:|"
for entry in "${tus[@]}"; do
    file=${entry%%|*}
    what=${entry#*|}
    obj=$out/${file%.cpp}.o
    walls=() cpus=()
    for _ in 1 2 3; do
        /usr/bin/time -f '%e %U %S' -o "$out/time" "$cxx" "${flags[@]}" -c "$src/$file" -o "$obj"
        read -r wall user sys <"$out/time"
        walls+=("$wall")
        cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')")
    done
    bytes=$(stat -c %s "$obj")
    text=$(size -A "$obj" | awk '$1 ~ /^\.text/ { t += $2 } END { print t + 0 }')
    printf '| %s | %.2f | %.2f | %s | %s |\n' "$what" "$(median "${walls[@]}")" "$(median "${cpus[@]}")" "$bytes" "$text"
done
echo
echo "$("$cxx" --version | head -1), ${flags[*]}, $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
