"""check_csv and the ImportPlan object (R-CSV-01..20 run in the core)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict

import pytest

import wholesale_core as wc
from conftest import repo_root

SAMPLES = repo_root() / "samples"
# The two Jabber columns are required (R-CSV-12).
CSV = (
    b"User ID/Email,Webex Calling [Sub-1],Phone Number,Location,Jabber Calling,Jabber with Webex Teams\n"
    b"ana@acme.example,TRUE,+14085550100,HQ,FALSE,FALSE\n"
)
ORG: Any = {
    "package": "webex_calling",
    "locations": ["HQ"],
    "subscribed_packages": ["webex_calling"],
    "users": [],
}


def test_sample_plan_matches_its_counts() -> None:
    plan = wc.check_csv(SAMPLES / "users.csv", org=SAMPLES / "org.json")
    assert isinstance(plan, wc.ImportPlan)
    assert plan.summary["rows"] == len(plan.rows) == len(plan)
    assert plan.summary["rejected"] == len(plan.rejected) > 0
    assert all(row["action"] == "rejected" and row["errors"] for row in plan.rejected)
    assert plan.has_rejections
    assert list(plan) == plan.rows
    assert "rejected=" in repr(plan)


def test_data_forms_give_the_same_plan(tmp_path: Path) -> None:
    path = tmp_path / "users.csv"
    path.write_bytes(CSV)
    plans = [
        wc.check_csv(CSV, org=ORG),
        wc.check_csv(text=CSV.decode(), org=ORG),
        wc.check_csv(bytearray(CSV), org=ORG),
        wc.check_csv(memoryview(CSV), org=ORG),
        wc.check_csv(path, org=ORG),
        wc.check_csv(CSV, org_text=json.dumps(ORG)),
    ]
    org_path = tmp_path / "org.json"
    org_path.write_text(json.dumps(ORG))
    plans.append(wc.check_csv(CSV, org=org_path))
    assert all(p == plans[0] for p in plans)
    assert plans[0].rows[0]["action"] == "add"


def test_behavior_default_is_the_cores() -> None:
    # R-CSV-06: add only assigns the basic licenses with the package.
    default = wc.check_csv(CSV, org=ORG)
    assert default == wc.check_csv(CSV, behavior="add_only", org=ORG)
    assert default != wc.check_csv(CSV, behavior="add_and_remove", org=ORG)
    assert "basic_messaging" in default.rows[0]["assign"]


def test_unknown_behavior_is_an_input_error() -> None:
    with pytest.raises(wc.InputError) as info:
        wc.check_csv(CSV, behavior="add_everything")  # type: ignore[arg-type]
    assert info.value.field == "options.behavior"
    assert info.value.code == wc.INPUT_INVALID


@pytest.mark.parametrize("org", [b"{not json", b'{"users": 3}', {"users": 3}])
def test_bad_snapshot_is_a_csv_import_error(org: Any) -> None:
    with pytest.raises(wc.CsvImportError) as info:
        wc.check_csv(CSV, org=org)
    assert info.value.code == "SNAPSHOT_INVALID"
    assert info.value.severity == "error"
    assert isinstance(info.value, wc.WholesaleError)


def test_a_str_snapshot_is_a_path() -> None:
    with pytest.raises(wc.InputError) as info:
        wc.check_csv(CSV, org="/nonexistent/org.json")
    assert (info.value.code, info.value.field) == (wc.INPUT_INVALID, "org")


def test_file_error_empties_the_rows() -> None:
    plan = wc.check_csv(b"")
    assert plan.file_errors[0]["code"] == "FILE_EMPTY"
    assert plan.rows == [] and plan.to_dicts() == []
    assert plan.has_rejections


def test_to_dict_is_the_core_json() -> None:
    plan = wc.check_csv(CSV, org=ORG)
    data = plan.to_dict()
    assert set(data) == {"file_errors", "file_warnings", "rows", "summary"}
    assert json.loads(json.dumps(data)) == data


def test_to_dicts_columns() -> None:
    csv = (
        b"User ID/Email,Webex Calling [Sub-1],Webex Meetings [Sub-2],Phone Number,Location,"
        b"Jabber Calling,Jabber with Webex Teams\n"
        b"ana@acme.example,TRUE,TRUE,+14085550100,HQ,FALSE,FALSE\n"
        b"bo@acme.example,TRUE,FALSE,+14085550101,HQ,FALSE,FALSE\n"
    )
    plan = wc.check_csv(csv, org=ORG)
    rows = plan.to_dicts()
    assert [r["line"] for r in rows] == [2, 3]
    assert set(rows[0]) == {
        "line", "email", "action", "package", "assign", "remove", "error_codes",
        "warning_codes", "errors", "warnings", "field", "message",
    }
    first = rows[0]
    assert first["action"] == "rejected"
    assert first["error_codes"].split(";")[0] == plan.rows[0]["errors"][0]["code"]
    assert first["message"] == plan.rows[0]["errors"][0]["message"]
    second = rows[1]
    assert second["assign"].split(";") == plan.rows[1]["assign"]
    assert second["errors"] == 0 and second["error_codes"] == ""


def test_remediation_for_control_hub_messages() -> None:
    fix = wc.remediation_for("Line 4: Cannot update user license.")
    assert fix is not None and fix["rule"] == "R-CSV-19"
    assert "unassign" in fix["steps"]
    assert wc.remediation_for("something else") is None


def test_to_dicts_builds_a_polars_dataframe() -> None:
    pl = pytest.importorskip("polars")
    plan = wc.check_csv(SAMPLES / "users.csv", org=SAMPLES / "org.json")
    frame = pl.DataFrame(plan.to_dicts())
    assert frame.height == plan.summary["rows"]
    assert frame.filter(pl.col("action") == "rejected").height == plan.summary["rejected"]
    assert frame["line"].to_list() == [row["line"] for row in plan.rows]
