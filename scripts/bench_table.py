#!/usr/bin/env python3
"""One table from a directory of benchmark outputs (scripts/bench.sh):
<name>.txt (stdout, with `BENCH <group> key=value ...` lines) and <name>.json
(Google Benchmark's --benchmark_out). Markdown tables on stdout."""
import glob
import json
import os
import sys

GROUP_TITLES = {
    "plan": "Plan at scale (10 runs; targets at 10,000: <= 2000 ms, <= 300 MB, RPC requests <= budget)",
    "apply_scenario": "Apply scenarios: transactions and fees against run-manager",
}


def table(headers, rows):
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(str(h))
              for i, h in enumerate(headers)]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"
    print(line(headers))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))
    print()


def bench_lines(directory):
    groups = {}  # group -> {identity: (source, fields)}
    for path in sorted(glob.glob(os.path.join(directory, "*.txt"))):
        source = os.path.basename(path)[:-4]
        with open(path, errors="replace") as f:
            for raw in f:
                parts = raw.split()
                if len(parts) < 2 or parts[0] != "BENCH":
                    continue
                fields = [p.split("=", 1) for p in parts[2:] if "=" in p]
                identity = (source, fields[0][1] if fields else "")
                groups.setdefault(parts[1], {})[identity] = (source, fields)
    return groups


def print_groups(groups):
    order = [g for g in GROUP_TITLES if g in groups] + sorted(g for g in groups if g not in GROUP_TITLES)
    for g in order:
        entries = list(groups[g].values())
        keys = []
        for _, fields in entries:
            for k, _ in fields:
                if k not in keys:
                    keys.append(k)
        print("### " + GROUP_TITLES.get(g, g))
        print()
        rows = [[src] + [dict(fields).get(k, "") for k in keys] for src, fields in entries]
        table(["bench"] + keys, rows)


def google_benchmarks(directory):
    rows, throughput = [], []
    for path in sorted(glob.glob(os.path.join(directory, "*.json"))):
        source = os.path.basename(path)[:-5]
        try:
            with open(path) as f:
                data = json.load(f)
        except (OSError, ValueError):
            continue
        for b in data.get("benchmarks", []):
            if b.get("run_type") == "aggregate":
                continue
            unit = b.get("time_unit", "ns")
            counters = {k: v for k, v in b.items() if isinstance(v, (int, float)) and k not in (
                "real_time", "cpu_time", "iterations", "repetitions", "repetition_index",
                "threads", "family_index", "per_family_instance_index")}
            shown = ", ".join("%s=%.4g" % (k, v) for k, v in counters.items())
            error = b.get("error_message", "")
            rows.append([source, b["name"], "%.4g %s" % (b.get("real_time", 0), unit),
                         "%.4g %s" % (b.get("cpu_time", 0), unit), error or shown])
            for k, v in counters.items():
                if k.endswith("_per_s"):
                    throughput.append([source, b["name"], k, "%.0f" % v])
    return rows, throughput


def main():
    directory = sys.argv[1]
    print_groups(bench_lines(directory))
    rows, throughput = google_benchmarks(directory)
    if throughput:
        print("### Throughput (localnet, apply)")
        print()
        table(["bench", "case", "counter", "per second"], throughput)
    print("### Every benchmark case")
    print()
    table(["bench", "case", "wall", "cpu", "counters"], rows)


if __name__ == "__main__":
    main()
