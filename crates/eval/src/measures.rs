//! What the scorers share: precision, recall and F1, shares of hits, and the stable hash
//! that splits gold items into dev and held-out.

use std::fmt;

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
        Prf::from_rates(ratio(true_predicted, predicted), ratio(true_gold, gold))
    }

    /// From a precision and a recall already computed (averages over items, as B-cubed's).
    pub fn from_rates(precision: f64, recall: f64) -> Prf {
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

/// A count of hits out of a total, and their share (0 when the total is 0).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Share {
    pub hits: usize,
    pub total: usize,
    pub rate: f64,
}

impl Share {
    pub(crate) fn count(&mut self, hit: bool) {
        self.total += 1;
        self.hits += usize::from(hit);
        self.rate = self.hits as f64 / self.total as f64;
    }
}

impl fmt::Display for Share {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cell = if self.total == 0 {
            "-".to_string()
        } else {
            format!("{}/{} {:.1}%", self.hits, self.total, 100.0 * self.rate)
        };
        f.pad(&cell)
    }
}

/// FNV-1a 64 of an id passed through MurmurHash3's 64-bit finaliser: a hash that is the
/// same on every run and machine, by which gold items are put in dev or held-out. FNV-1a
/// alone would not do: its lowest bit is the parity of the id's odd bytes (consecutive
/// ids would simply alternate) and its top bits hardly depend on the last characters.
pub fn stable_hash(id: &str) -> u64 {
    let mut hash = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^ (hash >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_fixed_and_mixes_the_last_characters() {
        // Pinned: the gold files record the splits this hash gave them.
        assert_eq!(stable_hash("PLOVER-0001"), 15_212_281_282_102_887_884);
        let parities: Vec<u64> = (0..8).map(|n| stable_hash(&format!("id-000{n}")) % 2).collect();
        assert!(
            parities.windows(2).any(|pair| pair[0] == pair[1]),
            "consecutive ids must not simply alternate"
        );
    }

    #[test]
    fn computes_and_guards_empty_denominators() {
        let prf = Prf::percent(3, 4, 6);
        assert_eq!((prf.precision, prf.recall), (75.0, 50.0));
        assert!((prf.f1 - 60.0).abs() < 1e-9);
        assert_eq!(Prf::fraction(0, 0, 0, 0), Prf { precision: 0.0, recall: 0.0, f1: 0.0 });
    }
}
