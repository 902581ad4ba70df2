"""Row 3, our side: valid variants per second from `cassette synth <provider> --count N --seed S`
or `cassette-bench synth --provider P --count N --seed S` (the same library code), given as a
command template with {count} and {seed} (one process: start, schema compile, generation, its
own validation and printing all counted).
Each printed variant is checked afterwards with jsonschema-rs against the same schema."""
import argparse
import json
import subprocess

import jsonschema_rs

from common import emit, seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--command", required=True, help="command template with {count} and {seed}")
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
        command = [part.format(count=args.count, seed=run + 1) for part in args.command.split()]
        elapsed = seconds(lambda: result.update(p=subprocess.run(command, capture_output=True)))
        process = result["p"]
        if process.returncode != 0:
            emit(args.row, "ours", "valid docs/s", "higher", [],
                 f"{command[0]} exited {process.returncode}: {process.stderr.decode()[:160].strip()}")
            return
        documents = json.loads(process.stdout)
        documents = documents if isinstance(documents, list) else [documents]
        valid = sum(1 for d in documents if validator.is_valid(d))
        runs.append(valid / elapsed)
        note = f"{valid}/{len(documents)} valid per jsonschema-rs; one process per run, --count {args.count}, {command[0].split('/')[-1]}"
    emit(args.row, "ours", "valid docs/s", "higher", runs, note)


if __name__ == "__main__":
    main()
