//! Report file names (R-REP-03): `<template name>_<alphanumeric id>_<download date>`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::codes::Code;
use crate::problem::Problem;

/// A report file name, built and parsed.
///
/// The template name may itself contain `_`: the id and the date are the last
/// two `_`-separated parts. A trailing `.csv` (any case) is accepted on parse.
///
/// ```
/// use chrono::NaiveDate;
/// use wholesale_core::report::ReportFileName;
///
/// let name = ReportFileName::parse("Default_Template Name_a1b2c3_2026-11-25.csv").unwrap();
/// assert_eq!(name.template, "Default_Template Name");
/// assert_eq!(name.id, "a1b2c3");
/// assert_eq!(name.date, NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
/// assert_eq!(name.to_string(), "Default_Template Name_a1b2c3_2026-11-25");
/// assert_eq!(name.file_name(), "Default_Template Name_a1b2c3_2026-11-25.csv");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReportFileName {
    /// The report template's name (default or custom).
    pub template: String,
    /// The alphanumeric id Partner Hub adds.
    pub id: String,
    /// The download date.
    pub date: NaiveDate,
}

impl ReportFileName {
    /// Parses a file name (without directories), with or without `.csv`.
    pub fn parse(name: &str) -> Result<ReportFileName, Problem> {
        let invalid = |why: &str| {
            Problem::new(
                Code::ReportFileNameInvalid,
                "file_name",
                format!(
                    "{:?}: {why}; expected '<template name>_<alphanumeric id>_<YYYY-MM-DD>'",
                    crate::text::truncate(name, crate::text::MESSAGE_CHARS)
                ),
            )
        };
        let stem = match name.len().checked_sub(4).and_then(|i| name.get(i..)) {
            Some(ext) if ext.eq_ignore_ascii_case(".csv") => {
                name.get(..name.len() - 4).unwrap_or(name)
            }
            _ => name,
        };
        let mut parts = stem.rsplitn(3, '_');
        let (Some(date), Some(id), Some(template)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(invalid("it has fewer than three '_'-separated parts"));
        };
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .map_err(|_| invalid("the last part is not a date YYYY-MM-DD"))?;
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(invalid("the id before the date is not alphanumeric"));
        }
        if template.trim().is_empty() {
            return Err(invalid("the template name is empty"));
        }
        if let Some(why) = template_problem(template) {
            return Err(invalid(why));
        }
        Ok(ReportFileName {
            template: template.to_owned(),
            id: id.to_owned(),
            date,
        })
    }

    /// A file name from its parts, refused when it would not parse back to
    /// the same parts (R-REP-05): an id that is not alphanumeric, a template
    /// name that is empty, holds a path separator (`/`, `\\`) or a control
    /// character, or has spaces around it.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use wholesale_core::report::ReportFileName;
    ///
    /// let day = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    /// assert!(ReportFileName::new("Default", "a1b2", day).is_ok());
    /// assert!(ReportFileName::new("Default", "a_b", day).is_err()); // parses back as template "Default_a"
    /// assert!(ReportFileName::new("../etc", "a1", day).is_err());
    /// ```
    pub fn new(
        template: impl Into<String>,
        id: impl Into<String>,
        date: NaiveDate,
    ) -> Result<ReportFileName, Problem> {
        let name = ReportFileName {
            template: template.into(),
            id: id.into(),
            date,
        };
        name.check()?;
        Ok(name)
    }

    /// Whether the name parses back to itself (see [`ReportFileName::new`]).
    pub fn check(&self) -> Result<(), Problem> {
        let text = self.to_string();
        let parsed = ReportFileName::parse(&text)?;
        if parsed != *self {
            return Err(Problem::new(
                Code::ReportFileNameInvalid,
                "file_name",
                format!(
                    "{:?} would read back as template {:?}, id {:?}: the id must be alphanumeric",
                    crate::text::truncate(&text, crate::text::MESSAGE_CHARS),
                    crate::text::truncate(&parsed.template, crate::text::MESSAGE_CHARS),
                    parsed.id
                ),
            ));
        }
        Ok(())
    }

    /// The name with `.csv`.
    pub fn file_name(&self) -> String {
        format!("{self}.csv")
    }
}

impl std::fmt::Display for ReportFileName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}_{}_{}",
            self.template,
            self.id,
            self.date.format("%Y-%m-%d")
        )
    }
}

impl std::str::FromStr for ReportFileName {
    type Err = Problem;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ReportFileName::parse(s)
    }
}

/// Why a template name cannot be part of a file name, if it cannot.
fn template_problem(template: &str) -> Option<&'static str> {
    if template.contains(['/', '\\']) {
        Some("the template name holds a path separator")
    } else if template.chars().any(char::is_control) {
        Some("the template name holds a control character")
    } else if template.trim() != template {
        Some("the template name has spaces around it")
    } else {
        None
    }
}
