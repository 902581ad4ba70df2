"""Prints the one table of Benchmarks/compare (markdown) from the measurement lines in
out/results.jsonl, with the machine it ran on. Figures are medians of the runs with the spread
(min–max); `ours/ref` is our median divided by the reference's, in the row's unit."""
import argparse
import json
import os
import platform
import statistics
import subprocess

# (row, reference side) -> (test on ours/ref or on ours alone, goal text)
GOALS = {
    ("replay-10000", "constant-urlprotocol"): (lambda r, o: r <= 1.15, "≤ 1.15× the floor"),
    ("replay-flatness", "replay-10"): (lambda r, o: r <= 1.15, "flat: ≤ 1.15× the 10-interaction time"),
    ("open-10000", "python gzip+json.load"): (lambda r, o: r <= 1 / 3, "≥ 3× faster than Python"),
    ("open-10000", "gzip -dc"): (lambda r, o: r <= 3, "within 3× of gzip -dc"),
    ("open-10000-one-core", "python gzip+json.load"): (lambda r, o: r <= 1 / 3, "informative (ours pinned to one core): ≥ 3× faster than Python"),
    ("synth-wacht", "hypothesis-jsonschema"): (lambda r, o: o >= 10000, "≥ 10,000 valid docs/s"),
    ("audit-cassettes", "detect-secrets"): (lambda r, o: o >= 1000 and r >= 100,
                                            "1,000 cassettes < 1 s and ≥ 100× detect-secrets"),
    ("audit-recall", "detect-secrets"): (lambda r, o: o >= 100, "every planted secret found"),
}
for provider in ("atoms", "unleash", "wacht", "zitadel"):
    GOALS[(f"validate-{provider}", "python-jsonschema")] = (lambda r, o: r >= 50, "≥ 50× python-jsonschema")
    GOALS[(f"validate-{provider}", "jsonschema-rs")] = (lambda r, o: r >= 0.5, "within 2× of jsonschema-rs")

for level in (1, 16, 64, 256):
    GOALS[(f"serve-c{level}", "bare SwiftNIO")] = (lambda r, o: r >= 0.5, "≥ 0.5× the bare SwiftNIO floor")
    GOALS[(f"serve-c{level}", "python ThreadingHTTPServer")] = (lambda r, o: r >= 1, "ahead of Python")
GOALS[("serve-p99-c256", "bare SwiftNIO")] = (lambda r, o: r <= 2, "p99 within 2× the floor's")
for level in (1, 16, 64, 256):
    GOALS[(f"emulate-c{level}", "bare SwiftNIO")] = (lambda r, o: r >= 0.5, "≥ 0.5× the bare SwiftNIO floor")
GOALS[("emulate-p99-c256", "bare SwiftNIO")] = (lambda r, o: r <= 2, "p99 within 2× the floor's")

ORDER = ["serve-c1", "serve-c16", "serve-c64", "serve-c256", "serve-p99-c1", "serve-p99-c16", "serve-p99-c64",
         "serve-p99-c256", "serve-cpu-c1", "serve-cpu-c16", "serve-cpu-c64", "serve-cpu-c256", "serve-rss-soak",
         "emulate-c1", "emulate-c16", "emulate-c64", "emulate-c256", "emulate-p99-c1", "emulate-p99-c16",
         "emulate-p99-c64", "emulate-p99-c256", "emulate-cpu-c1", "emulate-cpu-c16", "emulate-cpu-c64", "emulate-cpu-c256", "replay-10", "replay-1000", "replay-10000", "replay-flatness", "ahc-replay-1000", "ahc-replay-10000", "open-10000", "open-10000-one-core", "synth-atoms",
         "synth-unleash", "synth-wacht", "synth-zitadel", "validate-atoms", "validate-unleash",
         "validate-wacht", "validate-zitadel", "audit-cassettes", "audit-mbps", "audit-recall",
         "audit-false-alarms", "rss-audit", "rss-open-10000"]


def figure(runs):
    if not runs:
        return None, ""
    median = statistics.median(runs)
    spread = f" ({fmt(min(runs))}–{fmt(max(runs))}, n={len(runs)})" if len(runs) > 1 else ""
    return median, fmt(median) + spread


def fmt(x):
    if x >= 100:
        return f"{x:,.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.3g}"


def machine():
    def run(command):
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=60).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return "?"
    memory = "?"
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    pretty = "?"
    if os.path.exists("/etc/os-release"):
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    pretty = line.split("=", 1)[1].strip().strip('"')
    swift = run(["swift", "--version"]).splitlines()
    load = os.getloadavg()
    return (f"{os.cpu_count()} cores, {memory} memory, {pretty} ({platform.system()} {platform.release()}), "
            f"{swift[0] if swift else '?'}; load average at the end {load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", required=True)
    args = parser.parse_args()
    rows = {}
    with open(args.results) as f:
        for line in f:
            line = line.strip()
            if line.startswith("{"):
                m = json.loads(line)
                rows.setdefault(m["row"], {})[m["side"]] = m
    # Derived row: flatness of replay from 10 to 10,000 interactions.
    if "ours" in rows.get("replay-10000", {}) and "ours" in rows.get("replay-10", {}):
        rows["replay-flatness"] = {
            "ours": dict(rows["replay-10000"]["ours"], note="ours at 10,000 interactions"),
            "replay-10": dict(rows["replay-10"]["ours"], side="replay-10", note="ours at 10 interactions")}

    print("| row | unit | ours: median (min–max) | reference | reference: median (min–max) | ours/ref | goal | notes |")
    print("|---|---|---|---|---|---|---|---|")
    for row in sorted(rows, key=lambda r: (ORDER.index(r) if r in ORDER else len(ORDER), r)):
        sides = rows[row]
        ours = sides.get("ours")
        ours_median, ours_text = figure(ours["runs"]) if ours else (None, "")
        if ours and not ours["runs"]:
            ours_text = f"not measured: {ours['note'] or 'no figure'}"
        references = [s for s in sides if s != "ours"] or [None]
        for side in references:
            ref = sides.get(side) if side else None
            ref_median, ref_text = figure(ref["runs"]) if ref else (None, "")
            if ref and not ref["runs"]:
                ref_text = f"not measured: {ref['note'] or 'no figure'}"
            ratio = ours_median / ref_median if ours_median is not None and ref_median else None
            goal = GOALS.get((row, side))
            verdict = ""
            if goal:
                if ours_median is None:
                    verdict = f"{goal[1]}: not measured"
                else:
                    verdict = f"{goal[1]}: {'met' if goal[0](ratio or 0, ours_median) else 'MISSED'}"
            unit = (ours or ref)["unit"]
            notes = "; ".join(n for n in ((ours or {}).get("note", "") if ours and ours["runs"] else "",
                                          (ref or {}).get("note", "") if ref and ref["runs"] else "") if n)
            print(f"| {row} | {unit} | {ours_text or '—'} | {side or '—'} | {ref_text or '—'} | "
                  f"{fmt(ratio) if ratio is not None else '—'} | {verdict} | {notes} |")
    print()
    print(f"Machine: {machine()}")


if __name__ == "__main__":
    main()
