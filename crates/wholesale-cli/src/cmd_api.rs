//! `wholesale api check`: detect, parse and precheck a Webex Wholesale API payload.

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;
use serde::Serialize;
use serde_json::Value;
use wholesale_core::api::{self, PayloadCheck, ResourceId};
use wholesale_core::provisioning::NewCustomer;

use crate::output::{safe, safe_display, write_json};
use crate::{read_input, Failure, Format, Outcome};

#[derive(Subcommand)]
pub enum ApiCommand {
    /// Detect which payload a JSON file is, parse it and run the local precheck.
    ///
    /// FILE is one payload (a customer, subscriber, list, provision/update/precheck
    /// request or response, a 202 answer), the library's own new-customer file
    /// (`samples/new_customer.json`), or an operation example document
    /// (`requestExamples`/`responseExamples`), whose examples are each checked.
    Check {
        /// The JSON file.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

/// The largest payload file read: API bodies are small, so 64 MiB is ample
/// and an endless input stops (R-REP-05).
const MAX_PAYLOAD_BYTES: usize = 64 * 1024 * 1024;

/// One checked payload and where it sits in the file.
#[derive(Serialize)]
struct Located<'a> {
    source: &'a str,
    #[serde(flatten)]
    check: &'a PayloadCheck,
}

pub fn run(cmd: ApiCommand, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let ApiCommand::Check { file, format } = cmd;
    let bytes = crate::read_input_at_most(&file, MAX_PAYLOAD_BYTES)?;
    let value: Value = serde_json::from_slice(&bytes)
        .map_err(|e| Failure(format!("{} is not JSON: {e}", file.display())))?;
    let examples = api::example_payloads(&value);
    let checks: Vec<(String, PayloadCheck)> = if examples.is_empty() {
        vec![(String::new(), api::check_payload(&value))]
    } else {
        examples
            .into_iter()
            .map(|(place, example)| (place, api::check_payload(example)))
            .collect()
    };
    match format {
        Format::Json if examples_document(&checks) => {
            let located: Vec<Located> = checks
                .iter()
                .map(|(source, check)| Located { source, check })
                .collect();
            write_json(out, &located)?;
        }
        Format::Json => write_json(out, &checks[0].1)?,
        Format::Text | Format::Markdown => {
            for (source, check) in &checks {
                write_check_text(out, source, check)?;
            }
        }
    }
    Ok(if checks.iter().all(|(_, c)| c.valid) {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}

fn examples_document(checks: &[(String, PayloadCheck)]) -> bool {
    checks.iter().any(|(source, _)| !source.is_empty())
}

fn write_check_text(
    out: &mut dyn Write,
    source: &str,
    check: &PayloadCheck,
) -> Result<(), Failure> {
    let place = if source.is_empty() {
        String::new()
    } else {
        format!("{source}: ")
    };
    let verdict = if check.valid { "valid" } else { "INVALID" };
    writeln!(
        out,
        "{place}{} — {verdict} ({} errors, {} warnings)",
        check.kind.as_str(),
        check.errors.len(),
        check.warnings.len()
    )?;
    for problem in &check.errors {
        writeln!(out, "  error   {}", safe_display(problem))?;
    }
    for problem in &check.warnings {
        writeln!(out, "  warning {}", safe_display(problem))?;
    }
    Ok(())
}

pub fn demo(out: &mut dyn Write) -> Result<(), Failure> {
    writeln!(out, "== Creating a customer (R-TPL-01, R-CUS-01..03) ==")?;
    let bytes = read_input(&crate::demo::samples_dir().join("new_customer.json"))?;
    let customer: NewCustomer = serde_json::from_slice(&bytes)?;
    let findings = customer.validate();
    writeln!(
        out,
        "samples/new_customer.json ({}): {} errors, {} warnings",
        safe(&customer.name),
        findings.errors.len(),
        findings.warnings.len()
    )?;
    for problem in findings.iter() {
        writeln!(out, "  {}", safe_display(problem))?;
    }
    writeln!(out)?;

    writeln!(out, "== Provisioning API precheck (R-API-01..04) ==")?;
    let dir = crate::demo::samples_dir().join("api");
    for name in [
        "provision_customer.json",
        "provision_subscriber_flawed.json",
    ] {
        let bytes = read_input(&dir.join(name))?;
        let value: Value = serde_json::from_slice(&bytes)?;
        write!(out, "samples/api/{name}: ")?;
        write_check_text(out, "", &api::check_payload(&value))?;
    }
    let id =
        "Y2lzY29zcGFyazovL3VzL09yZ2FuaXphdGlvbi81MmNmNTc2ZC02MGE4LTQwN2EtYjIyYy00NjdjNTE1OTE5MDk";
    let decoded = ResourceId::decode(id)?;
    writeln!(
        out,
        "API org ID {}… is {} {} in region {}: the UUID Partner Hub reports show\n",
        &id[..24],
        decoded.kind,
        decoded.uuid,
        decoded.region
    )?;
    Ok(())
}
