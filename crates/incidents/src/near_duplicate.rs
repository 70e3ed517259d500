//! Near-duplicate articles (syndicated wire copies, updated versions, one text under two
//! outlets): MinHash over word shingles with LSH banding.
//!
//! - Shingles are runs of [`SHINGLE_WORDS`] consecutive lower-cased words (letters and
//!   digits) of the cleaned text.
//! - The signature is [`HASHES`] minimum hashes, each of the shingle hashes mixed with its
//!   own seed (splitmix64 over FNV-1a, written here so signatures stored in a database stay
//!   the same across Rust versions); the share of equal minimums estimates the Jaccard
//!   similarity of two shingle sets.
//! - The signature is cut into [`BANDS`] bands of [`ROWS`] rows; articles sharing a band
//!   hash are candidates (a pair at Jaccard 0.7 shares a band with probability 0.9998, at
//!   0.3 with 0.23), and a candidate is a near-duplicate when its estimated similarity is at
//!   least [`NEAR_DUPLICATE_THRESHOLD`].

use faultline_store::Signature;

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// Minimum hashes per signature.
pub const HASHES: usize = 128;
/// LSH bands, and rows per band (`BANDS * ROWS == HASHES`).
pub const BANDS: usize = 32;
pub const ROWS: usize = 4;
/// The estimated Jaccard similarity of shingle sets from which two articles are
/// near-duplicates: copies of one wire story under different boilerplate or with an
/// updated paragraph stay above it; two reports written apart about one happening share
/// few five-word runs and stay far below.
pub const NEAR_DUPLICATE_THRESHOLD: f64 = 0.7;

/// Days apart two copies of one text may be published and still be near-duplicates: wire
/// copies, updated versions and one text under two outlets appear within days, while the
/// same text published again months later is a new report (an anniversary re-run, a
/// recycled backgrounder) whose events must stand on their own evidence.
pub const COPY_WINDOW_DAYS: i64 = 30;

/// Whether two articles published on these dates can be copies of one another (an undated
/// article can be a copy of any).
pub fn published_close(a: Option<&str>, b: Option<&str>) -> bool {
    let day = |date: Option<&str>| {
        date.and_then(|d| d.get(..10)).and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    };
    match (day(a), day(b)) {
        (Some(x), Some(y)) => (x - y).num_days().abs() <= COPY_WINDOW_DAYS,
        _ => true,
    }
}

/// Whether two signatures are of near-duplicate articles: similar enough, and published
/// close together.
pub fn near_duplicates(a: &Signature, b: &Signature) -> Option<f64> {
    let similar = similarity(a, b);
    (similar >= NEAR_DUPLICATE_THRESHOLD && published_close(a.published.as_deref(), b.published.as_deref()))
        .then_some(similar)
}

/// The MinHash signature and band hashes of a text (both empty when it has fewer words
/// than one shingle), with the names it mentions ([`crate::names::names`]) but the
/// words of `common` (the article's country-level names, [`crate::names::common_names`]),
/// and the term vector of the title and text ([`crate::text::terms`]).
pub fn signature(title: Option<&str>, text: &str, common: &[String]) -> Signature {
    let terms = crate::text::terms(title, text);
    let mut names = crate::names::names(text);
    names.retain(|name| !common.contains(name));
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.len() < SHINGLE_WORDS {
        return Signature { minhashes: Vec::new(), bands: Vec::new(), names, terms, published: None };
    }
    let mut minhashes = vec![u64::MAX; HASHES];
    for shingle in words.windows(SHINGLE_WORDS) {
        let base = fnv1a(shingle);
        for (seed, minimum) in minhashes.iter_mut().enumerate() {
            let hash = splitmix64(base ^ splitmix64(seed as u64 + 1));
            if hash < *minimum {
                *minimum = hash;
            }
        }
    }
    let bands = minhashes
        .chunks(ROWS)
        .enumerate()
        .map(|(band, rows)| {
            let mut hash = splitmix64(band as u64 + 0x9e37);
            for row in rows {
                hash = splitmix64(hash ^ row);
            }
            hash
        })
        .collect();
    Signature { minhashes, bands, names, terms, published: None }
}

/// The estimated Jaccard similarity of the shingle sets behind two signatures.
pub fn similarity(a: &Signature, b: &Signature) -> f64 {
    if a.minhashes.is_empty() || a.minhashes.len() != b.minhashes.len() {
        return 0.0;
    }
    let equal = a.minhashes.iter().zip(&b.minhashes).filter(|(x, y)| x == y).count();
    equal as f64 / a.minhashes.len() as f64
}

fn fnv1a(words: &[String]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for word in words {
        for byte in word.bytes().chain([b' ']) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x100_0000_01b3);
        }
    }
    hash
}

fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "Four Armenian troops were reportedly killed overnight when the Azerbaijani \
        military targeted a border outpost; another was injured. Baku launched what its border guard \
        service called a revenge operation against Armenian positions near the village of Nerkin Hand \
        in Syunik Province. Moscow called the development concerning and urged both sides to avoid \
        provocations.";

    #[test]
    fn a_copy_under_other_boilerplate_is_a_near_duplicate() {
        let copy =
            format!("Read more: Ex-Soviet state may leave Council of Europe\n\n{WIRE}\n\nShare this story");
        let (a, b) = (signature(None, WIRE, &[]), signature(None, &copy, &[]));
        assert!(similarity(&a, &b) >= NEAR_DUPLICATE_THRESHOLD, "{}", similarity(&a, &b));
        assert!(a.bands.iter().zip(&b.bands).any(|(x, y)| x == y), "the copy shares a band");
    }

    #[test]
    fn another_report_of_the_same_happening_is_not() {
        let other = "Azerbaijan's border service said its forces destroyed an Armenian post in \
            response to shooting on Monday night, while Yerevan said four of its soldiers died near \
            Nerkin Hand and denied that its troops had opened fire first.";
        let similar = similarity(&signature(None, WIRE, &[]), &signature(None, other, &[]));
        assert!(similar < 0.2, "{similar}");
    }

    #[test]
    fn copies_are_near_duplicates_only_when_published_close_together() {
        let dated =
            |published: &str| Signature { published: Some(published.into()), ..signature(None, WIRE, &[]) };
        assert!(near_duplicates(&dated("2024-02-13"), &dated("2024-02-20")).is_some());
        assert!(near_duplicates(&dated("2024-02-13"), &dated("2024-09-13")).is_none());
        let undated = signature(None, WIRE, &[]);
        assert!(near_duplicates(&dated("2024-02-13"), &undated).is_some(), "an undated copy can be any");
    }

    #[test]
    fn texts_shorter_than_a_shingle_have_no_signature() {
        assert!(signature(None, "Shelling resumed overnight.", &[]).bands.is_empty());
        assert_eq!(signature(None, WIRE, &[]), signature(None, WIRE, &[]), "signatures are deterministic");
    }
}
