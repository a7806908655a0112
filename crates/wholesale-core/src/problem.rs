//! A problem is data, not a string: a registry [`Code`] (and so its rule and
//! severity), the field or CSV column it concerns, the line where there is
//! one, and a message a partner can act on. Every module reports in this one
//! shape: its error types implement [`AsProblem`]. Validation returns every
//! problem at once, errors and warnings apart, in [`Findings`].
//!
//! ```
//! use wholesale_core::codes::Code;
//! use wholesale_core::problem::{Findings, Problem};
//!
//! let mut findings = Findings::default();
//! findings.push(Problem::new(Code::TemplatePstnProvider, "pstn_provider", "prefer a partner-managed PSTN"));
//! assert!(findings.is_valid());
//! assert_eq!(findings.warnings.len(), 1);
//! ```

use serde::{Deserialize, Serialize};

use crate::codes::{Code, Severity};

/// One rule failure: what, where, and what to do about it.
///
/// Serialized as `{"code", "rule", "severity", "field", "line", "message"}`;
/// `rule` and `severity` always come from the code, so they are ignored
/// when reading.
///
/// ```
/// use wholesale_core::{Code, Problem};
///
/// let problem = Problem::new(Code::EmailInvalid, "User ID/Email", "not an address").on_line(Some(3));
/// let json = serde_json::to_value(&problem).unwrap();
/// assert_eq!(json["rule"], "R-CSV-14");
/// assert_eq!(json["severity"], "error");
/// assert_eq!(json["line"], 3);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(from = "ProblemWire")]
pub struct Problem {
    /// The registry code, e.g. `ADMIN_PACKAGE_DOWNGRADE`.
    pub code: Code,
    /// The field (an API field path, or a CSV column as written in the
    /// header) concerned, where one is.
    pub field: Option<String>,
    /// The 1-based line of the file concerned (the header is line 1), where
    /// the input is a file.
    pub line: Option<u64>,
    /// What went wrong and how to fix it, in English.
    pub message: String,
}

/// The serialized form of [`Problem`]: `rule` and `severity` follow from the
/// code, so they are written but never trusted when read.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Problem"))]
struct ProblemOut<'a> {
    /// The registry code, e.g. `ADMIN_PACKAGE_DOWNGRADE`.
    code: Code,
    /// The rule the code enforces, e.g. `R-CSV-14` (see `docs/rules.md`).
    rule: &'a str,
    /// Whether the problem stops the operation (`error`) or not (`warning`).
    severity: Severity,
    /// The field (an API field path, or a CSV column as written in the
    /// header) concerned, where one is.
    field: Option<&'a str>,
    /// The 1-based line of the file concerned (the header is line 1), where
    /// the input is a file.
    line: Option<u64>,
    /// What went wrong and how to fix it, in English.
    message: &'a str,
}

/// What [`Problem`] reads: the serialized form, `rule` and `severity` ignored.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProblemWire {
    code: Code,
    #[serde(default)]
    #[allow(dead_code)]
    rule: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    #[allow(dead_code)]
    severity: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    field: Option<String>,
    #[serde(default)]
    line: Option<u64>,
    message: String,
}

impl From<ProblemWire> for Problem {
    fn from(wire: ProblemWire) -> Self {
        Problem {
            code: wire.code,
            field: wire.field,
            line: wire.line,
            message: wire.message,
        }
    }
}

impl Problem {
    /// A problem with `code` about `field`.
    pub fn new(code: Code, field: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            code,
            field: Some(field.into()),
            line: None,
            message: message.into(),
        }
    }

    /// A problem that concerns the input as a whole rather than one field.
    pub fn general(code: Code, message: impl Into<String>) -> Self {
        Problem {
            code,
            field: None,
            line: None,
            message: message.into(),
        }
    }

    /// The same problem, placed on `line` of the file.
    #[must_use]
    pub fn on_line(mut self, line: Option<u64>) -> Self {
        self.line = line;
        self
    }

    /// The same problem, about `field` (a field path or CSV column).
    #[must_use]
    pub fn in_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// The rule ID the code enforces.
    pub fn rule(&self) -> &'static str {
        self.code.rule()
    }

    /// Whether the problem is an error or a warning (from its code).
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }
}

impl Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ProblemOut {
            code: self.code,
            rule: self.code.rule(),
            severity: self.code.severity(),
            field: self.field.as_deref(),
            line: self.line,
            message: &self.message,
        }
        .serialize(serializer)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Problem {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        ProblemOut::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        ProblemOut::json_schema(generator)
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        write!(f, "{} ({})", self.code, self.code.rule())?;
        if let Some(field) = &self.field {
            write!(f, " [{field}]")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Anything the library reports as a problem: each module's error type
/// implements it, so every finding, whatever produced it, reaches callers in
/// the one [`Problem`] shape.
///
/// ```
/// use wholesale_core::package::Package;
/// use wholesale_core::problem::AsProblem;
///
/// let error = Package::parse_strict("webex_calling_pro").unwrap_err();
/// let problem = error.to_problem().in_field("package");
/// assert_eq!(problem.code.as_str(), "PACKAGE_UNKNOWN");
/// assert_eq!(problem.field.as_deref(), Some("package"));
/// ```
pub trait AsProblem {
    /// The finding as a [`Problem`] (the first, when there are several).
    fn to_problem(&self) -> Problem;

    /// Every problem of the finding: one, except for errors that gather
    /// several (a report's missing columns).
    fn problems(&self) -> Vec<Problem> {
        vec![self.to_problem()]
    }
}

impl AsProblem for Problem {
    fn to_problem(&self) -> Problem {
        self.clone()
    }
}

/// Every problem a validation found, errors and warnings kept apart.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Findings {
    /// Problems that stop the operation.
    pub errors: Vec<Problem>,
    /// Problems that deserve attention but do not stop it.
    pub warnings: Vec<Problem>,
}

impl Findings {
    /// Files `problem` under errors or warnings, by its code's severity.
    pub fn push(&mut self, problem: Problem) {
        match problem.severity() {
            Severity::Error => self.errors.push(problem),
            Severity::Warning => self.warnings.push(problem),
        }
    }

    /// True when there is no error (warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// Whether any problem, error or warning, carries `code`.
    pub fn has(&self, code: Code) -> bool {
        self.errors
            .iter()
            .chain(&self.warnings)
            .any(|p| p.code == code)
    }

    /// Every problem, errors first.
    pub fn iter(&self) -> impl Iterator<Item = &Problem> {
        self.errors.iter().chain(&self.warnings)
    }
}

/// Errors first, then warnings; with [`Extend`] this lets
/// `findings.extend(other_findings)` merge two sets.
impl IntoIterator for Findings {
    type Item = Problem;
    type IntoIter = std::iter::Chain<std::vec::IntoIter<Problem>, std::vec::IntoIter<Problem>>;
    fn into_iter(self) -> Self::IntoIter {
        self.errors.into_iter().chain(self.warnings)
    }
}

/// Files each problem by severity, so `findings.extend(check(..))` takes an
/// `Option<Problem>` or any iterator of problems.
impl Extend<Problem> for Findings {
    fn extend<I: IntoIterator<Item = Problem>>(&mut self, problems: I) {
        for problem in problems {
            self.push(problem);
        }
    }
}

/// Files each problem by severity.
impl FromIterator<Problem> for Findings {
    fn from_iter<I: IntoIterator<Item = Problem>>(problems: I) -> Self {
        let mut findings = Findings::default();
        findings.extend(problems);
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_serializes_code_rule_severity_field_line_message() {
        let p = Problem::new(Code::EmailInvalid, "email", "not an address");
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "EMAIL_INVALID", "rule": "R-CSV-14", "severity": "error", "field": "email", "line": null, "message": "not an address"})
        );
        let back: Problem = serde_json::from_value(json).unwrap();
        assert_eq!(back.code, p.code);
        assert_eq!(back.message, p.message);
    }

    #[test]
    fn findings_route_by_severity() {
        let mut f = Findings::default();
        f.push(Problem::general(Code::TemplatePstnProvider, "w"));
        assert!(f.is_valid());
        f.push(Problem::general(Code::EmailInvalid, "e"));
        assert!(!f.is_valid());
        assert!(f.has(Code::EmailInvalid));
        assert_eq!(f.iter().count(), 2);
    }
}
