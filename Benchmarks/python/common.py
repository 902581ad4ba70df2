"""Shared helpers: measurements are printed as one JSON line each, like cassette-bench does."""
import json
import sys
import time


def emit(row, side, unit, better, runs, note=""):
    """Print one measurement line (collected by table.py)."""
    print(json.dumps({"row": row, "side": side, "unit": unit, "better": better,
                      "runs": runs, "note": note}))
    sys.stdout.flush()


def seconds(body):
    """Wall-clock seconds taken by body() (monotonic clock)."""
    start = time.perf_counter()
    body()
    return time.perf_counter() - start
