"""Row 4 reference: documents per second through python-jsonschema (Draft202012Validator with
its FormatChecker) and jsonschema-rs (validate_formats=True), on the same parsed documents."""
import argparse
import json

import jsonschema
import jsonschema_rs

from common import emit, seconds


def measure(row, side, is_valid, documents, runs, budget):
    per_second, valid = [], 0
    for _ in range(runs):
        # python-jsonschema is slow: time a prefix so one run stays within the budget.
        count = len(documents)
        elapsed = seconds(lambda: [is_valid(d) for d in documents[:1]])
        if elapsed * count > budget:
            count = max(1, int(budget / max(elapsed, 1e-9)))
        sample = documents[:count]
        results = []
        elapsed = seconds(lambda: results.extend(is_valid(d) for d in sample))
        valid = sum(results)
        per_second.append(count / elapsed)
    emit(row, side, "docs/s", "higher", per_second, f"{valid}/{count} valid")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--schema", required=True)
    parser.add_argument("--documents", required=True)
    parser.add_argument("--row", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--budget", type=float, default=2.0, help="seconds per run at most")
    args = parser.parse_args()
    with open(args.schema) as f:
        schema = json.load(f)
    with open(args.documents) as f:
        documents = [json.loads(line) for line in f if line.strip()]
    python = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    measure(args.row, "python-jsonschema", python.is_valid, documents, args.runs, args.budget)
    rust = jsonschema_rs.validator_for(schema, validate_formats=True)
    measure(args.row, "jsonschema-rs", rust.is_valid, documents, args.runs, args.budget)


if __name__ == "__main__":
    main()
