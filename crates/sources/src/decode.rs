//! Bytes to UTF-8: byte-order marks, declared charsets, and refusing binary files.
//!
//! Order of trust: a BOM, then the charset the user declares (`--charset`), then UTF-16
//! recognised by its NUL bytes without a BOM, then valid UTF-8, then a charset the content
//! declares (`<meta charset>`, `http-equiv`, an XML declaration), then UTF-8 with a few
//! stray bytes (when valid multi-byte characters far outnumber them), then a guess by
//! `chardetng`. Any decoding that is not clean UTF-8 or a declared charset comes back with
//! a warning, so the user knows the text may hold replacement characters.

use encoding_rs::{Encoding, UTF_8};

/// Decoded text and, when decoding was not clean, a warning for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub warning: Option<String>,
}

/// Why bytes are not decoded as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("binary content, not text, HTML, JSON Lines or a feed: pass article files only")]
    Binary,
}

/// How far into a file to look for a charset declaration or for binary bytes.
const SNIFF_LEN: usize = 8 * 1024;

/// Decodes a whole input, or explains why it is not text. A charset the user declares
/// (`--charset`) is used unless the bytes start with a byte-order mark.
pub fn decode(bytes: &[u8], user_charset: Option<&'static Encoding>) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let warning =
            had_errors.then(|| format!("invalid {} sequences were replaced with U+FFFD", encoding.name()));
        return Ok(Decoded { text: text.into_owned(), warning });
    }
    if let Some(encoding) = user_charset {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        let warning = had_errors.then(|| {
            format!("invalid {} sequences (the --charset given) were replaced with U+FFFD", encoding.name())
        });
        return Ok(Decoded { text: text.into_owned(), warning });
    }
    if let Some(encoding) = bomless_utf16(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        let warning = Some(format!(
            "no byte-order mark: read as {}{}",
            encoding.name(),
            if had_errors { ", invalid sequences replaced with U+FFFD" } else { "" }
        ));
        return Ok(Decoded { text: text.into_owned(), warning });
    }
    if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded { text: text.to_string(), warning: None });
    }
    if let Some(encoding) = declared_charset(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        let warning = had_errors.then(|| {
            format!("invalid {} sequences (the declared charset) were replaced with U+FFFD", encoding.name())
        });
        return Ok(Decoded { text: text.into_owned(), warning });
    }
    let (characters, invalid) = utf8_evidence(bytes);
    if characters >= MOSTLY_UTF8 * invalid {
        return Ok(Decoded {
            text: String::from_utf8_lossy(bytes).into_owned(),
            warning: Some(format!(
                "UTF-8 with {invalid} invalid byte sequence{} (replaced with U+FFFD)",
                if invalid == 1 { "" } else { "s" }
            )),
        });
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guessed = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, _, _) = guessed.decode(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        warning: Some(format!(
            "not valid UTF-8 and no charset declared: decoded as {} (a guess); declare the charset if the text looks wrong",
            guessed.name()
        )),
    })
}

/// How many valid multi-byte UTF-8 characters must stand beside each invalid sequence for
/// the input to be read as UTF-8 with a few stray bytes rather than as another charset.
const MOSTLY_UTF8: usize = 2;

/// The valid multi-byte UTF-8 characters in `bytes` and the invalid sequences between them.
/// Text in a legacy charset has almost no valid multi-byte sequences; UTF-8 text with a
/// stray byte has many.
fn utf8_evidence(bytes: &[u8]) -> (usize, usize) {
    let mut characters = 0;
    let mut invalid = 0;
    for chunk in bytes.utf8_chunks() {
        characters += chunk.valid().chars().filter(|c| c.len_utf8() > 1).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    (characters, invalid)
}

/// UTF-16 without a byte-order mark: text in a Latin, Cyrillic or Greek script has a NUL
/// as every other byte (the high byte of most characters), at odd offsets in little-endian,
/// at even ones in big-endian, and almost none at the other parity.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF_LEN) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let zeros_at = |parity: usize| head.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let mostly = |zeros: usize| zeros * 10 >= pairs * 4;
    let hardly = |zeros: usize| zeros * 20 <= pairs;
    if mostly(odd) && hardly(even) {
        Some(encoding_rs::UTF_16LE)
    } else if mostly(even) && hardly(odd) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Binary files have NUL bytes or many control characters near the start.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    if head.contains(&0) {
        return true;
    }
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)).count();
    controls * 20 > head.len().max(1)
}

/// The charset an HTML or XML head declares, if any and if known.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(SNIFF_LEN)]).to_ascii_lowercase();
    for marker in ["charset=", "encoding="] {
        let mut rest = head.as_str();
        while let Some(at) = rest.find(marker) {
            let value = rest[at + marker.len()..]
                .trim_start_matches(['"', '\'', ' '])
                .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.')))
                .next()
                .unwrap_or("");
            if let Some(encoding) = Encoding::for_label(value.as_bytes()) {
                // A page that declares UTF-8 but is not valid UTF-8 is better guessed.
                return (encoding != UTF_8).then_some(encoding);
            }
            rest = &rest[at + marker.len()..];
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through_without_warning() {
        let decoded = decode("Yerevan – Baku".as_bytes(), None).unwrap();
        assert_eq!(decoded.text, "Yerevan – Baku");
        assert_eq!(decoded.warning, None);
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xff, 0xfe];
        for unit in "Shusha".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes, None).unwrap().text, "Shusha");
    }

    #[test]
    fn declared_charset_is_used() {
        let mut bytes = b"<html><head><meta charset=\"iso-8859-1\"></head><body>Caf".to_vec();
        bytes.push(0xe9);
        let decoded = decode(&bytes, None).unwrap();
        assert!(decoded.text.ends_with("Café"));
        assert_eq!(decoded.warning, None);
    }

    #[test]
    fn undeclared_legacy_bytes_are_guessed_with_a_warning() {
        let decoded = decode(b"The caf\xe9 near the front line reopened on Monday.", None).unwrap();
        assert!(decoded.text.contains("café"));
        assert!(decoded.warning.unwrap().contains("not valid UTF-8"));
    }

    #[test]
    fn utf8_with_a_stray_byte_stays_utf8() {
        let mut bytes =
            "Les négociations de Genève ont repris, a déclaré le ministère. « Nous avançons », a-t-il dit."
                .as_bytes()
                .to_vec();
        bytes.insert(20, 0x92);
        let decoded = decode(&bytes, None).unwrap();
        assert!(
            decoded.text.contains("Genève") && decoded.text.contains("« Nous avançons »"),
            "{}",
            decoded.text
        );
        assert_eq!(decoded.text.matches('\u{FFFD}').count(), 1);
        assert!(decoded.warning.unwrap().contains("1 invalid byte sequence"));
    }

    #[test]
    fn a_charset_the_user_declares_wins_over_detection() {
        let cyrillic = encoding_rs::WINDOWS_1251.encode("Обстрел Харькова").0.into_owned();
        let declared = decode(&cyrillic, Some(encoding_rs::WINDOWS_1251)).unwrap();
        assert_eq!((declared.text.as_str(), declared.warning), ("Обстрел Харькова", None));
        let koi8 = decode(&cyrillic, Some(encoding_rs::KOI8_R)).unwrap();
        assert_ne!(koi8.text, "Обстрел Харькова", "the user's word is taken, right or wrong");
    }

    #[test]
    fn utf16_without_a_bom_is_detected() {
        let text = "Talks in Geneva resumed on Tuesday — Переговоры возобновились.";
        let little: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let big: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for bytes in [little, big] {
            let decoded = decode(&bytes, None).unwrap();
            assert_eq!(decoded.text, text);
            assert!(decoded.warning.unwrap().contains("no byte-order mark"));
        }
    }

    #[test]
    fn binary_is_refused() {
        assert!(decode(&[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], None).is_err());
    }
}
