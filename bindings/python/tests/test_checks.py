"""Single-value checks delegate to the core and return problem dicts."""

from __future__ import annotations

import pytest

import wholesale_core as wc


def test_r_csv_14_email() -> None:
    assert wc.check_email("ana@acme.example") is None
    problem = wc.check_email("ana@", field="Email")
    assert problem is not None
    assert problem["code"] == "EMAIL_INVALID"
    assert problem["rule"] == "R-CSV-14"
    assert problem["field"] == "Email"
    assert "ana@" in problem["message"]
    assert set(problem) == {"code", "rule", "severity", "field", "line", "message"}


def test_r_csv_15_phone_number_error_and_warning() -> None:
    assert wc.check_phone_number("+14085551234") is None
    warning = wc.check_phone_number("14085551234")
    assert warning is not None and warning["code"] == "PHONE_NUMBER_NO_PLUS"
    error = wc.check_phone_number("call me", field="phone")
    assert error is not None and error["code"] == "PHONE_NUMBER_INVALID"
    assert error["field"] == "phone"


def test_r_csv_16_extension() -> None:
    assert wc.check_extension("1234") is None
    problem = wc.check_extension("1")
    assert problem is not None and problem["code"] == "EXTENSION_INVALID"
    assert problem["field"] == "extension"


def test_r_cus_05_admin_package() -> None:
    assert wc.check_admin_package(wc.Package.WEBEX_SUITE, "Webex Suite") is None
    problem = wc.check_admin_package(wc.Package.WEBEX_SUITE, wc.Package.WEBEX_CALLING)
    assert problem is not None
    assert problem["code"] == "ADMIN_PACKAGE_DOWNGRADE"
    assert problem["rule"] == "R-CUS-05"
    assert problem["field"] == "package"


def test_r_cus_05_unknown_package_names_the_argument() -> None:
    with pytest.raises(wc.PackageError) as info:
        wc.check_admin_package("webex_suite", "gold")
    assert info.value.code == "PACKAGE_UNKNOWN"
    assert info.value.field == "admin_package"


def test_r_usr_02_calling_number() -> None:
    assert wc.check_calling_number(wc.Package.WEBEX_SUITE, has_number=True, has_location=True) is None
    assert wc.check_calling_number("webex_meetings", has_number=False, has_location=False) is None
    problem = wc.check_calling_number(
        wc.Package.WEBEX_CALLING, has_number=True, has_location=False, field="new"
    )
    assert problem is not None
    assert problem["code"] == "PACKAGE_CHANGE_NEEDS_NUMBER"
    assert problem["rule"] == "R-USR-02"
    assert problem["field"] == "new"
    assert "location" in problem["message"]


def test_findings_route_by_severity() -> None:
    found = wc.findings(
        [wc.check_email("ok@acme.example"), wc.check_phone_number("14085551234"), wc.check_extension("x")]
    )
    assert [p["code"] for p in found["errors"]] == ["EXTENSION_INVALID"]
    assert [p["code"] for p in found["warnings"]] == ["PHONE_NUMBER_NO_PLUS"]


def test_raise_for_errors_passes_warnings_through() -> None:
    found = wc.raise_for_errors([None, wc.check_phone_number("14085551234")])
    assert found["errors"] == []
    assert len(found["warnings"]) == 1


def test_raise_for_errors_raises_validation_error_with_every_problem() -> None:
    problems = [
        wc.check_phone_number("14085551234"),
        wc.check_email("nope", field="Email"),
        wc.check_extension("1"),
    ]
    with pytest.raises(wc.ValidationError) as info:
        wc.raise_for_errors(problems)
    err = info.value
    assert isinstance(err, wc.WholesaleError)
    assert (err.code, err.rule, err.field) == ("EMAIL_INVALID", "R-CSV-14", "Email")
    assert "1 more" in str(err)
    assert [p["code"] for p in err.problems] == [
        "EMAIL_INVALID",
        "EXTENSION_INVALID",
        "PHONE_NUMBER_NO_PLUS",
    ]


def test_findings_refuse_a_problem_with_an_unknown_code() -> None:
    bad = {"code": "NOT_A_CODE", "rule": "R-X", "field": None, "message": "m"}
    with pytest.raises(wc.InputError) as info:
        wc.findings([bad])  # type: ignore[list-item]
    assert info.value.code == wc.INPUT_INVALID
    assert info.value.field == "problems[0].code"
