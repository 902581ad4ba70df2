"""Row 2 reference: open a cassette in Python (gzip + json.load + a dict index by method and
URL, what a replay tool needs), and `gzip -dc` alone (the zlib limit).
With --once: open once and exit (for /usr/bin/time -f %M)."""
import argparse
import gzip
import json
import subprocess

from common import emit, seconds


def python_open(path):
    with gzip.open(path, "rb") as f:
        document = json.load(f)
    entries = document["log"]["entries"]
    index = {}
    for n, entry in enumerate(entries):
        index.setdefault((entry["request"]["method"], entry["request"]["url"]), []).append(n)
    return len(entries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cassette", required=True)
    parser.add_argument("--row", default="open")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--once", action="store_true")
    args = parser.parse_args()
    if args.once:
        print(python_open(args.cassette))
        return
    python_runs = [seconds(lambda: python_open(args.cassette)) * 1000 for _ in range(args.runs)]
    emit(args.row, "python gzip+json.load", "ms", "lower", python_runs, "includes a dict index by (method, url)")

    def gunzip():
        subprocess.run(["gzip", "-dc", args.cassette], stdout=subprocess.DEVNULL, check=True)
    gzip_runs = [seconds(gunzip) * 1000 for _ in range(args.runs)]
    emit(args.row, "gzip -dc", "ms", "lower", gzip_runs, "includes starting the gzip process")


if __name__ == "__main__":
    main()
