//! Feature hashing shared by the tagger, the parser and the labeller.
//!
//! A feature is a template number combined with one to four values (word, tag, distance
//! ...), hashed to 64 bits; the weight tables are indexed by that hash. The hash is
//! written out here (FNV-1a over bytes, a multiply-xorshift mix) rather than taken from a
//! hashing crate, so that a trained model stays valid whatever version of a crate builds it.

use faultline_text::with_lowercase;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// The 64-bit hash of a string.
#[inline]
pub(crate) fn hash_str(s: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for &b in s.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }
    mix(h)
}

/// Murmur3's 64-bit finaliser: every input bit reaches every output bit.
#[inline]
pub(crate) fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[inline]
fn combine(h: u64, value: u64) -> u64 {
    (h ^ value).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29)
}

/// The features of one decision, as hashes.
#[derive(Debug, Default, Clone)]
pub(crate) struct Features(pub(crate) Vec<u64>);

impl Features {
    #[inline]
    pub(crate) fn clear(&mut self) {
        self.0.clear();
    }

    #[inline]
    pub(crate) fn add1(&mut self, template: u32, a: u64) {
        self.0.push(mix(combine(u64::from(template) << 40, a)));
    }

    #[inline]
    pub(crate) fn add2(&mut self, template: u32, a: u64, b: u64) {
        self.0.push(mix(combine(combine(u64::from(template) << 40, a), b)));
    }

    #[inline]
    pub(crate) fn add3(&mut self, template: u32, a: u64, b: u64, c: u64) {
        self.0.push(mix(combine(combine(combine(u64::from(template) << 40, a), b), c)));
    }

    #[inline]
    pub(crate) fn add4(&mut self, template: u32, a: u64, b: u64, c: u64, d: u64) {
        self.0.push(mix(combine(combine(combine(combine(u64::from(template) << 40, a), b), c), d)));
    }
}

/// What the models know of one word, computed once per token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WordInfo {
    /// The lower-case form with every ASCII digit written `0`.
    pub(crate) form: u64,
    pub(crate) prefix1: u64,
    pub(crate) suffix1: u64,
    pub(crate) suffix2: u64,
    pub(crate) suffix3: u64,
    pub(crate) suffix4: u64,
    /// The word's shape: `Xx` for "Kabul", `d,d` for "6,600", runs cut to two letters.
    pub(crate) shape: u64,
}

impl WordInfo {
    /// The stand-in for a position before the sentence, after it, or for the root.
    pub(crate) fn padding(which: &str) -> WordInfo {
        let h = hash_str(which);
        WordInfo { form: h, prefix1: h, suffix1: h, suffix2: h, suffix3: h, suffix4: h, shape: h }
    }

    pub(crate) fn of(word: &str) -> WordInfo {
        with_lowercase(word, |lower| {
            let mut form = String::with_capacity(lower.len());
            form.extend(lower.chars().map(|c| if c.is_ascii_digit() { '0' } else { c }));
            let chars: Vec<(usize, char)> = form.char_indices().collect();
            let suffix = |n: usize| {
                let start = chars.len().checked_sub(n).map_or(0, |i| chars[i].0);
                hash_str(&form[start..]) ^ n as u64
            };
            let prefix1 = chars.get(1).map_or(form.len(), |&(i, _)| i);
            WordInfo {
                form: hash_str(&form),
                prefix1: hash_str(&form[..prefix1]),
                suffix1: suffix(1),
                suffix2: suffix(2),
                suffix3: suffix(3),
                suffix4: suffix(4),
                shape: hash_str(&shape(word)),
            }
        })
    }
}

/// `X` for a capital, `x` for another letter, `d` for a digit, the character itself for
/// anything else, with runs of one kind cut to two characters.
fn shape(word: &str) -> String {
    let mut out = String::with_capacity(8);
    let (mut previous, mut run) = ('\0', 0);
    for c in word.chars() {
        let kind = if c.is_uppercase() {
            'X'
        } else if c.is_alphabetic() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        run = if kind == previous { run + 1 } else { 1 };
        previous = kind;
        if run <= 2 {
            out.push(kind);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_forms() {
        assert_eq!(shape("Kabul"), "Xxx");
        assert_eq!(shape("6,600"), "d,dd");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(WordInfo::of("1990").form, WordInfo::of("2024").form);
        assert_eq!(WordInfo::of("Kabul").form, WordInfo::of("kabul").form);
        assert_ne!(WordInfo::of("Kabul").shape, WordInfo::of("kabul").shape);
        assert_eq!(WordInfo::of("é").prefix1, hash_str("é"));
    }
}
