//! Precision, recall and F1, shared by the scorers.

use serde::Serialize;

/// Precision, recall and F1 of one comparison, as fractions or percentages (each scorer
/// says which; TimeML and geoparsing results are usually quoted in percent).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    /// From counts where precision and recall may count matches differently (relaxed
    /// matching: predicted spans that hit some gold, gold spans hit by some prediction).
    /// An empty denominator gives 0.
    pub fn fraction(true_predicted: usize, predicted: usize, true_gold: usize, gold: usize) -> Prf {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let (precision, recall) = (ratio(true_predicted, predicted), ratio(true_gold, gold));
        let f1 =
            if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        Prf { precision, recall, f1 }
    }

    /// In percent, from one count of matches.
    pub fn percent(matched: usize, predicted: usize, gold: usize) -> Prf {
        let Prf { precision, recall, f1 } = Prf::fraction(matched, predicted, matched, gold);
        Prf { precision: 100.0 * precision, recall: 100.0 * recall, f1: 100.0 * f1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_and_guards_empty_denominators() {
        let prf = Prf::percent(3, 4, 6);
        assert_eq!((prf.precision, prf.recall), (75.0, 50.0));
        assert!((prf.f1 - 60.0).abs() < 1e-9);
        assert_eq!(Prf::fraction(0, 0, 0, 0), Prf { precision: 0.0, recall: 0.0, f1: 0.0 });
    }
}
