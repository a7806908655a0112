"""One exception hierarchy; a Rust panic never reaches Python as a panic."""

from __future__ import annotations

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
    assert (err.code, err.rule, err.field, err.message) == (None, None, None, None)
    assert list(wc.ValidationError("x").problems) == []


def test_panic_becomes_internal_error() -> None:
    # Defense in depth: the core must never panic, but if it does the caller
    # gets a catchable WholesaleError, not pyo3's PanicException.
    with pytest.raises(wc.InternalError) as info:
        wc._lowlevel._panic_for_tests("boom")
    assert isinstance(info.value, wc.WholesaleError)
    assert info.value.code == "INTERNAL_ERROR"
    assert info.value.rule is None
    assert "boom" in str(info.value)


def test_panic_without_the_gil_becomes_internal_error() -> None:
    with pytest.raises(wc.InternalError) as info:
        wc._lowlevel._panic_for_tests("boom off the GIL", detached_path=True)
    assert info.value.code == wc.INTERNAL_ERROR
    assert "boom off the GIL" in str(info.value)


def test_module_errors_carry_registry_codes() -> None:
    # Each module's exception carries the registry code, its rule and the field.
    raised = []
    for call in (
        lambda: wc.read_report("devices", "a,b\n1,2\n"),
        lambda: wc.read_call_legs(b"customer_id\nx\n"),
        lambda: wc.classify_leg({}, {"loss_pct": -1}),
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
