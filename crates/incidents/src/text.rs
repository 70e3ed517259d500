//! The article-level text similarity of the merge decision: TF-IDF cosine with a fixed
//! inverse document frequency taken from general English word frequencies, so the
//! similarity of two articles depends on their two texts only — never on which other
//! articles are stored — and a term vector computed once, when an article is linked, is
//! compared with any later article without reading either text again.
//!
//! - Words: runs of letters and digits, lower-cased; the function words of
//!   `data/incidents/function_words.txt` and words of digits only (years, ages, counts)
//!   are left out.
//! - Weight of a word: `(1 + ln tf) × (9 − zipf)`, where zipf is the word's frequency on
//!   the Zipf scale in `data/incidents/word_frequencies.tsv` (wordfreq 3.1.1: log10 of
//!   occurrences per billion words), so "police" (5.33) weighs 3.67 and a surname the table
//!   does not list the rarest weight, 9 minus the smallest zipf listed.
//! - The vector keeps the [`TOP_TERMS`] heaviest words (ties: the smaller word), scaled to
//!   length 1 and stored as weights × [`SCALE`] in 16 bits, sorted by word; the cosine of
//!   two articles is the dot product of their vectors.

use crate::rules::rules;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// Words kept per article: enough for the names, places and particulars of a news report.
pub const TOP_TERMS: usize = 100;
/// The stored weight of a word is its unit-length weight times this.
pub const SCALE: f64 = 65535.0;

/// Zipf frequencies of the active knowledge, and the weight of a word the table lacks.
struct Frequencies {
    zipf: FxHashMap<String, f64>,
    unknown_weight: f64,
}

fn frequencies() -> &'static Frequencies {
    static FREQUENCIES: OnceLock<Frequencies> = OnceLock::new();
    FREQUENCIES.get_or_init(|| {
        let mut zipf = FxHashMap::default();
        for source in faultline_knowledge::active_sources("incidents", "word_frequencies.tsv") {
            for (index, line) in source.text.lines().enumerate() {
                if line.trim().is_empty() || line.starts_with('#') {
                    continue;
                }
                match line.split_once('\t').map(|(word, z)| (word, z.trim().parse::<f64>())) {
                    Some((word, Ok(z))) if !word.is_empty() => {
                        zipf.insert(word.to_lowercase(), z);
                    }
                    _ => {
                        panic!("{}:{}: expected a word, a tab and a Zipf frequency", source.label, index + 1)
                    }
                }
            }
        }
        let rarest = zipf.values().copied().fold(f64::INFINITY, f64::min);
        let unknown_weight = if rarest.is_finite() { 9.0 - rarest } else { 9.0 };
        Frequencies { zipf, unknown_weight }
    })
}

/// The inverse document frequency of a lower-cased word: 9 − its zipf, at least 0.
fn idf(word: &str) -> f64 {
    let table = frequencies();
    table.zipf.get(word).map_or(table.unknown_weight, |zipf| (9.0 - zipf).max(0.0))
}

/// The term vector of an article's title and text: its [`TOP_TERMS`] heaviest words with
/// their weights scaled to length 1 (× [`SCALE`]), sorted by word.
pub fn terms(title: Option<&str>, text: &str) -> Vec<(String, u16)> {
    let mut counts: FxHashMap<String, u32> = FxHashMap::default();
    for word in title.into_iter().chain([text]).flat_map(|t| t.split(|c: char| !c.is_alphanumeric())) {
        if word.is_empty() || word.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let word = word.to_lowercase();
        if !rules().is_function_word(&word) {
            *counts.entry(word).or_default() += 1;
        }
    }
    let mut weighted: Vec<(String, f64)> = counts
        .into_iter()
        .map(|(word, tf)| {
            let weight = (1.0 + f64::from(tf).ln()) * idf(&word);
            (word, weight)
        })
        .filter(|(_, weight)| *weight > 0.0)
        .collect();
    weighted.sort_by(|(a, x), (b, y)| y.total_cmp(x).then_with(|| a.cmp(b)));
    weighted.truncate(TOP_TERMS);
    let norm = weighted.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    let mut vector: Vec<(String, u16)> = weighted
        .into_iter()
        .map(|(word, weight)| (word, (weight / norm * SCALE).round() as u16))
        .filter(|(_, weight)| *weight > 0)
        .collect();
    vector.sort();
    vector
}

/// The cosine similarity of two term vectors (0 when either is empty).
pub fn cosine(a: &[(String, u16)], b: &[(String, u16)]) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0u64);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += u64::from(a[i].1) * u64::from(b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    dot as f64 / (SCALE * SCALE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_shared_words_weigh_more_than_common_ones() {
        let first = terms(Some("Kokomo bar shooting"), "Police arrested Dakota Hill after the shooting.");
        let same = terms(Some("Arrest in Kokomo shooting"), "Dakota Hill was arrested by police.");
        let other = terms(Some("Council budget"), "Police said the council met to vote on the budget.");
        let (close, far) = (cosine(&first, &same), cosine(&first, &other));
        assert!(close > 0.5 && far < 0.1, "{close} {far}");
        assert!((cosine(&first, &first) - 1.0).abs() < 1e-3);
        assert_eq!(cosine(&first, &same), cosine(&same, &first));
        let weight = |vector: &[(String, u16)], word: &str| {
            vector.iter().find(|(w, _)| w == word).map_or(0, |(_, weight)| *weight)
        };
        assert!(weight(&first, "kokomo") > weight(&first, "police"), "{first:?}");
        assert_eq!(weight(&first, "the"), 0, "function words are out");
    }

    #[test]
    fn only_the_heaviest_words_are_kept() {
        let text: String = (0..300)
            .map(|i| format!("word{} ", char::from(b'a' + (i % 26) as u8)))
            .chain((0..300).map(|i| format!("w{i}x ")))
            .collect();
        let vector = terms(None, &text);
        assert_eq!(vector.len(), TOP_TERMS);
        assert!(vector.windows(2).all(|w| w[0].0 < w[1].0), "sorted by word");
        assert!(terms(None, "1999 2024 the of").is_empty(), "digits and function words only");
    }
}
