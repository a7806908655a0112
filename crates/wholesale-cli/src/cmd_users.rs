//! `wholesale users check`: a manual-add batch (R-USR-01) with each user's
//! rules (R-CUS-04, R-CUS-05), against the customer they are added to.

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;
use wholesale_core::org::{Customer, User};
use wholesale_core::provisioning::validate_manual_batch;

use crate::{output, read_json, Failure, Format, Outcome};

#[derive(Subcommand)]
pub enum UsersCommand {
    /// Check users to add by hand (at most 25 a batch). Exit 1 on errors.
    Check {
        /// The customer (JSON, `wholesale_core::org::Customer`): package,
        /// admin, locations, users.
        customer: PathBuf,
        /// The users to add (JSON list of `wholesale_core::org::User`).
        users: PathBuf,
        /// Output format (text or json).
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

pub fn run(cmd: UsersCommand, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let UsersCommand::Check {
        customer,
        users,
        format,
    } = cmd;
    let customer: Customer = read_json(&customer)?;
    let users: Vec<User> = read_json(&users)?;
    let findings = validate_manual_batch(&customer, &users);
    let title = format!("{} users for {}", users.len(), customer.name);
    output::write_findings(out, format, &title, &findings)
}
