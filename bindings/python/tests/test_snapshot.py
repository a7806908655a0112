"""The strict org snapshot of check_csv (R-CSV-21): read by the core from a
dict, JSON text (``org_text=``) or a JSON file (a path, or bytes); a refused
one raises CsvImportError with the core's code, the message, and ``.field``
naming the key path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Dict, List

import pytest

import wholesale_core as wc

CSV = (
    b"User ID/Email,Webex Meetings,Preferred Webex Site,Jabber Calling,Jabber with Webex Teams\n"
    b"ana@acme.example,TRUE,acme.webex.com,FALSE,TRUE\n"
)
FULL: Any = {"locations": [], "users": [], "subscribed_packages": ["webex_meetings"]}


def forms(tmp_path: Path) -> List[Callable[[Any], Dict[str, Any]]]:
    """The three ways to pass a snapshot, as check_csv keywords: a dict,
    JSON text, a JSON file's path."""

    def as_file(org: Any) -> Dict[str, Any]:
        path = tmp_path / "org.json"
        path.write_text(json.dumps(org), encoding="utf-8")
        return {"org": path}

    return [lambda org: {"org": org}, lambda org: {"org_text": json.dumps(org)}, as_file]


def refused(org: Any = None, **snapshot: Any) -> wc.CsvImportError:
    with pytest.raises(wc.CsvImportError) as info:
        wc.check_csv(CSV, **(snapshot or {"org": org}))
    return info.value


@pytest.mark.parametrize("form", range(3), ids=["dict", "text", "file"])
def test_r_csv_21_misspelled_top_level_key(form: int, tmp_path: Path) -> None:
    err = refused(**forms(tmp_path)[form]({"locatons": []}))
    assert err.code == "SNAPSHOT_KEY_UNKNOWN"
    assert err.rule == "R-CSV-21"
    assert err.severity == "error"
    assert err.field == "locatons"
    assert [p["code"] for p in err.problems] == ["SNAPSHOT_KEY_UNKNOWN"]
    assert err.message == str(err)
    assert err.message is not None and "`locations`" in err.message
    assert isinstance(err, wc.WholesaleError)


@pytest.mark.parametrize("form", range(3), ids=["dict", "text", "file"])
def test_r_csv_21_nested_unknown_key_names_its_path(form: int, tmp_path: Path) -> None:
    org = {"users": [{"email": "a@b.example"}, {"email": "b@b.example", "emial": "x"}]}
    err = refused(**forms(tmp_path)[form](org))
    assert err.code == "SNAPSHOT_KEY_UNKNOWN"
    assert err.field == "users[1].emial"
    assert err.message is not None and "`email`" in err.message


@pytest.mark.parametrize("form", range(3), ids=["dict", "text", "file"])
def test_r_csv_21_package_by_display_name_is_accepted(form: int, tmp_path: Path) -> None:
    # "Webex Voice" is a display name: accepted. The lists it lacks are not
    # known, which the plan says once each (SNAPSHOT_LIST_MISSING), never a
    # rejection of the row.
    org = {"users": [{"email": "a@b.example", "package": "Webex Voice"}]}
    plan = wc.check_csv(CSV, **forms(tmp_path)[form](org))
    assert plan.rows[0]["action"] == "add"
    codes = [w["code"] for w in plan.file_warnings]
    assert codes and set(codes) == {"SNAPSHOT_LIST_MISSING"}
    messages = " ".join(w["message"] for w in plan.file_warnings)
    assert '"locations"' in messages and '"subscribed_packages"' in messages
    assert '"users"' not in messages


def test_r_csv_21_misspelled_package_is_invalid_at_its_path() -> None:
    err = refused({"users": [{"email": "a@b.example", "package": "Webex Vioce"}]})
    assert err.code == "SNAPSHOT_INVALID"
    assert err.rule == "R-CSV-21"
    assert err.field == "users[0].package"
    assert err.message is not None and "Webex Vioce" in err.message


def test_r_csv_21_known_lists_warn_nothing() -> None:
    # [] is "known to be empty": no SNAPSHOT_LIST_MISSING; absent is not known.
    full = wc.check_csv(CSV, org=FULL)
    assert "SNAPSHOT_LIST_MISSING" not in [w["code"] for w in full.file_warnings]
    empty = wc.check_csv(CSV, org={})
    missing = [w for w in empty.file_warnings if w["code"] == "SNAPSHOT_LIST_MISSING"]
    assert len(missing) == 3
    nulls = wc.check_csv(CSV, org={"locations": None, "users": None, "subscribed_packages": None})
    assert nulls == empty


@pytest.mark.parametrize("org", [[], 3, {"users": 3}])
def test_r_csv_21_not_a_snapshot_is_invalid(org: Any) -> None:
    err = refused(org)
    assert err.code == "SNAPSHOT_INVALID"
    assert err.field == ("users" if isinstance(org, dict) else None)


@pytest.mark.parametrize("text", ["[]", "3", "{not json", '{"users": 3}', "{} x"])
def test_r_csv_21_text_that_is_not_a_snapshot_is_invalid(text: str) -> None:
    err = refused(org_text=text)
    assert err.code == "SNAPSHOT_INVALID"
    assert err.field == ("users" if "users" in text else None)


def test_a_str_org_is_a_path_not_json_text() -> None:
    # As in pandas and polars: a str is a path; JSON text goes in org_text=.
    with pytest.raises(wc.InputError) as info:
        wc.check_csv(CSV, org='{"users": []}')
    assert (info.value.code, info.value.field) == (wc.INPUT_INVALID, "org")


def test_r_csv_21_codes_are_the_registrys() -> None:
    # The codes come from the core's registry, with its rule.
    for code in ("SNAPSHOT_KEY_UNKNOWN", "SNAPSHOT_INVALID"):
        info = wc.code_info(code)
        assert info is not None and info["rule"] == "R-CSV-21"
    assert refused({"x": 1}).rule == wc.code_info("SNAPSHOT_KEY_UNKNOWN")["rule"]  # type: ignore[index]


def test_r_csv_21_file_that_is_not_utf8_is_invalid(tmp_path: Path) -> None:
    path = tmp_path / "org.json"
    path.write_bytes(b'{"locations": ["\xff"]}')
    err = refused(path)
    assert err.code == "SNAPSHOT_INVALID"
    # Where the byte is, as the core says it for every binding.
    assert err.field == "locations[0]"
    assert err.message is not None and "line 1" in err.message


def test_unreadable_snapshot_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(wc.InputError) as info:
        wc.check_csv(CSV, org=tmp_path / "missing.json")
    assert (info.value.code, info.value.field, info.value.rule) == (wc.INPUT_INVALID, "org", None)


def test_an_org_of_another_type_is_an_input_error() -> None:
    with pytest.raises(wc.InputError) as info:
        wc.check_csv(CSV, org=object())  # type: ignore[arg-type]
    assert (info.value.code, info.value.field) == (wc.INPUT_INVALID, "org")


# --- the snapshot built from Control Hub exports (R-CSV-21) -------------------

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
EXPORTS = Path(__file__).resolve().parents[3] / "tests" / "exports"


def test_r_csv_21_snapshot_from_the_shipped_export() -> None:
    built = wc.snapshot_from_export(SAMPLES / "users_export.csv", package="Webex Calling")
    org = built["snapshot"]
    assert org.get("package") == "webex_calling"
    users = {u["email"]: u for u in org.get("users") or []}
    assert len(users) == 6
    assert users["joao.pereira@acme-dental.example"].get("phone_number") == "+351213000101"
    assert users["pedro.lima@acme-dental.example"].get("licenses") == ["basic_messaging", "call_on_webex"]
    assert org.get("locations") == ["Lisboa HQ", "Porto", "Faro"]
    assert [w["code"] for w in built["warnings"]] == ["COLUMN_UNKNOWN", "EXPORT_LOCATIONS_PARTIAL"]
    assert built["warning_files"] == ["users", "users"]
    # check_csv takes the snapshot as it is.
    plan = wc.check_csv(SAMPLES / "users.csv", org=org)
    assert plan.summary["remove"] == 1


def test_r_cus_05_export_snapshot_marks_the_admins_given() -> None:
    built = wc.snapshot_from_export(
        SAMPLES / "users_export.csv", package="webex_calling", admins=["Marta.Silva@acme-dental.example"]
    )
    admins = [u["email"] for u in built["snapshot"].get("users") or [] if u.get("full_admin")]
    assert admins == ["marta.silva@acme-dental.example"]
    with pytest.raises(wc.CsvImportError) as info:
        wc.snapshot_from_export(SAMPLES / "users_export.csv", admins=["nobody@acme-dental.example"])
    assert info.value.code == "EXPORT_ADMIN_UNKNOWN"
    assert info.value.field == "admins[0]"


def test_r_csv_21_utf16_export_bytes_path_and_file_object_agree() -> None:
    utf8 = wc.snapshot_from_export((SAMPLES / "users_export.csv").read_bytes())
    utf16_path = EXPORTS / "users_export_utf16.csv"
    assert utf16_path.read_bytes()[:2] == b"\xff\xfe"
    with open(utf16_path, "rb") as file:
        utf16 = wc.snapshot_from_export(file)
    assert utf16 == utf8
    assert wc.snapshot_from_export(str(utf16_path)) == utf8


def test_r_csv_21_locations_from_each_source() -> None:
    export = SAMPLES / "users_export.csv"
    listed = wc.snapshot_from_export(export, locations=b"Name\nCoimbra\nporto\n")
    assert listed["snapshot"].get("locations") == ["Coimbra", "porto", "Lisboa HQ", "Faro"]
    assert "EXPORT_LOCATIONS_PARTIAL" not in [w["code"] for w in listed["warnings"]]
    report = wc.snapshot_from_export(export, phone_numbers=EXPORTS / "phone_numbers_utf16.csv")
    assert report["snapshot"].get("locations") == ["Lisboa HQ", "Porto", "Faro", "Braga"]
    with pytest.raises(wc.CsvImportError) as err:
        wc.snapshot_from_export(export, locations=b"Lisboa HQ\nPorto\n")
    assert err.value.code == "LOCATIONS_COLUMN_MISSING"
    assert err.value.line == 1


def test_r_csv_21_malformed_export_raises_with_every_problem_and_line() -> None:
    export = (
        b"User ID/Email,Webex Calling,Webex Meetings\n"
        b"ana@acme.example,TRUE,TRUE\n"
        b"bob@acme.example,TRUE\n"
        b"ANA@acme.example,FALSE,TRUE\n"
    )
    with pytest.raises(wc.CsvImportError) as err:
        wc.snapshot_from_export(export)
    assert err.value.code == "PACKAGE_MULTIPLE"
    assert [(p["code"], p["line"]) for p in err.value.problems] == [
        ("PACKAGE_MULTIPLE", 2),
        ("ROW_MALFORMED", 3),
        ("EMAIL_DUPLICATE", 4),
    ]
    with pytest.raises(wc.CsvImportError) as enc:
        wc.snapshot_from_export(b"Email\na@b.co\n\xff\n")
    assert (enc.value.code, enc.value.line) == ("FILE_ENCODING", 3)
    with pytest.raises(wc.PackageError):
        wc.snapshot_from_export(export, package="Webex Vioce")


def test_r_csv_21_snapshot_bytes_skip_a_bom_and_refuse_latin1_where_it_is() -> None:
    text = json.dumps({"locations": ["HQ"], "users": [], "subscribed_packages": ["webex_meetings"]})
    expected = wc.check_csv(CSV, org_text=text).to_dict()
    assert wc.check_csv(CSV, org=text.encode()).to_dict() == expected
    assert wc.check_csv(CSV, org=b"\xef\xbb\xbf" + text.encode()).to_dict() == expected
    err = refused(b'{"admin_email": "jos\xe9@acme.example"}')
    assert (err.code, err.field) == ("SNAPSHOT_INVALID", "admin_email")
    assert err.message is not None and "line 1" in err.message
