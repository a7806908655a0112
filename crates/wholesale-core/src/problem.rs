//! A problem is data, not a string: a registry [`Code`], the field it concerns,
//! and a message a partner can act on. Validation returns every problem at
//! once, errors and warnings apart, in [`Findings`].
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
/// Serialized as `{"code", "rule", "field", "message"}`; `rule` is always the
/// code's rule and is ignored when reading.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Problem {
    /// The registry code, e.g. `ADMIN_PACKAGE_DOWNGRADE`.
    pub code: Code,
    /// The field (or CSV column) concerned, where one is.
    pub field: Option<String>,
    /// What went wrong and how to fix it, in English.
    pub message: String,
}

impl Problem {
    /// A problem with `code` about `field`.
    pub fn new(code: Code, field: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            code,
            field: Some(field.into()),
            message: message.into(),
        }
    }

    /// A problem that concerns the input as a whole rather than one field.
    pub fn general(code: Code, message: impl Into<String>) -> Self {
        Problem {
            code,
            field: None,
            message: message.into(),
        }
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
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Problem", 4)?;
        s.serialize_field("code", &self.code)?;
        s.serialize_field("rule", self.code.rule())?;
        s.serialize_field("field", &self.field)?;
        s.serialize_field("message", &self.message)?;
        s.end()
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.code, self.code.rule())?;
        if let Some(field) = &self.field {
            write!(f, " [{field}]")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Every problem a validation found, errors and warnings kept apart.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_serializes_code_rule_field_message() {
        let p = Problem::new(Code::EmailInvalid, "email", "not an address");
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "EMAIL_INVALID", "rule": "R-CSV-14", "field": "email", "message": "not an address"})
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
