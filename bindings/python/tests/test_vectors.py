"""Shared test vectors under `tests/vectors/` at the repository root, run
here with the same expected outcomes as the Rust runners
(`crates/wholesale-core/tests/*_vectors.rs`), compared as parsed JSON.

Two layouts:
- folder kinds, `<kind>/<case>/case.json` with input files beside it (csv);
- file kinds, `<kind>/<name>.json` (kpi, status; quality pairs each JSON with
  `<name>.csv`).

Each kind has one runner: a function that takes the parsed case JSON and its
folder (or file) and returns the actual outcome in the case's `expected`
shape. Adding a case is adding a folder or file; adding a kind is one runner.
Kinds without a runner are skipped, not failed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Dict, List

import pytest

import wholesale_core as wc
from conftest import repo_root

Case = Dict[str, Any]
Runner = Callable[[Case, Path], Any]

def run_csv(case: Case, folder: Path) -> Any:
    # As csv_vectors.rs: behavior, the snapshot when present (read from its
    # file, as the Rust runner's from_json), the raw bytes. A refused snapshot
    # (R-CSV-21) is the case's `{"error": {"code", "path"}}`; the plan's JSON
    # (with each row's `last_line`) is compared whole otherwise.
    org = folder / "org.json"
    try:
        plan = wc.check_csv(
            (folder / "input.csv").read_bytes(),
            behavior=case["behavior"],
            org=org if org.is_file() else None,
        )
    except wc.CsvImportError as err:
        return {"error": {"code": err.code, "path": err.field}}
    return plan.to_dict()


def run_kpi(case: Case, path: Path) -> Any:
    # As kpi_vectors.rs: options default when absent; a trend vector
    # (R-KPI-13) has dated `inputs` instead of `subscriptions`.
    data = case["input"]
    if "inputs" in data:
        return wc.license_trend(data["inputs"], data["product"])
    return wc.kpi_dashboard(
        data["subscriptions"], data["product"], data["as_of"], data.get("options")
    )


def run_status(case: Case, path: Path) -> Any:
    # As status_vectors.rs: thresholds default when absent.
    data = case["input"]
    return wc.customer_status(data["customer"], data["as_of"], data.get("thresholds"))


def run_quality(case: Case, path: Path) -> Any:
    # As quality_vectors.rs: the CSV beside the JSON, messages of rejected rows dropped.
    report = wc.weekly_quality_report(
        path.with_suffix(".csv"), case["as_of"], case.get("policy")
    )
    plain: Any = report
    for row in plain["rejected_rows"]:
        for problem in row["problems"]:
            del problem["message"]
    return plain


#: kind -> runner for folder kinds.
RUNNERS: Dict[str, Runner] = {"csv": run_csv}
#: kind -> runner for file kinds (`<kind>/<name>.json`).
FILE_RUNNERS: Dict[str, Runner] = {
    "kpi": run_kpi,
    "status": run_status,
    "quality": run_quality,
}


def discover(root: Path) -> List[Path]:
    """Every case folder under root/<kind>/<case>/case.json, sorted."""
    if not root.is_dir():
        return []
    return sorted(p.parent for p in root.glob("*/*/case.json"))


def run_case(folder: Path, runners: Dict[str, Runner]) -> None:
    kind = folder.parent.name
    runner = runners.get(kind)
    if runner is None:
        pytest.skip(f"no Python runner for vector kind {kind!r} yet")
    case: Case = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    assert "expected" in case, f"{folder}: case.json has no 'expected'"
    assert runner(case, folder) == case["expected"], folder.name


CASES = discover(repo_root() / "tests" / "vectors")


def discover_files(root: Path) -> List[Path]:
    """Every `<kind>/<name>.json` of a file kind, sorted."""
    return sorted(p for kind in FILE_RUNNERS for p in (root / kind).glob("*.json"))


FILE_CASES = discover_files(repo_root() / "tests" / "vectors")


@pytest.mark.parametrize("path", FILE_CASES, ids=[f"{p.parent.name}/{p.stem}" for p in FILE_CASES])
def test_shared_file_vector(path: Path) -> None:
    case: Case = json.loads(path.read_text(encoding="utf-8"))
    assert "expected" in case, f"{path}: no 'expected'"
    assert FILE_RUNNERS[path.parent.name](case, path) == case["expected"], path.name


def test_every_vector_kind_runs() -> None:
    # The Rust runners assert at least these counts; a lost folder fails here too.
    root = repo_root() / "tests" / "vectors"
    assert len([c for c in CASES if c.parent.name == "csv"]) >= 61
    for kind in FILE_RUNNERS:
        assert any(p.parent.name == kind for p in FILE_CASES), kind
    assert {p.name for p in root.iterdir() if p.is_dir()} <= set(RUNNERS) | set(FILE_RUNNERS)


@pytest.mark.parametrize(
    "folder", CASES or [None], ids=[f"{c.parent.name}/{c.name}" for c in CASES] or ["none"]
)
def test_shared_vector(folder: Path | None) -> None:
    if folder is None:
        pytest.skip("no shared vectors under tests/vectors yet")
    run_case(folder, RUNNERS)


# The harness itself, on a vector tree made here.


def write_case(root: Path, kind: str, name: str, case: Case) -> Path:
    folder = root / kind / name
    folder.mkdir(parents=True)
    (folder / "case.json").write_text(json.dumps(case), encoding="utf-8")
    return folder


def test_harness_discovers_and_dispatches_by_kind(tmp_path: Path) -> None:
    def email_runner(case: Case, folder: Path) -> Any:
        return wc.check_email(case["input"])

    ok = write_case(tmp_path, "demo", "ok", {"input": "a@b.co", "expected": None})
    bad = write_case(
        tmp_path,
        "demo",
        "bad",
        {
            "input": "a@",
            "expected": {
                "code": "EMAIL_INVALID",
                "rule": "R-CSV-14",
                "severity": "error",
                "field": "email",
                "line": None,
                "message": '"a@" is not a plausible e-mail address (expected name@domain.tld)',
            },
        },
    )
    other = write_case(tmp_path, "later", "x", {"expected": 1})
    assert discover(tmp_path) == sorted([bad, ok, other])
    run_case(ok, {"demo": email_runner})
    run_case(bad, {"demo": email_runner})
    with pytest.raises(pytest.skip.Exception):
        run_case(other, {"demo": email_runner})


def test_harness_fails_on_a_wrong_outcome(tmp_path: Path) -> None:
    folder = write_case(tmp_path, "demo", "wrong", {"expected": "yes"})
    with pytest.raises(AssertionError):
        run_case(folder, {"demo": lambda case, folder: "no"})


def test_missing_vector_root_is_empty(tmp_path: Path) -> None:
    assert discover(tmp_path / "nowhere") == []


def csv_case(name: str) -> Case:
    folder = repo_root() / "tests" / "vectors" / "csv" / name
    case: Case = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    return case


def test_r_csv_21_refused_snapshot_vectors_expect_the_error_form() -> None:
    # R-CSV-21: these cases expect {"error": {code, path}}, not a plan; the
    # runner must produce exactly that form (code and path from the exception).
    expected = {
        "snapshot_key_typo": ("SNAPSHOT_KEY_UNKNOWN", "locatons"),
        "snapshot_user_key_typo": ("SNAPSHOT_KEY_UNKNOWN", "users[1].emial"),
        "snapshot_package_unknown": ("SNAPSHOT_INVALID", None),
    }
    for name, (code, path) in expected.items():
        folder = repo_root() / "tests" / "vectors" / "csv" / name
        case = csv_case(name)
        assert set(case["expected"]) == {"error"}, name
        actual = run_csv(case, folder)
        assert actual == case["expected"], name
        assert actual["error"]["code"] == code, name
        if path is not None:
            assert actual["error"]["path"] == path, name


def test_r_csv_20_vectors_compare_last_line() -> None:
    # R-CSV-20/R-CSV-05: a record spanning lines carries its last physical
    # line; the shared expectation has it and the Python plan must match it.
    case = csv_case("stray_quote_swallows_many")
    folder = repo_root() / "tests" / "vectors" / "csv" / "stray_quote_swallows_many"
    rows = run_csv(case, folder)["rows"]
    assert [(r["line"], r["last_line"]) for r in rows] == [
        (r["line"], r["last_line"]) for r in case["expected"]["rows"]
    ]
    assert any(r["last_line"] > r["line"] for r in rows)


def test_r_csv_21_vector_with_absent_lists_warns_once_each() -> None:
    # R-CSV-21: a snapshot without locations/subscribed_packages (and a user
    # without licenses) plans with SNAPSHOT_LIST_MISSING warnings, as in Rust.
    folder = repo_root() / "tests" / "vectors" / "csv" / "snapshot_lists_unknown"
    case = csv_case("snapshot_lists_unknown")
    plan = run_csv(case, folder)
    assert plan == case["expected"]
    codes = [w["code"] for w in plan["file_warnings"]]
    assert "SNAPSHOT_LIST_MISSING" in codes


def test_harness_fails_on_a_wrong_error_path(tmp_path: Path) -> None:
    # The error form is compared field by field: a wrong path fails.
    folder = tmp_path / "csv" / "typo"
    folder.mkdir(parents=True)
    (folder / "input.csv").write_bytes(b"User ID/Email\n")
    (folder / "org.json").write_text('{"users": [{"emial": "a@b.co"}]}', encoding="utf-8")
    case: Case = {
        "behavior": "add_only",
        "expected": {"error": {"code": "SNAPSHOT_KEY_UNKNOWN", "path": "users[1].emial"}},
    }
    (folder / "case.json").write_text(json.dumps(case), encoding="utf-8")
    assert run_csv(case, folder) == {
        "error": {"code": "SNAPSHOT_KEY_UNKNOWN", "path": "users[0].emial"}
    }
    with pytest.raises(AssertionError):
        run_case(folder, RUNNERS)
