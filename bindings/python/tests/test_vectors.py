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
    # As csv_vectors.rs: behavior, the snapshot when present, the raw bytes.
    org = folder / "org.json"
    plan = wc.check_csv(
        (folder / "input.csv").read_bytes(),
        behavior=case["behavior"],
        org=org if org.is_file() else None,
    )
    return plan.to_dict()


def run_kpi(case: Case, path: Path) -> Any:
    # As kpi_vectors.rs: options default when absent.
    data = case["input"]
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
    for row in report["rejected_rows"]:
        for problem in row["problems"]:
            del problem["message"]
    return report


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
    assert len([c for c in CASES if c.parent.name == "csv"]) >= 25
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
                "field": "email",
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
