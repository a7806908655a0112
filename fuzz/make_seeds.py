#!/usr/bin/env python3
"""Regenerates fuzz/seeds/<target>/ from the shared test vectors and samples.

The small files of tests/bad_inputs/ seed their parser's target too.
Each target's input layout is described at the top of its fuzz_targets/*.rs:
csv_import takes a flags byte (behavior, snapshot choice) before the CSV,
report takes a reader-selector byte before the CSV. Run from anywhere:
    python3 fuzz/make_seeds.py
"""
import hashlib
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fuzz" / "seeds"
REPORTS = ["Subscription Details", "Calling Usage Details", "Devices", "Phone Numbers", "Webex App Versions"]


def put(target, data):
    folder = SEEDS / target
    folder.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha256(data).hexdigest()[:16]
    (folder / name).write_bytes(data)


def main():
    vectors = sorted((ROOT / "tests" / "vectors" / "csv").glob("*/input.csv"))
    for i, csv in enumerate(vectors):
        data = csv.read_bytes()
        # Both behaviors; the fixed snapshot on every other case.
        put("csv_import", bytes([(i & 1) | (2 if i % 2 == 0 else 0)]) + data)
        org = csv.parent / "org.json"
        if org.exists():
            put("org_snapshot", org.read_bytes())
            json = org.read_bytes()
            if len(json) <= 255:
                put("csv_import", bytes([4 | (i & 1), len(json)]) + json + data)
    put("org_snapshot", (ROOT / "samples" / "org.json").read_bytes())
    for selector, prefix in enumerate(REPORTS):
        for report in (ROOT / "samples" / "reports").glob(prefix + "_*.csv"):
            put("report", bytes([selector]) + report.read_bytes())
    # The legs sample is large: seed with its header and first 40 rows.
    legs = (ROOT / "samples" / "call_legs.csv").read_bytes().splitlines(keepends=True)
    put("call_legs", b"".join(legs[:41]))
    for case in (ROOT / "tests" / "vectors" / "quality").glob("*.csv"):
        put("call_legs", case.read_bytes())
    queue = (ROOT / "samples" / "call_queue.csv").read_bytes().splitlines(keepends=True)
    put("queued_calls", b"".join(queue[:41]))
    bad_inputs()


def bad_inputs():
    """The small files of the bad-input corpus seed the target of their parser."""
    corpus = ROOT / "tests" / "bad_inputs"
    reports = ["subscription_details", "calling_usage", "devices", "phone_numbers", "app_versions"]
    for name, e in json.loads((corpus / "expected.json").read_text()).items():
        path = corpus / name
        if "generate" in e or not path.exists() or path.stat().st_size > 65536:
            continue
        data, parser = path.read_bytes(), e["parser"]
        if parser == "user_csv":
            put("csv_import", b"\x00" + data)
        elif parser.startswith("report:"):
            put("report", bytes([reports.index(parser.split(":", 1)[1])]) + data)
        else:
            target = {"org_snapshot": "org_snapshot", "call_legs": "call_legs",
                      "queued_calls": "queued_calls", "api_payload": "api_payload"}[parser]
            put(target, data)


if __name__ == "__main__":
    main()
