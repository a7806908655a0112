//! The file's records, read under the limits of R-CSV-04 and placed on the
//! physical lines of R-CSV-05.
//!
//! `csv-core` does the parsing (the same state machine as the `csv` crate);
//! driving it here, rather than through `csv::Reader`, lets the limits on
//! fields and cell size be checked while a record is read, so a hostile row
//! costs bounded memory, and lets lines be counted for LF, CRLF and CR-only
//! files alike (the `csv` crate counts `\n` only).

use csv_core::{ReadRecordResult, ReaderBuilder, Terminator};

use super::{MAX_COLUMNS, MAX_FIELD_BYTES};

/// One record: its cells and where it lies in the file.
pub(crate) struct Record<'r> {
    /// The physical line of its first byte (the header is line 1).
    pub first_line: u64,
    /// The physical line of its last byte before the line ending.
    pub last_line: u64,
    /// Where the record lies in the text read, its line ending excluded:
    /// the ready and rejected files copy these bytes as they are.
    pub span: std::ops::Range<usize>,
    text: &'r str,
    ends: &'r [usize],
    /// Whether the text holds a byte that can start a line break.
    suspicious: bool,
}

impl<'r> Record<'r> {
    /// The number of cells.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Cell `index`, as written (unquoted, not trimmed).
    pub fn get(&self, index: usize) -> Option<&'r str> {
        let end = *self.ends.get(index)?;
        let start = match index.checked_sub(1) {
            Some(previous) => *self.ends.get(previous)?,
            None => 0,
        };
        self.text.get(start..end)
    }

    /// The cells, in order.
    pub fn iter(&self) -> impl Iterator<Item = &'r str> + '_ {
        (0..self.len()).map(|i| self.get(i).unwrap_or_default())
    }

    /// Whether any cell holds a line break of any kind (see [`is_line_break`]).
    /// Most records hold none of the bytes that can start one, which one
    /// branch-free pass over the record's text tells.
    pub fn has_line_break(&self) -> bool {
        self.suspicious && self.text.chars().any(is_line_break)
    }

    /// The indexes of the cells that hold a line break.
    pub fn cells_with_line_breaks(&self) -> impl Iterator<Item = usize> + '_ {
        self.iter()
            .enumerate()
            .filter(|(_, cell)| cell.chars().any(is_line_break))
            .map(|(i, _)| i)
    }
}

/// The characters after which Unicode requires a line break (class BK, CR,
/// LF, NL): a cell holding one is shown on two lines, and Control Hub's
/// user fields hold none.
pub(crate) fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Why reading stopped: the limits of R-CSV-04, or bytes that are not UTF-8.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ReadError {
    /// The record starting on `line` has more than [`MAX_COLUMNS`] fields.
    TooManyFields { line: u64 },
    /// Field `index` (0-based) of the record starting on `line` is larger
    /// than [`MAX_FIELD_BYTES`]; `bytes` is how much of it was read.
    FieldTooLarge {
        line: u64,
        index: usize,
        bytes: usize,
    },
    /// The record starting on `line` is not UTF-8.
    NotUtf8 { line: u64 },
}

/// Reads records one at a time from the decoded text.
pub(crate) struct Records<'t> {
    text: &'t [u8],
    /// The next byte to read, and its physical line.
    pos: usize,
    line: u64,
    reader: csv_core::Reader,
    output: Vec<u8>,
    ends: Vec<usize>,
}

/// The first output buffer: most records fit, and it doubles on demand.
const INITIAL_OUTPUT: usize = 16 * 1024;
const INITIAL_FIELDS: usize = 64;

impl<'t> Records<'t> {
    pub fn new(text: &'t [u8], delimiter: u8) -> Self {
        Records {
            text,
            pos: 0,
            line: 1,
            reader: ReaderBuilder::new()
                .delimiter(delimiter)
                .terminator(Terminator::CRLF)
                .build(),
            output: vec![0; INITIAL_OUTPUT],
            ends: vec![0; INITIAL_FIELDS],
        }
    }

    /// The text from the next record on (for a look at what follows).
    pub fn rest(&self) -> &'t [u8] {
        self.text.get(self.pos..).unwrap_or_default()
    }

    /// The next record; `None` at the end. Blank lines (nothing but a line
    /// ending) hold no record and are skipped.
    pub fn next_record(&mut self) -> Result<Option<Record<'_>>, ReadError> {
        self.skip_line_endings();
        if self.pos >= self.text.len() {
            return Ok(None);
        }
        let start = self.pos;
        let first_line = self.line;
        let (mut nout, mut nend) = (0usize, 0usize);
        loop {
            let input = self.text.get(self.pos..).unwrap_or_default();
            let output = self.output.get_mut(nout..).unwrap_or_default();
            let ends = self.ends.get_mut(nend..).unwrap_or_default();
            let (result, nin, wrote, ended) = self.reader.read_record(input, output, ends);
            self.pos += nin;
            nout += wrote;
            nend += ended;
            match result {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => {
                    let field_start = nend
                        .checked_sub(1)
                        .and_then(|i| self.ends.get(i))
                        .copied()
                        .unwrap_or(0);
                    let field = nout.saturating_sub(field_start);
                    if field > MAX_FIELD_BYTES {
                        return Err(ReadError::FieldTooLarge {
                            line: first_line,
                            index: nend,
                            bytes: field,
                        });
                    }
                    let grown = self.output.len().saturating_mul(2);
                    self.output.resize(grown, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    if nend >= MAX_COLUMNS {
                        return Err(ReadError::TooManyFields { line: first_line });
                    }
                    let grown = self.ends.len().saturating_mul(2).min(MAX_COLUMNS + 1);
                    self.ends.resize(grown, 0);
                }
                ReadRecordResult::Record | ReadRecordResult::End => break,
            }
        }
        if nend > MAX_COLUMNS {
            return Err(ReadError::TooManyFields { line: first_line });
        }
        let ends = self.ends.get(..nend).unwrap_or_default();
        let mut field_start = 0;
        // No field can be over the limit when the whole record is not.
        let checked = if nout > MAX_FIELD_BYTES { ends } else { &[] };
        for (index, &end) in checked.iter().enumerate() {
            if end - field_start > MAX_FIELD_BYTES {
                return Err(ReadError::FieldTooLarge {
                    line: first_line,
                    index,
                    bytes: end - field_start,
                });
            }
            field_start = end;
        }
        let text = self.output.get(..nout).unwrap_or_default();
        let text =
            std::str::from_utf8(text).map_err(|_| ReadError::NotUtf8 { line: first_line })?;
        // One branch-free pass: most records hold no byte that can start a
        // line break (a quoted CR or LF is in the cells, so without one the
        // record is on one line).
        let suspicious = text.bytes().fold(false, |seen, b| {
            seen | matches!(b, 0x0A..=0x0D | 0xC2 | 0xE2)
        });
        // The record's own bytes end before its line ending.
        let read = self.text.get(start..self.pos).unwrap_or_default();
        let content = start + read.len()
            - read
                .iter()
                .rev()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .count();
        let last_line = if suspicious {
            first_line + line_breaks(self.text, start, content)
        } else {
            first_line
        };
        self.line = last_line + line_breaks(self.text, content, self.pos);
        Ok(Some(Record {
            first_line,
            last_line,
            span: start..content,
            text,
            ends,
            suspicious,
        }))
    }

    /// The line ending right after `at` (CRLF, LF or CR), empty at the end
    /// of the text or before anything else.
    pub fn line_ending_at(&self, at: usize) -> &'t [u8] {
        let rest = self.text.get(at..).unwrap_or_default();
        let len = match rest {
            [b'\r', b'\n', ..] => 2,
            [b'\n' | b'\r', ..] => 1,
            _ => 0,
        };
        rest.get(..len).unwrap_or_default()
    }

    fn skip_line_endings(&mut self) {
        let blank = self
            .rest()
            .iter()
            .take_while(|&&b| b == b'\n' || b == b'\r')
            .count();
        self.line += line_breaks(self.text, self.pos, self.pos + blank);
        self.pos += blank;
    }
}

/// The line breaks in `text[from..to]`: each `\n`, and each `\r` not
/// followed by `\n` (so CRLF counts once, and a CR-only file has lines).
fn line_breaks(text: &[u8], from: usize, to: usize) -> u64 {
    let Some(range) = text.get(from..to) else {
        return 0;
    };
    let is_break = |i: usize| range[i] == b'\n' || text.get(from + i + 1) != Some(&b'\n');
    // A record's line ending is a byte or two: memchr's set-up costs more
    // than a look at each byte there.
    let breaks = if range.len() <= 8 {
        (0..range.len())
            .filter(|&i| matches!(range[i], b'\n' | b'\r') && is_break(i))
            .count()
    } else {
        memchr::memchr2_iter(b'\n', b'\r', range)
            .filter(|&i| is_break(i))
            .count()
    };
    u64::try_from(breaks).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(text: &str) -> Vec<(u64, u64, Vec<String>)> {
        let mut records = Records::new(text.as_bytes(), b',');
        let mut all = Vec::new();
        while let Some(record) = records.next_record().unwrap() {
            let cells = record.iter().map(str::to_owned).collect();
            all.push((record.first_line, record.last_line, cells));
        }
        all
    }

    #[test]
    fn r_csv_05_physical_lines_for_every_line_ending() {
        for eol in ["\n", "\r\n", "\r"] {
            let text = ["a,b", "", "c,d", "\"e", "f\",g", ""].join(eol);
            let records = read_all(&text);
            let lines: Vec<(u64, u64)> = records.iter().map(|r| (r.0, r.1)).collect();
            assert_eq!(lines, [(1, 1), (3, 3), (4, 5)], "{eol:?}");
            assert_eq!(records[2].2, [format!("e{eol}f"), "g".to_owned()]);
        }
    }

    #[test]
    fn r_csv_05_line_breaks_in_cells_are_found() {
        let text = "a,\"b\u{2028}c\",d\ne,f\n";
        let mut records = Records::new(text.as_bytes(), b',');
        let record = records.next_record().unwrap().unwrap();
        assert!(record.has_line_break());
        assert_eq!(record.cells_with_line_breaks().collect::<Vec<_>>(), [1]);
        let record = records.next_record().unwrap().unwrap();
        assert!(!record.has_line_break());
        // Bytes that only might start a break: é (C3 A9), NBSP (C2 A0), … (E2 80 A6).
        let text = "é\u{a0},…\n";
        let mut records = Records::new(text.as_bytes(), b',');
        assert!(!records.next_record().unwrap().unwrap().has_line_break());
    }

    #[test]
    fn r_csv_04_fields_and_cells_are_bounded_while_reading() {
        let wide = "a,".repeat(MAX_COLUMNS + 10);
        let mut records = Records::new(wide.as_bytes(), b',');
        assert_eq!(
            records.next_record().err(),
            Some(ReadError::TooManyFields { line: 1 })
        );
        let exactly = vec!["a"; MAX_COLUMNS].join(",");
        let mut records = Records::new(exactly.as_bytes(), b',');
        assert_eq!(records.next_record().unwrap().unwrap().len(), MAX_COLUMNS);
        let huge = format!("x,\"{}", "y".repeat(MAX_FIELD_BYTES + 1));
        let mut records = Records::new(huge.as_bytes(), b',');
        assert!(matches!(
            records.next_record().err(),
            Some(ReadError::FieldTooLarge {
                line: 1,
                index: 1,
                ..
            })
        ));
    }
}
