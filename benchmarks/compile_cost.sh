#!/usr/bin/env bash
# Compile cost at -O2: wall and CPU time (the fastest of 5 rounds) and object size of one
# translation unit each, with the cost over `floor` (a TU with only the standard headers a message struct needs)
# and the targets of issue 15:
#
#   koodrive/ose.hpp included, nothing used                      <= 0.3 s over floor
#   decode one message (the list jobs response)                  <= 0.5 s over floor
#   all five endpoints: encode, decode, build_request, read_response  <= 2.0 s over floor, <= 250 KB
#   the same in the compiled mode (-DKOODRIVE_OSE_COMPILED)       <= 0.4 s over floor
#
# beside each Debian peer found on the machine decoding the same message (by hand, onto plain
# structs). Prints a Markdown table.
#
#   benchmarks/compile_cost.sh            (CXX=clang++ to use another compiler)
#
# The machine may be shared: wall time moves with the load, so the verdict uses the CPU time
# (user + sys) over floor measured in the same run; the load average is printed below the table.
# Each round compiles every TU once, so a slow spell of the machine hits all rows alike, and each
# row keeps its fastest round, as the speed benchmarks keep their fastest repetition.
set -euo pipefail

cd "$(dirname "$0")/.."
[[ -n ${KOODRIVE_OSE_CHARTED:-} ]] || { KOODRIVE_OSE_CHARTED=1 "$0" "$@" | tee "${TMPDIR:-/tmp}/koodrive_ose_compile_cost.md" && python3 benchmarks/charts.py compile-cost "${TMPDIR:-/tmp}/koodrive_ose_compile_cost.md" benchmarks/charts; exit; }  # and README's chart
src=benchmarks/compile_cost
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cxx=${CXX:-g++}
flags=(-std=c++20 -O2 -DNDEBUG -Iinclude)

have_header() { echo "#include <$1>" | "$cxx" -std=c++20 -x c++ -fsyntax-only - 2>/dev/null; }

# file|what|extra flags|target seconds over floor|target object KB
tus=("empty.cpp|empty TU|||"
     "std_only.cpp|floor: <string>, <vector>, <optional>, <string_view> only|||"
     "ose_include_only.cpp|koodrive/ose.hpp included, nothing used||0.3|"
     "client_include_only.cpp|koodrive/ose.hpp and koodrive/ose/client.hpp included, nothing used|||"
     "ose_one.cpp|koodrive/ose.hpp, decode one message (list jobs response)||0.5|"
     "ose_all.cpp|koodrive/ose.hpp, all five endpoints (10 messages encoded, decoded; 5 requests built, 5 responses read)||2.0|250"
     "ose_all.cpp|the same, compiled mode (-DKOODRIVE_OSE_COMPILED; src/koodrive_ose.cpp linked)|-DKOODRIVE_OSE_COMPILED|0.4|")
have_header nlohmann/json.hpp && tus+=("nlohmann_one.cpp|nlohmann/json, decode one message|||")
have_header boost/json.hpp && tus+=("boost_json_one.cpp|Boost.JSON, decode one message|||")
have_header simdjson.h && tus+=("simdjson_one.cpp|simdjson On-Demand, decode one message|||")
have_header rapidjson/document.h && tus+=("rapidjson_one.cpp|RapidJSON, decode one message|||")

rounds=${KOODRIVE_OSE_COMPILE_ROUNDS:-5}
fastest() { printf '%s\n' "$@" | sort -g | head -1; }

# Round after round over all TUs; walls[i] and cpus[i] collect TU i's times.
declare -a walls cpus
for ((round = 0; round < rounds; ++round)); do
    for i in "${!tus[@]}"; do
        IFS='|' read -r file _ extra _ _ <<<"${tus[$i]}"
        # shellcheck disable=SC2086  # $extra is zero or one flag
        /usr/bin/time -f '%e %U %S' -o "$out/time" "$cxx" "${flags[@]}" $extra -c "$src/$file" -o "$out/$i.o"
        read -r wall user sys <"$out/time"
        walls[i]+=" $wall"
        cpus[i]+=" $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')"
    done
done

echo "| translation unit | wall s | over floor | CPU s | CPU over floor | object bytes | .text bytes | target |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
floor_wall=0 floor_cpu=0 misses=0
for i in "${!tus[@]}"; do
    IFS='|' read -r file what extra target target_kb <<<"${tus[$i]}"
    obj=$out/$i.o
    # shellcheck disable=SC2086  # word splitting wanted: the times of the rounds
    wall=$(fastest ${walls[i]})
    # shellcheck disable=SC2086
    cpu=$(fastest ${cpus[i]})
    if [[ $file == std_only.cpp ]]; then
        floor_wall=$wall floor_cpu=$cpu
    fi
    bytes=$(stat -c %s "$obj")
    text=$(size -A "$obj" | awk '$1 ~ /^\.text/ { t += $2 } END { print t + 0 }')
    over_wall=$(awk -v a="$wall" -v b="$floor_wall" 'BEGIN { printf "%.2f", a - b }')
    over_cpu=$(awk -v a="$cpu" -v b="$floor_cpu" 'BEGIN { printf "%.2f", a - b }')
    verdict=""
    if [[ -n $target ]]; then
        if awk -v o="$over_cpu" -v t="$target" 'BEGIN { exit !(o <= t) }'; then
            verdict="<= $target s: met"
        else
            verdict="<= $target s: **missed**"
            misses=$((misses + 1))
        fi
        if [[ -n $target_kb ]]; then
            if ((bytes <= target_kb * 1024)); then
                verdict+=", <= $target_kb KB: met"
            else
                verdict+=", <= $target_kb KB: **missed**"
                misses=$((misses + 1))
            fi
        fi
    fi
    [[ $file == empty.cpp || $file == std_only.cpp ]] && over_wall="" over_cpu=""
    printf '| %s | %.2f | %s | %.2f | %s | %s | %s | %s |\n' "$what" "$wall" "$over_wall" "$cpu" "$over_cpu" \
        "$bytes" "$text" "$verdict"
done
echo
echo "$("$cxx" --version | head -1), ${flags[*]}, $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg);" \
    "fastest of $rounds rounds; verdicts from CPU time over floor, $misses target(s) missed"
