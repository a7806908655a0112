//! The shared CSV import vectors (`tests/vectors/csv/<case>/`): every case's
//! full plan JSON must equal its `expected`, so Python and JavaScript can run
//! the same comparison with plain JSON equality. A case whose snapshot is
//! refused (R-CSV-21) expects `{"error": {"code", "path"}}` instead.
//!
//! `UPDATE_VECTORS=1 cargo test -p wholesale-core --test csv_vectors` rewrites
//! `expected` from the library; review every changed file by hand.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use wholesale_core::csv_import::{check_bytes, ImportBehavior, ImportOptions, OrgSnapshot};

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/csv")
}

fn cases() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(vectors_dir())
        .expect("tests/vectors/csv exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("case.json").is_file())
        .collect();
    dirs.sort();
    dirs
}

fn run_case(dir: &Path) -> (Value, Value) {
    let case: Value = serde_json::from_str(&fs::read_to_string(dir.join("case.json")).unwrap())
        .unwrap_or_else(|e| panic!("{}: bad case.json: {e}", dir.display()));
    let behavior: ImportBehavior = serde_json::from_value(case["behavior"].clone())
        .expect("behavior is add_only or add_and_remove");
    let mut options = ImportOptions::default().with_behavior(behavior);
    let org_path = dir.join("org.json");
    if org_path.is_file() {
        match OrgSnapshot::from_json(&fs::read_to_string(&org_path).unwrap()) {
            Ok(org) => options = options.with_org(org),
            Err(e) => {
                let error = serde_json::json!({"error": {"code": e.code(), "path": e.path()}});
                return (case, error);
            }
        }
    }
    let input = fs::read(dir.join("input.csv")).unwrap();
    let plan = serde_json::to_value(check_bytes(&input, &options)).unwrap();
    (case, plan)
}

#[test]
fn every_vector_matches_its_expected_plan() {
    let update = std::env::var_os("UPDATE_VECTORS").is_some();
    let cases = cases();
    assert!(cases.len() >= 25, "only {} CSV vectors", cases.len());
    let mut failures = Vec::new();
    for dir in &cases {
        let (mut case, plan) = run_case(dir);
        if update {
            if case["expected"] != plan {
                case["expected"] = plan;
                let text = serde_json::to_string_pretty(&case).unwrap() + "\n";
                fs::write(dir.join("case.json"), text).unwrap();
                eprintln!("updated {}", dir.display());
            }
        } else if case["expected"] != plan {
            failures.push(format!(
                "{}:\n  expected {}\n  actual   {}",
                dir.file_name().unwrap().to_string_lossy(),
                case["expected"],
                plan
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every rule of section 3 is named by at least one vector, except R-CSV-19
/// (a message mapping, not a plan). The limits of R-CSV-04 that need large
/// inputs (20,001 rows, 2 MiB cells) are generated in `csv_limits.rs`.
#[test]
fn vectors_cover_every_csv_rule() {
    let mut named = BTreeSet::new();
    for dir in cases() {
        let (case, _) = run_case(&dir);
        for rule in case["rules"].as_array().expect("rules is a list") {
            named.insert(rule.as_str().unwrap().to_owned());
        }
    }
    for n in 1..=22 {
        let rule = format!("R-CSV-{n:02}");
        if rule == "R-CSV-19" {
            continue;
        }
        assert!(named.contains(&rule), "no vector names {rule}");
    }
}

/// R-CSV-20 on every vector: outcomes == data rows, lines increasing, and a
/// rejected row has errors (and only a rejected row).
#[test]
fn r_csv_20_vectors_account_for_every_row() {
    for dir in cases() {
        let (_, plan) = run_case(&dir);
        let Some(rows) = plan["rows"].as_array() else {
            continue; // A refused snapshot.
        };
        assert_eq!(
            plan["summary"]["rows"].as_u64().unwrap() as usize,
            rows.len()
        );
        let mut last = 1;
        for row in rows {
            let line = row["line"].as_u64().unwrap();
            assert!(line > last, "{}: lines out of order", dir.display());
            last = line;
            let rejected = row["action"] == "rejected";
            assert_eq!(rejected, !row["errors"].as_array().unwrap().is_empty());
        }
        if !plan["file_errors"].as_array().unwrap().is_empty() {
            assert!(
                rows.is_empty(),
                "{}: file error but rows planned",
                dir.display()
            );
        }
    }
}
