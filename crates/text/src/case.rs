//! Lower case without a `String` per word: written into the caller's buffer, handed to a
//! closure from the stack, or not copied at all when the word is already in lower case.
//!
//! The Unicode helpers give exactly what `str::to_lowercase` gives, final sigma included;
//! [`push_lowercase_chars`] what `char::to_lowercase` gives, one character at a time.

/// Appends `s.to_lowercase()` to `out`.
pub fn push_lowercase(out: &mut String, s: &str) {
    let start = out.len();
    for c in s.chars() {
        if c == 'Σ' {
            // Only `str::to_lowercase` knows where a capital sigma ends a word.
            out.truncate(start);
            out.push_str(&s.to_lowercase());
            return;
        }
        push_lowercase_char(out, c);
    }
}

/// Appends the lower case of each character of `s` (`char::to_lowercase`) to `out`: the
/// same as [`push_lowercase`] but for a capital sigma, always `σ` here.
#[inline]
pub fn push_lowercase_chars(out: &mut String, s: &str) {
    for c in s.chars() {
        push_lowercase_char(out, c);
    }
}

#[inline]
fn push_lowercase_char(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        out.extend(c.to_lowercase());
    }
}

/// Whether `s.to_lowercase() == s`.
pub fn is_own_lowercase(s: &str) -> bool {
    if s.is_ascii() {
        return !s.bytes().any(|b| b.is_ascii_uppercase());
    }
    s.chars().all(|c| {
        let mut lower = c.to_lowercase();
        lower.next() == Some(c) && lower.next().is_none()
    })
}

/// The longest ASCII word the `with_` helpers lower-case on the stack.
const STACK: usize = 64;

/// Calls `f` with `s.to_lowercase()`: `s` itself when nothing changes, a copy on the stack
/// for a short ASCII word, a new string only for a long or non-ASCII one that changes.
pub fn with_lowercase<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    if s.is_ascii() {
        with_ascii_lowercase(s, f)
    } else if is_own_lowercase(s) {
        f(s)
    } else {
        f(&s.to_lowercase())
    }
}

/// Calls `f` with `s.to_ascii_lowercase()`: `s` itself when nothing changes, a copy on the
/// stack for a short word, a new string only for a long one that changes.
pub fn with_ascii_lowercase<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    if !s.bytes().any(|b| b.is_ascii_uppercase()) {
        return f(s);
    }
    let mut buffer = [0u8; STACK];
    let Some(lower) = buffer.get_mut(..s.len()) else { return f(&s.to_ascii_lowercase()) };
    lower.copy_from_slice(s.as_bytes());
    lower.make_ascii_lowercase();
    f(std::str::from_utf8(lower).expect("changing the case of ASCII letters keeps UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORDS: &[&str] = &[
        "",
        "said",
        "Said",
        "NATO",
        "Azerbaijan’s",
        "İstanbul",
        "ΟΔΟΣ",
        "Σ",
        "ΑΣ.",
        "ǅemal",
        "Ⅻ",
        "straße",
        "ＡＢＣ",
        "Kelvin: \u{212A}",
        "a-very-long-ASCII-word-that-does-not-fit-on-the-stack-of-the-helpers-at-all",
    ];

    #[test]
    fn lower_case_is_what_std_writes() {
        for word in WORDS {
            let mut out = String::from("x");
            push_lowercase(&mut out, word);
            assert_eq!(out, format!("x{}", word.to_lowercase()), "{word}");
            let mut chars = String::new();
            push_lowercase_chars(&mut chars, word);
            assert_eq!(chars, word.chars().flat_map(char::to_lowercase).collect::<String>(), "{word}");
            assert_eq!(is_own_lowercase(word), word.to_lowercase() == *word, "{word}");
            assert_eq!(with_lowercase(word, str::to_string), word.to_lowercase(), "{word}");
            assert_eq!(with_ascii_lowercase(word, str::to_string), word.to_ascii_lowercase(), "{word}");
        }
    }
}
