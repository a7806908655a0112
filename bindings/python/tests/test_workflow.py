"""The import workflow on the plan (R-CSV-20): the review of destructive rows,
the count per code, and the ready and rejected files, written byte for byte
in the file's own encoding."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

import wholesale_core as wc

HEADER = "User ID/Email,Display Name,Webex Meetings,Webex Voice,Phone Number,Location,Basic Messaging,Jabber Calling,Jabber with Webex Teams"
ORG: Any = {
    "locations": ["HQ"],
    "users": [
        {"email": e, "package": "webex_meetings", "licenses": ["basic_messaging"]}
        for e in ("ana@acme.example", "bob@acme.example", "cy@acme.example")
    ],
}


def utf16le(text: str) -> bytes:
    return b"\xff\xfe" + text.encode("utf-16-le")


def test_r_csv_20_destructive_rows_are_listed() -> None:
    text = (
        f"{HEADER}\n"
        "ana@acme.example,,FALSE,FALSE,,,,,\n"
        "bob@acme.example,,FALSE,TRUE,+14085550100,HQ,,FALSE,FALSE\n"
        "cy@acme.example,,,,,,FALSE,,\n"
        "dee@acme.example,Dee,TRUE,,,,,FALSE,FALSE\n"
    )
    plan = wc.check_csv(text=text, org=ORG, behavior="add_and_remove")
    assert not plan.has_rejections
    review = [(r["line"], r["action"], r["remove"]) for r in plan.destructive]
    assert review == [
        (2, "remove", ["webex_meetings", "basic_messaging"]),
        (3, "change_package", ["webex_meetings"]),
        (4, "modify", ["basic_messaging"]),
    ]
    counts = plan.code_counts()
    # SNAPSHOT_LIST_MISSING twice: no subscriptions list, and no full admin named (R-CUS-05).
    assert counts == [
        {"code": "SNAPSHOT_LIST_MISSING", "count": 2},
        {"code": "PREFERRED_SITE_MISSING", "count": 1},
    ]


def test_r_csv_20_ready_file_is_byte_faithful_and_checks_clean(tmp_path: Path) -> None:
    rows = [
        'dee@acme.example,=HYPERLINK("x"),TRUE,,,,,FALSE,FALSE\r\n',
        "broken,B,TRUE,,,,,FALSE,FALSE\r\n",
        '+eve@acme.example,"Eve ""E"", Jr",TRUE,,,,,FALSE,FALSE\r',
        "broken,B,TRUE,,,,,FALSE,FALSE\n",
        "fay@acme.example,@fay,TRUE,,,,,FALSE,FALSE",
    ]
    data = ("\ufeff" + HEADER + "\r\n" + "".join(rows)).encode("utf-8")
    plan = wc.check_csv(data, org=ORG)
    # A leading + is a plausible address (R-CSV-22 warns); formula-like
    # cells are kept as written.
    assert [r["action"] for r in plan.rows] == ["add", "rejected", "add", "rejected", "add"]
    ready = plan.ready_bytes()
    assert ready == ("\ufeff" + HEADER + "\r\n" + rows[0] + rows[2] + rows[4]).encode("utf-8")
    again = wc.check_csv(ready, org=ORG)
    assert not again.has_rejections
    assert [r["action"] for r in again.rows] == ["add", "add", "add"]
    path = tmp_path / "ready.csv"
    assert plan.write_ready(path) == 3
    assert path.read_bytes() == ready
    sink = io.BytesIO()
    assert plan.write_ready(sink) == 3
    assert sink.getvalue() == ready


def test_r_csv_20_utf16_stays_utf16_and_rejected_rows_carry_errors(tmp_path: Path) -> None:
    header = HEADER.replace(",", "\t")
    rows = [
        "dee@acme.example\t-1\tTRUE\t\t\t\t\tFALSE\tFALSE\r\n",
        "broken\tB\tTRUE\t\t\t\t\tFALSE\tFALSE\r\n",
    ]
    data = utf16le(header + "\r\n" + "".join(rows))
    plan = wc.check_csv(data, org=ORG)
    assert plan.ready_bytes() == utf16le(header + "\r\n" + rows[0])
    rejected = plan.rejected_bytes()
    assert rejected[:2] == b"\xff\xfe"
    table = list(csv.reader(io.StringIO(rejected[2:].decode("utf-16-le")), delimiter="\t"))
    assert table[0][-1] == "Errors"
    assert table[1][0] == "broken"
    assert table[1][-1].startswith("EMAIL_INVALID [User ID/Email]: ")
    path = tmp_path / "rejected.csv"
    assert plan.write_rejected(str(path)) == 1
    assert path.read_bytes() == rejected


def test_r_csv_20_a_refused_file_has_no_ready_rows() -> None:
    plan = wc.check_csv(b"First Name\nAna\n")
    with pytest.raises(wc.CsvImportError) as err:
        plan.ready_bytes()
    assert err.value.code == "OUTPUT_FILE_REFUSED"
    assert err.value.rule == "R-CSV-20"
    with pytest.raises(wc.CsvImportError):
        plan.write_rejected(io.BytesIO())


def test_r_csv_20_a_plan_read_from_a_path_keeps_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "users.csv"
    text = f"{HEADER}\ndee@acme.example,Dee,TRUE,,,,,FALSE,FALSE\nbad,B,TRUE,,,,,FALSE,FALSE\n"
    path.write_bytes(text.encode("utf-8"))
    plan = wc.check_csv(path)
    assert plan.ready_bytes() == "\n".join(text.split("\n")[:2]).encode("utf-8") + b"\n"
