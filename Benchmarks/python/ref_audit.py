"""Rows 5 and 6 (audit): `cassette audit DIR --format json` over the gzip'd corpus against
detect-secrets over the same cassettes decompressed; throughput, peak RSS, and recall and false
alarms on the planted corpus (truth.json from gen_inputs.py).

Scoring is per file, the same for both tools: a planted file counts as found when the tool
reports at least one finding in it; a clean file with any finding is a false alarm. For
detect-secrets the findings on planted files are also checked against the planted lines."""
import argparse
import json
import os
import re
import subprocess
import tempfile

from common import emit, seconds


def timed_rss(command):
    """Runs command under /usr/bin/time -f %M; returns (seconds, peak RSS in KiB, exit code, stdout)."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss, tempfile.TemporaryFile("w+") as out:
        result = {}
        elapsed = seconds(lambda: result.update(
            p=subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name] + command, stdout=out,
                             stderr=subprocess.DEVNULL)))
        out.seek(0)
        text = out.read()
        kib = int(open(rss.name).read().strip().splitlines()[-1])
        return elapsed, kib, result["p"].returncode, text


def file_key(path):
    match = re.search(r"(c\d{4})\.har", path or "")
    return match.group(1) if match else None


def findings_by_file(document):
    """Every object with a `file` member and a rule (our audit's findings, whatever the nesting)."""
    found = {}

    def walk(node):
        if isinstance(node, dict):
            if "file" in node and any(k in node for k in ("ruleID", "ruleId", "rule", "rule_id")):
                key = file_key(str(node["file"]))
                if key:
                    found.setdefault(key, []).append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    return found


def score(truth, flagged):
    planted = [k for k, v in truth.items() if v["planted"]]
    clean = [k for k, v in truth.items() if not v["planted"]]
    found = sum(1 for k in planted if flagged.get(k))
    false_alarms = sum(1 for k in clean if flagged.get(k))
    missed = {}
    for k in planted:
        if not flagged.get(k):
            case = f"{truth[k]['kind']}/{truth[k]['placement']}"
            missed[case] = missed.get(case, 0) + 1
    return found, len(planted), false_alarms, len(clean), missed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", required=True, help="out/audit")
    parser.add_argument("--ours", help="our audit command; the folder of cassettes is appended, JSON report on stdout")
    parser.add_argument("--detect-secrets", required=True, help="the detect-secrets executable")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--unavailable", default="", help="why our audit cannot be measured")
    args = parser.parse_args()
    with open(os.path.join(args.corpus, "truth.json")) as f:
        truth = json.load(f)["files"]
    gz_dir, plain_dir = os.path.join(args.corpus, "gz"), os.path.join(args.corpus, "plain")
    count = len(truth)
    megabytes = sum(os.path.getsize(os.path.join(plain_dir, n)) for n in os.listdir(plain_dir)) / 1e6

    # detect-secrets over the decompressed files.
    ds_runs, ds_rss, ds_output = [], [], ""
    for _ in range(args.runs):
        elapsed, kib, code, ds_output = timed_rss([args.detect_secrets, "scan", "--all-files", plain_dir])
        if code != 0:
            raise SystemExit(f"detect-secrets exited {code}")
        ds_runs.append(elapsed)
        ds_rss.append(kib)
    results = json.loads(ds_output)["results"]
    ds_flagged = {file_key(path): items for path, items in results.items()}
    ds_found, planted, ds_false, clean, ds_missed = score(truth, ds_flagged)
    on_line = sum(1 for k, v in truth.items() if v["planted"]
                  and any(item["line_number"] in v["lines"] for item in ds_flagged.get(k, [])))
    stray = sum(1 for k, v in truth.items() for item in ds_flagged.get(k, []) if item["line_number"] not in v["lines"])

    # ours
    ours_runs, ours_rss, ours_note, ours_score = [], [], args.unavailable, None
    if args.ours and not args.unavailable:
        output = ""
        for _ in range(args.runs):
            command = args.ours.split()
            command = [c.replace("{dir}", gz_dir) for c in command]
            elapsed, kib, code, output = timed_rss(command)
            if code not in (0, 1):
                ours_note = f"`{args.ours}` exited {code}"
                ours_runs = []
                break
            ours_runs.append(elapsed)
            ours_rss.append(kib)
        if ours_runs:
            try:
                ours_score = score(truth, findings_by_file(json.loads(output)))
            except json.JSONDecodeError:
                ours_note = "our audit printed no JSON"

    def emit_pair(row, unit, better, ours, theirs, transform, note=""):
        emit(row, "ours", unit, better, [transform(x) for x in ours], ours_note if not ours else note)
        emit(row, "detect-secrets", unit, better, [transform(x) for x in theirs], "scan --all-files on decompressed files")

    how = " ".join(os.path.basename(c) for c in (args.ours or "").split()[:2])
    emit_pair("audit-cassettes", "cassettes/s", "higher", ours_runs, ds_runs, lambda s: count / s,
              f"{count} cassettes through `{how}`")
    emit_pair("audit-mbps", "MB/s", "higher", ours_runs, ds_runs, lambda s: megabytes / s,
              f"{megabytes:.1f} MB decompressed")
    emit("rss-audit", "ours", "MiB", "lower", [k / 1024 for k in ours_rss], ours_note if not ours_rss else "")
    emit("rss-audit", "detect-secrets", "MiB", "lower", [k / 1024 for k in ds_rss])

    def fmt_missed(missed):
        return ", ".join(f"{k}×{v}" for k, v in sorted(missed.items())) or "none"

    if ours_score:
        found, _, false_alarms, _, missed = ours_score
        emit("audit-recall", "ours", "% found", "higher", [100 * found / planted],
             f"{found}/{planted}; missed: {fmt_missed(missed)}")
        emit("audit-false-alarms", "ours", "% clean flagged", "lower", [100 * false_alarms / clean],
             f"{false_alarms}/{clean} clean cassettes flagged")
    else:
        emit("audit-recall", "ours", "% found", "higher", [], ours_note)
        emit("audit-false-alarms", "ours", "% clean flagged", "lower", [], ours_note)
    emit("audit-recall", "detect-secrets", "% found", "higher", [100 * ds_found / planted],
         f"{ds_found}/{planted} (on the planted line: {on_line}); missed: {fmt_missed(ds_missed)}")
    emit("audit-false-alarms", "detect-secrets", "% clean flagged", "lower", [100 * ds_false / clean],
         f"{ds_false}/{clean} clean cassettes flagged; {stray} findings off the planted lines")


if __name__ == "__main__":
    main()
