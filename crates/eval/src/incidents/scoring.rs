//! How well a grouping of articles matches the gold incidents: B-cubed and pairwise
//! precision, recall and F1 over articles, an article belonging to the incident that lists
//! it (Bagga and Baldwin 1998 for B-cubed; the pairwise measures count pairs of articles put
//! together).
//!
//! With `n(g, c)` the number of articles of gold incident `g` in predicted cluster `c` and
//! `N` the number of articles:
//! - B-cubed precision is the mean over articles of the share of the article's cluster that
//!   is of its incident, `Σ n(g,c)² / |c|` over `N`; recall the mean share of its incident
//!   found in its cluster, `Σ n(g,c)² / |g|` over `N`; F1 their harmonic mean;
//! - pairwise precision is the share of pairs put in one cluster that are of one incident,
//!   `Σ C(n(g,c), 2) / Σ C(|c|, 2)`, recall the share of pairs of one incident put in one
//!   cluster, `Σ C(n(g,c), 2) / Σ C(|g|, 2)` (0 when there is no pair to count).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::measures::Prf;

/// The scores of one grouping of one set of articles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct GroupingScores {
    pub articles: usize,
    pub gold_incidents: usize,
    pub predicted_clusters: usize,
    pub bcubed: Prf,
    pub pairwise: Prf,
}

/// Scores `predicted` (article → cluster) against `gold` (article → incident). Only the
/// gold's articles count: an article the grouping leaves out is a cluster of its own, and
/// an article the gold does not list is ignored.
pub fn score_grouping(
    gold: &BTreeMap<String, String>,
    predicted: &BTreeMap<String, String>,
) -> GroupingScores {
    let mut joint: HashMap<(&str, Option<&str>, &str), usize> = HashMap::new();
    let mut incident_sizes: HashMap<&str, usize> = HashMap::new();
    let mut cluster_sizes: HashMap<(Option<&str>, &str), usize> = HashMap::new();
    for (article, incident) in gold {
        // A left-out article is keyed by itself, apart from every named cluster.
        let cluster = match predicted.get(article) {
            Some(cluster) => (Some(cluster.as_str()), ""),
            None => (None, article.as_str()),
        };
        *joint.entry((incident.as_str(), cluster.0, cluster.1)).or_default() += 1;
        *incident_sizes.entry(incident.as_str()).or_default() += 1;
        *cluster_sizes.entry(cluster).or_default() += 1;
    }
    let articles = gold.len();
    let pairs = |n: usize| (n * n.saturating_sub(1) / 2) as f64;
    let (mut precision_sum, mut recall_sum, mut true_pairs) = (0.0, 0.0, 0.0);
    for (&(incident, cluster_name, lone), &n) in &joint {
        let shared = (n * n) as f64;
        precision_sum += shared / cluster_sizes[&(cluster_name, lone)] as f64;
        recall_sum += shared / incident_sizes[incident] as f64;
        true_pairs += pairs(n);
    }
    let mean = |sum: f64| if articles == 0 { 0.0 } else { sum / articles as f64 };
    let ratio = |a: f64, b: f64| if b == 0.0 { 0.0 } else { a / b };
    let predicted_pairs: f64 = cluster_sizes.values().map(|&n| pairs(n)).sum();
    let gold_pairs: f64 = incident_sizes.values().map(|&n| pairs(n)).sum();
    GroupingScores {
        articles,
        gold_incidents: incident_sizes.len(),
        predicted_clusters: cluster_sizes.len(),
        bcubed: Prf::from_rates(mean(precision_sum), mean(recall_sum)),
        pairwise: Prf::from_rates(ratio(true_pairs, predicted_pairs), ratio(true_pairs, gold_pairs)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grouping(groups: &[(&str, &str)]) -> BTreeMap<String, String> {
        let mut map = BTreeMap::new();
        for (label, members) in groups {
            for member in members.split(' ') {
                map.insert(member.to_string(), label.to_string());
            }
        }
        map
    }

    fn close(actual: f64, expected: f64) -> bool {
        (actual - expected).abs() < 1e-9
    }

    /// Gold {a b c} {d e}; predicted {a b} {c d e}. n = 2 (G1,C1), 1 (G1,C2), 2 (G2,C2).
    /// B-cubed precision (4/2 + 1/3 + 4/3) / 5 = 11/15, recall (4/3 + 1/3 + 4/2) / 5 = 11/15.
    /// Pairs together: C1 1, C2 3; of one incident 1 + 0 + 1 = 2; gold pairs 3 + 1 = 4.
    #[test]
    fn scores_a_split_and_a_merge_by_hand() {
        let gold = grouping(&[("G1", "a b c"), ("G2", "d e")]);
        let scores = score_grouping(&gold, &grouping(&[("C1", "a b"), ("C2", "c d e")]));
        assert_eq!((scores.articles, scores.gold_incidents, scores.predicted_clusters), (5, 2, 2));
        assert!(close(scores.bcubed.precision, 11.0 / 15.0) && close(scores.bcubed.recall, 11.0 / 15.0));
        assert!(close(scores.bcubed.f1, 11.0 / 15.0));
        assert!(close(scores.pairwise.precision, 0.5) && close(scores.pairwise.recall, 0.5));
    }

    /// All singletons: B-cubed precision 1, recall (3 × 1/3 + 2 × 1/2) / 5 = 0.4, F1 4/7;
    /// no pair predicted, so pairwise precision and recall are 0. Articles the grouping
    /// leaves out count as singletons, and an article the gold does not list is ignored.
    #[test]
    fn leaves_out_articles_as_singletons() {
        let gold = grouping(&[("G1", "a b c"), ("G2", "d e")]);
        let scores = score_grouping(&gold, &grouping(&[("C9", "z y")]));
        assert_eq!(scores.predicted_clusters, 5);
        assert!(close(scores.bcubed.precision, 1.0) && close(scores.bcubed.recall, 0.4));
        assert!(close(scores.bcubed.f1, 4.0 / 7.0));
        assert_eq!((scores.pairwise.precision, scores.pairwise.recall), (0.0, 0.0));
    }

    /// One cluster: B-cubed precision (9/5 + 4/5) / 5 = 13/25, recall 1; pairwise 4 of 10
    /// pairs right, every gold pair found.
    #[test]
    fn scores_everything_in_one_cluster() {
        let gold = grouping(&[("G1", "a b c"), ("G2", "d e")]);
        let scores = score_grouping(&gold, &grouping(&[("C", "a b c d e")]));
        assert!(close(scores.bcubed.precision, 13.0 / 25.0) && close(scores.bcubed.recall, 1.0));
        assert!(close(scores.pairwise.precision, 0.4) && close(scores.pairwise.recall, 1.0));
        let perfect = score_grouping(&gold, &grouping(&[("x", "a b c"), ("y", "d e")]));
        assert!(close(perfect.bcubed.f1, 1.0) && close(perfect.pairwise.f1, 1.0));
    }
}
