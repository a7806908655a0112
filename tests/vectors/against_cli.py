#!/usr/bin/env python3
"""Runs every CSV vector through a `wholesale` binary and says whether its
plan matches the vector's expected outcome (actions, codes per row, file
codes; last_line ignored, since older plans lack it). For showing which
vectors an older build fails:

    python3 tests/vectors/against_cli.py OLD/target/release/wholesale tests/vectors/csv
"""
import json, os, subprocess, sys
binary, root = sys.argv[1], sys.argv[2]
def shape(plan):
    return (sorted(e["code"] for e in plan["file_errors"]),
            sorted(w["code"] for w in plan["file_warnings"]),
            [(r["line"], r["action"], sorted(e["code"] for e in r["errors"]), sorted(w["code"] for w in r["warnings"])) for r in plan["rows"]])
for name in sorted(os.listdir(root)):
    case_dir = os.path.join(root, name)
    if not os.path.isdir(case_dir):
        continue
    case = json.load(open(os.path.join(case_dir, "case.json")))
    args = [binary, "csv", "check", os.path.join(case_dir, "input.csv"), "--format", "json",
            "--behavior", case["behavior"].replace("_", "-")]
    if os.path.exists(os.path.join(case_dir, "org.json")):
        args += ["--org", os.path.join(case_dir, "org.json")]
    run = subprocess.run(args, capture_output=True)
    expected = case["expected"]
    if "error" in expected:
        ok = run.returncode == 2 and expected["error"]["code"].encode() in run.stderr
        got = f"exit {run.returncode}"
    else:
        try:
            plan = json.loads(run.stdout)
            ok = shape(plan) == shape(expected)
            got = "differs"
        except Exception:
            ok, got = False, f"exit {run.returncode}: {run.stderr[:100]!r}"
    print(f"{'pass' if ok else 'FAIL'} {name}" + ("" if ok else f" ({got})"))
