//! `docs/rules.md` is the project's rules reference: every rule ID with the
//! core modules that implement it, the tests that check it and the registry
//! codes that enforce it. These tests keep it complete and truthful:
//!
//! - every rule ID named in the code and tests of the repository, and every
//!   rule of the code registry, has a `### ID` heading there;
//! - a rule whose `Checked by` is not `none yet` lists at least one file
//!   that exists and names the ID, and the ID is named in some test file;
//! - a rule that nothing in the code or tests names is marked `none yet`;
//! - each rule's `Codes` line is the registry's list for that rule, and each
//!   `Implemented in` module exists.
//!
//! A file names an ID when it holds it as written in prose (`R-XXX-NN`, or
//! the bare `R-XXX` of a rule without a number) or in a test name
//! (`r_xxx_nn`, where `r_xxx_nn_mm_...` names each two-digit number).
//! Ranges (`R-XXX-01..05`) name only their first ID. Only the standard
//! library is used; the registry is read through `wholesale_core::codes`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use wholesale_core::codes::Code;

/// The directories scanned for rule IDs, from the repository root.
const SCANNED_DIRS: &[&str] = &[
    "crates",
    "bindings/python/src",
    "bindings/python/python",
    "bindings/python/tests",
    "bindings/wasm/src",
    "bindings/wasm/js",
    "bindings/wasm/tests",
    "tests",
    "fuzz/fuzz_targets",
    "benches",
];

/// The extensions of the files scanned.
const SCANNED_EXTENSIONS: &[&str] = &["rs", "py", "pyi", "mjs", "js", "ts"];

/// Directories never scanned: build output, installed packages.
const SKIPPED_DIRS: &[&str] = &["target", "node_modules", "pkg", ".venv"];

/// Files never scanned: the reference itself and this test, which name IDs
/// only to describe them.
const SKIPPED_FILES: &[&str] = &[
    "docs/rules.md",
    "crates/wholesale-core/tests/rules_reference.rs",
];

/// The value that marks a rule without implementation or without tests.
const NONE_YET: &str = "none yet";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

// --- rule IDs in text -------------------------------------------------------

/// Every rule ID `text` names: numbered ones (`R-CSV-07`, `r_csv_07`) and
/// bare ones (`R-STA`, `r_sta`).
fn named_ids(text: &str) -> BTreeSet<String> {
    let b = text.as_bytes();
    let mut ids = BTreeSet::new();
    let mut i = 0;
    while i + 1 < b.len() {
        let starts_word = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        if starts_word && b[i] == b'R' && b[i + 1] == b'-' && (i == 0 || b[i - 1] != b'-') {
            i = prose_id(b, i, &mut ids);
        } else if starts_word && b[i] == b'r' && b[i + 1] == b'_' {
            i = test_name_ids(b, i, &mut ids);
        } else {
            i += 1;
        }
    }
    ids
}

/// Reads `R-XXX-NN` or `R-XXX` at `start`; returns where to go on.
fn prose_id(b: &[u8], start: usize, ids: &mut BTreeSet<String>) -> usize {
    let area_end = run(b, start + 2, |c| c.is_ascii_uppercase());
    if area_end == start + 2 {
        return start + 2;
    }
    let area = std::str::from_utf8(&b[start + 2..area_end]).unwrap();
    if b.get(area_end) == Some(&b'-') {
        let digits_end = run(b, area_end + 1, |c| c.is_ascii_digit());
        if digits_end > area_end + 1 {
            if !b.get(digits_end).is_some_and(u8::is_ascii_alphanumeric) {
                let number = std::str::from_utf8(&b[area_end + 1..digits_end]).unwrap();
                ids.insert(format!("R-{area}-{number}"));
            }
            return digits_end;
        }
    }
    if !b.get(area_end).is_some_and(u8::is_ascii_alphanumeric) {
        ids.insert(format!("R-{area}"));
    }
    area_end
}

/// Reads `r_xxx_nn[_mm...]` or `r_xxx` at `start`; returns where to go on.
fn test_name_ids(b: &[u8], start: usize, ids: &mut BTreeSet<String>) -> usize {
    let area_end = run(b, start + 2, |c| c.is_ascii_lowercase());
    if area_end == start + 2 {
        return start + 2;
    }
    let area = std::str::from_utf8(&b[start + 2..area_end])
        .unwrap()
        .to_ascii_uppercase();
    let mut at = area_end;
    let mut numbered = false;
    // `_nn` groups of exactly two digits, each followed by a non-alphanumeric
    // byte: `r_kpi_05_10_x` names 05 and 10, `r_kpi_04_25th` names 04 only.
    while b.get(at) == Some(&b'_')
        && b.get(at + 1).is_some_and(u8::is_ascii_digit)
        && b.get(at + 2).is_some_and(u8::is_ascii_digit)
        && !b.get(at + 3).is_some_and(u8::is_ascii_alphanumeric)
    {
        let number = std::str::from_utf8(&b[at + 1..at + 3]).unwrap();
        ids.insert(format!("R-{area}-{number}"));
        numbered = true;
        at += 3;
    }
    if !numbered && !b.get(area_end).is_some_and(u8::is_ascii_alphanumeric) {
        ids.insert(format!("R-{area}"));
    }
    at
}

/// Where the run of bytes `accept` takes, starting at `from`, ends.
fn run(b: &[u8], from: usize, accept: impl Fn(u8) -> bool) -> usize {
    from + b
        .get(from..)
        .map_or(0, |rest| rest.iter().take_while(|&&c| accept(c)).count())
}

fn is_numbered(id: &str) -> bool {
    id.bytes().any(|c| c.is_ascii_digit())
}

// --- the scanned files ------------------------------------------------------

/// One scanned file: its path from the repository root, whether it is a test
/// file, and the rule IDs it names.
struct Source {
    path: String,
    is_test: bool,
    ids: BTreeSet<String>,
}

/// Files under a `tests` directory, fuzz targets, and files holding Rust
/// tests.
fn is_test_file(path: &str, text: &str) -> bool {
    let mut dirs: Vec<&str> = path.split('/').collect();
    dirs.pop();
    dirs.contains(&"tests")
        || path.starts_with("fuzz/fuzz_targets/")
        || text.contains("#[test]")
        || text.contains("#[cfg(test)]")
}

fn read_text(path: &Path) -> Option<String> {
    fs::read(path)
        .ok()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

fn sources() -> Vec<Source> {
    let root = repo_root();
    let mut out = Vec::new();
    for dir in SCANNED_DIRS {
        walk(&root, dir, &mut out);
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn walk(root: &Path, rel: &str, out: &mut Vec<Source>) {
    let Ok(entries) = fs::read_dir(root.join(rel)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = format!("{rel}/{name}");
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if !SKIPPED_DIRS.contains(&name.as_str()) {
                walk(root, &path, out);
            }
            continue;
        }
        let scanned = Path::new(&name)
            .extension()
            .is_some_and(|e| SCANNED_EXTENSIONS.iter().any(|x| e == *x));
        if !kind.is_file() || !scanned || SKIPPED_FILES.contains(&path.as_str()) {
            continue;
        }
        let Some(text) = read_text(&root.join(&path)) else {
            continue;
        };
        out.push(Source {
            is_test: is_test_file(&path, &text),
            ids: named_ids(&text),
            path,
        });
    }
}

// --- docs/rules.md ----------------------------------------------------------

/// One `### ID — title` entry of docs/rules.md. `None` lists are `none yet`.
struct Rule {
    id: String,
    line: usize,
    statement: String,
    implemented_in: Option<Option<Vec<String>>>,
    checked_by: Option<Option<Vec<String>>>,
    codes: Vec<String>,
    /// Bullet lines given more than once (two entries run together when a
    /// heading is lost).
    repeated: Vec<&'static str>,
}

impl Rule {
    fn implemented(&self) -> Option<&[String]> {
        self.implemented_in.as_ref().and_then(|l| l.as_deref())
    }

    fn tests(&self) -> Option<&[String]> {
        self.checked_by.as_ref().and_then(|l| l.as_deref())
    }

    fn marked_none_yet(&self) -> bool {
        matches!(self.implemented_in, Some(None)) || matches!(self.checked_by, Some(None))
    }
}

fn rules_md() -> String {
    let path = repo_root().join("docs/rules.md");
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `none yet` is `None`; otherwise the comma-separated items, trimmed and
/// without backticks.
fn list(value: &str) -> Option<Vec<String>> {
    let value = value.trim();
    if value.eq_ignore_ascii_case(NONE_YET) {
        return None;
    }
    Some(
        value
            .split(',')
            .map(|item| item.trim().trim_matches('`').trim().to_owned())
            .filter(|item| !item.is_empty())
            .collect(),
    )
}

fn parse_rules(text: &str) -> Vec<Rule> {
    let mut rules: Vec<Rule> = Vec::new();
    let mut open = false;
    for (n, line) in text.lines().enumerate() {
        if let Some(heading) = line.strip_prefix("### ") {
            let id = heading.split_whitespace().next().unwrap_or("").to_owned();
            rules.push(Rule {
                id,
                line: n + 1,
                statement: String::new(),
                implemented_in: None,
                checked_by: None,
                codes: Vec::new(),
                repeated: Vec::new(),
            });
            open = true;
            continue;
        }
        if line.starts_with('#') {
            open = false;
            continue;
        }
        let Some(rule) = rules.last_mut().filter(|_| open) else {
            continue;
        };
        if let Some(value) = line.strip_prefix("- Implemented in:") {
            if rule.implemented_in.replace(list(value)).is_some() {
                rule.repeated.push("Implemented in");
            }
        } else if let Some(value) = line.strip_prefix("- Checked by:") {
            if rule.checked_by.replace(list(value)).is_some() {
                rule.repeated.push("Checked by");
            }
        } else if let Some(value) = line.strip_prefix("- Codes:") {
            if !rule.codes.is_empty() {
                rule.repeated.push("Codes");
            }
            rule.codes = list(value).unwrap_or_default();
        } else if !line.starts_with("- ") && !line.trim().is_empty() {
            rule.statement.push_str(line);
            rule.statement.push(' ');
        }
    }
    rules
}

fn rules() -> Vec<Rule> {
    parse_rules(&rules_md())
}

fn fail_if_any(problems: &[String], what: &str) {
    assert!(
        problems.is_empty(),
        "{what} ({}):\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

// --- the tests --------------------------------------------------------------

#[test]
fn rules_md_has_one_well_formed_entry_per_rule() {
    let rules = rules();
    assert!(!rules.is_empty(), "docs/rules.md lists no rule");
    let mut problems = Vec::new();
    let mut seen = BTreeMap::new();
    for rule in &rules {
        let at = format!("docs/rules.md:{} {}", rule.line, rule.id);
        let shape_ok = rule.id.starts_with("R-")
            && named_ids(&rule.id).len() == 1
            && named_ids(&rule.id).contains(&rule.id);
        if !shape_ok {
            problems.push(format!("{at}: the heading does not start with a rule ID"));
        }
        if let Some(first) = seen.insert(rule.id.clone(), rule.line) {
            problems.push(format!("{at}: listed twice (first on line {first})"));
        }
        if rule.statement.trim().is_empty() {
            problems.push(format!("{at}: no statement of the rule"));
        }
        for bullet in &rule.repeated {
            problems.push(format!(
                "{at}: more than one `- {bullet}:` line (a lost heading?)"
            ));
        }
        if rule.implemented_in.is_none() {
            problems.push(format!("{at}: no `- Implemented in:` line"));
        }
        match &rule.checked_by {
            None => problems.push(format!("{at}: no `- Checked by:` line")),
            Some(Some(files)) if files.is_empty() => {
                problems.push(format!("{at}: `Checked by` is empty; write `{NONE_YET}`"));
            }
            Some(Some(files)) => {
                for file in files.iter().filter(|f| f.contains(char::is_whitespace)) {
                    problems.push(format!("{at}: `Checked by` item {file:?} is not a path"));
                }
            }
            Some(None) => {}
        }
    }
    fail_if_any(&problems, "malformed entries in docs/rules.md");
}

#[test]
fn every_rule_id_named_in_code_or_tests_has_a_heading() {
    let listed: BTreeSet<String> = rules().into_iter().map(|r| r.id).collect();
    let mut named: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for source in sources() {
        for id in source.ids.iter().filter(|id| is_numbered(id)) {
            named
                .entry(id.clone())
                .or_default()
                .push(source.path.clone());
        }
    }
    for code in Code::ALL {
        named
            .entry(code.rule().to_owned())
            .or_default()
            .push(format!(
                "crates/wholesale-core/src/codes.rs ({})",
                code.as_str()
            ));
    }
    let problems: Vec<String> = named
        .iter()
        .filter(|(id, _)| !listed.contains(*id))
        .map(|(id, files)| {
            let more = files.len().saturating_sub(3);
            let shown = files.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            format!("{id}, named in {shown}{more}")
        })
        .collect();
    fail_if_any(&problems, "rule IDs named in code or tests but missing from docs/rules.md (add a `### ID — title` entry)");
}

#[test]
fn checked_by_lists_an_existing_test_file_that_names_the_rule() {
    let root = repo_root();
    let mut problems = Vec::new();
    for rule in rules() {
        let Some(files) = rule.tests() else {
            continue;
        };
        let existing: Vec<(&String, String)> = files
            .iter()
            .filter_map(|f| read_text(&root.join(f)).map(|text| (f, text)))
            .collect();
        if existing.is_empty() {
            problems.push(format!(
                "{} (docs/rules.md:{}): none of its `Checked by` files exists: {}",
                rule.id,
                rule.line,
                files.join(", ")
            ));
        } else if !existing
            .iter()
            .any(|(_, text)| named_ids(text).contains(&rule.id))
        {
            problems.push(format!(
                "{} (docs/rules.md:{}): none of its existing `Checked by` files names it: {}",
                rule.id,
                rule.line,
                existing
                    .iter()
                    .map(|(f, _)| f.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    fail_if_any(
        &problems,
        "rules whose `Checked by` files do not check them",
    );
}

#[test]
fn rules_with_tests_are_named_in_some_test_file() {
    let root = repo_root();
    let sources = sources();
    let mut problems = Vec::new();
    for rule in rules() {
        let Some(files) = rule.tests() else {
            continue;
        };
        let in_scanned_test = sources
            .iter()
            .any(|s| s.is_test && s.ids.contains(&rule.id));
        let in_listed_test = files.iter().any(|f| {
            read_text(&root.join(f))
                .is_some_and(|text| is_test_file(f, &text) && named_ids(&text).contains(&rule.id))
        });
        if !in_scanned_test && !in_listed_test {
            problems.push(format!(
                "{} (docs/rules.md:{}): tests are listed but no test file names the rule; write `Checked by: {NONE_YET}` or name it in a test",
                rule.id, rule.line
            ));
        }
    }
    fail_if_any(&problems, "rules listed with tests that no test file names");
}

#[test]
fn rules_never_named_in_code_or_tests_are_marked_none_yet() {
    let sources = sources();
    let mut problems = Vec::new();
    for rule in rules() {
        let named = sources.iter().any(|s| s.ids.contains(&rule.id));
        if !named && !rule.marked_none_yet() {
            problems.push(format!(
                "{} (docs/rules.md:{}): nothing in the code or tests names it, yet it is not marked `{NONE_YET}`",
                rule.id, rule.line
            ));
        }
    }
    fail_if_any(
        &problems,
        "rules nothing names that are not marked none yet",
    );
}

#[test]
fn codes_lines_match_the_registry() {
    let mut problems = Vec::new();
    for rule in rules() {
        let expected: Vec<&str> = Code::ALL
            .iter()
            .filter(|c| c.rule() == rule.id)
            .map(|c| c.as_str())
            .collect();
        let listed: BTreeSet<&str> = rule.codes.iter().map(String::as_str).collect();
        let wanted: BTreeSet<&str> = expected.iter().copied().collect();
        if listed != wanted {
            let line = if expected.is_empty() {
                "no `- Codes:` line".to_owned()
            } else {
                format!("- Codes: {}", expected.join(", "))
            };
            problems.push(format!(
                "{} (docs/rules.md:{}): the registry says {line}",
                rule.id, rule.line
            ));
        }
    }
    fail_if_any(
        &problems,
        "`Codes` lines that differ from wholesale_core::codes",
    );
}

#[test]
fn implementing_modules_exist() {
    let root = repo_root();
    let src = root.join("crates/wholesale-core/src");
    let mut problems = Vec::new();
    for rule in rules() {
        for item in rule.implemented().unwrap_or_default() {
            let exists = match item.strip_prefix("wholesale_core") {
                Some("") => true,
                Some(rest) => rest.strip_prefix("::").is_some_and(|module| {
                    let path = src.join(module.replace("::", "/"));
                    path.with_extension("rs").is_file() || path.is_dir()
                }),
                None => root.join(item).exists(),
            };
            if !exists {
                problems.push(format!(
                    "{} (docs/rules.md:{}): {item} is neither a module of wholesale_core nor a file",
                    rule.id, rule.line
                ));
            }
        }
    }
    fail_if_any(&problems, "`Implemented in` items that do not exist");
}

#[test]
fn the_id_scanner_reads_prose_and_test_names() {
    let ids = |text: &str| named_ids(text).into_iter().collect::<Vec<_>>();
    assert_eq!(
        ids("see (R-CSV-07) and R-KPI-01..05"),
        ["R-CSV-07", "R-KPI-01"]
    );
    assert_eq!(ids("fn r_kpi_02_03_auto_renew()"), ["R-KPI-02", "R-KPI-03"]);
    assert_eq!(
        ids("def test_r_cus_05_admin(): r_kpi_04_25th"),
        ["R-CUS-05", "R-KPI-04"]
    );
    assert_eq!(ids("status (R-STA): r_sta_precedence"), ["R-STA"]);
    assert!(ids("XR-CSV-07 or_csv_07 R-CSV-07a ERR_R").is_empty());
}
