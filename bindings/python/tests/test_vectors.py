"""Shared test vectors: the cases under `tests/vectors/<kind>/<case>/case.json`
at the repository root, run here with the same expected outcomes as in Rust.

Each kind has one runner: a function that takes the parsed case.json (and the
case folder, for input files beside it) and returns the actual outcome in the
case's `expected` shape. Adding a case is adding a folder; adding a kind is one
runner in RUNNERS. Kinds without a runner (csv, kpi, status, quality until
their bindings land) are skipped, not failed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Dict, List

import pytest

from conftest import repo_root

Case = Dict[str, Any]
Runner = Callable[[Case, Path], Any]

#: kind -> runner. Round two adds csv, kpi, status and quality.
RUNNERS: Dict[str, Runner] = {}


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
    import wholesale_core as wc

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
