//! Prints sentences as words, one JSON object a line (`{"id", "words", "spaces"}`), for
//! `scripts/make-silver-parses` to hand to another parser with the words this crate uses.
//!
//! ```text
//! cargo run --release -p faultline-syntax --example tokenise -- text < DOCS.jsonl
//! cargo run --release -p faultline-syntax --example tokenise -- conllu FILE.conllu
//! ```
//!
//! `text` reads `{"id", "text"}` lines, splits each text into sentences as the pipeline
//! does (`faultline_clean::sentences::split_sentences`) and cuts each into words
//! ([`faultline_syntax::tokens`]); `conllu` prints a treebank's sentences with their words
//! joined as the tokeniser joins them ([`Sentence::joined_as_tokenised`]).

use faultline_syntax::conllu::{self, Sentence};
use serde_json::{Value, json};
use std::io::{BufRead, Write};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["text"] => {
            for line in std::io::stdin().lock().lines() {
                let line = line.expect("standard input is readable");
                let doc: Value = serde_json::from_str(&line).expect("one JSON object a line");
                let (id, text) =
                    (doc["id"].as_str().unwrap_or_default(), doc["text"].as_str().unwrap_or_default());
                for (k, sentence) in faultline_clean::sentences::split_sentences(text).iter().enumerate() {
                    let tokens = faultline_syntax::tokens(text, sentence.start..sentence.end);
                    let words: Vec<&str> = tokens.iter().map(|t| t.text).collect();
                    let spaces: Vec<bool> =
                        tokens.windows(2).map(|w| w[0].end < w[1].start).chain([false]).collect();
                    let record = json!({"id": format!("{id}-{k}"), "words": words, "spaces": spaces});
                    writeln!(out, "{record}").expect("standard output is writable");
                }
            }
        }
        ["conllu", path] => {
            let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
            for sentence in conllu::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}")) {
                let joined = Sentence::joined_as_tokenised(&sentence);
                let spaces: Vec<bool> = joined.words.iter().map(|w| w.space_after).collect();
                let record = json!({"id": joined.id, "words": joined.forms(), "spaces": spaces});
                writeln!(out, "{record}").expect("standard output is writable");
            }
        }
        _ => panic!("usage: tokenise text < DOCS.jsonl | tokenise conllu FILE.conllu"),
    }
}
