//! R-CSV-14 and R-CSV-16 value checks against plain reference definitions.
//! The library's checks are written for speed (one pass, a byte table for
//! ASCII, a character machine otherwise); these references are the rules
//! as the spec states them, written the obvious way.

use proptest::prelude::*;
use wholesale_core::contact::{email_key, is_plausible_email, number_key, same_email, same_number};

/// R-CSV-14 as stated: one `@`, a non-empty local part of at most 64 bytes
/// without a leading, trailing or double dot, a domain of at least two
/// labels none empty or starting or ending with '-', at most 254 bytes, and
/// no whitespace, control character, invisible format character (the
/// zero-width ones, bidi controls, BOM, soft hyphen) or `@ " , ; < > ( ) [ ] \`
/// anywhere.
fn reference_plausible(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let clean = |s: &str| {
        !s.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{feff}')
                || matches!(
                    c,
                    '@' | '"' | ',' | ';' | '<' | '>' | '(' | ')' | '[' | ']' | '\\'
                )
        })
    };
    !local.is_empty()
        && local.len() <= 64
        && email.len() <= 254
        && clean(local)
        && clean(domain)
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && domain.contains('.')
        && domain
            .split('.')
            .all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'))
}

/// Address-like text: the characters the rules treat specially, ASCII and
/// not, in any arrangement.
fn address() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => "[a-z0-9]{1,4}",
        3 => Just(".".to_owned()),
        2 => Just("-".to_owned()),
        2 => Just("@".to_owned()),
        1 => prop::sample::select(vec![
            " ", "\t", "\"", ",", ";", "<", ">", "(", ")", "[", "]", "\\", "\u{7f}", "\u{1}",
            "é", "Ö", "\u{a0}", "\u{85}", "\u{2003}", "\u{212a}", "+", "_", "'",
            "e\u{301}", "ß", "İ", "\u{200b}", "\u{200d}", "\u{202e}", "\u{feff}", "\u{ad}",
        ])
        .prop_map(str::to_owned),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    // R-CSV-14
    #[test]
    fn r_csv_14_plausible_email_is_the_reference_rule(email in address()) {
        prop_assert_eq!(is_plausible_email(&email), reference_plausible(&email), "{:?}", email);
    }

    // R-CSV-14
    #[test]
    fn r_csv_14_long_addresses_follow_the_reference_rule(local in 60usize..70, domain in 185usize..195) {
        let email = format!("{}@{}.example", "a".repeat(local), "b".repeat(domain));
        prop_assert_eq!(is_plausible_email(&email), reference_plausible(&email));
    }

    // R-CSV-14: one address however it is spelled. `same_email` is equality
    // of keys; a key is its own key; case, NFC/NFD and the domain's IDNA form
    // do not change it; ASCII keys are the lowercase text.
    #[test]
    fn r_csv_14_same_email_is_equal_keys(a in address(), b in address(), upper in any::<bool>()) {
        use unicode_normalization::UnicodeNormalization;
        let (a, b) = (a.trim(), b.trim());
        let b = if upper { a.to_uppercase() } else { b.to_owned() };
        prop_assert_eq!(same_email(a, &b), email_key(a) == email_key(&b));
        let key = email_key(a);
        prop_assert_eq!(email_key(&key), key.clone());
        let decomposed: String = a.nfd().collect();
        prop_assert_eq!(email_key(&decomposed), key.clone());
        // Only the local part: IDNA keeps `ß` and `ς` in a domain, so
        // uppercasing a domain can name another one (`straße` is not `STRASSE`).
        if let Some((local, domain)) = a.split_once('@').filter(|_| is_plausible_email(a)) {
            let shouted = format!("{}@{domain}", local.to_uppercase());
            prop_assert!(same_email(a, &shouted), "{:?}", a);
        }
        if a.is_ascii() {
            prop_assert_eq!(key, a.to_ascii_lowercase());
        }
    }

    // R-CSV-16: numbers are the same when their digits are.
    #[test]
    fn r_csv_16_same_number_compares_digits(a in "[0-9 +()-]{0,16}", b in "[0-9 +()-]{0,16}") {
        prop_assert_eq!(same_number(&a, &b), number_key(&a) == number_key(&b));
        prop_assert!(same_number(&a, &a));
    }
}
