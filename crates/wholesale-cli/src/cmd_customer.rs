//! `wholesale customer check`: what creating a customer needs (R-TPL-01,
//! R-CUS-01..03, R-CUS-06), and optionally its onboarding template (R-TPL-03, 04).

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;
use wholesale_core::provisioning::NewCustomer;
use wholesale_core::template::OnboardingTemplate;

use crate::{output, read_json, Failure, Format, Outcome};

#[derive(Subcommand)]
pub enum CustomerCommand {
    /// Check a new customer (JSON, as samples/new_customer.json) before it is
    /// created: every problem at once. Exit 1 when it has errors.
    Check {
        /// The new customer, JSON.
        file: PathBuf,
        /// The onboarding template it is created from (JSON), checked too.
        #[arg(long, value_name = "TEMPLATE.json")]
        template: Option<PathBuf>,
        /// Output format (text or json).
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

pub fn run(cmd: CustomerCommand, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let CustomerCommand::Check {
        file,
        template,
        format,
    } = cmd;
    let customer: NewCustomer = read_json(&file)?;
    let mut findings = customer.validate();
    if let Some(path) = template {
        let template: OnboardingTemplate = read_json(&path)?;
        for problem in template.validate().iter() {
            findings.push(problem.clone().in_field(format!(
                "template.{}",
                problem.field.as_deref().unwrap_or("")
            )));
        }
    }
    let title = format!("customer {}", customer.name);
    output::write_findings(out, format, &title, &findings)
}
