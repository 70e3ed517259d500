//! Scores of predicted trees against gold trees over the same words: UPOS accuracy, UAS
//! (right head), LAS (right head and relation, with and without subtypes, as the CoNLL
//! 2018 shared task counts it: every word, punctuation included), and per relation.

use crate::conllu::Sentence;
use crate::labels::Relation;
use std::collections::BTreeMap;

/// Counts over a set of sentences.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scores {
    pub sentences: usize,
    pub words: usize,
    /// Words with the right UPOS tag.
    pub upos: usize,
    /// Words with the right head.
    pub heads: usize,
    /// Words with the right head and relation, subtype included.
    pub labelled: usize,
    /// Words with the right head and universal relation (subtype ignored).
    pub labelled_universal: usize,
    pub relations: BTreeMap<Relation, RelationCounts>,
}

/// How often a relation is in the gold, predicted, and predicted with the right head.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RelationCounts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl RelationCounts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 { 0.0 } else { part as f64 / whole as f64 }
}

impl Scores {
    /// Adds one sentence; the two must have the same words.
    pub fn add(&mut self, gold: &Sentence, predicted: &Sentence) -> Result<(), String> {
        if gold.forms() != predicted.forms() {
            return Err(format!("sentence {}: the predicted words differ from the gold words", gold.id));
        }
        self.sentences += 1;
        for (g, p) in gold.words.iter().zip(&predicted.words) {
            self.words += 1;
            self.upos += usize::from(g.upos == p.upos);
            let head = g.head == p.head;
            self.heads += usize::from(head);
            self.labelled += usize::from(head && g.relation == p.relation);
            self.labelled_universal += usize::from(head && g.relation.universal() == p.relation.universal());
            self.relations.entry(g.relation).or_default().gold += 1;
            let counts = self.relations.entry(p.relation).or_default();
            counts.predicted += 1;
            counts.correct += usize::from(head && g.relation == p.relation);
        }
        Ok(())
    }

    pub fn upos_accuracy(&self) -> f64 {
        ratio(self.upos, self.words)
    }

    pub fn uas(&self) -> f64 {
        ratio(self.heads, self.words)
    }

    pub fn las(&self) -> f64 {
        ratio(self.labelled, self.words)
    }

    pub fn las_universal(&self) -> f64 {
        ratio(self.labelled_universal, self.words)
    }
}

/// Scores predicted sentences against gold ones, in the same order.
pub fn score(gold: &[Sentence], predicted: &[Sentence]) -> Result<Scores, String> {
    if gold.len() != predicted.len() {
        return Err(format!("{} gold sentences but {} predicted", gold.len(), predicted.len()));
    }
    let mut scores = Scores::default();
    for (g, p) in gold.iter().zip(predicted) {
        scores.add(g, p)?;
    }
    Ok(scores)
}
