//! Customer status (R-STA), KPIs (R-KPI) and Partner Hub reports (R-REP).

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wholesale_core::kpi::{self, KpiOptions};
use wholesale_core::org::{Customer, DataRegion};
use wholesale_core::report::{
    self, app_versions::AppVersionRow, calling_usage::CallingUsageRow, devices::DeviceRow,
    phone_numbers::PhoneNumberRow, subscription_details,
    subscription_details::SubscriptionDetailsRow, ReportError, ReportFileName, ReportRow,
    ReportTable,
};
use wholesale_core::status::{self, CustomerFilter, StatusThresholds};
use wholesale_core::subscription::{ProductLine, Subscription};

use crate::convert::{
    arg_bool, arg_file_bytes, arg_string, coded_error, day, error_to_js, from_js, options,
    problems_error_to_js, to_js, validation_error_to_js, ErrorInfo,
};

/// `customerStatus(customer, asOf, thresholds?)`: every status of the
/// customer as of a day, `{statuses, primary}` (R-STA).
#[wasm_bindgen(js_name = customerStatus, unchecked_return_type = "CustomerStatus")]
pub fn customer_status(
    #[wasm_bindgen(unchecked_param_type = "Customer")] customer: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "Day")] as_of: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Partial<StatusThresholds>")]
    thresholds: JsValue,
) -> Result<JsValue, JsValue> {
    let customer: Customer = from_js(customer, "customer")?;
    let as_of = day(&as_of, "as_of")?;
    let thresholds: StatusThresholds = options(thresholds, "thresholds")?;
    to_js(&status::customer_status(&customer, as_of, &thresholds))
}

/// `filterCustomers(customers, asOf, filter?, thresholds?)`: the customers
/// that pass `filter` as of a day, in their original order.
#[wasm_bindgen(js_name = filterCustomers, unchecked_return_type = "Customer[]")]
pub fn filter_customers(
    #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<Customer>")] customers: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "Day")] as_of: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CustomerFilter")] filter: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Partial<StatusThresholds>")]
    thresholds: JsValue,
) -> Result<JsValue, JsValue> {
    let customers: Vec<Customer> = from_js(customers, "customers")?;
    let as_of = day(&as_of, "as_of")?;
    let filter: CustomerFilter = options(filter, "filter")?;
    let thresholds: StatusThresholds = options(thresholds, "thresholds")?;
    to_js(&status::filter_customers(
        &customers,
        &filter,
        as_of,
        &thresholds,
    ))
}

/// `checkStatusThresholds(thresholds?)`: `STATUS_WINDOW_ZERO` warnings.
#[wasm_bindgen(js_name = checkStatusThresholds, unchecked_return_type = "Findings")]
pub fn check_status_thresholds(
    #[wasm_bindgen(unchecked_optional_param_type = "Partial<StatusThresholds>")]
    thresholds: JsValue,
) -> Result<JsValue, JsValue> {
    let thresholds: StatusThresholds = options(thresholds, "thresholds")?;
    to_js(&status::check_thresholds(&thresholds))
}

/// Subscriptions from an array of subscription objects, or from a
/// subscription details report (text or bytes) for `product`.
fn subscriptions(source: JsValue, product: ProductLine) -> Result<Vec<Subscription>, JsValue> {
    if js_sys::Array::is_array(&source) {
        return from_js(source, "subscriptions");
    }
    let table = read_table::<SubscriptionDetailsRow>(&source)?;
    Ok(subscription_details::to_subscriptions(&table.rows, product))
}

/// `kpiDashboard(subscriptions, product, asOf, options?)`: every KPI of the
/// product line as of a day (R-KPI-01..12). `subscriptions` is an array of
/// subscription objects or a subscription details report (text or bytes;
/// unreadable rows are left out: `readReport` shows them). Invalid options
/// throw the first `KPI_*` error with `problems`.
#[wasm_bindgen(js_name = kpiDashboard, unchecked_return_type = "KpiDashboard")]
pub fn kpi_dashboard(
    #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<Subscription> | string | Uint8Array")]
    subscriptions: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ProductLine")] product: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "Day")] as_of: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Partial<KpiOptions>")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let product: ProductLine = from_js(product, "product")?;
    let as_of = day(&as_of, "as_of")?;
    let opts: KpiOptions = crate::convert::options(options, "options")?;
    let findings = opts.check();
    if !findings.is_valid() {
        return Err(validation_error_to_js(&findings));
    }
    let subs = self::subscriptions(subscriptions, product)?;
    to_js(&kpi::dashboard(&subs, product, as_of, &opts))
}

/// `subscriptionsFromReport(report, product)`: the subscriptions of
/// `product` in a subscription details report (its rows, or the report
/// text/bytes), for `kpiDashboard` (R-REP-02).
#[wasm_bindgen(js_name = subscriptionsFromReport, unchecked_return_type = "Subscription[]")]
pub fn subscriptions_from_report(
    #[wasm_bindgen(
        unchecked_param_type = "ReadonlyArray<SubscriptionDetailsRow> | string | Uint8Array"
    )]
    report: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ProductLine")] product: JsValue,
) -> Result<JsValue, JsValue> {
    let product: ProductLine = from_js(product, "product")?;
    let rows: Vec<SubscriptionDetailsRow> = if js_sys::Array::is_array(&report) {
        from_js(report, "report")?
    } else {
        read_table::<SubscriptionDetailsRow>(&report)?.rows
    };
    to_js(&subscription_details::to_subscriptions(&rows, product))
}

/// A report error as a thrown error: missing columns carry `problems`
/// (each `{code, rule, line, column, message}`), the rest is `INPUT_INVALID`.
pub fn report_error_info(err: &ReportError) -> (ErrorInfo, Vec<wholesale_core::Problem>) {
    match err {
        ReportError::MissingColumns(problems) => {
            let first = problems.first();
            let info = coded_error(
                first.map(|p| p.code),
                first.and_then(|p| p.column.clone()),
                err.to_string(),
            );
            (info, problems.iter().map(|p| p.to_problem()).collect())
        }
        other => (
            coded_error(None, Some("data".to_owned()), other.to_string()),
            Vec::new(),
        ),
    }
}

fn report_error(err: &ReportError) -> JsValue {
    let (info, problems) = report_error_info(err);
    if problems.is_empty() {
        return error_to_js(&info);
    }
    let error = problems_error_to_js(problems);
    let _ = js_sys::Reflect::set(&error, &"message".into(), &info.message.as_str().into());
    error
}

fn read_table<R: ReportRow>(data: &JsValue) -> Result<ReportTable<R>, JsValue> {
    let bytes = arg_file_bytes(data, "data")?;
    report::read_report::<R>(bytes.as_slice()).map_err(|e| report_error(&e))
}

/// The report kinds `readReport` and `writeReport` accept.
pub const KINDS: [&str; 5] = [
    "subscription_details",
    "devices",
    "phone_numbers",
    "calling_usage",
    "app_versions",
];

fn unknown_kind(kind: &str) -> JsValue {
    error_to_js(&ErrorInfo::input_invalid(
        "kind",
        format!(
            "unknown report kind {:?}; one of {}",
            kind.chars().take(40).collect::<String>(),
            KINDS.join(", ")
        ),
    ))
}

fn read_as<R: ReportRow + Serialize>(data: &JsValue) -> Result<JsValue, JsValue> {
    to_js(&read_table::<R>(data)?)
}

/// The CSV text of `rows` (English headers, every cell neutralized).
pub fn write_rows<R: ReportRow>(rows: &[R]) -> Result<String, ErrorInfo> {
    let mut out = Vec::new();
    report::write_report(&mut out, rows)
        .map_err(|e| coded_error(None, Some("rows".to_owned()), e.to_string()))?;
    String::from_utf8(out).map_err(|e| ErrorInfo::internal(e.to_string()))
}

fn write_as<R: ReportRow + DeserializeOwned>(rows: JsValue) -> Result<JsValue, JsValue> {
    let rows: Vec<R> = from_js(rows, "rows")?;
    write_rows(&rows)
        .map(|text| JsValue::from_str(&text))
        .map_err(|info| error_to_js(&info))
}

/// `readReport(kind, data)`: `{rows, problems}` of a Partner Hub report
/// (R-REP-01). Missing columns throw `REPORT_COLUMN_MISSING` with `problems`.
#[wasm_bindgen(js_name = readReport, unchecked_return_type = "ReportTable")]
pub fn read_report(
    #[wasm_bindgen(unchecked_param_type = "ReportKind")] kind: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] data: JsValue,
) -> Result<JsValue, JsValue> {
    match arg_string(&kind, "kind")?.as_str() {
        "subscription_details" => read_as::<SubscriptionDetailsRow>(&data),
        "devices" => read_as::<DeviceRow>(&data),
        "phone_numbers" => read_as::<PhoneNumberRow>(&data),
        "calling_usage" => read_as::<CallingUsageRow>(&data),
        "app_versions" => read_as::<AppVersionRow>(&data),
        other => Err(unknown_kind(other)),
    }
}

/// `writeReport(kind, rows)`: the report's CSV text for rows as
/// `readReport` returns them (R-REP-01).
#[wasm_bindgen(js_name = writeReport, unchecked_return_type = "string")]
pub fn write_report(
    #[wasm_bindgen(unchecked_param_type = "ReportKind")] kind: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<ReportRow>")] rows: JsValue,
) -> Result<JsValue, JsValue> {
    match arg_string(&kind, "kind")?.as_str() {
        "subscription_details" => write_as::<SubscriptionDetailsRow>(rows),
        "devices" => write_as::<DeviceRow>(rows),
        "phone_numbers" => write_as::<PhoneNumberRow>(rows),
        "calling_usage" => write_as::<CallingUsageRow>(rows),
        "app_versions" => write_as::<AppVersionRow>(rows),
        other => Err(unknown_kind(other)),
    }
}

/// `reportKinds()`: the kinds `readReport` and `writeReport` accept.
#[wasm_bindgen(js_name = reportKinds, unchecked_return_type = "ReportKind[]")]
pub fn report_kinds() -> Result<JsValue, JsValue> {
    to_js(&KINDS)
}

/// `parseReportFileName(name)`: `{template, id, date}` (R-REP-03); an
/// invalid name throws `REPORT_FILE_NAME_INVALID` with `problems`.
#[wasm_bindgen(js_name = parseReportFileName, unchecked_return_type = "ReportFileNameParts")]
pub fn parse_report_file_name(
    #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
) -> Result<JsValue, JsValue> {
    match ReportFileName::parse(&arg_string(&name, "name")?) {
        Ok(parsed) => to_js(&parsed),
        Err(problem) => Err(problems_error_to_js(vec![problem])),
    }
}

/// `reportFileName(template, id, date, extension = true)`:
/// `<template>_<id>_<date>[.csv]` (R-REP-03).
#[wasm_bindgen(js_name = reportFileName, unchecked_return_type = "string")]
pub fn report_file_name(
    #[wasm_bindgen(unchecked_param_type = "string")] template: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Day")] date: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "boolean")] extension: JsValue,
) -> Result<JsValue, JsValue> {
    let name = ReportFileName {
        template: arg_string(&template, "template")?,
        id: arg_string(&id, "id")?,
        date: day(&date, "date")?,
    };
    let extension = if extension.is_undefined() || extension.is_null() {
        true
    } else {
        arg_bool(&extension, "extension")?
    };
    Ok(JsValue::from_str(&if extension {
        name.file_name()
    } else {
        name.to_string()
    }))
}

/// `regionSelector(regions)`: the regions the Partner Hub region selector
/// offers (R-REP-04).
#[wasm_bindgen(js_name = regionSelector, unchecked_return_type = "DataRegion[]")]
pub fn region_selector(
    #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<DataRegion>")] regions: JsValue,
) -> Result<JsValue, JsValue> {
    let regions: Vec<DataRegion> = from_js(regions, "regions")?;
    to_js(&report::region_selector(regions))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::parse_day;

    #[test]
    fn r_rep_01_missing_columns_carry_their_problems() {
        let err = report::read_report::<DeviceRow>(&b"External ID\nx\n"[..]).unwrap_err();
        let (info, problems) = report_error_info(&err);
        assert_eq!(info.code, "REPORT_COLUMN_MISSING");
        assert_eq!(info.rule.as_deref(), Some("R-REP-01"));
        assert!(problems.len() > 1);
        assert_eq!(info.field, problems[0].field);
    }

    #[test]
    fn r_rep_01_rows_write_back() {
        let text = "Customer Name,Org ID,App Type,Platform,Version,OS Version,Number of Users\nA,o,app,mac,1,14,3\n";
        let table = report::read_report::<AppVersionRow>(text.as_bytes()).unwrap();
        let written = write_rows(&table.rows).unwrap();
        let again = report::read_report::<AppVersionRow>(written.as_bytes()).unwrap();
        assert_eq!(again.rows, table.rows);
    }

    #[test]
    fn days_are_iso_dates_only() {
        assert_eq!(
            parse_day(" 2026-11-25 ", "as_of").unwrap().to_string(),
            "2026-11-25"
        );
        for bad in ["", "25/11/2026", "2026-02-30", &"9".repeat(10_000)] {
            let err = parse_day(bad, "as_of").unwrap_err();
            assert_eq!(
                (err.code.as_str(), err.field.as_deref()),
                ("INPUT_INVALID", Some("as_of"))
            );
            assert!(err.message.len() < 120);
        }
    }
}
