"""`data` arguments, as pandas and polars read files: bytes-like values are
the content, a `str` or `os.PathLike` is a path, a binary file object is
read, and text has its own keyword (`text=`)."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any, cast

import pytest

import wholesale_core as wc

CONTENT = (
    b"User ID/Email,Webex Meetings,Preferred Webex Site,Jabber Calling,Jabber with Webex Teams\n"
    b"ana@acme.example,TRUE,acme.webex.com,FALSE,TRUE\n"
)


def plan_of(data: Any = None, **keywords: Any) -> Any:
    return wc.check_csv(data, **cast(Any, keywords)).to_dict()


def test_bytes_and_buffers_are_the_content() -> None:
    expected = plan_of(CONTENT)
    assert expected["summary"]["add"] == 1
    assert plan_of(bytearray(CONTENT)) == expected
    assert plan_of(memoryview(CONTENT)) == expected
    assert plan_of(io.BytesIO(CONTENT)) == expected


def test_a_str_is_a_path_and_text_has_its_keyword(tmp_path: Path) -> None:
    path = tmp_path / "users.csv"
    path.write_bytes(CONTENT)
    expected = plan_of(CONTENT)
    assert plan_of(str(path)) == expected
    assert plan_of(text=CONTENT.decode()) == expected
    # CSV text passed as data is a path that does not exist: an error, not
    # a plan of a "file" whose header is the text (HEADER_EMAIL_MISSING).
    with pytest.raises(wc.InputError) as info:
        wc.check_csv(CONTENT.decode())
    assert (info.value.code, info.value.field) == (wc.INPUT_INVALID, "data")


def test_path_like_is_read(tmp_path: Path) -> None:
    path = tmp_path / "users.csv"
    path.write_bytes(CONTENT)
    assert plan_of(path) == plan_of(CONTENT)

    class Custom(os.PathLike):  # type: ignore[type-arg]
        def __fspath__(self) -> str:
            return str(path)

    assert plan_of(Custom()) == plan_of(CONTENT)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(wc.InputError) as info:
        wc.check_csv(tmp_path / "missing.csv")
    assert info.value.code == wc.INPUT_INVALID
    assert info.value.field == "data"
    assert "missing.csv" in str(info.value)


def test_r_csv_01_a_directory_is_unreadable(tmp_path: Path) -> None:
    # It opens, and the read fails: the core's FILE_UNREADABLE.
    with pytest.raises(wc.CsvImportError) as info:
        wc.check_csv(tmp_path)
    assert (info.value.code, info.value.rule) == ("FILE_UNREADABLE", "R-CSV-01")


def test_data_and_text_together_or_neither_are_input_errors() -> None:
    for keywords in ({}, {"text": "x"}):
        data = None if not keywords else CONTENT
        with pytest.raises(wc.InputError):
            wc.check_csv(data, **cast(Any, keywords))


@pytest.mark.parametrize("bad", [12, 1.5, ["a"], "\ud800"])
def test_other_values_are_input_errors(bad: Any) -> None:
    with pytest.raises(wc.InputError) as info:
        wc.check_csv(bad)
    assert info.value.field == "data"
