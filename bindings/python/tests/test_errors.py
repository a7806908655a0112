"""One exception hierarchy; a Rust panic never reaches Python as a panic."""

from __future__ import annotations

from typing import Any, cast

import pytest

import wholesale_core as wc


def test_hierarchy() -> None:
    for cls in (
        wc.PackageError,
        wc.ValidationError,
        wc.InputError,
        wc.InternalError,
        wc.CsvImportError,
        wc.ReportError,
        wc.QualityError,
        wc.ApiError,
    ):
        assert issubclass(cls, wc.WholesaleError)
    assert issubclass(wc.WholesaleError, Exception)
    assert wc.WholesaleError.__module__ == "wholesale_core"


def test_attributes_default_to_none_on_the_class() -> None:
    err = wc.WholesaleError("raised by user code")
    assert (err.code, err.rule, err.field, err.message) == (None, None, None, None)  # type: ignore[comparison-overlap]
    assert list(wc.ValidationError("x").problems) == []


def test_the_shipped_module_has_no_test_hook() -> None:
    # The panic guard is tested natively (`cargo test`, errors.rs), so the
    # wheel carries no hook that panics on purpose.
    assert not [name for name in dir(wc._lowlevel) if "panic" in name or "for_tests" in name]


def test_module_errors_carry_registry_codes() -> None:
    # Each module's exception carries the registry code, its rule and the field.
    raised = []
    for call in (
        lambda: wc.read_report("devices", text="a,b\n1,2\n"),
        lambda: wc.read_call_legs(b"customer_id\nx\n"),
        lambda: wc.classify_leg(cast(Any, {}), {"loss_pct": -1}),
        lambda: wc.resource_id_decode("%%%"),
    ):
        try:
            call()
        except wc.WholesaleError as err:
            raised.append(err)
    assert [type(e) for e in raised] == [wc.ReportError, wc.QualityError, wc.QualityError, wc.ApiError]
    for error in raised:
        assert error.code is not None
        info = wc.code_info(error.code)
        assert info is not None and info["rule"] == error.rule
        assert error.message == str(error)
    # The first missing column, the first missing header, the policy key, the argument.
    assert raised[0].field is not None and raised[1].field is not None
    assert (raised[2].field, raised[3].field) == ("policy.loss_pct", "id")


def test_r_csv_21_misspelled_snapshot_key_and_option_key_are_typed_errors() -> None:
    csv = b"User ID/Email\na@b.c\n"
    # A misspelled option key is refused, naming the key path (never ignored).
    with pytest.raises(wc.InputError) as info:
        wc.kpi_dashboard([], "calling", "2026-11-25", cast(Any, {"expiring_days": 1}))
    assert info.value.code == "INPUT_INVALID"
    assert info.value.field == "options.expiring_days"
    assert info.value.rule is None and info.value.severity is None
    # A misspelled snapshot key is the snapshot's own error, at its path (R-CSV-21).
    with pytest.raises(wc.CsvImportError) as snapshot:
        wc.check_csv(csv, org=cast(Any, {"users": [{"emial": "a@b.c"}]}))
    err = snapshot.value
    assert err.code == "SNAPSHOT_KEY_UNKNOWN"
    assert err.field == "users[0].emial"
    assert (err.rule, err.severity) == ("R-CSV-21", "error")
    assert [p["field"] for p in err.problems] == ["users[0].emial"]
