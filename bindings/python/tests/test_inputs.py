"""`data` arguments (CSV and report input): bytes, text, buffers or a path."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

import wholesale_core as wc
from wholesale_core import _lowlevel

CONTENT = "Email,Package\nana@acme.example,Webex Suite\n".encode()


def test_bytes_and_buffers() -> None:
    assert _lowlevel._input_bytes(CONTENT) == CONTENT
    assert _lowlevel._input_bytes(bytearray(CONTENT)) == CONTENT
    assert _lowlevel._input_bytes(memoryview(CONTENT)) == CONTENT


def test_str_is_the_text_itself_not_a_path(tmp_path: Path) -> None:
    path = tmp_path / "users.csv"
    path.write_bytes(CONTENT)
    assert _lowlevel._input_bytes(CONTENT.decode()) == CONTENT
    assert _lowlevel._input_bytes(str(path)) == str(path).encode()


def test_path_like_is_read(tmp_path: Path) -> None:
    path = tmp_path / "users.csv"
    path.write_bytes(CONTENT)
    assert _lowlevel._input_bytes(path) == CONTENT

    class Custom(os.PathLike[str]):
        def __fspath__(self) -> str:
            return str(path)

    assert _lowlevel._input_bytes(Custom()) == CONTENT


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(wc.InputError) as info:
        _lowlevel._input_bytes(tmp_path / "missing.csv")
    assert info.value.code == wc.INPUT_INVALID
    assert info.value.field == "data"
    assert "missing.csv" in str(info.value)


def test_a_directory_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(wc.InputError):
        _lowlevel._input_bytes(tmp_path)


@pytest.mark.parametrize("bad", [None, 12, 1.5, ["a"], "\ud800"])
def test_other_values_are_input_errors(bad: Any) -> None:
    with pytest.raises(wc.InputError) as info:
        _lowlevel._input_bytes(bad)
    assert info.value.field == "data"
