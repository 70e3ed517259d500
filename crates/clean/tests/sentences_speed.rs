//! Throughput of `split_sentences`, ignored by default. Run it in release mode:
//! `cargo test --release -p faultline-clean --test sentences_speed -- --ignored --nocapture`.

use faultline_clean::sentences::split_sentences;
use std::time::Instant;

fn measure(label: &str, text: &str) {
    let rounds = 5;
    let started = Instant::now();
    let mut count = 0;
    for _ in 0..rounds {
        count += split_sentences(std::hint::black_box(text)).len();
    }
    let seconds = started.elapsed().as_secs_f64();
    let mb = (text.len() * rounds) as f64 / 1e6;
    println!("{label:<28} {:>6.1} MB/s ({} sentences per pass)", mb / seconds, count / rounds);
}

#[test]
#[ignore = "timing; run in release mode"]
fn throughput() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sentences/");
    let articles: String = ["border_clash.txt", "ceasefire_brief.txt"]
        .iter()
        .map(|f| std::fs::read_to_string(format!("{dir}{f}")).expect("fixture") + "\n\n")
        .collect();
    let target = 20_000_000;
    measure("fixture articles", &articles.repeat(target / articles.len()));
    measure("no punctuation", &"word ".repeat(target / 5));
    measure("periods and spaces", &"a. ".repeat(target / 3));
    measure("abbreviations", &"Gen. U.S. a.m. The etc. ".repeat(target / 24));
    measure("quotes and commas", &",\" \"x,\" ".repeat(target / 8));
    measure("one line per word", &"Word\n".repeat(target / 5));
}
