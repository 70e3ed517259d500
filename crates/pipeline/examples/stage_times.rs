//! Time spent in each pipeline stage over a JSON Lines corpus, on one thread, to find
//! where ingest time goes: `cargo run --release -p faultline-pipeline --example stage_times -- CORPUS.jsonl`.

use faultline_model::{Anchor, ContentFormat, DeclaredMetadata, Document};
use std::time::{Duration, Instant};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: stage_times CORPUS.jsonl");
        std::process::exit(2);
    };
    let corpus = std::fs::read_to_string(&path).unwrap_or_else(|err| {
        eprintln!("cannot read {path}: {err}");
        std::process::exit(1);
    });
    let started = Instant::now();
    let dictionary = faultline_actors::Dictionary::load_default().expect("dictionary loads");
    let loaded_dictionary = started.elapsed();
    let gazetteer = faultline_places::Gazetteer::load_default().expect("gazetteer loads");
    let loaded_gazetteer = started.elapsed() - loaded_dictionary;
    let lexicon = faultline_events::Lexicon::load_default();
    let country_names: std::collections::HashMap<String, String> =
        dictionary.countries().iter().map(|c| (c.iso3.clone(), c.name.clone())).collect();
    let mut spent = [Duration::ZERO; 6];
    let mut articles = 0;
    for line in corpus.lines() {
        let Ok(record) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let document = Document {
            origin: "corpus".to_string(),
            format: ContentFormat::Text,
            content: record["text"].as_str().unwrap_or_default().to_string(),
            declared: DeclaredMetadata {
                published: record["published"].as_str().map(str::to_string),
                ..DeclaredMetadata::default()
            },
            warnings: Vec::new(),
        };
        let mut clock = Instant::now();
        let mut lap = |slot: usize, spent: &mut [Duration; 6]| {
            spent[slot] += clock.elapsed();
            clock = Instant::now();
        };
        let Ok(article) = faultline_clean::clean(&document) else { continue };
        lap(0, &mut spent);
        let anchor = article.published.as_deref().and_then(Anchor::from_published);
        let found = faultline_annotate::annotate(&article.text, anchor.as_ref());
        lap(1, &mut spent);
        let entities = faultline_actors::find_entities(&article.text, &dictionary, anchor.map(|a| a.date));
        lap(2, &mut spent);
        let places = faultline_places::find_places(&article.text, &gazetteer);
        lap(3, &mut spent);
        let quotes = faultline_quotes::find_quotes(&article.text, &article.sentences, &entities);
        lap(4, &mut spent);
        let input = faultline_events::Input {
            article_id: &article.id,
            text: &article.text,
            sentences: &article.sentences,
            numbers: &found.numbers,
            times: &found.times,
            entities: &entities,
            places: &places,
            quotes: &quotes,
            published: anchor.map(|a| a.date),
            outlet: article.outlet.as_deref(),
            country_names: &country_names,
        };
        let _ = faultline_events::find_events(&input, &lexicon);
        lap(5, &mut spent);
        articles += 1;
    }
    println!("loading: dictionary {loaded_dictionary:?}, gazetteer {loaded_gazetteer:?}");
    for (name, time) in ["clean", "numbers+times", "actors", "places", "quotes", "events"].iter().zip(spent) {
        println!("{name:<14} {:>8.1} µs per article", time.as_secs_f64() * 1e6 / articles.max(1) as f64);
    }
    println!("{articles} articles");
}
