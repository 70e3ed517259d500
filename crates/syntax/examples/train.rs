//! Trains the syntax model from CoNLL-U files (what `scripts/train-syntax` runs).
//!
//! ```text
//! cargo run --release -p faultline-syntax --example train -- \
//!     --gold EWT.conllu [--gold ...] [--silver SILVER.conllu ...] [--gold-copies N] \
//!     [--tune K] [--seed S] [--epochs TAGGER,PARSER,LABELLER] [--folds F] [--prune W]
//!     [--out MODEL]
//! ```
//!
//! Gold and silver sentences are joined as the run-time tokeniser joins words
//! ([`Sentence::joined_as_tokenised`]). `--gold-copies N` gives each gold sentence N times
//! the weight of a silver one. `--tune K` keeps the gold sentences whose id hashes to 0
//! modulo K out of training and prints the scores on them (for choosing settings, never
//! for the shipped model). Without `--out` nothing is written.

use faultline_syntax::conllu::{self, Sentence};
use faultline_syntax::score::score;
use faultline_syntax::train::{TrainOptions, train};
use std::path::PathBuf;
use std::time::Instant;

fn read(path: &str) -> Vec<Sentence> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let sentences = conllu::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    sentences.iter().map(Sentence::joined_as_tokenised).collect()
}

/// FNV-1a of the sentence id: which sentences the tuning split keeps out.
fn id_hash(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut gold, mut silver) = (Vec::new(), Vec::new());
    let (mut out, mut tune, mut copies) = (None::<PathBuf>, 0u64, 1usize);
    let mut options = TrainOptions::default();
    while let Some(flag) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--gold" => gold.extend(read(&value())),
            "--silver" => silver.extend(read(&value())),
            "--out" => out = Some(PathBuf::from(value())),
            "--tune" => tune = value().parse().expect("--tune K: a number"),
            "--gold-copies" => copies = value().parse().expect("--gold-copies N: a number"),
            "--seed" => options.seed = value().parse().expect("--seed S: a number"),
            "--prune" => options.prune = value().parse().expect("--prune W: a number"),
            "--folds" => options.folds = value().parse().expect("--folds F: a number"),
            "--epochs" => {
                let epochs: Vec<usize> =
                    value().split(',').map(|e| e.parse().expect("--epochs T,P,L: numbers")).collect();
                let [t, p, l] = epochs[..] else { panic!("--epochs T,P,L: three numbers") };
                (options.tagger_epochs, options.parser_epochs, options.labeller_epochs) = (t, p, l);
            }
            _ => panic!("unknown flag {flag}"),
        }
    }
    let (tuning, gold): (Vec<Sentence>, Vec<Sentence>) =
        gold.into_iter().partition(|s| tune > 0 && id_hash(&s.id).is_multiple_of(tune));
    let mut training = Vec::with_capacity(gold.len() * copies + silver.len());
    for _ in 0..copies {
        training.extend(gold.iter().cloned());
    }
    training.extend(silver.iter().cloned());
    let words: usize = training.iter().map(|s| s.words.len()).sum();
    eprintln!(
        "training on {} gold sentences (x{copies}) and {} silver: {} sentences, {words} words",
        gold.len(),
        silver.len(),
        training.len()
    );
    let started = Instant::now();
    let parser = train(&training, &options, &mut |line| eprintln!("  {line} ({:.0?})", started.elapsed()));
    let [tagger, transitions, labeller] = parser.feature_counts();
    eprintln!(
        "trained in {:.1?}: features kept: tagger {tagger}, parser {transitions}, labeller {labeller}; file {} bytes",
        started.elapsed(),
        parser.to_bytes().len()
    );
    if !tuning.is_empty() {
        let predicted: Vec<Sentence> = tuning.iter().map(|s| parser.parse_sentence(s)).collect();
        let scores = score(&tuning, &predicted).expect("same words");
        eprintln!(
            "tuning split: {} sentences, {} words: UPOS {:.2}  UAS {:.2}  LAS {:.2}  LAS (universal) {:.2}",
            scores.sentences,
            scores.words,
            100.0 * scores.upos_accuracy(),
            100.0 * scores.uas(),
            100.0 * scores.las(),
            100.0 * scores.las_universal()
        );
    }
    if let Some(out) = out {
        parser.save(&out).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
        eprintln!("wrote {}", out.display());
    }
}
