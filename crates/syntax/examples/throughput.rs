//! Measures how many words a second the shipped model tags and parses on one core, on
//! real news text: the sample articles and MEANTIME's Wikinews articles read in place from
//! `../shared/`, split into sentences as the pipeline does and cut into words by
//! [`faultline_syntax::tokens`].
//!
//! ```text
//! cargo run --release -p faultline-syntax --example throughput [-- ROUNDS]
//! ```
//!
//! Prints the words a second for tokenising alone, and for tokenising, tagging, parsing
//! and labelling together, best of ROUNDS (default 5) passes over the text.

use faultline_syntax::{Parser, tokens};
use std::hint::black_box;
use std::time::Instant;

fn texts() -> Vec<String> {
    let mut texts: Vec<String> = faultline_testdata::seeds().into_iter().map(|seed| seed.text).collect();
    if let Some(dir) = faultline_testdata::shared("eval/gvc/docs") {
        let mut paths: Vec<_> =
            std::fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
        paths.sort();
        texts.extend(paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()));
    }
    texts
}

fn main() {
    let rounds: usize = std::env::args().nth(1).map_or(5, |r| r.parse().expect("ROUNDS: a number"));
    let texts = texts();
    assert!(!texts.is_empty(), "no text found in ../shared: nothing to measure");
    let sentences: Vec<(usize, std::ops::Range<usize>)> = texts
        .iter()
        .enumerate()
        .flat_map(|(t, text)| {
            faultline_clean::sentences::split_sentences(text).into_iter().map(move |s| (t, s.start..s.end))
        })
        .collect();
    let parser = Parser::shipped();
    let words: usize = sentences.iter().map(|(t, range)| tokens(&texts[*t], range.clone()).len()).sum();
    eprintln!("{} texts, {} sentences, {words} words", texts.len(), sentences.len());
    let mut best = [f64::MAX; 2];
    for _ in 0..rounds {
        let started = Instant::now();
        for (t, range) in &sentences {
            black_box(tokens(&texts[*t], range.clone()));
        }
        best[0] = best[0].min(started.elapsed().as_secs_f64());
        let started = Instant::now();
        for (t, range) in &sentences {
            let words = tokens(&texts[*t], range.clone());
            black_box(parser.parse(&words));
        }
        best[1] = best[1].min(started.elapsed().as_secs_f64());
    }
    println!("tokenising:                         {:>9.0} words/s", words as f64 / best[0]);
    println!("tokenising, tagging and parsing:    {:>9.0} words/s", words as f64 / best[1]);
    println!("per article of 650 words:           {:>9.1} µs", 650.0 / (words as f64 / best[1]) * 1e6);
}
