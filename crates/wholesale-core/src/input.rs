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
    fn a_wrong_type_deep_inside_is_placed() {
        let customers = serde_json::json!([{"name": "A", "package": 3}]);
        let err =
            deserialize_arg::<Vec<crate::org::Customer>, _>(customers, "customers").unwrap_err();
        assert!(err.field.starts_with("customers[0]"), "{}", err.field);
    }
}
