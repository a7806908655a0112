//! R-CSV-01: the encodings Control Hub produces, and nothing else.

use std::borrow::Cow;

/// Why the bytes are not text the import accepts (a `FILE_ENCODING` message).
pub(crate) struct EncodingError {
    /// The 1-based line of the first bad byte, when known.
    pub line: Option<u64>,
    pub message: String,
}

/// The text to plan and the separator its encoding implies (R-CSV-01):
/// UTF-8 after its BOM is comma-separated and not validated here (the
/// record reader validates each record, and every byte that is not a
/// delimiter, quote or line break is in a record); UTF-16LE, as Control
/// Hub exports it, is tab-separated and transcoded. A file whose plan fails
/// is checked again with [`decode`], so that an encoding problem is the
/// error reported, as before any other.
pub(crate) fn body(bytes: &[u8]) -> Result<(Cow<'_, [u8]>, u8), EncodingError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let text = match decode(bytes)? {
            Cow::Borrowed(text) => Cow::Borrowed(text.as_bytes()),
            Cow::Owned(text) => Cow::Owned(text.into_bytes()),
        };
        return Ok((text, b'\t'));
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if memchr::memchr(0, body).is_some() {
        // decode words the error: invalid UTF-8 first, then the NUL byte.
        decode(bytes)?;
    }
    Ok((Cow::Borrowed(body), b','))
}

/// Decodes the file: UTF-8 (BOM optional) or UTF-16LE with its BOM.
pub(crate) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, EncodingError> {
    let text = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        decode_utf16le(rest)?
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(EncodingError {
            line: Some(1),
            message: "the file is UTF-16 big-endian; save it as UTF-8 or export it again from Control Hub (UTF-16LE)".into(),
        });
    } else {
        let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        match std::str::from_utf8(body) {
            Ok(text) => Cow::Borrowed(text),
            Err(e) => {
                let at = e.valid_up_to();
                let looks_utf16 = body.get(..2).is_some_and(|start| start.contains(&0));
                return Err(EncodingError {
                    line: Some(line_of(&body[..at])),
                    message: if looks_utf16 {
                        "the file looks like UTF-16 without a byte-order mark; save it as UTF-8 (CSV UTF-8 in Excel)".into()
                    } else {
                        format!(
                            "byte {} is not valid UTF-8; save the file as UTF-8 (CSV UTF-8 in Excel) or UTF-16LE",
                            at
                        )
                    },
                });
            }
        }
    };
    if let Some(at) = memchr::memchr(0, text.as_bytes()) {
        let looks_utf16 = text.len() >= 2 && text.as_bytes().iter().take(2).any(|&b| b == 0);
        return Err(EncodingError {
            line: Some(line_of(&text.as_bytes()[..at])),
            message: if looks_utf16 {
                "the file looks like UTF-16 without a byte-order mark; save it as UTF-8 (CSV UTF-8 in Excel)".into()
            } else {
                "the file contains a NUL byte: it is not a text CSV; save it as UTF-8 CSV".into()
            },
        });
    }
    Ok(text)
}

fn decode_utf16le(body: &[u8]) -> Result<Cow<'static, str>, EncodingError> {
    if body.len() % 2 != 0 {
        return Err(EncodingError {
            line: None,
            message:
                "the UTF-16LE file has an odd number of bytes: it is truncated; export it again"
                    .into(),
        });
    }
    match encoding_rs::UTF_16LE.decode_without_bom_handling_and_without_replacement(body) {
        Some(text) => Ok(Cow::Owned(text.into_owned())),
        None => Err(EncodingError {
            line: None,
            message: "the UTF-16LE file has an unpaired surrogate (invalid UTF-16): it is damaged or truncated; export it again".into(),
        }),
    }
}

/// 1-based line number at the end of `prefix`.
fn line_of(prefix: &[u8]) -> u64 {
    let newlines = crate::text::count_newlines(prefix);
    u64::try_from(newlines).map_or(u64::MAX, |n| n.saturating_add(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    }

    #[test]
    fn r_csv_01_accepted_encodings() {
        assert_eq!(decode(b"a,b\n").ok().as_deref(), Some("a,b\n"));
        assert_eq!(decode(b"\xEF\xBB\xBFa,b\n").ok().as_deref(), Some("a,b\n"));
        assert_eq!(
            decode(&utf16le("a\tb\nå\t😀\n")).ok().as_deref(),
            Some("a\tb\nå\t😀\n")
        );
        assert_eq!(body(b"a;b\n").ok().map(|(_, sep)| sep), Some(b','));
        assert_eq!(
            body(&utf16le("a\tb\n")).ok().map(|(_, sep)| sep),
            Some(b'\t')
        );
    }

    #[test]
    fn r_csv_01_refused_encodings() {
        let latin1 = b"Email,Name\na@b.co,J\xF6ran\n";
        let err = decode(latin1).err().unwrap();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("UTF-8"));
        // UTF-16LE without BOM.
        let no_bom: Vec<u8> = "Email\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(decode(&no_bom).err().unwrap().message.contains("UTF-16"));
        // Truncated UTF-16 (odd length) and an unpaired surrogate.
        let mut truncated = utf16le("Email\n");
        truncated.pop();
        assert!(decode(&truncated).is_err());
        assert!(decode(&[0xFF, 0xFE, 0x00, 0xD8]).is_err());
        // Big-endian and NUL bytes.
        assert!(decode(&[0xFE, 0xFF, 0, b'a']).is_err());
        assert!(decode(b"Email\na\0b@c.de\n")
            .err()
            .unwrap()
            .message
            .contains("NUL"));
    }
}
