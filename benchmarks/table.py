#!/usr/bin/env python3
"""Markdown tables from the JSON output of koodrive_ose_bench (--benchmark_out=FILE).

    python3 benchmarks/table.py build/bench/results.json [more.json ...]

Several files (say, the committed benchmark and a local harness that links more peers into
the same binary) are merged; a benchmark found in more than one keeps its fastest figures.

For each mode (decode_fresh, decode_reused, encode) and message: CPU ns per message of every
implementation, as "fastest / median" of the repetitions (a single run gives one figure), and
the lead of ours over the fastest peer of that mode: the peer's time divided by ours, from the
fastest repetitions (above 1: we lead; the targets of issue 13 are 1.3 for decoding and 1.2
for encoding). `ose_view` (view mode) is ours too; its lead is shown next to the owning one.
"""
import json
import statistics
import sys

MODES = [
    ("decode_fresh", "Decode into a fresh message (constructed and destroyed per decode)"),
    ("decode_reused", "Decode into a reused message (kept across decodes)"),
    ("encode", "Encode into a reused std::string"),
]
OURS = ("ose", "ose_view")


def load(paths):
    times = {}  # (op, slug, impl) -> [CPU ns of each repetition]
    samples = {}  # slug -> (title, bytes), in registration order
    impls = []
    contexts = []
    order = {}  # slug -> position of its first benchmark (the registration order)
    for path in paths:
        with open(path) as f:
            data = json.load(f)
        ctx = data.get("context", {})
        contexts.append(ctx)
        for name in ctx.get("implementations", "").split():
            if name not in impls:
                impls.append(name)
        for key, value in ctx.items():
            if key.startswith("sample/"):
                title, size = value.rsplit("|", 1)
                samples.setdefault(key[len("sample/"):], (title, int(size)))
        seen = {}
        for b in data["benchmarks"]:
            if b.get("error_occurred") or b.get("run_type") == "aggregate":
                continue
            parts = b["run_name"].split("/")
            if len(parts) != 3:
                continue
            scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}[b.get("time_unit", "ns")]
            seen.setdefault(tuple(parts), []).append(b["cpu_time"] * scale)
            order.setdefault(parts[1], len(order))
        for key, reps in seen.items():
            if key not in times or min(reps) < min(times[key]):
                times[key] = reps
    samples = dict(sorted(samples.items(), key=lambda kv: order.get(kv[0], 1 << 30)))
    return times, samples, impls, contexts


def main(paths):
    times, samples, impls, contexts = load(paths)
    impls.sort(key=lambda i: (i not in OURS, OURS.index(i) if i in OURS else 0))
    peers = [i for i in impls if i not in OURS]

    def cell(key):
        reps = times.get(key)
        if not reps:
            return "-"
        lo, med = min(reps), statistics.median(reps)
        return f"{lo:,.0f}" if len(reps) == 1 else f"{lo:,.0f} / {med:,.0f}"

    def row(cells):
        return "| " + " | ".join(cells) + " |"

    out = []
    for op, heading in MODES:
        present = [i for i in impls if any((op, s, i) in times for s in samples)]
        if not present:
            continue
        out.append(f"**{heading}**: CPU ns per message, fastest / median repetition\n")
        out.append(row(["message (bytes)"] + present + ["fastest peer", "lead"]))
        out.append(row(["---"] + ["---:"] * (len(present) + 2)))
        for slug, (title, size) in samples.items():
            if not any((op, slug, i) in times for i in present):
                continue
            best = None
            for p in peers:
                reps = times.get((op, slug, p))
                if reps and (best is None or min(reps) < best[1]):
                    best = (p, min(reps))
            leads = []
            for mine in OURS:
                reps = times.get((op, slug, mine))
                if reps and best:
                    leads.append(f"{best[1] / min(reps):.2f}" + ("" if mine == "ose" else " (view)"))
            cells = [f"{title} ({size:,})"] + [cell((op, slug, i)) for i in present]
            cells += [best[0] if best else "-", ", ".join(leads) or "-"]
            out.append(row(cells))
        out.append("")

    for ctx in contexts:
        load_avg = ", ".join(f"{x:.2f}" for x in ctx.get("load_avg", []))
        out.append(f"{ctx.get('num_cpus', '?')} CPUs at {ctx.get('mhz_per_cpu', '?')} MHz, load average "
                   f"{load_avg} when the run started; implementations: {ctx.get('implementations', '?')}.")
    print("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
