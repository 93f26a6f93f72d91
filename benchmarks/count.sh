#!/usr/bin/env bash
# Instructions per message for every implementation, counted by callgrind: unlike wall time,
# the count does not move when other work shares the machine, so before/after and peer
# comparisons hold on a busy machine too (it is not time: cache misses and mispredicted
# branches cost cycles that a count does not show).
#
#   benchmarks/count.sh [BINARY] [IMPL...]    default: the bench preset's binary, every impl
#
# Prints, per mode (decode_fresh, decode_reused, encode), instructions per message of each
# implementation and the lead: the fastest peer's count divided by ours (above 1: we lead).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/bench/benchmarks/koodrive_ose_bench}
shift || true
[[ -x $bin ]] || { cmake --preset bench >/dev/null && cmake --build --preset bench; }
impls=("$@")
if ((${#impls[@]} == 0)); then
    read -r -a impls < <("$bin" --benchmark_filter=NONE 2>/dev/null | sed -n 's/.*(implementations: \(.*\)).*/\1/p')
fi
mapfile -t samples < <("$bin" --benchmark_filter=NONE 2>/dev/null | awk '/^  [a-z_0-9]+ +[0-9]+ bytes/ {print $1 " " $2}')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for mode in decode_fresh decode_reused encode; do
    for s in "${samples[@]}"; do
        read -r slug bytes <<<"$s"
        n=$((bytes > 10000 ? 20 : 1000))
        for impl in "${impls[@]}"; do
            out=$tmp/cg.out
            if valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file="$out" \
                "$bin" --loop="$mode/$slug/$impl/$n" >/dev/null 2>&1; then
                ir=$(sed -n 's/^summary: //p' "$out")
                echo "$mode $slug $bytes $impl $((ir / n))"
            fi
        done
    done
done >"$tmp/counts"
python3 - "$tmp/counts" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1])]
ours = ("ose", "ose_view")
for mode in ("decode_fresh", "decode_reused", "encode"):
    data = {}
    order, impls = [], []
    for m, slug, size, impl, ir in rows:
        if m != mode:
            continue
        if slug not in data:
            order.append((slug, size))
            data[slug] = {}
        if impl not in impls:
            impls.append(impl)
        data[slug][impl] = int(ir)
    if not order:
        continue
    print(f"\n**{mode}**: instructions per message (callgrind)\n")
    print("| message (bytes) | " + " | ".join(impls) + " | lead |")
    print("| --- | " + " | ".join("---:" for _ in impls) + " | ---: |")
    for slug, size in order:
        d = data[slug]
        peers = {k: v for k, v in d.items() if k not in ours}
        lead = []
        if peers:
            best = min(peers.values())
            lead = [f"{best / d[o]:.2f}" + ("" if o == "ose" else " (view)") for o in ours if o in d]
        print(f"| {slug} ({int(size):,}) | " + " | ".join(f"{d[i]:,}" if i in d else "-" for i in impls)
              + " | " + (", ".join(lead) or "-") + " |")
PY
