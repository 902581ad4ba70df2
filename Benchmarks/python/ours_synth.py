"""Row 3, our side: valid variants per second from `cassette synth <provider> --count N --seed S`
(one process: start, schema compile, generation, its own validation and printing all counted).
Each printed variant is checked afterwards with jsonschema-rs against the same schema."""
import argparse
import json
import subprocess

import jsonschema_rs

from common import emit, seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cassette", required=True)
    parser.add_argument("--provider", required=True)
    parser.add_argument("--schema", required=True)
    parser.add_argument("--row", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--count", type=int, default=2000)
    args = parser.parse_args()
    with open(args.schema) as f:
        validator = jsonschema_rs.validator_for(json.load(f), validate_formats=True)
    runs, note = [], ""
    for run in range(args.runs):
        result = {}
        command = [args.cassette, "synth", args.provider, "--count", str(args.count), "--seed", str(run + 1)]
        elapsed = seconds(lambda: result.update(p=subprocess.run(command, capture_output=True)))
        process = result["p"]
        if process.returncode != 0:
            emit(args.row, "ours", "valid docs/s", "higher", [],
                 f"cassette synth exited {process.returncode}: {process.stderr.decode()[:160].strip()}")
            return
        documents = json.loads(process.stdout)
        documents = documents if isinstance(documents, list) else [documents]
        valid = sum(1 for d in documents if validator.is_valid(d))
        runs.append(valid / elapsed)
        note = f"{valid}/{len(documents)} valid per jsonschema-rs; one process per run, --count {args.count}"
    emit(args.row, "ours", "valid docs/s", "higher", runs, note)


if __name__ == "__main__":
    main()
