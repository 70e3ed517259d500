//! Speed of the text cleaner and the glue repair per article, ignored by default. Run it
//! in release mode:
//! `cargo test --release -p faultline-clean --test text_speed -- --ignored --nocapture`.
//!
//! It times the fixture pages of `fixtures/text/` and, when present, the shared sample
//! articles (read at test time, never copied here).

use faultline_clean::glue::repair_glued_words;
use faultline_clean::text::clean_text;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn texts_in(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("note: {} not found; skipped", dir.display());
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect()
}

fn measure(label: &str, texts: &[String], run: impl Fn(&str)) {
    if texts.is_empty() {
        return;
    }
    texts.iter().for_each(|t| run(t));
    let rounds = 2_000;
    let started = Instant::now();
    for _ in 0..rounds {
        texts.iter().for_each(|t| run(std::hint::black_box(t)));
    }
    let per_article = started.elapsed().as_secs_f64() / (rounds * texts.len()) as f64;
    let bytes = texts.iter().map(String::len).sum::<usize>() / texts.len();
    println!("{label:<32} {:>7.1} µs per article ({bytes} bytes on average)", per_article * 1e6);
}

#[test]
#[ignore = "timing; run in release mode"]
fn time_per_article() {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let fixtures = texts_in(&manifest.join("tests/fixtures/text"));
    let seeds: Vec<String> = faultline_testdata::seeds().into_iter().map(|seed| seed.text).collect();
    for (name, texts) in [("fixtures", &fixtures), ("seeds", &seeds)] {
        measure(&format!("clean_text, {name}"), texts, |t| {
            std::hint::black_box(clean_text(t));
        });
        measure(&format!("repair_glued_words, {name}"), texts, |t| {
            std::hint::black_box(repair_glued_words(t));
        });
    }
}
