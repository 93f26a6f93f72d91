#!/usr/bin/env python3
"""Markdown tables from the JSON output of koodrive_ose_bench (--benchmark_out=FILE).

    python3 benchmarks/table.py build/bench/results.json

MB/s is 10^6 bytes per CPU second (bytes of the JSON text: read for decode, written for
encode); ns is CPU time per message. With --benchmark_repetitions, the median is used.
The ratio is peer / ose: the peer's speed relative to this library (below 1: the peer is
slower; the issue's decode target of 1.3x the fastest peer means every ratio <= 0.77).
"""
import json
import sys


def main(path):
    with open(path) as f:
        data = json.load(f)
    ctx = data.get("context", {})
    impls = ctx.get("implementations", "ose").split()
    samples = []  # (slug, title, bytes), in the order the program registered them
    for key, value in ctx.items():
        if key.startswith("sample/"):
            title, size = value.rsplit("|", 1)
            samples.append((key[len("sample/"):], title, int(size)))
    order = {}
    ns = {}  # (op, slug, impl) -> CPU ns per message
    for b in data["benchmarks"]:
        if b.get("error_occurred"):
            continue
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
            continue
        op, slug, impl = b["run_name"].split("/")
        scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}[b.get("time_unit", "ns")]
        key = (op, slug, impl)
        if b.get("run_type") == "aggregate" or key not in ns:
            ns[key] = b["cpu_time"] * scale
            nbytes = b.get("bytes")
            if nbytes is not None:
                ns[key + ("bytes",)] = nbytes
        order.setdefault(slug, len(order))
    samples.sort(key=lambda s: order.get(s[0], 1 << 30))

    def mbps(op, slug, impl):
        t = ns.get((op, slug, impl))
        n = ns.get((op, slug, impl, "bytes"))
        return None if t is None or n is None else n / t * 1e3

    def fmt(x, digits=0):
        if x is None:
            return "-"
        return f"{x:.{digits}f}"

    def row(cells):
        return "| " + " | ".join(cells) + " |"

    peers = [i for i in impls if i != "ose"]
    out = []
    out.append("**MB/s, decode / encode** (10^6 bytes per CPU second, median)\n")
    out.append(row(["message (bytes)"] + impls))
    out.append(row(["---"] + ["---:"] * len(impls)))
    for slug, title, size in samples:
        cells = [f"{title} ({size} B)"]
        for i in impls:
            cells.append(f"{fmt(mbps('decode', slug, i))} / {fmt(mbps('encode', slug, i))}")
        out.append(row(cells))

    out.append("\n**Ratio peer / ose, decode / encode** (below 1: the peer is slower than this library)\n")
    out.append(row(["message"] + peers))
    out.append(row(["---"] + ["---:"] * len(peers)))
    for slug, title, _ in samples:
        cells = [title]
        for p in peers:
            parts = []
            for op in ("decode", "encode"):
                ours, theirs = ns.get((op, slug, "ose")), ns.get((op, slug, p))
                parts.append("-" if ours is None or theirs is None else f"{ours / theirs:.2f}")
            cells.append(" / ".join(parts))
        out.append(row(cells))

    out.append("\n**ns per message, decode / encode** (CPU time, median)\n")
    out.append(row(["message"] + impls))
    out.append(row(["---"] + ["---:"] * len(impls)))
    for slug, title, _ in samples:
        cells = [title]
        for i in impls:
            cells.append(f"{fmt(ns.get(('decode', slug, i)))} / {fmt(ns.get(('encode', slug, i)))}")
        out.append(row(cells))

    host = ctx.get("host_name", "?")
    cpus = ctx.get("num_cpus", "?")
    mhz = ctx.get("mhz_per_cpu", "?")
    load = ctx.get("load_avg", [])
    out.append(f"\n{cpus} CPUs at {mhz} MHz, load average {', '.join(f'{x:.2f}' for x in load)} "
               f"when the run started; implementations: {' '.join(impls)}.")
    print("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
