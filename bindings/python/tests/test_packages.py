"""Packages: the enum mirrors the core, parsing is the core's (R-PKG-01)."""

from __future__ import annotations

import ast
import pickle
from pathlib import Path

import pytest

import wholesale_core as wc
from wholesale_core import _lowlevel


def test_members_are_the_core_packages_in_order() -> None:
    core = [info["api_id"] for info in _lowlevel.packages()]
    assert [p.api_id for p in wc.Package] == core
    assert len(core) == 14


def test_r_pkg_01_the_enum_has_exactly_the_cores_packages() -> None:
    # The members are generated from the core's schema; the core lists them too.
    assert [p.value for p in wc.Package] == [info["api_id"] for info in wc.packages()]


def test_properties_come_from_the_core() -> None:
    suite = wc.Package.WEBEX_SUITE
    assert suite.api_id == "webex_suite"
    assert suite.display_name == "Webex Suite"
    assert suite.entitles_calling and suite.entitles_meetings
    assert suite.requires_number_and_location
    assert not wc.Package.WEBEX_VOICE.expects_preferred_site
    assert not wc.Package.WEBEX_AI_AGENT.is_subscriber_package
    calling = [p.api_id for p in wc.Package if p.entitles_calling]
    assert calling == [
        "webex_calling",
        "webex_calling_standard",
        "webex_suite",
        "webex_voice",
        "cx_essentials",
    ]
    meetings = [p.api_id for p in wc.Package if p.entitles_meetings]
    assert meetings == ["webex_suite", "webex_meetings"]
    for p in wc.Package:
        assert p.info == next(i for i in _lowlevel.packages() if i["api_id"] == p.api_id)


def test_members_are_strings_of_their_api_id() -> None:
    as_text: str = wc.Package.WEBEX_CALLING
    assert as_text == "webex_calling"
    assert str(wc.Package.WEBEX_CALLING) == "webex_calling"
    assert f"{wc.Package.WEBEX_CALLING}" == "webex_calling"
    assert repr(wc.Package.WEBEX_CALLING) == "<Package.WEBEX_CALLING: 'webex_calling'>"
    assert pickle.loads(pickle.dumps(wc.Package.WEBEX_SUITE)) is wc.Package.WEBEX_SUITE


@pytest.mark.parametrize(
    "text, expected",
    [
        ("webex_suite", "WEBEX_SUITE"),
        ("Webex Suite", "WEBEX_SUITE"),
        ("  WEBEX SUITE ", "WEBEX_SUITE"),
        ("Customer Assist", "CX_ESSENTIALS"),
        ("cx_essentials", "CX_ESSENTIALS"),
    ],
)
def test_r_pkg_01_parse_accepts_ids_and_display_names(text: str, expected: str) -> None:
    assert wc.Package.parse(text) is wc.Package[expected]
    assert wc.Package(text) is wc.Package[expected]


def test_r_pkg_01_unknown_package_raises_package_error_naming_accepted_values() -> None:
    with pytest.raises(wc.PackageError) as info:
        wc.Package.parse("webex_gold")
    err = info.value
    assert isinstance(err, wc.WholesaleError)
    assert err.code == "PACKAGE_UNKNOWN"
    assert err.rule == "R-PKG-01"
    assert err.field == "package"
    assert err.message is not None and "webex_gold" in err.message
    for p in wc.Package:
        assert p.api_id in str(err)


def test_enum_call_with_unknown_value_raises_value_error() -> None:
    with pytest.raises(ValueError):
        wc.Package("webex_gold")
