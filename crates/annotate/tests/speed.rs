//! Throughput of `annotate`, ignored by default. Run it in release mode:
//! `cargo test --release -p faultline-annotate --test speed -- --ignored --nocapture`.

use std::time::Instant;

use faultline_annotate::annotate;
use faultline_model::Anchor;

#[test]
#[ignore = "timing; run in release mode"]
fn throughput() {
    let article = include_str!("fixtures/ceasefire_report.txt");
    let mut texts: Vec<String> = faultline_testdata::seeds().into_iter().map(|seed| seed.text).collect();
    texts.push(article.to_string());
    let anchor = Anchor::from_published("2024-02-13");
    annotate(article, anchor.as_ref()); // load the dictionaries before timing
    let rounds = 2_000;
    let bytes: usize = texts.iter().map(String::len).sum::<usize>() * rounds;
    let started = Instant::now();
    let mut found = 0;
    for _ in 0..rounds {
        for text in &texts {
            let a = annotate(std::hint::black_box(text), anchor.as_ref());
            found += a.numbers.len() + a.times.len();
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let per_article = seconds / (rounds * texts.len()) as f64;
    let per_3kb = seconds / (bytes as f64 / 3_000.0);
    println!(
        "{} articles of {:.1} KB on average: {:.1} µs per article, {:.1} µs per 3 KB, {:.1} MB/s ({} mentions per pass)",
        texts.len(),
        bytes as f64 / (rounds * texts.len()) as f64 / 1e3,
        per_article * 1e6,
        per_3kb * 1e6,
        bytes as f64 / seconds / 1e6,
        found / rounds
    );
}

#[test]
#[ignore = "timing; run in release mode"]
fn parts() {
    let article = include_str!("fixtures/ceasefire_report.txt");
    let rounds = 20_000;
    let t = Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(faultline_annotate::find_times(std::hint::black_box(article), None));
    }
    println!("times {:.1} µs", t.elapsed().as_secs_f64() / rounds as f64 * 1e6);
    let t = Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(faultline_annotate::find_numbers(std::hint::black_box(article)));
    }
    println!("numbers (incl. times recognition) {:.1} µs", t.elapsed().as_secs_f64() / rounds as f64 * 1e6);
}
