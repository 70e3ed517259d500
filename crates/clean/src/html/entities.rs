//! Decoding of HTML character references (`&amp;`, `&#8217;`, `&eacute;`) in text and
//! attribute values.
//!
//! We need this only where we read the HTML source ourselves (metadata, and aligning the
//! extractor's text with the source to report removed spans), so it covers numeric
//! references fully and the named references that occur in real news pages: the HTML 4
//! set (Latin-1 letters and symbols, typographic punctuation, Greek letters). An unknown
//! name is left as written.

use std::borrow::Cow;

/// Names of the Latin-1 characters U+00A0..=U+00FF, in code point order.
const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf", "laquo",
    "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot",
    "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc",
    "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute",
    "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash",
    "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig", "agrave", "aacute", "acirc", "atilde",
    "auml", "aring", "aelig", "ccedil", "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc",
    "iuml", "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave",
    "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
];

/// Greek letters in code point order from U+0391 (capitals) and U+03B1 (small); U+03A2
/// is unassigned and U+03C2 is final sigma.
const GREEK: [&str; 25] = [
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
    "nu", "xi", "omicron", "pi", "rho", "sigmaf", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
];

/// Other named references common in news pages.
const OTHER: [(&str, char); 38] = [
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("OElig", 'Œ'),
    ("oelig", 'œ'),
    ("Scaron", 'Š'),
    ("scaron", 'š'),
    ("Yuml", 'Ÿ'),
    ("fnof", 'ƒ'),
    ("circ", 'ˆ'),
    ("tilde", '˜'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("zwnj", '\u{200C}'),
    ("zwj", '\u{200D}'),
    ("lrm", '\u{200E}'),
    ("rlm", '\u{200F}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("dagger", '†'),
    ("Dagger", '‡'),
    ("bull", '•'),
    ("hellip", '…'),
    ("permil", '‰'),
    ("prime", '′'),
    ("lsaquo", '‹'),
    ("rsaquo", '›'),
    ("euro", '€'),
    ("trade", '™'),
];

/// What browsers map the C1 range of numeric references (`&#128;`..`&#159;`) to: the
/// Windows-1252 characters that old pages meant (`&#146;` is a right quote).
const WINDOWS_1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}',
    '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

fn named(name: &str) -> Option<char> {
    if let Some(i) = LATIN1.iter().position(|&n| n == name) {
        return char::from_u32(0xA0 + i as u32);
    }
    if let Some(&(_, c)) = OTHER.iter().find(|(n, _)| *n == name) {
        return Some(c);
    }
    let (base, lower) = match name.as_bytes().first() {
        Some(b) if b.is_ascii_uppercase() => (0x391, name.to_ascii_lowercase()),
        _ => (0x3B1, name.to_owned()),
    };
    let i = GREEK.iter().position(|&n| n == lower)?;
    // There is no capital final sigma: U+03A2 is unassigned.
    if base == 0x391 && i == 17 {
        return None;
    }
    char::from_u32(base + i as u32)
}

fn numeric(digits: &str, hex: bool) -> char {
    let value = u32::from_str_radix(digits, if hex { 16 } else { 10 }).unwrap_or(0xFFFD);
    match value {
        0x80..=0x9F => WINDOWS_1252[(value - 0x80) as usize],
        0 => '\u{FFFD}',
        v => char::from_u32(v).unwrap_or('\u{FFFD}'),
    }
}

/// Decodes the character reference at the start of `s` (which starts with `&`), giving
/// the character and the reference's length in bytes.
fn reference(s: &str) -> Option<(char, usize)> {
    let body = &s[1..];
    if let Some(num) = body.strip_prefix('#') {
        let (hex, digits) = match num.strip_prefix(['x', 'X']) {
            Some(rest) => (true, rest),
            None => (false, num),
        };
        let len = digits
            .bytes()
            .take_while(|b| if hex { b.is_ascii_hexdigit() } else { b.is_ascii_digit() })
            .count();
        if len == 0 {
            return None;
        }
        let c = numeric(&digits[..len.min(8)], hex);
        let consumed = 1 + 1 + usize::from(hex) + len;
        let semicolon = usize::from(digits[len..].starts_with(';'));
        return Some((c, consumed + semicolon));
    }
    let len = body.bytes().take_while(u8::is_ascii_alphanumeric).count();
    if len == 0 || len > 8 {
        return None;
    }
    let name = &body[..len];
    if body[len..].starts_with(';') {
        return named(name).map(|c| (c, len + 2));
    }
    // A few references are recognised without their semicolon, as browsers do.
    matches!(name, "amp" | "lt" | "gt" | "quot" | "nbsp" | "copy" | "reg")
        .then(|| named(name).map(|c| (c, len + 1)))
        .flatten()
}

/// Replaces the character references in `s`; borrows when there are none.
pub(crate) fn decode(s: &str) -> Cow<'_, str> {
    let Some(first) = s.find('&') else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut rest = &s[first..];
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn decodes_named_numeric_and_legacy_references() {
        assert_eq!(decode("no references"), "no references");
        assert_eq!(
            decode("caf&eacute; &amp; bar&#8217;s &#x2014; &#146; &Omega;&omega;&sigmaf;"),
            "café & bar’s — ’ Ωως"
        );
        assert_eq!(decode("AT&T &amp Co &copy 2024"), "AT&T & Co © 2024");
        assert_eq!(decode("&unknown; & &#; &#0; &#99999999999;"), "&unknown; & &#; \u{FFFD} \u{FFFD}");
        assert_eq!(decode("&Sigmaf; trailing &"), "&Sigmaf; trailing &");
    }
}
