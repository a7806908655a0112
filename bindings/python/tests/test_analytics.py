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
    read = wc.subscriptions_from_report(path)
    assert read["subscriptions"] and read["problems"] == []
    from_report = wc.kpi_dashboard(path, "calling", AS_OF)
    assert from_report == wc.kpi_dashboard(read["subscriptions"], "calling", AS_OF)
    rows = wc.read_report("subscription_details", path)["rows"]
    assert wc.subscriptions_from_report(cast(Any, rows)) == read
    calling = wc.subscriptions_from_report(path, "calling")["subscriptions"]
    assert calling and all(s["product"] == "calling" for s in calling)
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


DETAILS_HEADER = (
    "Calculation Date,Customer Name,Customer Org ID,Subscription Status,Subscription ID,"
    "Subscription Type,Total Users in Org,Total Verified Users,Auto Renewal Enabled,Expiration / Renewal Date,"
    "Meetings License (Available),Meetings License (Assigned),Meetings License (Used),"
    "Calling Professional License (Available),Calling Professional License (Assigned),Calling Professional License (Used),"
    "Calling Standard License (Available),Calling Standard License (Assigned),Calling Standard License (Used)"
)


def details(*rows: str, date: str = "2026-11-25") -> bytes:
    return ("\r\n".join([DETAILS_HEADER, *(f"{date},{r}" for r in rows)]) + "\r\n").encode()


def test_r_kpi_01_headline_counts_each_customer_once_across_product_lines() -> None:
    # Acme has calling and meetings, both ending soon: one customer, not two.
    report = details(
        "Acme,org-a,Active,S1,Paid,1,1,no,2026-12-01,10,4,2,10,5,1,0,0,0",
        "Bolt,org-b,Active,S2,Paid,1,1,no,2027-06-01,10,12,2,0,0,0,0,0,0",
    )
    d = wc.kpi_dashboard(report, "calling", AS_OF)
    h = d["headline"]
    assert h["total_customers"]["customers"] == 2
    assert h["near_expiration"]["customers"] == 1
    assert h["overage"]["customers"] == 1
    assert d["total_customers"] == 1  # calling only after the headline


def test_r_kpi_13_license_trend_from_reports_and_dicts() -> None:
    row = "Acme,org-a,Active,S1,Paid,1,1,no,2027-06-01,0,0,0,10,{assigned},3,0,0,0"
    first = details(row.format(assigned=4), date="2026-11-16")
    later = details(row.format(assigned=6), date="2026-11-30")
    trend = wc.license_trend([later, first], "calling")
    assert [(w["week_start"], w["assigned_licenses"]) for w in trend["weeks"]] == [
        ("2026-11-08", 4),
        ("2026-11-22", 6),
    ]
    assert trend["weeks"][0]["used_at_least_once_licenses"] == 3
    subs = wc.subscriptions_from_report(first)["subscriptions"]
    dated: Any = {"as_of": "2026-11-16", "subscriptions": subs}
    same = wc.license_trend([dated, first], "calling")
    assert len(same["weeks"]) == 1
    assert [p["code"] for p in same["problems"]] == ["TREND_WEEK_REPEATED"]


def test_r_rep_05_kpi_dashboard_does_not_drop_unreadable_rows_silently() -> None:
    report = details(
        "Acme,org-a,Active,S1,Paid,1,1,no,2026-12-01,0,0,0,10,5,1,0,0,0",
        "Bolt,org-b,Active,S2,Paid,1,1,no,2026-12-01,0,0,0,ten,5,1,0,0,0",
        "Acme,org-a,Active,S1,Paid,1,1,no,2026-12-01,0,0,0,10,5,1,0,0,0",
        "Cobalt,org-c ,Active,S3,Paid,1,1,no,2026-12-01,0,0,0,10,5,1,0,0,0",
    )
    d = wc.kpi_dashboard(report, "calling", AS_OF)
    found = [(p["code"], p["line"]) for p in d["problems"]]
    assert ("REPORT_CELL_INVALID", 3) in found
    assert ("SUBSCRIPTION_DUPLICATE", 4) in found
    assert ("REPORT_CELL_TRIMMED", 5) in found
    assert d["total_customers"] == 2
    listed = wc.kpi_dashboard(
        [
            {"id": "S1", "customer_id": "acme", "kind": "subscription", "product": "calling",
             "status": "active", "licenses": {"total": 10, "assigned": 5}},
            {"id": "S2", "customer_id": "acme ", "kind": "subscription", "product": "calling",
             "status": "active", "licenses": {"total": 10, "assigned": 5}},
        ],
        "calling",
        AS_OF,
    )
    assert listed["total_customers"] == 1
    assert [p["code"] for p in listed["problems"]] == ["SUBSCRIPTION_ID_TRIMMED"]


def test_r_rep_02_used_is_used_at_least_once() -> None:
    report = details("Acme,org-a,Active,S1,Paid,1,1,yes,2026-12-01,0,0,0,20,18,15,10,4,2")
    sub = wc.subscriptions_from_report(report, "calling")["subscriptions"][0]
    assert sub["licenses"]["used_at_least_once"] == 17
    assert sub["licenses"].get("used_last_3_months") is None
    row = wc.kpi_dashboard(report, "calling", AS_OF)["subscriptions"]["near_renewal"][0]
    assert (row["total"], row["used_at_least_once"], row["utilization_3_months_percent"]) == (30, 17, None)


def test_r_rep_01_phone_number_active_is_a_status() -> None:
    path = report_path("phone_numbers")
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    at = header.index("Active")
    rows = []
    for value in ["Active", "Inactive", "Porting"]:
        cells = lines[1].split(",")
        cells[at] = value
        rows.append(",".join(cells))
    table = wc.read_report("phone_numbers", text="\n".join([lines[0], *rows]) + "\n")
    assert table["problems"] == []
    rows_read: List[Any] = list(table["rows"])
    assert [r["active"] for r in rows_read] == ["active", "inactive", "Porting"]


def test_r_rep_05_writers_refuse_what_readers_refuse() -> None:
    rows: Any = wc.read_report("calling_usage", report_path("calling_usage"))["rows"]
    rows[0]["call_minutes"] = float("nan")
    with pytest.raises(wc.InputError):
        wc.write_report("calling_usage", rows)
    rows[0]["call_minutes"] = -1.0
    with pytest.raises(wc.ReportError) as info:
        wc.write_report("calling_usage", rows)
    assert info.value.code == "REPORT_CELL_UNWRITABLE"
    assert info.value.field == "Call Minutes" and info.value.line == 2
    with pytest.raises(wc.ValidationError) as name:
        wc.ReportFileName("Default", "a_b", AS_OF).file_name()
    assert name.value.code == "REPORT_FILE_NAME_INVALID"
    with pytest.raises(wc.ValidationError):
        wc.ReportFileName("reports/x", "ab1", AS_OF).file_name()
    with pytest.raises(wc.ApiError) as rid:
        wc.resource_id_encode("us", "PEOPLE/X", "52cf576d-60a8-407a-b22c-467c51591909")
    assert rid.value.code == "RESOURCE_ID_INVALID"


def test_r_cq_01_classify_columns_refuses_what_classify_leg_refuses() -> None:
    import numpy

    n = 3
    nan = numpy.full(n, numpy.nan)
    for bad in [-1.0, float("-inf"), float("inf")]:
        jitter = numpy.array([10.0, bad, 10.0])
        with pytest.raises(wc.QualityError) as info:
            wc.classify_columns(
                jitter, numpy.zeros(n), numpy.zeros(n), nan, nan, nan,
                numpy.zeros(n, dtype=numpy.uint8), numpy.full(n, 4, dtype=numpy.uint8),
            )
        assert info.value.code == "LEG_METRIC_INVALID"
        assert info.value.field == "audio_jitter_ms[1]"
