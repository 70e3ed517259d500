//! The text-similarity baseline: TF-IDF cosine similarity between articles and
//! agglomerative clustering at a threshold.
//!
//! - Words: runs of letters and digits, lower-cased; the function words of
//!   `data/lexicon/stop_words.txt` are left out.
//! - Weights: sublinear term frequency `1 + ln tf`, times the smoothed inverse document
//!   frequency `ln((1 + N) / (1 + df)) + 1` over the articles being grouped (and only
//!   those), each vector scaled to length 1, so that the dot product is the cosine.
//! - Clustering: every article starts alone; the two clusters most similar under the
//!   linkage (average: the mean similarity of their cross pairs; single: the highest) are
//!   merged while that similarity reaches the threshold. Ties go to the pair met first in
//!   the input order, so callers sort their articles to get the same clusters in any order.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::Serialize;

/// How the similarity of two clusters follows from their articles' similarities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Linkage {
    Average,
    Single,
}

impl fmt::Display for Linkage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Linkage::Average => "average-link",
            Linkage::Single => "single-link",
        })
    }
}

/// The cosine similarity of every pair of `texts` under TF-IDF weights computed over them.
pub fn cosine_similarities(texts: &[&str]) -> Vec<Vec<f64>> {
    let stop_words: HashSet<&str> =
        faultline_knowledge::active_words("lexicon", "stop_words").into_iter().collect();
    let counts: Vec<HashMap<String, usize>> = texts
        .iter()
        .map(|text| {
            let mut counts = HashMap::new();
            for word in text.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty()) {
                let word = word.to_lowercase();
                if !stop_words.contains(word.as_str()) {
                    *counts.entry(word).or_insert(0) += 1;
                }
            }
            counts
        })
        .collect();
    let mut document_frequency: HashMap<&str, usize> = HashMap::new();
    for words in &counts {
        for word in words.keys() {
            *document_frequency.entry(word.as_str()).or_default() += 1;
        }
    }
    let total = texts.len() as f64;
    let vectors: Vec<HashMap<&str, f64>> = counts
        .iter()
        .map(|words| {
            let mut vector: HashMap<&str, f64> = words
                .iter()
                .map(|(word, &tf)| {
                    let idf = ((1.0 + total) / (1.0 + document_frequency[word.as_str()] as f64)).ln() + 1.0;
                    (word.as_str(), (1.0 + (tf as f64).ln()) * idf)
                })
                .collect();
            let norm = vector.values().map(|weight| weight * weight).sum::<f64>().sqrt();
            if norm > 0.0 {
                vector.values_mut().for_each(|weight| *weight /= norm);
            }
            vector
        })
        .collect();
    vectors
        .iter()
        .map(|a| {
            vectors
                .iter()
                .map(|b| {
                    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
                    short.iter().filter_map(|(word, weight)| long.get(word).map(|other| weight * other)).sum()
                })
                .collect()
        })
        .collect()
}

/// Agglomerative clustering of the items of a similarity matrix: for each item, the index
/// of the first item of its cluster.
pub fn agglomerate(similarity: &[Vec<f64>], threshold: f64, linkage: Linkage) -> Vec<usize> {
    let mut clusters: Vec<Vec<usize>> = (0..similarity.len()).map(|item| vec![item]).collect();
    let link = |a: &[usize], b: &[usize]| {
        let pairs = a.iter().flat_map(|&i| b.iter().map(move |&j| similarity[i][j]));
        match linkage {
            Linkage::Average => pairs.sum::<f64>() / (a.len() * b.len()) as f64,
            Linkage::Single => pairs.fold(f64::NEG_INFINITY, f64::max),
        }
    };
    loop {
        let mut best: Option<(f64, usize, usize)> = None;
        for i in 0..clusters.len() {
            for j in i + 1..clusters.len() {
                let value = link(&clusters[i], &clusters[j]);
                if value >= threshold && best.is_none_or(|(top, _, _)| value > top) {
                    best = Some((value, i, j));
                }
            }
        }
        let Some((_, i, j)) = best else { break };
        let absorbed = clusters.remove(j);
        clusters[i].extend(absorbed);
    }
    let mut first_of = vec![0; similarity.len()];
    for cluster in &clusters {
        let first = cluster.iter().copied().min().unwrap_or_default();
        cluster.iter().for_each(|&item| first_of[item] = first);
    }
    first_of
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_texts_score_higher_and_function_words_do_not_count() {
        let texts = [
            "Police arrest a man after the Kokomo bar shooting",
            "Kokomo police arrested the man in the bar shooting",
            "The city council of the town votes on the budget of the school",
        ];
        let similarity = cosine_similarities(&texts);
        assert!((similarity[0][0] - 1.0).abs() < 1e-9);
        assert!(similarity[0][1] > 0.4, "{similarity:?}");
        // Only "the" and "of" are shared, and they are function words.
        assert_eq!(similarity[0][2], 0.0);
        assert_eq!(similarity[0][1], similarity[1][0]);
    }

    /// Items 0-1 are close (0.9), 2 is near 1 only (0.5) and far from 0 (0.1), 3 is apart.
    /// Single link chains 2 onto {0, 1} at 0.5; average link gives (0.5 + 0.1) / 2 = 0.3.
    #[test]
    fn the_linkage_decides_whether_a_chain_merges() {
        let similarity = vec![
            vec![1.0, 0.9, 0.1, 0.0],
            vec![0.9, 1.0, 0.5, 0.0],
            vec![0.1, 0.5, 1.0, 0.0],
            vec![0.0, 0.0, 0.0, 1.0],
        ];
        assert_eq!(agglomerate(&similarity, 0.4, Linkage::Single), vec![0, 0, 0, 3]);
        assert_eq!(agglomerate(&similarity, 0.4, Linkage::Average), vec![0, 0, 2, 3]);
        assert_eq!(agglomerate(&similarity, 0.3, Linkage::Average), vec![0, 0, 0, 3]);
        assert_eq!(agglomerate(&similarity, 0.95, Linkage::Average), vec![0, 1, 2, 3]);
    }
}
