//! Text shared by the parsers and the checks: trimming cells, quoting input
//! in messages, and the one identity of a name however it is spelled.

use std::borrow::Cow;
use std::io::Read;

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

/// The form in which names (locations, sites) are compared (R-CSV-11):
/// trimmed, NFC-normalized and fully case-folded, so `SÃO PAULO`,
/// `são paulo` and a decomposed `São Paulo` are one name. Borrowed when the
/// trimmed text already is its own key (lowercase ASCII, most names).
///
/// ```
/// use wholesale_core::text::name_key;
///
/// assert_eq!(name_key(" Lisboa "), "lisboa");
/// assert_eq!(name_key("SÃO PAULO"), "são paulo");
/// assert_eq!(name_key("Sa\u{0303}o Paulo"), name_key("São Paulo"));
/// assert_eq!(name_key("STRASSE"), name_key("Straße"));
/// ```
pub fn name_key(text: &str) -> Cow<'_, str> {
    fold(trim(text))
}

/// Whether two names are the same (R-CSV-11): equal [`name_key`]s.
///
/// ```
/// use wholesale_core::text::same_name;
///
/// assert!(same_name("SÃO PAULO", "São Paulo"));
/// assert!(same_name("Malmö ", "MALMÖ"));
/// assert!(!same_name("Malmo", "Malmö"));
/// ```
pub fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (trim(a), trim(b));
    // Equal but for ASCII case is equal folded; unequal ASCII is unequal.
    a.eq_ignore_ascii_case(b) || (!(a.is_ascii() && b.is_ascii()) && fold(a) == fold(b))
}

/// NFC, full case folding, NFC again (folding can decompose: `İ` folds to
/// `i` and a combining dot). ASCII needs only lowercasing, without a copy
/// when there is nothing to lower.
pub(crate) fn fold(text: &str) -> Cow<'_, str> {
    fold_ascii(text).unwrap_or_else(|| Cow::Owned(fold_unicode(text)))
}

/// [`fold`] of ASCII text; `None` when `text` is not ASCII.
pub(crate) fn fold_ascii(text: &str) -> Option<Cow<'_, str>> {
    // A fold rather than `any`: no early exit, so the scan is vectorized.
    let (ascii, lowercase) = text.bytes().fold((true, true), |(ascii, lower), b| {
        (ascii & b.is_ascii(), lower & !b.is_ascii_uppercase())
    });
    match (ascii, lowercase) {
        (true, true) => Some(Cow::Borrowed(text)),
        (true, false) => Some(Cow::Owned(text.to_ascii_lowercase())),
        (false, _) => None,
    }
}

fn fold_unicode(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let folded = caseless::default_case_fold_str(&text.nfc().collect::<String>());
    folded.nfc().collect()
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

/// Physical line numbers (1-based) of byte offsets in one buffer, for LF,
/// CRLF and CR-only line endings alike, blank lines included (R-CSV-05,
/// R-REP-05): the CSV parser's own line count misses CR-only breaks and
/// the lines it skips.
///
/// Readers ask in file order, so each call counts only the bytes since the
/// previous one; an earlier offset counts again from the start.
pub(crate) struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        LineCounter {
            bytes,
            offset: 0,
            line: 1,
        }
    }

    /// The line on which the record the CSV parser places at `offset`
    /// starts: the parser's offset is before the blank lines it skips.
    pub(crate) fn record_line(&mut self, offset: u64) -> u64 {
        let start = usize::try_from(offset).unwrap_or(usize::MAX);
        let skipped = self
            .bytes
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        self.line_at(offset.saturating_add(skipped as u64))
    }

    /// The line on which byte `offset` lies.
    pub(crate) fn line_at(&mut self, offset: u64) -> u64 {
        let target = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        if target < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        let segment = self.bytes.get(self.offset..target).unwrap_or_default();
        let breaks = memchr::memchr2_iter(b'\r', b'\n', segment)
            .filter(|&i| {
                // A CR followed by LF is one break, counted at the LF.
                segment.get(i) == Some(&b'\n')
                    || self.bytes.get(self.offset + i + 1) != Some(&b'\n')
            })
            .count();
        self.line += breaks as u64;
        self.offset = target;
        self.line
    }
}

/// Why input cannot be read within a reader's bound (R-REP-05, R-CSV-04).
pub(crate) enum Unbounded {
    /// The reader failed.
    Io(std::io::Error),
    /// The input, a record or a cell is over its limit; what to say.
    TooLarge(String),
}

/// Reads at most `limit` bytes of `reader`; more is [`Unbounded::TooLarge`]
/// (`hint` says what to do), after `limit` + 1 bytes, never to the end of an
/// endless input.
pub(crate) fn read_bounded(
    reader: impl Read,
    limit: usize,
    hint: &str,
) -> Result<Vec<u8>, Unbounded> {
    let mut bytes = Vec::new();
    reader
        .take(u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(Unbounded::Io)?;
    if bytes.len() > limit {
        return Err(Unbounded::TooLarge(format!(
            "the input is larger than {} MiB; {hint}",
            limit / (1024 * 1024)
        )));
    }
    Ok(bytes)
}

/// Column and cell limits of a reader (the callers pass R-CSV-04's).
pub(crate) struct RecordLimits {
    pub(crate) columns: usize,
    pub(crate) cell_bytes: usize,
}

/// A record at `line` with more columns, or a larger cell, than `limits`
/// allow, described; `None` when it is within them.
pub(crate) fn record_over_limits(
    columns: usize,
    mut cell_lengths: impl Iterator<Item = usize>,
    line: u64,
    limits: &RecordLimits,
) -> Option<String> {
    if columns > limits.columns {
        return Some(format!(
            "line {line} has {columns} columns; at most {} are read",
            limits.columns
        ));
    }
    cell_lengths.any(|len| len > limits.cell_bytes).then(|| {
        format!(
            "line {line} has a cell larger than {} KiB",
            limits.cell_bytes / 1024
        )
    })
}

#[cfg(test)]
mod line_tests {
    use super::LineCounter;

    #[test]
    fn r_rep_05_lines_count_lf_crlf_cr_and_blank_lines() {
        let text = b"h\r\na\r\n\r\nb\rc\nd";
        let mut lines = LineCounter::new(text);
        let at = |c: u8| text.iter().position(|&b| b == c).unwrap() as u64;
        assert_eq!(lines.line_at(at(b'a')), 2);
        assert_eq!(lines.line_at(at(b'b')), 4);
        assert_eq!(lines.line_at(at(b'c')), 5);
        assert_eq!(lines.line_at(at(b'd')), 6);
        assert_eq!(lines.line_at(at(b'a')), 2);
    }
}
