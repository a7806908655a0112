//! E-mail addresses, E.164 phone numbers and extensions: the value checks
//! shared by provisioning, the CSV import and the API precheck
//! (R-CSV-14, R-CSV-15, R-CSV-16).
//!
//! ```
//! use wholesale_core::contact::{check_email, check_extension, check_phone_number};
//! use wholesale_core::codes::Code;
//!
//! assert!(check_email("email", "ana@acme.example").is_none());
//! assert_eq!(check_email("email", "ana@").unwrap().code, Code::EmailInvalid);
//! assert!(check_phone_number("phone", "+14085551234").is_none());
//! assert_eq!(check_phone_number("phone", "14085551234").unwrap().code, Code::PhoneNumberNoPlus);
//! assert_eq!(check_extension("ext", "1").unwrap().code, Code::ExtensionInvalid);
//! ```

use std::borrow::Cow;

use crate::codes::Code;
use crate::problem::Problem;
use crate::text::{fold, fold_ascii, trim, truncate, MESSAGE_CHARS};

/// Whether `email` is a plausible address: one `@`, a non-empty local part
/// without spaces, and a domain with a dot between non-empty labels.
///
/// Deliberately not RFC 5322: Control Hub rejects quoted local parts and
/// addresses without a dotted domain, and non-ASCII letters are allowed
/// (internationalized addresses exist in customer directories).
pub fn is_plausible_email(email: &str) -> bool {
    let Some(at) = memchr::memchr(b'@', email.as_bytes()) else {
        return false;
    };
    let (local, domain) = (&email[..at], &email[at + 1..]);
    if local.is_empty() || local.len() > 64 || email.len() > 254 {
        return false;
    }
    if email.is_ascii() {
        plausible_ascii(local.as_bytes(), domain.as_bytes())
    } else {
        plausible_parts(local.chars(), domain.chars())
    }
}

/// [`plausible_parts`] for ASCII bytes, with a table for the forbidden ones
/// and the conditions joined without branches (this runs on every row of an
/// import; it is about twice as fast as the character machine).
fn plausible_ascii(local: &[u8], domain: &[u8]) -> bool {
    let forbidden = |b: u8| FORBIDDEN_ASCII[usize::from(b)];
    let mut previous = b'.';
    for &b in local {
        if forbidden(b) | ((b == b'.') & (previous == b'.')) {
            return false;
        }
        previous = b;
    }
    if previous == b'.' {
        return false;
    }
    let mut previous = b'.';
    let mut dots = 0usize;
    for &b in domain {
        let empty_or_hyphen_edge = ((b == b'.') & ((previous == b'.') | (previous == b'-')))
            | ((b == b'-') & (previous == b'.'));
        if forbidden(b) | empty_or_hyphen_edge {
            return false;
        }
        dots += usize::from(b == b'.');
        previous = b;
    }
    dots > 0 && previous != b'.' && previous != b'-'
}

/// The checks of [`is_plausible_email`] on the characters before and after
/// the first `@`: a state machine that only remembers the previous character
/// (a label boundary counts as a '.'). [`plausible_ascii`] is the same for
/// ASCII; a property test holds them to one reference.
fn plausible_parts(local: impl Iterator<Item = char>, domain: impl Iterator<Item = char>) -> bool {
    // No leading, trailing or double dot in the local part.
    let mut previous = '.';
    for c in local {
        if forbidden_in_address(c) || (c == '.' && previous == '.') {
            return false;
        }
        previous = c;
    }
    if previous == '.' {
        return false;
    }
    // Domain labels: non-empty, not starting or ending with '-'; at least two.
    let mut previous = '.';
    let mut labels = 1;
    for c in domain {
        let bad = match c {
            '.' => previous == '.' || previous == '-',
            '-' => previous == '.',
            c => forbidden_in_address(c),
        };
        if bad {
            return false;
        }
        labels += usize::from(c == '.');
        previous = c;
    }
    labels > 1 && previous != '.' && previous != '-'
}

/// The bytes that cannot be in an address unquoted: ASCII controls, space,
/// DEL and the punctuation that delimits addresses (non-ASCII bytes are not
/// judged here).
static FORBIDDEN_ASCII: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b <= 0x20 {
        table[b] = true;
        b += 1;
    }
    table[0x7f] = true;
    let punctuation = b"@\",;<>()[]\\";
    let mut i = 0;
    while i < punctuation.len() {
        table[punctuation[i] as usize] = true;
        i += 1;
    }
    table
};

/// Whitespace, control characters, characters an address cannot hold
/// unquoted, and invisible format characters (R-CSV-14: zero-width space and
/// joiners, bidi controls, the BOM; general category Cf), which would make
/// two addresses that look the same into two users.
fn forbidden_in_address(c: char) -> bool {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    match u8::try_from(c) {
        Ok(b) if b.is_ascii() => FORBIDDEN_ASCII[usize::from(b)],
        _ => c.is_whitespace() || c.is_control() || c.general_category() == GeneralCategory::Format,
    }
}

/// The form in which e-mails are compared (R-CSV-14): the local part
/// NFC-normalized and fully case-folded ([`crate::text::name_key`]'s fold),
/// the domain in its IDNA (punycode) form, so `José@Bücher.example` and
/// `jose\u{301}@xn--bcher-kva.example` are one key. Borrowed when the address
/// already is its key (lowercase ASCII, most addresses), so a lookup does
/// not allocate.
///
/// ```
/// use wholesale_core::contact::email_key;
///
/// assert_eq!(email_key("Ana@ACME.example"), "ana@acme.example");
/// assert_eq!(email_key("ana@bücher.example"), "ana@xn--bcher-kva.example");
/// assert_eq!(email_key("jose\u{301}@acme.example"), email_key("JOSÉ@acme.example"));
/// ```
pub fn email_key(email: &str) -> Cow<'_, str> {
    if let Some(key) = fold_ascii(email) {
        return key;
    }
    let Some((local, domain)) = email.rsplit_once('@') else {
        return fold(email);
    };
    let local = fold(local);
    // A domain IDNA refuses is not one Control Hub can deliver to either;
    // its folded text still identifies it within one file.
    let domain = idna::domain_to_ascii(domain)
        .map(Cow::Owned)
        .unwrap_or_else(|_| fold(domain));
    Cow::Owned(format!("{local}@{domain}"))
}

/// Whether two e-mails are the same address: equal [`email_key`]s.
///
/// ```
/// use wholesale_core::contact::same_email;
///
/// assert!(same_email("Ana@Acme.example", "ana@acme.example"));
/// assert!(same_email("JÖRAN@exempel.se", "jöran@exempel.se"));
/// assert!(same_email("ana@bücher.example", "ana@xn--bcher-kva.example"));
/// assert!(!same_email("ana@acme.example", "anna@acme.example"));
/// ```
pub fn same_email(a: &str, b: &str) -> bool {
    let (a, b) = (trim(a), trim(b));
    // Equal but for ASCII case is one key; unequal ASCII is two.
    a.eq_ignore_ascii_case(b) || (!(a.is_ascii() && b.is_ascii()) && email_key(a) == email_key(b))
}

/// `EMAIL_INVALID` about `field` when `email` is not plausible (R-CSV-14).
pub fn check_email(field: &str, email: &str) -> Option<Problem> {
    (!is_plausible_email(trim(email))).then(|| {
        Problem::new(
            Code::EmailInvalid,
            field,
            format!(
                "{:?} is not a plausible e-mail address (expected name@domain.tld)",
                truncate(email, MESSAGE_CHARS)
            ),
        )
    })
}

/// Whether `number` is E.164: `+` then 8 to 15 digits, the first not 0.
pub fn is_e164(number: &str) -> bool {
    number
        .strip_prefix('+')
        .is_some_and(|digits| is_digits(digits, 8, 15) && !digits.starts_with('0'))
}

/// Checks a phone number cell (R-CSV-15): `PHONE_NUMBER_INVALID` when it is
/// not E.164, or the warning `PHONE_NUMBER_NO_PLUS` when it is all digits
/// without the `+` (a spreadsheet may have stripped it).
pub fn check_phone_number(field: &str, number: &str) -> Option<Problem> {
    let number = trim(number);
    if is_e164(number) {
        None
    } else if is_digits(number, 8, 15) {
        Some(Problem::new(
            Code::PhoneNumberNoPlus,
            field,
            format!("{number} has no leading '+': a spreadsheet may have stripped it; write +{number} if that is the number"),
        ))
    } else {
        Some(Problem::new(
            Code::PhoneNumberInvalid,
            field,
            format!(
                "{:?} is not an E.164 number ('+' then 8 to 15 digits)",
                truncate(number, MESSAGE_CHARS)
            ),
        ))
    }
}

/// Whether `extension` is 2 to 10 digits.
pub fn is_extension(extension: &str) -> bool {
    is_digits(extension, 2, 10)
}

/// `EXTENSION_INVALID` when `extension` is not 2 to 10 digits (R-CSV-16).
pub fn check_extension(field: &str, extension: &str) -> Option<Problem> {
    let extension = trim(extension);
    (!is_extension(extension)).then(|| {
        Problem::new(
            Code::ExtensionInvalid,
            field,
            format!(
                "{:?} is not an extension (2 to 10 digits)",
                truncate(extension, MESSAGE_CHARS)
            ),
        )
    })
}

/// The comparable form of a number for "already in use" checks (R-CSV-16):
/// digits only, so `+14085551234` and `14085551234` collide.
pub fn number_key(number: &str) -> String {
    number.chars().filter(char::is_ascii_digit).collect()
}

/// Whether two numbers have the same [`number_key`], without building either.
pub fn same_number(a: &str, b: &str) -> bool {
    a.bytes()
        .filter(u8::is_ascii_digit)
        .eq(b.bytes().filter(u8::is_ascii_digit))
}

/// [`number_key`] as a number, for "in use" maps that must not allocate per
/// row: the digits' value and count (so `012` and `12` differ). `None` when
/// there are more than 15 digits or none: such a value can never equal a
/// number the checks accept.
pub fn number_id(number: &str) -> Option<u64> {
    digits_id(number.bytes().filter(u8::is_ascii_digit))
}

/// An extension (trimmed, digits only) as a number, like [`number_id`];
/// `None` when it has anything but 1 to 15 digits.
pub fn extension_id(extension: &str) -> Option<u64> {
    let extension = trim(extension);
    extension
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| digits_id(extension.bytes()))
        .flatten()
}

fn digits_id(digits: impl Iterator<Item = u8>) -> Option<u64> {
    let mut value = 0u64;
    let mut count = 0u64;
    for digit in digits {
        count += 1;
        if count > 15 {
            return None;
        }
        value = value * 10 + u64::from(digit - b'0');
    }
    (count > 0).then_some(value | (count << 50))
}

fn is_digits(text: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_csv_14_plausible_emails() {
        for ok in [
            "a@b.co",
            "first.last+tag@sub.example.com",
            "jöran@exempel.se",
        ] {
            assert!(is_plausible_email(ok), "{ok}");
        }
        for bad in [
            "",
            "a",
            "a@",
            "@b.co",
            "a@b",
            "a b@c.de",
            "a@@b.co",
            "a@b..co",
            ".a@b.co",
            "a@-b.co",
            "\"a\"@b.co",
        ] {
            assert!(!is_plausible_email(bad), "{bad}");
        }
        // The character path: non-ASCII whitespace and controls are refused too.
        assert!(!is_plausible_email("jöran\u{a0}x@exempel.se"));
        assert!(!is_plausible_email("jöran@exem\u{85}pel.se"));
        assert!(!is_plausible_email("a\tb@c.de"));
    }

    #[test]
    fn r_csv_14_invisible_characters_are_not_plausible() {
        for invisible in [
            '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{202e}', '\u{2066}', '\u{feff}',
            '\u{ad}',
        ] {
            assert!(
                !is_plausible_email(&format!("an{invisible}a@acme.example")),
                "{invisible:?} in the local part"
            );
            assert!(
                !is_plausible_email(&format!("ana@ac{invisible}me.example")),
                "{invisible:?} in the domain"
            );
        }
        assert!(is_plausible_email("joão@acme.example"));
    }

    #[test]
    fn r_csv_14_one_address_however_it_is_spelled() {
        let composed = "jos\u{e9}@acme.example";
        let decomposed = "jose\u{301}@acme.example";
        assert_ne!(composed, decomposed);
        assert!(same_email(composed, decomposed));
        assert!(same_email("JOSÉ@ACME.example", composed));
        assert!(same_email(
            "ana@bücher.example",
            "ana@xn--bcher-kva.example"
        ));
        assert!(same_email(
            "ana@BÜCHER.example",
            "ANA@XN--BCHER-KVA.EXAMPLE"
        ));
        assert!(same_email("strasse@acme.example", "STRAßE@acme.example"));
        assert!(!same_email("ana@bucher.example", "ana@bücher.example"));
        assert_eq!(
            email_key("ana@xn--bcher-kva.example"),
            email_key("ana@bücher.example")
        );
    }

    #[test]
    fn r_csv_14_email_keys_are_unicode_lowercase() {
        assert!(matches!(email_key("ana@acme.example"), Cow::Borrowed(_)));
        assert_eq!(email_key("Ana@ACME.example"), "ana@acme.example");
        assert_eq!(email_key("JÖRAN@exempel.se"), "jöran@exempel.se");
        // The Kelvin sign lowercases to an ASCII k.
        assert!(same_email("\u{212a}im@x.se", "kim@x.se"));
        assert!(!same_email("kim@x.se", "kimm@x.se"));
    }

    #[test]
    fn r_csv_15_e164_numbers() {
        assert!(is_e164("+12345678"));
        assert!(is_e164("+123456789012345"));
        assert!(!is_e164("+1234567"));
        assert!(!is_e164("+1234567890123456"));
        assert!(!is_e164("+0123456789"));
        assert!(!is_e164("+1-240-555-1212"));
        assert_eq!(
            check_phone_number("p", "4085551234").unwrap().code,
            Code::PhoneNumberNoPlus
        );
        assert_eq!(
            check_phone_number("p", "call me").unwrap().code,
            Code::PhoneNumberInvalid
        );
    }

    #[test]
    fn r_csv_16_extensions() {
        assert!(is_extension("12"));
        assert!(is_extension("1234567890"));
        assert!(!is_extension("1"));
        assert!(!is_extension("12345678901"));
        assert!(!is_extension("12a"));
        assert_eq!(number_key("+1 (408) 555"), "1408555");
        assert!(same_number("+1 (408) 555", "1408555"));
        assert!(!same_number("+1408555", "+14085550"));
        assert!(same_number("", "no digits"));
    }

    #[test]
    fn r_csv_16_number_ids_match_number_keys() {
        assert_eq!(number_id("+1 (408) 555-1234"), number_id("14085551234"));
        assert_ne!(extension_id("012"), extension_id("12"));
        assert_eq!(extension_id(" 2001 "), extension_id("2001"));
        assert_eq!(extension_id("20-01"), None);
        assert_eq!(number_id("no digits"), None);
        assert_eq!(number_id("1234567890123456"), None);
        assert!(number_id("123456789012345").is_some());
    }

    #[test]
    fn long_cells_are_truncated_in_messages() {
        let huge = "x".repeat(10_000);
        assert!(check_email("e", &huge).unwrap().message.len() < 200);
    }
}
