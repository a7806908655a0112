//! Shared output helpers: JSON printing, and text made safe for a terminal.

use std::borrow::Cow;
use std::fmt;
use std::io::Write;

use serde::Serialize;

use crate::Failure;

/// Writes `value` as pretty JSON followed by a newline. JSON is exact: it is
/// never passed through [`terminal_safe`] (serde_json escapes C0 controls,
/// and other characters are data a JSON reader must get back as they are).
pub fn write_json(out: &mut dyn Write, value: &impl Serialize) -> Result<(), Failure> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// Whether a character must not reach a terminal as it is: C0 and C1
/// controls (ESC starts the escape sequences that clear a screen or retitle a
/// window), DEL, and the bidirectional formatting characters that reorder
/// what a line shows (overrides, embeddings, isolates, marks).
fn unsafe_for_terminal(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// R-REP-05: text from the data, as a terminal may show it. Every control
/// or bidirectional formatting character is written as its Rust escape
/// (`\u{1b}`), so a customer name holding `ESC[2J` prints as `\u{1b}[2J`
/// instead of clearing the screen. Borrowed when nothing needs escaping.
///
/// Every text output of the CLI passes data through this function (or
/// [`safe`], its `Display` form); JSON output does not.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_for_terminal) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_for_terminal(c) {
            escaped.extend(c.escape_unicode());
        } else {
            escaped.push(c);
        }
    }
    Cow::Owned(escaped)
}

/// [`terminal_safe`] as a `Display` value, for format arguments.
pub struct Safe<'a>(pub &'a str);

impl fmt::Display for Safe<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&terminal_safe(self.0))
    }
}

/// `Safe(text)`.
pub fn safe(text: &str) -> Safe<'_> {
    Safe(text)
}

/// Any `Display` value (a problem, an error) as terminal-safe text.
pub fn safe_display(value: &impl fmt::Display) -> String {
    terminal_safe(&value.to_string()).into_owned()
}

/// Writes each problem on its own line, terminal-safe, to standard error.
pub fn eprint_problems<'a>(problems: impl IntoIterator<Item = &'a wholesale_core::Problem>) {
    for p in problems {
        eprintln!("{}", safe_display(p));
    }
}

/// A validation's result as JSON: `{"valid", "errors", "warnings"}`.
#[derive(Serialize)]
pub struct Checked<'a> {
    /// No error.
    pub valid: bool,
    /// The errors.
    pub errors: &'a [wholesale_core::Problem],
    /// The warnings.
    pub warnings: &'a [wholesale_core::Problem],
}

/// Writes findings as `format` asks: the JSON [`Checked`], or a verdict
/// line under `title` then one line per problem; exit 1 when invalid.
pub fn write_findings(
    out: &mut dyn Write,
    format: crate::Format,
    title: &str,
    findings: &wholesale_core::Findings,
) -> Result<crate::Outcome, Failure> {
    match format {
        crate::Format::Json => write_json(
            out,
            &Checked {
                valid: findings.is_valid(),
                errors: &findings.errors,
                warnings: &findings.warnings,
            },
        )?,
        crate::Format::Text => {
            let verdict = if findings.is_valid() {
                "valid"
            } else {
                "INVALID"
            };
            writeln!(
                out,
                "{} — {verdict} ({} errors, {} warnings)",
                safe(title),
                findings.errors.len(),
                findings.warnings.len()
            )?;
            for p in &findings.errors {
                writeln!(out, "  error   {}", safe_display(p))?;
            }
            for p in &findings.warnings {
                writeln!(out, "  warning {}", safe_display(p))?;
            }
        }
        crate::Format::Markdown => return Err(Failure("this command prints text or json".into())),
    }
    Ok(if findings.is_valid() {
        crate::Outcome::Clean
    } else {
        crate::Outcome::Problems
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_rep_05_terminal_text_escapes_controls_c1_and_bidi() {
        assert_eq!(terminal_safe("Acme"), "Acme");
        assert!(matches!(terminal_safe("Acme AB"), Cow::Borrowed(_)));
        assert_eq!(terminal_safe("x\u{1b}[2Jy"), "x\\u{1b}[2Jy");
        assert_eq!(terminal_safe("a\u{9b}b"), "a\\u{9b}b");
        assert_eq!(terminal_safe("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(terminal_safe("l1\nl2\r"), "l1\\u{a}l2\\u{d}");
        assert_eq!(terminal_safe("São Paulo 東京"), "São Paulo 東京");
        assert_eq!(format!("[{:<6}]", safe("a\u{7}")), "[a\\u{7}]");
    }
}
