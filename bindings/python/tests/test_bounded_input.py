"""Bounded input (R-CSV-04): every `data` argument is read to at most
MAX_CSV_FILE_BYTES + 1 bytes, whatever its form, so an endless or huge input
costs bounded time and memory and gets a typed answer (the plan's
FILE_TOO_LARGE for check_csv, InputError FILE_TOO_LARGE elsewhere).

Reading /dev/zero runs in a subprocess with a timeout: a regression (an
unbounded read) then fails the test instead of exhausting the test run's
memory.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, cast, Dict, List

import pytest

import wholesale_core as wc
from conftest import repo_root

LIMIT = wc.MAX_CSV_FILE_BYTES
DEV_ZERO = Path("/dev/zero")
needs_dev_zero = pytest.mark.skipif(not DEV_ZERO.exists(), reason="no /dev/zero here")
CSV = (
    b"User ID/Email,Webex Meetings,Preferred Webex Site,Jabber Calling,Jabber with Webex Teams\n"
    b"ana@acme.example,TRUE,acme.webex.com,FALSE,TRUE\n"
)
SAMPLE = repo_root() / "samples" / "users.csv"


def file_error_codes(plan: wc.ImportPlan) -> List[str]:
    return [p["code"] for p in plan.file_errors]


def run_isolated(code: str, timeout: float = 120) -> Any:
    """Runs `code` in a fresh interpreter; it prints one JSON object last.
    ``maxrss_bytes`` is added: the child's peak resident memory. On Linux it
    is VmHWM, the peak of the child's own address space: ru_maxrss keeps the
    peak of the process image before exec, which, when subprocess forks with
    vfork, is this (test) process with whatever earlier tests loaded."""
    script = textwrap.dedent(code) + textwrap.dedent(
        """
        import json as _json, resource as _resource
        _out = dict(RESULT)
        _out["maxrss_bytes"] = _resource.getrusage(_resource.RUSAGE_SELF).ru_maxrss * 1024
        try:
            with open("/proc/self/status") as _status:
                for _line in _status:
                    if _line.startswith("VmHWM:"):
                        _out["maxrss_bytes"] = int(_line.split()[1]) * 1024
        except OSError:
            pass
        print(_json.dumps(_out))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert done.returncode == 0, done.stderr
    result: Dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_r_csv_04_limit_is_the_cores() -> None:
    # The constant is the core's (64 MiB); the core's check agrees on the
    # boundary: LIMIT bytes are parsed, LIMIT + 1 are FILE_TOO_LARGE.
    assert wc.MAX_CSV_FILE_BYTES == wc._lowlevel.MAX_CSV_FILE_BYTES == 64 * 1024 * 1024
    at_limit = CSV + b"x" * (LIMIT - len(CSV))
    assert "FILE_TOO_LARGE" not in file_error_codes(wc.check_csv(at_limit))
    assert file_error_codes(wc.check_csv(at_limit + b"x")) == ["FILE_TOO_LARGE"]


@needs_dev_zero
def test_r_csv_04_dev_zero_path_is_file_too_large_in_bounded_memory() -> None:
    # The issue: check_csv("/dev/zero") read until memory ran out. Now the
    # core's bounded check reads LIMIT + 1 bytes; peak memory stays far below
    # what an unbounded read (or several copies) would take.
    result = run_isolated(
        """
        from pathlib import Path
        import wholesale_core as wc
        plan = wc.check_csv(Path("/dev/zero"))
        RESULT = {"codes": [p["code"] for p in plan.file_errors], "rows": len(plan.rows),
                  "limit": wc.MAX_CSV_FILE_BYTES}
        """
    )
    assert result["codes"] == ["FILE_TOO_LARGE"]
    assert result["rows"] == 0
    assert result["maxrss_bytes"] < 4 * result["limit"], result


@needs_dev_zero
@pytest.mark.parametrize(
    "call",
    [
        'wc.read_call_legs(Path("/dev/zero"))',
        'wc.read_report("devices", Path("/dev/zero"))',
        'wc.weekly_quality_report(Path("/dev/zero"), "2026-11-25")',
        'wc.validate_new_customer(Path("/dev/zero"))',
    ],
)
def test_r_csv_04_other_readers_refuse_dev_zero(call: str) -> None:
    # Reports, call legs and JSON files have no limit of their own in the
    # core: the binding reads them with the CSV one and refuses more.
    result = run_isolated(
        f"""
        from pathlib import Path
        import wholesale_core as wc
        try:
            {call}
        except wc.InputError as err:
            RESULT = {{"code": err.code, "rule": err.rule, "field": err.field,
                      "limit": wc.MAX_CSV_FILE_BYTES}}
        else:
            RESULT = {{"code": None, "limit": wc.MAX_CSV_FILE_BYTES}}
        """
    )
    assert result["code"] == "FILE_TOO_LARGE", result
    assert result["rule"] == "R-CSV-04"
    assert result["field"] is not None
    assert result["maxrss_bytes"] < 4 * result["limit"], result


@needs_dev_zero
def test_r_csv_04_dev_zero_as_org_snapshot_is_refused() -> None:
    result = run_isolated(
        """
        from pathlib import Path
        import wholesale_core as wc
        try:
            wc.check_csv(b"User ID/Email\\n", org=Path("/dev/zero"))
        except wc.WholesaleError as err:
            RESULT = {"code": err.code, "field": err.field}
        else:
            RESULT = {"code": None}
        """
    )
    assert result["code"] == "FILE_TOO_LARGE"
    assert result["field"] == "org"


class Endless:
    """A binary stream that never ends; it records every read size and
    refuses to serve far past the limit (so a regression fails, not hangs)."""

    def __init__(self) -> None:
        self.sizes: List[int] = []
        self.served = 0

    def read(self, size: int = -1, /) -> bytes:
        self.sizes.append(size)
        if size is None or size < 0:
            raise AssertionError("read() without a size on an endless stream")
        if self.served > 2 * LIMIT:
            raise AssertionError(f"read {self.served} bytes, far past the limit")
        self.served += size
        return b"\0" * size


def test_r_csv_04_endless_file_object_is_file_too_large() -> None:
    stream = Endless()
    plan = wc.check_csv(stream)
    assert file_error_codes(plan) == ["FILE_TOO_LARGE"]
    assert stream.sizes and all(0 < n <= LIMIT + 1 for n in stream.sizes)
    assert LIMIT < stream.served <= LIMIT + max(stream.sizes)


def test_r_csv_04_endless_file_object_for_other_readers() -> None:
    stream = Endless()
    with pytest.raises(wc.InputError) as info:
        wc.read_call_legs(stream)
    assert info.value.code == "FILE_TOO_LARGE"
    assert info.value.field == "data"
    assert all(0 < n <= LIMIT + 1 for n in stream.sizes)


def test_r_csv_04_file_objects_give_the_plan_of_their_bytes() -> None:
    # BytesIO and open(..., "rb") read in chunks to the same plan as bytes.
    expected = wc.check_csv(CSV)
    assert expected.rows[0]["action"] == "add"
    assert wc.check_csv(io.BytesIO(CSV)) == expected
    with SAMPLE.open("rb") as handle:
        assert wc.check_csv(handle) == wc.check_csv(SAMPLE.read_bytes())


def test_r_csv_04_file_object_larger_than_a_chunk_is_read_whole() -> None:
    # Several read(n) calls: the rows after the first chunk are planned too.
    rows = b"".join(
        b"user.number%05d@acme-dental.example,TRUE,acme.webex.com,FALSE,TRUE\n" % i
        for i in range(19_999)
    )
    data = CSV + rows
    assert len(data) > 1024 * 1024
    plan = wc.check_csv(io.BytesIO(data))
    assert plan == wc.check_csv(data)
    assert plan.summary["rows"] == 20_000
    assert plan.rows[-1]["email"] == "user.number19998@acme-dental.example"


def test_r_csv_04_sample_path_is_read() -> None:
    plan = wc.check_csv(SAMPLE)
    assert plan == wc.check_csv(SAMPLE.read_bytes())
    assert plan.file_errors == []
    assert plan.summary["rows"] > 0


def test_r_csv_04_oversize_data_in_memory_is_file_too_large() -> None:
    big = b"a" * (LIMIT + 1)
    assert file_error_codes(wc.check_csv(big)) == ["FILE_TOO_LARGE"]
    assert file_error_codes(wc.check_csv(memoryview(big))) == ["FILE_TOO_LARGE"]
    as_array = bytearray(big)
    del big
    assert file_error_codes(wc.check_csv(as_array)) == ["FILE_TOO_LARGE"]
    del as_array
    assert file_error_codes(wc.check_csv(text="a" * (LIMIT + 1))) == ["FILE_TOO_LARGE"]
    assert file_error_codes(wc.check_csv(io.BytesIO(b"a" * (LIMIT + 1)))) == ["FILE_TOO_LARGE"]


def test_r_csv_04_oversize_file_is_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as handle:
        handle.truncate(LIMIT + 1)  # sparse: no disk used
    assert file_error_codes(wc.check_csv(path)) == ["FILE_TOO_LARGE"]
    with pytest.raises(wc.InputError) as info:
        wc.read_call_legs(path)
    assert info.value.code == "FILE_TOO_LARGE"
    assert "big.csv" in str(info.value)


def test_text_mode_file_object_is_an_input_error() -> None:
    with pytest.raises(wc.InputError) as info:
        wc.check_csv(io.StringIO(CSV.decode()))  # type: ignore[arg-type]
    assert info.value.field == "data"
    assert "binary mode" in str(info.value)


def test_failing_file_object_is_an_input_error() -> None:
    class Broken:
        def read(self, size: int, /) -> bytes:
            raise OSError("disk on fire")

    with pytest.raises(wc.InputError) as info:
        wc.check_csv(cast(Any, Broken()))
    assert "disk on fire" in str(info.value)
    assert info.value.code == wc.INPUT_INVALID
