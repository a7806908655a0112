"""The error-code registry reaches Python unchanged."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from typing import List

import pytest

import wholesale_core as wc
from conftest import repo_root


def core_registry() -> List[wc.CodeInfo]:
    """The registry as the Rust CLI prints it (`wholesale codes --format json`)."""
    path = os.environ.get("WHOLESALE_CODES_JSON")
    if path:
        text = open(path, encoding="utf-8").read()
    elif shutil.which("cargo") and (repo_root() / "Cargo.toml").exists():
        text = subprocess.run(
            ["cargo", "run", "-q", "-p", "wholesale-cli", "--", "codes", "--format", "json"],
            cwd=repo_root(),
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    else:
        pytest.skip("neither WHOLESALE_CODES_JSON nor cargo is available")
    rows: List[wc.CodeInfo] = json.loads(text)
    return rows


def test_codes_equal_the_core_registry_row_for_row() -> None:
    assert wc.codes() == core_registry()


def test_every_code_has_the_documented_shape() -> None:
    rows = wc.codes()
    assert len(rows) > 0
    seen = set()
    for row in rows:
        assert set(row) == {"code", "rule", "severity", "summary"}
        assert row["severity"] in ("error", "warning")
        assert row["rule"].startswith("R-")
        assert row["code"] not in seen
        seen.add(row["code"])


def test_code_info_looks_up_each_code() -> None:
    for row in wc.codes():
        assert wc.code_info(row["code"]) == row


def test_code_info_of_an_unknown_code_is_none() -> None:
    assert wc.code_info("NOT_A_CODE") is None
    assert wc.code_info("") is None
    assert wc.code_info("email_invalid") is None  # codes are case-sensitive


def test_binding_codes_are_not_registry_codes() -> None:
    # INTERNAL_ERROR and INPUT_INVALID belong to the binding, not to a rule.
    assert wc.code_info(wc.INTERNAL_ERROR) is None
    assert wc.code_info(wc.INPUT_INVALID) is None
