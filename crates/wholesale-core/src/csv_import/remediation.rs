//! R-CSV-19: what to do about the errors Control Hub itself reports after an
//! import.

use serde::Serialize;

/// A fix for an error Control Hub reported while importing a CSV (R-CSV-19).
///
/// ```
/// use wholesale_core::csv_import::{remediation_for, Remediation};
///
/// let fix = remediation_for("Cannot update user attributes; cannot revert license change.");
/// assert_eq!(fix, Some(Remediation::ReassignPackage));
/// assert!(fix.unwrap().steps().contains("unassign"));
/// assert_eq!(remediation_for("Something else went wrong"), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Remediation {
    /// Unassign the user's package, then assign it again.
    ReassignPackage,
}

impl Remediation {
    /// The rule that prescribes the fix.
    pub const fn rule(self) -> &'static str {
        match self {
            Remediation::ReassignPackage => "R-CSV-19",
        }
    }

    /// What the partner should do, in English.
    pub const fn steps(self) -> &'static str {
        match self {
            Remediation::ReassignPackage => {
                "unassign the user's package in Control Hub (Users > the user > Package), \
                 save, then assign the same package again"
            }
        }
    }
}

/// A remediation with its rule and steps, as the bindings return it:
/// `{"remediation", "rule", "steps"}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RemediationAdvice {
    /// Which fix.
    pub remediation: Remediation,
    /// The rule that prescribes it.
    pub rule: &'static str,
    /// What the partner should do, in English.
    pub steps: &'static str,
}

impl From<Remediation> for RemediationAdvice {
    fn from(remediation: Remediation) -> Self {
        RemediationAdvice {
            remediation,
            rule: remediation.rule(),
            steps: remediation.steps(),
        }
    }
}

/// The known Control Hub messages, normalized (lowercase words, single spaces).
const KNOWN: &[(&str, Remediation)] = &[
    (
        "cannot update user attributes cannot revert license change",
        Remediation::ReassignPackage,
    ),
    ("cannot update user license", Remediation::ReassignPackage),
];

/// Maps a Control Hub import error message (English) to its remediation, or
/// `None` when the message is not one the library knows (R-CSV-19).
///
/// Matching ignores case, punctuation and spacing, accepts "can not" and
/// "can't" for "cannot", and finds the message inside a longer text (Control
/// Hub prefixes line numbers and e-mails).
pub fn remediation_for(message: &str) -> Option<Remediation> {
    let normalized = normalize(message);
    KNOWN
        .iter()
        .find(|(known, _)| normalized.contains(known))
        .map(|&(_, fix)| fix)
}

fn normalize(message: &str) -> String {
    let mut words = String::with_capacity(message.len());
    let mut previous = String::new();
    for word in message
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
    {
        let word = word.to_lowercase();
        let word = match word.as_str() {
            "can't" | "cant" => "cannot".to_owned(),
            "not" if previous == "can" => {
                // "can not" -> "cannot": replace the trailing "can".
                words.truncate(words.len().saturating_sub("can".len()));
                "cannot".to_owned()
            }
            _ => word.replace('\'', ""),
        };
        if !words.is_empty() && !words.ends_with(' ') {
            words.push(' ');
        }
        words.push_str(&word);
        previous = word;
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_csv_19_known_messages_in_any_case_and_punctuation() {
        for message in [
            "Cannot update user attributes; cannot revert license change",
            "cannot update user attributes, cannot revert license change.",
            "CANNOT UPDATE USER ATTRIBUTES;CANNOT REVERT LICENSE CHANGE",
            "Line 4: ana@acme.example - Can not update user attributes; can't revert license change",
            "Cannot update user license",
            "  cannot   update user license!! ",
        ] {
            assert_eq!(
                remediation_for(message),
                Some(Remediation::ReassignPackage),
                "{message}"
            );
        }
    }

    #[test]
    fn r_csv_19_unknown_messages_have_no_remediation() {
        for message in [
            "",
            "Cannot update user",
            "Invalid e-mail",
            "cannot update user attributes",
            "canned update user license",
        ] {
            assert_eq!(remediation_for(message), None, "{message}");
        }
        assert_eq!(Remediation::ReassignPackage.rule(), "R-CSV-19");
    }
}
