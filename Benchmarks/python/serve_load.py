"""The serve rows of Benchmarks/compare: `cassette serve` (or cassette-bench serve, the same
library code), a bare SwiftNIO responder (the floor: same body, same event-loop threads) and
Python's ThreadingHTTPServer (the reference), loaded with wrk at 1, 16, 64 and 256 connections,
interleaved level by level, requests/s and p99 latency, and each server's CPU time per request
(user + system, from /proc: it holds on a loaded machine where requests/s do not). With --soak S, also the resident size of
`serve` over S seconds at 256 connections (it should stay flat)."""
import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import time

from common import emit

LEVELS = [1, 16, 64, 256]


def start(command, log_path, stdout=subprocess.DEVNULL):
    log = open(log_path, "w")
    process = subprocess.Popen(command, stdout=stdout, stderr=log)
    deadline = time.time() + 30
    while time.time() < deadline:
        with open(log_path) as f:
            match = re.search(r"http://127\.0\.0\.1:[0-9]+", f.read())
        if match:
            return process, match.group(0)
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    raise SystemExit(f"serve_load: {command[0]} did not start; see {log_path}")


def to_ms(text):
    value, unit = re.match(r"([0-9.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def cpu_seconds(pid):
    """User + system CPU seconds of a process and its threads so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wrk(url, connections, seconds, pid, headers=()):
    threads = min(2, connections)
    cpu_before = cpu_seconds(pid)
    extra = [argument for header in headers for argument in ("-H", header)]
    out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency",
                          "--timeout", "5s", *extra, url], capture_output=True, text=True).stdout
    rps = re.search(r"Requests/sec:\s+([0-9.]+)", out)
    p99 = re.search(r"\s99%\s+([0-9.]+(?:us|ms|s))", out)
    total = re.search(r"([0-9]+) requests in", out)
    cpu_us = (cpu_seconds(pid) - cpu_before) * 1e6 / int(total.group(1)) if total and int(total.group(1)) else None
    errors = re.search(r"Non-2xx or 3xx responses: ([0-9]+)", out)
    if errors:
        # Non-2xx answers are not the row's work: the figures would measure error pages.
        print(f"serve_load: {errors.group(1)} non-2xx answers from {url}; its figures are dropped", file=sys.stderr)
        return (None, None, None)
    return (float(rps.group(1)) if rps else None, to_ms(p99.group(1)) if p99 else None, cpu_us)


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--serve", required=True, help="the serve command; {cassette} is replaced")
    parser.add_argument("--floor", required=True, help="the nio-floor binary")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--cassette", required=True)
    parser.add_argument("--path", default="/auth/v1/users/me")
    parser.add_argument("--out", required=True)
    parser.add_argument("--seconds", type=int, default=6)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--soak", type=int, default=0)
    parser.add_argument("--emulate", help="the emulate command (ZITADEL only, --print-credentials): measured as a "
                        "fourth side against the same floor; its body is the emulator's own")
    args = parser.parse_args()

    with gzip.open(args.cassette, "rt") as f:
        entry = json.load(f)["log"]["entries"][0]
    content = entry["response"]["content"]
    body_path = os.path.join(args.out, "serve-body.json")
    with open(body_path, "w") as f:
        f.write(content.get("text", ""))
    here = os.path.dirname(os.path.abspath(__file__))
    servers = {
        "ours": args.serve.replace("{cassette}", args.cassette).split(),
        "bare SwiftNIO": [args.floor, "--body", body_path],
        "python ThreadingHTTPServer": [args.python, os.path.join(here, "ref_http_server.py"), "--body", body_path],
    }
    running = {}
    headers = {side: () for side in servers}
    for side, command in servers.items():
        log_path = os.path.join(args.out, f"serve-load-{side.split()[0]}.log")
        running[side] = start(command, log_path)
    if args.emulate:
        # The emulator's credential is fresh at every start; it is read from the command's
        # stdout (`export ZITADEL_TOKEN=...`), handed to wrk only, and never printed.
        side = "cassette emulate"
        servers[side] = args.emulate.split()
        running[side] = start(servers[side], os.path.join(args.out, "serve-load-emulate.log"), stdout=subprocess.PIPE)
        line = running[side][0].stdout.readline().decode()
        token = line.strip().split("=", 1)[1].strip("'") if line.startswith("export ZITADEL_TOKEN=") else ""
        if not token:
            raise SystemExit("serve_load: the emulator printed no ZITADEL_TOKEN line")
        headers[side] = (f"Authorization: Bearer {token}",)
    try:
        results = {(side, level): ([], [], []) for side in servers for level in LEVELS}
        for run in range(args.runs):
            for level in LEVELS:
                sides = list(servers)
                order = sides[run % len(sides):] + sides[:run % len(sides)]
                for side in order:
                    figures = wrk(running[side][1] + args.path, level, args.seconds, running[side][0].pid, headers[side])
                    for index, value in enumerate(figures):
                        if value is not None:
                            results[(side, level)][index].append(value)
        for level in LEVELS:
            for side in servers:
                rps, p99, cpu = results[(side, level)]
                # The emulator gets rows of its own (`emulate-...`, its side called `ours`) with
                # the floor's figures beside it, so the table divides by the same floor.
                sides = [("serve", side)] if side != "cassette emulate" else [("emulate", "ours")]
                if side == "bare SwiftNIO" and args.emulate:
                    sides.append(("emulate", side))
                for prefix, name in sides:
                    emit(f"{prefix}-c{level}", name, "req/s", "higher", rps, f"wrk {args.seconds} s, {level} connection(s)")
                    emit(f"{prefix}-p99-c{level}", name, "ms", "lower", p99, f"wrk p99, {level} connection(s)")
                    emit(f"{prefix}-cpu-c{level}", name, "CPU µs/request", "lower", cpu,
                         f"server process CPU (user+system) per answered request, {level} connection(s)")
        if args.soak:
            process, url = running["ours"]
            samples = []
            load = subprocess.Popen(["wrk", "-t", "2", "-c", "256", "-d", f"{args.soak}s", url + args.path],
                                    stdout=subprocess.DEVNULL)
            for _ in range(args.soak // 5):
                time.sleep(5)
                samples.append(rss_kib(process.pid) / 1024)
            load.wait()
            emit("serve-rss-soak", "ours", "MiB", "lower", samples,
                 f"resident size every 5 s over {args.soak} s at 256 connections")
    finally:
        for process, _ in running.values():
            process.kill()
            process.wait()


if __name__ == "__main__":
    main()
