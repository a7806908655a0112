"""Status, KPIs and reports, delegated to the core."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, cast, Dict, List

import pytest

import wholesale_core as wc
from conftest import repo_root

SAMPLES = repo_root() / "samples"
REPORTS = SAMPLES / "reports"
AS_OF = dt.date(2026, 11, 25)


def report_path(kind: str) -> Path:
    prefix = {
        "subscription_details": "Subscription Details",
        "devices": "Devices",
        "phone_numbers": "Phone Numbers",
        "calling_usage": "Calling Usage Details",
        "app_versions": "Webex App Versions",
    }[kind]
    return next(REPORTS.glob(f"{prefix}_*.csv"))


def customer(end: str) -> Any:
    return {
        "name": "Acme",
        "package": "webex_calling",
        "subscriptions": [
            {
                "id": "s1",
                "customer_id": "c1",
                "kind": "subscription",
                "product": "calling",
                "status": "active",
                "end_date": end,
                "licenses": {"total": 10, "assigned": 5},
            }
        ],
    }


def test_customer_status_as_of_forms_agree() -> None:
    c = customer("2026-12-01")
    results = [
        wc.customer_status(c, AS_OF),
        wc.customer_status(c, "2026-11-25"),
        wc.customer_status(c, dt.datetime(2026, 11, 25, 12, tzinfo=dt.timezone.utc)),
    ]
    assert all(r == results[0] for r in results)
    assert "expiring_soon" in results[0]["statuses"]
    assert results[0]["primary"] == results[0]["statuses"][0]


def test_thresholds_override_only_what_they_name() -> None:
    c = customer("2026-12-20")  # 25 days away
    assert "expiring_soon" in wc.customer_status(c, AS_OF)["statuses"]
    narrow = wc.customer_status(c, AS_OF, {"expiring_soon_days": 10})
    assert "expiring_soon" not in narrow["statuses"]
    with pytest.raises(wc.InputError) as info:
        wc.customer_status(c, AS_OF, {"expiring_soon_days": -1})
    assert info.value.field == "thresholds.expiring_soon_days"
    zero = wc.check_status_thresholds({"no_activity_days": 0})
    assert [p["code"] for p in zero["warnings"]] == ["STATUS_WINDOW_ZERO"]


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(wc.InputError):
        wc.customer_status(customer("2026-12-01"), dt.datetime(2026, 11, 25))
    with pytest.raises(wc.InputError):
        wc.customer_status(customer("2026-12-01"), "25/11/2026")


def test_filter_customers_keeps_order_and_data() -> None:
    soon, later = customer("2026-12-01"), customer("2027-06-01")
    later["name"] = "Later"
    kept = wc.filter_customers([later, soon], AS_OF, {"status": ["expiring_soon"]})
    assert [c["name"] for c in kept] == ["Acme"]
    assert len(wc.filter_customers([later, soon], AS_OF)) == 2


def test_kpi_dashboard_from_report_equals_from_subscriptions() -> None:
    path = report_path("subscription_details")
    subs = wc.subscriptions_from_report(path, "calling")
    assert subs
    from_report = wc.kpi_dashboard(path, "calling", AS_OF)
    assert from_report == wc.kpi_dashboard(subs, "calling", AS_OF)
    rows = wc.read_report("subscription_details", path)["rows"]
    assert wc.subscriptions_from_report(cast(Any, rows), "calling") == subs
    assert from_report["as_of"] == "2026-11-25"
    assert from_report["product"] == "calling"


def test_kpi_options_defaults_and_invalid() -> None:
    path = report_path("subscription_details")
    default = wc.kpi_dashboard(path, "calling", AS_OF)
    assert default == wc.kpi_dashboard(path, "calling", AS_OF, {})
    with pytest.raises(wc.ValidationError) as info:
        wc.kpi_dashboard(path, "calling", AS_OF, {"low_assignment": {"rule": "percentile", "value": 101}})
    assert info.value.code == "KPI_PERCENTILE_INVALID"
    assert info.value.rule == "R-KPI-04"
    with pytest.raises(wc.InputError):
        wc.kpi_dashboard(path, "voice", AS_OF)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["subscription_details", "devices", "phone_numbers", "calling_usage", "app_versions"])
def test_reports_round_trip(kind: str) -> None:
    assert kind in wc.report_kinds()
    table = wc.read_report(kind, report_path(kind))
    assert table["rows"]
    text = wc.write_report(kind, table["rows"])
    again = wc.read_report(kind, text=text)
    assert again["rows"] == table["rows"]


def test_report_missing_columns() -> None:
    with pytest.raises(wc.ReportError) as info:
        wc.read_report("devices", text="customer,MAC\nAcme,00AA\n")
    err = info.value
    assert err.code == "REPORT_COLUMN_MISSING" and err.rule == "R-REP-01"
    assert err.field == err.problems[0]["field"]
    assert len(err.problems) > 1


def test_report_bad_cells_are_problems() -> None:
    path = report_path("subscription_details")
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[6] = "many"
    table = wc.read_report("subscription_details", text="\n".join([lines[0], ",".join(cells)]) + "\n")
    assert table["rows"] == []
    assert table["problems"][0]["code"] == "REPORT_CELL_INVALID"
    assert table["problems"][0]["line"] == 2


def test_unknown_report_kind() -> None:
    with pytest.raises(wc.InputError) as info:
        wc.read_report(cast(Any, "invoices"), b"")
    assert info.value.field == "kind"
    with pytest.raises(wc.InputError):
        wc.write_report(cast(Any, "invoices"), [])


def test_write_report_neutralizes_formulas() -> None:
    rows: Any = wc.read_report("devices", report_path("devices"))["rows"]
    rows[0]["customer"] = "=HYPERLINK(\"http://x\")"
    text = wc.write_report("devices", rows)
    assert "'=HYPERLINK" in text


def test_report_file_names() -> None:
    name = wc.ReportFileName.parse("Default_Template Name_a1b2c3_2026-11-25.csv")
    assert (name.template, name.id, name.date) == ("Default_Template Name", "a1b2c3", AS_OF)
    assert str(name) == "Default_Template Name_a1b2c3_2026-11-25"
    assert name.file_name() == "Default_Template Name_a1b2c3_2026-11-25.csv"
    assert wc.ReportFileName.parse(name.file_name()) == name
    assert len({name, wc.ReportFileName.parse(str(name))}) == 1
    with pytest.raises(wc.ValidationError) as info:
        wc.ReportFileName.parse("report.csv")
    assert info.value.code == "REPORT_FILE_NAME_INVALID"


def test_region_selector() -> None:
    assert wc.region_selector(["EU", "US", "EU"]) == ["US", "EU"]
    assert wc.region_selector(["UAE"]) == []
