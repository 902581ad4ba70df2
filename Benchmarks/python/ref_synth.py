"""Row 3 reference: valid documents per second from hypothesis-jsonschema on a provider's schema
(references inlined: it supports drafts 4/6/7 only), each checked with jsonschema-rs against the
original draft 2020-12 schema. Generation stops after --seconds per run."""
import argparse
import json
import time

import jsonschema_rs
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis_jsonschema import from_schema

from common import emit


class Enough(Exception):
    pass


def one_run(inlined, validator, budget):
    # The clock starts at the first document: building the strategy (canonicalising the
    # schema) is left out, as our side's schema compilation is amortised over --count.
    made = {"valid": 0, "all": 0, "start": None}

    @settings(max_examples=10 ** 9, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(from_schema(inlined))
    def generate(document):
        if made["start"] is None:
            made["start"] = time.perf_counter()
            return
        made["all"] += 1
        made["valid"] += validator.is_valid(document)
        if time.perf_counter() - made["start"] > budget:
            raise Enough

    try:
        generate()
    except Enough:
        pass
    except Exception as error:  # hypothesis-jsonschema refuses some schemas
        return None, f"failed: {type(error).__name__}: {str(error)[:120]}"
    if made["start"] is None:
        return None, "no document generated"
    elapsed = time.perf_counter() - made["start"]
    return made["valid"] / elapsed, f"{made['valid']}/{made['all']} valid in {elapsed:.1f} s"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--inlined", required=True)
    parser.add_argument("--schema", required=True)
    parser.add_argument("--row", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=4.0)
    args = parser.parse_args()
    with open(args.inlined) as f:
        inlined = json.load(f)
    with open(args.schema) as f:
        validator = jsonschema_rs.validator_for(json.load(f), validate_formats=True)
    runs, note = [], ""
    for _ in range(args.runs):
        rate, note = one_run(inlined, validator, args.seconds)
        if rate is None:
            break
        runs.append(rate)
    emit(args.row, "hypothesis-jsonschema", "valid docs/s", "higher", runs, note)


if __name__ == "__main__":
    main()
