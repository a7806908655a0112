#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub mod api;
pub mod codes;
pub mod contact;
pub mod csv_import;
pub mod input;
pub mod kpi;
pub mod org;
pub mod package;
pub mod problem;
pub mod provisioning;
pub mod quality;
pub mod report;
pub mod status;
pub mod subscription;
pub mod template;
pub mod text;
pub mod week;

pub use codes::{Code, Severity};
pub use package::Package;
pub use problem::{Findings, Problem};
