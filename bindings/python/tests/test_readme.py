"""The README's Python blocks run as written (from the repository root)."""

from __future__ import annotations

import os
import re

import pytest

from conftest import repo_root


def python_blocks() -> list[str]:
    text = (repo_root() / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)


def test_readme_has_python_blocks() -> None:
    assert python_blocks(), "README.md lost its Python quick start"


@pytest.mark.parametrize("index", range(len(python_blocks())))
def test_readme_python_block_runs(index: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo_root())
    namespace: dict[str, object] = {"__name__": f"readme_block_{index}"}
    exec(compile(python_blocks()[index], f"README.md python block {index}", "exec"), namespace)
    assert os.getcwd() == str(repo_root())
