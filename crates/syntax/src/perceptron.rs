//! The averaged perceptron: [`Averaged`] learns weights per (feature hash, class) during
//! training; [`Table`] is the frozen, compact form the models score with.
//!
//! A [`Table`] keeps only the features with a non-zero averaged weight, each weight
//! rounded to a 16-bit integer on one scale for the whole table, and each feature's row
//! sparse: the (class, weight) pairs that are not zero. Rows are found by open addressing
//! on the feature hash (a 32-bit fingerprint per slot), so scoring a feature costs one
//! slot read and one read of its few pairs.

use rustc_hash::FxHashMap;
use std::io::{self, Read, Write};

/// Weights being learned, with the running sums that average them.
#[derive(Debug)]
pub(crate) struct Averaged {
    classes: usize,
    rows: FxHashMap<u64, usize>,
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    /// Training instances seen so far.
    clock: u32,
}

impl Averaged {
    pub(crate) fn new(classes: usize) -> Averaged {
        Averaged {
            classes,
            rows: FxHashMap::default(),
            weights: Vec::new(),
            totals: Vec::new(),
            stamps: Vec::new(),
            clock: 0,
        }
    }

    /// Adds each feature's current weights to `scores` (one per class).
    pub(crate) fn scores(&self, features: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        for feature in features {
            if let Some(&row) = self.rows.get(feature) {
                let weights = &self.weights[row * self.classes..(row + 1) * self.classes];
                for (score, weight) in scores.iter_mut().zip(weights) {
                    *score += weight;
                }
            }
        }
    }

    /// One more training instance (averaging counts instances, not updates).
    pub(crate) fn tick(&mut self) {
        self.clock += 1;
    }

    /// Moves the weights towards `truth` and away from `guess`.
    pub(crate) fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &feature in features {
            let row = match self.rows.get(&feature) {
                Some(&row) => row,
                None => {
                    let row = self.rows.len();
                    self.rows.insert(feature, row);
                    self.weights.resize(self.weights.len() + self.classes, 0.0);
                    self.totals.resize(self.totals.len() + self.classes, 0.0);
                    self.stamps.resize(self.stamps.len() + self.classes, 0);
                    row
                }
            };
            for (class, delta) in [(truth, 1.0), (guess, -1.0)] {
                let k = row * self.classes + class;
                self.totals[k] += f64::from(self.clock - self.stamps[k]) * f64::from(self.weights[k]);
                self.stamps[k] = self.clock;
                self.weights[k] += delta;
            }
        }
    }

    /// The averaged weights as a compact table, without those smaller than `prune` (in
    /// units of one update).
    pub(crate) fn freeze(&self, prune: f64) -> Table {
        let clock = f64::from(self.clock.max(1));
        let averaged: Vec<f64> = (0..self.weights.len())
            .map(|k| {
                (self.totals[k] + f64::from(self.clock - self.stamps[k]) * f64::from(self.weights[k])) / clock
            })
            .collect();
        let largest = averaged.iter().fold(0.0f64, |m, w| m.max(w.abs()));
        let scale = if largest > 0.0 { f64::from(i16::MAX) / largest } else { 1.0 };
        let mut features: Vec<(u64, usize)> = self.rows.iter().map(|(&f, &r)| (f, r)).collect();
        features.sort_unstable();
        let mut rows = Vec::with_capacity(features.len());
        for (feature, row) in features {
            let pairs: Vec<u32> = (0..self.classes)
                .filter_map(|class| {
                    let weight = averaged[row * self.classes + class];
                    let q = (weight * scale).round() as i16;
                    (q != 0 && weight.abs() >= prune).then(|| pack(class, q))
                })
                .collect();
            if !pairs.is_empty() {
                rows.push((feature, pairs));
            }
        }
        Table::build(self.classes, &rows)
    }
}

#[inline]
fn pack(class: usize, weight: i16) -> u32 {
    (class as u32) << 16 | u32::from(weight as u16)
}

/// Frozen weights: sparse rows found by feature hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Table {
    classes: usize,
    mask: usize,
    /// Per slot: the feature's fingerprint (0 for an empty slot), then where its pairs
    /// start, in the low 24 bits, and how many, in the high 8. One slot is one read.
    slots: Vec<[u32; 2]>,
    /// (class << 16 | weight as u16) pairs.
    pairs: Vec<u32>,
}

#[inline]
fn fingerprint(feature: u64) -> u32 {
    ((feature >> 32) as u32) | 1
}

impl Table {
    fn build(classes: usize, rows: &[(u64, Vec<u32>)]) -> Table {
        let slots = (rows.len() * 3 / 2 + 1).next_power_of_two().max(16);
        let mask = slots - 1;
        let mut table = Table { classes, mask, slots: vec![[0, 0]; slots], pairs: Vec::new() };
        for (feature, pairs) in rows {
            let mut slot = *feature as usize & mask;
            while table.slots[slot][0] != 0 {
                slot = (slot + 1) & mask;
            }
            assert!(
                pairs.len() < 256 && table.pairs.len() < 1 << 24,
                "a table row or the table is too large"
            );
            table.slots[slot] =
                [fingerprint(*feature), table.pairs.len() as u32 | (pairs.len() as u32) << 24];
            table.pairs.extend_from_slice(pairs);
        }
        table
    }

    pub(crate) fn classes(&self) -> usize {
        self.classes
    }

    /// How many features have weights.
    pub(crate) fn len(&self) -> usize {
        self.slots.iter().filter(|slot| slot[0] != 0).count()
    }

    /// Adds each feature's weights to `scores` (one per class).
    ///
    /// In two passes: first every feature's slot is read (independent reads, which the
    /// processor overlaps), then the pairs of the features found.
    #[inline]
    pub(crate) fn scores(&self, features: &[u64], scores: &mut [i32]) {
        scores.fill(0);
        let mut found = [0u32; 128];
        let mut count = 0;
        for &feature in features {
            let wanted = fingerprint(feature);
            let mut slot = feature as usize & self.mask;
            loop {
                let [fingerprint, span] = self.slots[slot];
                if fingerprint == wanted {
                    if count == found.len() {
                        self.add_pairs(&found, scores);
                        count = 0;
                    }
                    found[count] = span;
                    count += 1;
                    break;
                }
                if fingerprint == 0 {
                    break;
                }
                slot = (slot + 1) & self.mask;
            }
        }
        self.add_pairs(&found[..count], scores);
    }

    #[inline]
    fn add_pairs(&self, spans: &[u32], scores: &mut [i32]) {
        for &span in spans {
            let start = (span & 0x00ff_ffff) as usize;
            for &pair in &self.pairs[start..start + (span >> 24) as usize] {
                scores[(pair >> 16) as usize] += i32::from(pair as u16 as i16);
            }
        }
    }

    pub(crate) fn write(&self, out: &mut impl Write) -> io::Result<()> {
        write_u32(out, self.classes as u32)?;
        write_u32(out, self.slots.len() as u32)?;
        write_u32(out, self.pairs.len() as u32)?;
        for values in [
            self.slots.iter().map(|s| s[0]).collect(),
            self.slots.iter().map(|s| s[1]).collect(),
            self.pairs.clone(),
        ] {
            for value in values {
                write_u32(out, value)?;
            }
        }
        Ok(())
    }

    pub(crate) fn read(input: &mut impl Read) -> io::Result<Table> {
        let classes = read_u32(input)? as usize;
        let slots = read_u32(input)? as usize;
        let pairs = read_u32(input)? as usize;
        if !slots.is_power_of_two() || classes == 0 || classes > 255 {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "malformed weight table"));
        }
        let mut read_many = |n: usize| (0..n).map(|_| read_u32(input)).collect::<io::Result<Vec<u32>>>();
        let (fingerprints, spans) = (read_many(slots)?, read_many(slots)?);
        let table = Table {
            classes,
            mask: slots - 1,
            slots: fingerprints.into_iter().zip(spans).map(|(f, s)| [f, s]).collect(),
            pairs: read_many(pairs)?,
        };
        let in_bounds = table.slots.iter().all(|&[f, span]| {
            f == 0 || (span & 0x00ff_ffff) as usize + (span >> 24) as usize <= table.pairs.len()
        });
        let classes_ok = table.pairs.iter().all(|&pair| ((pair >> 16) as usize) < classes);
        if !in_bounds || !classes_ok {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "weight table points past its end"));
        }
        Ok(table)
    }
}

pub(crate) fn write_u32(out: &mut impl Write, value: u32) -> io::Result<()> {
    out.write_all(&value.to_le_bytes())
}

pub(crate) fn read_u32(input: &mut impl Read) -> io::Result<u32> {
    let mut bytes = [0u8; 4];
    input.read_exact(&mut bytes)?;
    Ok(u32::from_le_bytes(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_separable_classes_and_survives_a_round_trip() {
        let mut model = Averaged::new(3);
        let examples: [(&[u64], usize); 3] = [(&[1, 10], 0), (&[2, 10], 1), (&[3, 10], 2)];
        let mut scores = [0.0; 3];
        for _ in 0..5 {
            for (features, truth) in examples {
                model.scores(features, &mut scores);
                let guess = (0..3).max_by(|&a, &b| scores[a].total_cmp(&scores[b])).unwrap_or(0);
                model.update(features, truth, guess);
                model.tick();
            }
        }
        let table = model.freeze(0.0);
        let mut bytes = Vec::new();
        table.write(&mut bytes).expect("writing to memory");
        let read = Table::read(&mut bytes.as_slice()).expect("reading back");
        assert_eq!(read, table);
        let mut frozen = [0i32; 3];
        for (features, truth) in examples {
            read.scores(features, &mut frozen);
            let best = (0..3).max_by_key(|&c| frozen[c]).unwrap_or(0);
            assert_eq!(best, truth, "{features:?} {frozen:?}");
        }
        assert!(Table::read(&mut &bytes[..bytes.len() - 4]).is_err());
    }
}
