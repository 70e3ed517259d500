//! Training the three models from treebank sentences (gold, silver or both), with a
//! fixed seed so the same data give the same weights.
//!
//! 1. The tagger learns from every sentence, greedy left to right, as it will run.
//! 2. The parser and the labeller learn from tags the tagger predicts, not the gold ones,
//!    so they learn to live with its mistakes: the sentences are cut into `folds` parts
//!    and each part is tagged by a tagger trained on the others (jackknifing).
//! 3. The parser learns from trees made projective by lifting (a word whose arc crosses
//!    another hangs on its head's head instead, until none crosses), with the dynamic
//!    oracle: after the first epoch it follows its own move (nine times in ten) even
//!    when wrong and learns the best move from wherever it is.
//! 4. The labeller learns from the gold trees, labelling in its run-time order with the
//!    relations it chose itself before.

use crate::conllu::Sentence;
use crate::features::{Features, WordInfo};
use crate::labeller::{self, Tree};
use crate::labels::{Relation, Upos};
use crate::model::Parser;
use crate::perceptron::{Averaged, Table};
use crate::tagger::{self, TAGS, best};
use crate::transitions::{self, MOVES, State};

/// How long each model trains, and the seed of every random choice.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    pub labeller_epochs: usize,
    /// Parts for jackknifed tags (0 or 1: the parser trains on gold tags).
    pub folds: usize,
    pub seed: u64,
    /// The parser's and the labeller's averaged weights smaller than this (in units of
    /// one update) are dropped, which halves the model file at little cost (the tagger's
    /// table is small and keeps every weight).
    pub prune: f64,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            tagger_epochs: 8,
            parser_epochs: 12,
            labeller_epochs: 8,
            folds: 5,
            seed: 1,
            prune: 1.0,
        }
    }
}

/// SplitMix64: a small generator, fully determined by its seed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    fn shuffle(&mut self, items: &mut [usize]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Trains a model on the sentences; `log` hears one line per stage.
pub fn train(sentences: &[Sentence], options: &TrainOptions, log: &mut dyn FnMut(String)) -> Parser {
    let mut random = Random(options.seed);
    let words: Vec<Vec<WordInfo>> =
        sentences.iter().map(|s| s.words.iter().map(|w| WordInfo::of(&w.form)).collect()).collect();
    let gold_tags: Vec<Vec<u8>> =
        sentences.iter().map(|s| s.words.iter().map(|w| tag_class(w.upos)).collect()).collect();
    let all: Vec<usize> = (0..sentences.len()).collect();
    log(format!("tagger: {} sentences, {} epochs", sentences.len(), options.tagger_epochs));
    let tagger = train_tagger(&words, &gold_tags, &all, options, &mut random);

    let tags = if options.folds > 1 {
        let mut tags = gold_tags.clone();
        let mut features = Features::default();
        for fold in 0..options.folds {
            let rest: Vec<usize> = all.iter().copied().filter(|i| i % options.folds != fold).collect();
            let table = train_tagger(&words, &gold_tags, &rest, options, &mut random);
            for i in all.iter().copied().filter(|i| i % options.folds == fold) {
                tags[i] = tagger::tag(&table, &words[i], &mut features);
            }
        }
        let (right, total) = agreement(&tags, &gold_tags);
        log(format!(
            "jackknifed tags: {} folds, {:.2}% right",
            options.folds,
            100.0 * right as f64 / total as f64
        ));
        tags
    } else {
        gold_tags
    };

    let heads: Vec<Vec<Option<usize>>> =
        sentences.iter().map(|s| s.words.iter().map(|w| w.head).collect()).collect();
    log(format!("parser: {} epochs", options.parser_epochs));
    let transitions = train_transitions(&words, &tags, &heads, options, &mut random);

    let mut relations: Vec<Relation> =
        sentences.iter().flat_map(|s| s.words.iter().map(|w| w.relation)).chain([Relation::Root]).collect();
    relations.sort_unstable();
    relations.dedup();
    let classes: Vec<Vec<usize>> = sentences
        .iter()
        .map(|s| s.words.iter().map(|w| relations.binary_search(&w.relation).unwrap_or(0)).collect())
        .collect();
    log(format!("labeller: {} relations, {} epochs", relations.len(), options.labeller_epochs));
    let labeller = train_labeller(&words, &tags, &heads, &classes, relations.len(), options, &mut random);
    Parser { tagger, transitions, labeller, relations }
}

fn tag_class(upos: Upos) -> u8 {
    Upos::ALL.iter().position(|&u| u == upos).unwrap_or(0) as u8 + 1
}

fn agreement(a: &[Vec<u8>], b: &[Vec<u8>]) -> (usize, usize) {
    let pairs = a.iter().zip(b).flat_map(|(x, y)| x.iter().zip(y));
    pairs.fold((0, 0), |(right, total), (x, y)| (right + usize::from(x == y), total + 1))
}

fn train_tagger(
    words: &[Vec<WordInfo>],
    gold: &[Vec<u8>],
    subset: &[usize],
    options: &TrainOptions,
    random: &mut Random,
) -> Table {
    let mut model = Averaged::new(TAGS);
    let mut features = Features::default();
    let mut scores = [0.0f32; TAGS];
    let mut order = subset.to_vec();
    for _ in 0..options.tagger_epochs {
        random.shuffle(&mut order);
        for &s in &order {
            let mut predicted = Vec::with_capacity(words[s].len());
            for (i, &truth) in gold[s].iter().enumerate() {
                tagger::features(&words[s], &predicted, i, &mut features);
                model.scores(&features.0, &mut scores);
                let guess = best(&scores);
                let truth = usize::from(truth - 1);
                model.update(&features.0, truth, guess);
                model.tick();
                predicted.push(guess as u8 + 1);
            }
        }
    }
    model.freeze(0.0)
}

/// The tree with every crossing arc lifted, heads written with the root as `n`.
pub(crate) fn projective(heads: &[Option<usize>]) -> Vec<usize> {
    let n = heads.len();
    let mut heads: Vec<usize> = heads.iter().map(|h| h.unwrap_or(n)).collect();
    let dominates = |heads: &[usize], h: usize, mut k: usize| {
        for _ in 0..=n {
            if k == h {
                return true;
            }
            if k >= n {
                return false;
            }
            k = heads[k];
        }
        false
    };
    loop {
        let crossing = (0..n)
            .filter(|&d| heads[d] < n)
            .filter(|&d| {
                let h = heads[d];
                (d.min(h) + 1..d.max(h)).any(|k| !dominates(&heads, h, k))
            })
            .min_by_key(|&d| d.abs_diff(heads[d]));
        match crossing {
            Some(d) => heads[d] = heads[heads[d]],
            None => return heads,
        }
    }
}

fn train_transitions(
    words: &[Vec<WordInfo>],
    tags: &[Vec<u8>],
    heads: &[Vec<Option<usize>>],
    options: &TrainOptions,
    random: &mut Random,
) -> Table {
    let gold: Vec<Vec<usize>> = heads.iter().map(|h| projective(h)).collect();
    let mut model = Averaged::new(MOVES);
    let mut features = Features::default();
    let mut scores = [0.0f32; MOVES];
    let mut order: Vec<usize> = (0..words.len()).collect();
    for epoch in 0..options.parser_epochs {
        random.shuffle(&mut order);
        for &s in &order {
            let mut state = State::new(words[s].len());
            while !state.is_final() {
                transitions::features(&state, &words[s], &tags[s], &mut features);
                model.scores(&features.0, &mut scores);
                let valid = state.valid();
                let costs = state.costs(&gold[s]);
                let pick = |allowed: &dyn Fn(usize) -> bool| {
                    (0..MOVES)
                        .filter(|&m| valid[m] && allowed(m))
                        .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
                        .expect("a state that is not final has a valid move")
                };
                let guess = pick(&|_| true);
                let cheapest = (0..MOVES).filter(|&m| valid[m]).map(|m| costs[m]).min().unwrap_or(0);
                let right = pick(&|m| costs[m] == cheapest);
                if costs[guess] > cheapest {
                    model.update(&features.0, right, guess);
                }
                model.tick();
                let follow = if epoch > 0 && random.chance(0.9) { guess } else { right };
                state.apply(follow);
            }
        }
    }
    model.freeze(options.prune)
}

fn train_labeller(
    words: &[Vec<WordInfo>],
    tags: &[Vec<u8>],
    heads: &[Vec<Option<usize>>],
    classes: &[Vec<usize>],
    count: usize,
    options: &TrainOptions,
    random: &mut Random,
) -> Table {
    let mut model = Averaged::new(count);
    let mut features = Features::default();
    let mut scores = vec![0.0f32; count];
    let children: Vec<Vec<Vec<usize>>> = heads.iter().map(|h| labeller::children(h)).collect();
    let orders: Vec<Vec<usize>> = heads.iter().zip(&children).map(|(h, c)| labeller::order(h, c)).collect();
    let mut order: Vec<usize> = (0..words.len()).collect();
    for _ in 0..options.labeller_epochs {
        random.shuffle(&mut order);
        for &s in &order {
            let mut given = vec![0u8; words[s].len()];
            for &d in &orders[s] {
                let truth = classes[s][d];
                if heads[s][d].is_some() {
                    let tree = Tree {
                        words: &words[s],
                        tags: &tags[s],
                        heads: &heads[s],
                        children: &children[s],
                        given: &given,
                    };
                    labeller::features(&tree, d, &mut features);
                    model.scores(&features.0, &mut scores);
                    let guess = best(&scores);
                    model.update(&features.0, truth, guess);
                    model.tick();
                    given[d] = guess as u8 + 1;
                } else {
                    given[d] = truth as u8 + 1;
                }
            }
        }
    }
    model.freeze(options.prune)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifting_removes_crossing_arcs() {
        // 0 <- 2, 1 <- 3 crosses 0..2 when 2 heads 0 and 3 heads 1: "a b c d", root c.
        let heads = [None, Some(3), Some(0), Some(0)];
        assert_eq!(projective(&heads), [4, 0, 0, 0]);
        let projective_already = [Some(1), None, Some(1)];
        assert_eq!(projective(&projective_already), [1, 3, 1]);
    }
}
