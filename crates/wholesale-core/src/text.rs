//! Small text helpers shared by the parsers: trimming cells, counting lines,
//! quoting input in messages.

use std::borrow::Cow;

/// How much of a value a message quotes.
pub(crate) const MESSAGE_CHARS: usize = 80;

/// `str::trim`, without its scan for Unicode whitespace when the text starts
/// and ends with a visible ASCII character (nearly every cell and value).
pub(crate) fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// The number of `\n` in `bytes`.
pub(crate) fn count_newlines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

/// The first `max_chars` characters of `text`, with `…` when cut, so a huge
/// cell never makes a huge message.
pub(crate) fn truncate(text: &str, max_chars: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or_default()).into(),
        None => text.into(),
    }
}

/// Placeholder until the identity functions land: trimmed, case-insensitive.
pub fn same_name(a: &str, b: &str) -> bool {
    trim(a).to_lowercase() == trim(b).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_is_str_trim() {
        for text in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\ta\r",
            "\u{a0}x\u{a0}",
            "x\u{2003}",
            "é",
            " é ",
            "ab",
            "a b",
        ] {
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
    }

    #[test]
    fn newlines_are_counted() {
        assert_eq!(count_newlines(b""), 0);
        assert_eq!(count_newlines(b"a\r\nb\n\n"), 3);
        assert_eq!(count_newlines(&b"x\n".repeat(1000)), 1000);
    }

    #[test]
    fn long_text_is_cut() {
        assert_eq!(truncate("abc", 5), "abc");
        assert_eq!(truncate("abcdef", 3), "abc…");
        assert_eq!(truncate("åäöü", 2), "åä…");
    }
}
