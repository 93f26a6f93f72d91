#!/usr/bin/env python3
"""SVG charts of the benchmark results, for README.md (Debian: python3-matplotlib).

    charts.py throughput RESULTS.json OUT_DIR     OUT_DIR/throughput.svg from koodrive_ose_bench's
                                                  JSON (--benchmark_out): MB/s per message, one
                                                  bar per implementation and mode, one panel per
                                                  operation (decode, encode, ...)
    charts.py compile-cost TABLE.md OUT_DIR       OUT_DIR/compile_cost.svg from the Markdown table
                                                  of benchmarks/compile_cost.sh ("-": stdin)

A benchmark is named OPERATION/MESSAGE/IMPLEMENTATION[/MODE...]; everything after the message
is the bar's label, so new modes (fresh, reused, view) need no change here. MB/s is 10^6 bytes
of JSON (the sample's size, from the context) per CPU second of the median repetition. The SVGs are reproducible: same input, same bytes.
"""
import json
import os
import re
import statistics
import sys


def pyplot():
    try:
        import matplotlib
    except ImportError:
        # A python3 of its own (pyenv, a venv) may lack Debian's matplotlib: try Debian's.
        if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
            os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
        sys.exit("charts.py: matplotlib not found (apt-get install python3-matplotlib)")
    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.hashsalt": "koodrive-ose", "svg.fonttype": "none", "font.size": 9})
    return plt


def save(fig, path):
    fig.savefig(path, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    print(f"wrote {path}")


def throughput(results, out_dir):
    with open(results) as f:
        data = json.load(f)
    ctx = data.get("context", {})
    titles, sizes = {}, {}
    for key, value in ctx.items():
        if key.startswith("sample/"):
            title, size = value.rsplit("|", 1)
            titles[key[len("sample/"):]] = title
            sizes[key[len("sample/"):]] = int(size)
    runs, medians = {}, {}  # (operation, message, series) -> CPU ns of each repetition / the median
    nbytes = {}
    ops, messages, series = [], [], []
    for b in data["benchmarks"]:
        if b.get("error_occurred"):
            continue
        parts = b["run_name"].split("/")
        if len(parts) < 3:
            continue
        key = (parts[0], parts[1], "/".join(parts[2:]))
        scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}[b.get("time_unit", "ns")]
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                medians[key] = b["cpu_time"] * scale
        else:
            runs.setdefault(key, []).append(b["cpu_time"] * scale)
        if b.get("bytes"):  # a stddev or cv aggregate says 0 bytes
            nbytes[key] = b["bytes"]
        for value, seen in zip(key, (ops, messages, series)):
            if value not in seen:
                seen.append(value)
    mbps = {}  # (operation, message, series) -> MB/s of the median repetition
    for key in set(runs) | set(medians):
        ns = statistics.median(runs[key]) if key in runs else medians[key]
        size = nbytes.get(key, sizes.get(key[1]))
        if size and ns > 0:
            mbps[key] = size / ns * 1e3
    if not mbps:
        sys.exit(f"charts.py: no throughput figures in {results}")

    plt = pyplot()
    height = max(4.0, 0.15 * len(messages) * (len(series) + 1) + 1.0)
    fig, axes = plt.subplots(1, len(ops), figsize=(5.5 * len(ops), height), sharey=True, squeeze=False)
    colors = plt.get_cmap("tab10")
    bar = 1.0 / (len(series) + 1)
    for ax, op in zip(axes[0], ops):
        for i, label in enumerate(series):
            ys, xs = [], []
            for m, message in enumerate(messages):
                if (op, message, label) in mbps:
                    ys.append(m + i * bar)
                    xs.append(mbps[(op, message, label)])
            if xs:
                ax.barh(ys, xs, height=bar, color=colors(i % 10), label=label)
        ax.set_title(f"{op}: MB/s (higher is better)")
        ax.set_xlabel("10^6 bytes of JSON per CPU second")
        ax.grid(axis="x", alpha=0.3)
    axes[0][0].set_yticks([m + bar * (len(series) - 1) / 2 for m in range(len(messages))])
    axes[0][0].set_yticklabels([titles.get(m, m) for m in messages])
    axes[0][0].invert_yaxis()
    handles, labels = [], []
    for ax in axes[0]:  # an operation only some implementations have (encode) still names all
        for h, label in zip(*ax.get_legend_handles_labels()):
            if label not in labels:
                handles.append(h)
                labels.append(label)
    # One legend above the panels, where it hides no bar.
    fig.legend(handles, labels, loc="upper center", ncol=len(labels), bbox_to_anchor=(0.5, 0.965), frameon=False)
    machine = f"{ctx['num_cpus']} CPUs" if "num_cpus" in ctx else "one machine"
    if "mhz_per_cpu" in ctx:
        machine += f" at {ctx['mhz_per_cpu']} MHz"
    fig.suptitle(f"koodrive-ose and its peers in one run ({machine}; median CPU time)")
    fig.tight_layout(rect=(0, 0, 1, 0.94))
    save(fig, os.path.join(out_dir, "throughput.svg"))
    plt.close(fig)


def markdown_rows(text):
    rows = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("|") and not re.match(r"^\|[\s:|-]+\|$", line):
            rows.append([c.strip() for c in line.strip("|").split("|")])
    return rows


def number(cell):
    cleaned = cell.replace(",", "").strip()
    try:
        return float(cleaned)
    except ValueError:
        return None


def compile_cost(table, out_dir):
    text = sys.stdin.read() if table == "-" else open(table).read()
    rows = markdown_rows(text)
    if len(rows) < 2:
        sys.exit(f"charts.py: no Markdown table in {table}")
    header = [h.lower() for h in rows[0]]

    def column(*names):
        for name in names:
            for i, h in enumerate(header):
                if h.startswith(name):
                    return i
        return None

    seconds = column("cpu over floor", "after", "cpu s", "wall s", "wall")
    size = column("object bytes", "object")
    if seconds is None:
        sys.exit(f"charts.py: no seconds column in {table} (header: {rows[0]})")
    units = [r for r in rows[1:] if len(r) == len(header) and number(r[seconds]) is not None]
    plt = pyplot()
    panels = 2 if size is not None else 1
    fig, axes = plt.subplots(1, panels, figsize=(6 * panels, 0.45 * len(units) + 1.5), sharey=True, squeeze=False)
    ys = list(range(len(units)))
    peer = re.compile(r"nlohmann|boost|simdjson|rapidjson|empty|floor|<string>", re.I)
    ours = ["#9b9b9b" if peer.search(r[0]) else "#1f77b4" for r in units]  # grey: peers and baselines
    axes[0][0].barh(ys, [number(r[seconds]) for r in units], color=ours)
    axes[0][0].set_title(f"{rows[0][seconds]}: seconds (lower is better)")
    axes[0][0].set_yticks(ys)
    axes[0][0].set_yticklabels([r[0].replace("`", "") for r in units])
    axes[0][0].invert_yaxis()
    if size is not None:
        axes[0][1].barh(ys, [(number(r[size]) or 0) / 1000 for r in units], color=ours)
        axes[0][1].set_title("object size, kB (lower is better)")
    for ax in axes[0]:
        ax.grid(axis="x", alpha=0.3)
    fig.suptitle("Compile cost of one translation unit (benchmarks/compile_cost.sh)")
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    save(fig, os.path.join(out_dir, "compile_cost.svg"))
    plt.close(fig)


def main(argv):
    if len(argv) != 4 or argv[1] not in ("throughput", "compile-cost"):
        print(__doc__, file=sys.stderr)
        return 2
    os.makedirs(argv[3], exist_ok=True)
    if argv[1] == "throughput":
        throughput(argv[2], argv[3])
    else:
        compile_cost(argv[2], argv[3])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
