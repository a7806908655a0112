//! Arguments from callers of the bindings (a Python dict, a JS object, JSON
//! text) read into core types, with the place of a refusal: a misspelled
//! option key is an error that names the key, never a silently ignored
//! option. The Python and JavaScript bindings both read through
//! [`deserialize_arg`], so they refuse the same inputs with the same words.
//!
//! ```
//! use wholesale_core::csv_import::ImportOptions;
//! use wholesale_core::input::deserialize_arg;
//!
//! let json = serde_json::json!({"behaviour": "add_and_remove"});
//! let err = deserialize_arg::<ImportOptions, _>(json, "options").unwrap_err();
//! assert_eq!(err.field, "options.behaviour");
//! assert!(err.message.starts_with("unknown field `behaviour`"), "{}", err.message);
//! ```

use serde::{Deserialize, Deserializer};

use crate::problem::{AsProblem, Findings, Problem};
use crate::text::{truncate, MESSAGE_CHARS};

/// An argument that could not be read: where (`options.behaviour`, or the
/// argument's name) and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct InputError {
    /// The argument, and the path inside it: `options.behaviour`,
    /// `customers[2].package`.
    pub field: String,
    /// What is wrong, in serde's words (which name the expected keys).
    pub message: String,
}

/// Reads argument `name` from any serde deserializer; a refusal says where.
pub fn deserialize_arg<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
    name: &str,
) -> Result<T, InputError> {
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = error.path().to_string();
        let field = if path == "." {
            name.to_owned()
        } else if path.starts_with('[') {
            format!("{name}{path}")
        } else {
            format!("{name}.{path}")
        };
        let message = error.into_inner().to_string();
        InputError {
            field: truncate(&field, MESSAGE_CHARS).into_owned(),
            message: truncate(&message, 4 * MESSAGE_CHARS).into_owned(),
        }
    })
}

/// Options whose values have rules of their own (a percentile from 0 to
/// 100, a finite threshold): read through [`deserialize_checked`], they are
/// checked when they are built, so no caller runs the core with options it
/// forgot to check.
pub trait Checked {
    /// The problems of the values; any error refuses the options.
    fn problems(&self) -> Findings;
}

impl Checked for crate::kpi::KpiOptions {
    fn problems(&self) -> Findings {
        self.check()
    }
}

impl Checked for crate::quality::QualityPolicy {
    fn problems(&self) -> Findings {
        self.validate()
            .err()
            .map(|error| error.to_problem())
            .into_iter()
            .collect()
    }
}

/// Why checked options were refused: not readable, or values against their
/// rules (the rules' own codes, e.g. `KPI_PERCENTILE_INVALID`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptionsError {
    /// Not the options' shape, or a key they do not have.
    Unreadable(InputError),
    /// Read, but refused by their rules: every problem, errors first.
    Invalid(Vec<Problem>),
}

/// Reads options as [`deserialize_arg`] does, then checks them.
///
/// ```
/// use wholesale_core::input::{deserialize_checked, OptionsError};
/// use wholesale_core::kpi::KpiOptions;
///
/// let json = serde_json::json!({"low_assignment": {"rule": "percentile", "value": 120.0}});
/// let Err(OptionsError::Invalid(problems)) = deserialize_checked::<KpiOptions, _>(json, "options") else {
///     panic!("a percentile of 120 is refused");
/// };
/// assert_eq!(problems[0].code.as_str(), "KPI_PERCENTILE_INVALID");
/// ```
pub fn deserialize_checked<'de, T: Deserialize<'de> + Checked, D: Deserializer<'de>>(
    deserializer: D,
    name: &str,
) -> Result<T, OptionsError> {
    let options: T = deserialize_arg(deserializer, name).map_err(OptionsError::Unreadable)?;
    let findings = options.problems();
    if findings.is_valid() {
        Ok(options)
    } else {
        Err(OptionsError::Invalid(findings.into_iter().collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::KpiOptions;
    use crate::quality::QualityPolicy;
    use crate::status::StatusThresholds;

    #[test]
    fn misspelled_option_keys_are_refused_with_their_path() {
        let err =
            deserialize_arg::<KpiOptions, _>(serde_json::json!({"expiring_days": 30}), "options")
                .unwrap_err();
        assert_eq!(err.field, "options.expiring_days");
        let err =
            deserialize_arg::<QualityPolicy, _>(serde_json::json!({"jitter": 30.0}), "policy")
                .unwrap_err();
        assert_eq!(err.field, "policy.jitter");
        let err = deserialize_arg::<StatusThresholds, _>(
            serde_json::json!({"expiring": 1}),
            "thresholds",
        )
        .unwrap_err();
        assert!(
            err.message.contains("unknown field `expiring`"),
            "{}",
            err.message
        );
        let ok: KpiOptions = deserialize_arg(serde_json::json!({}), "options").unwrap();
        assert_eq!(ok, KpiOptions::default());
    }

    #[test]
    fn r_cq_01_r_kpi_04_options_against_their_rules_are_refused_when_read() {
        let policy = serde_json::json!({"loss_pct": -1.0});
        match deserialize_checked::<QualityPolicy, _>(policy, "policy") {
            Err(OptionsError::Invalid(problems)) => {
                assert_eq!(problems[0].code.as_str(), "QUALITY_POLICY_INVALID");
                assert_eq!(problems[0].field.as_deref(), Some("policy.loss_pct"));
            }
            other => panic!("accepted or misread: {other:?}"),
        }
        let ok: QualityPolicy = deserialize_checked(serde_json::json!({}), "policy").unwrap();
        assert_eq!(ok, QualityPolicy::default());
        let typo = deserialize_checked::<KpiOptions, _>(serde_json::json!({"low": 1}), "options");
        assert!(matches!(typo, Err(OptionsError::Unreadable(e)) if e.field == "options.low"));
    }

    #[test]
    fn a_wrong_type_deep_inside_is_placed() {
        let customers = serde_json::json!([{"name": "A", "package": 3}]);
        let err =
            deserialize_arg::<Vec<crate::org::Customer>, _>(customers, "customers").unwrap_err();
        assert!(err.field.starts_with("customers[0]"), "{}", err.field);
    }
}
