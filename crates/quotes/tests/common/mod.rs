//! Helpers shared by the integration tests: hand-built entities located by their words.

#![allow(dead_code)] // each test binary uses a subset of these helpers

use faultline_model::{Entity, EntityKind, Quote};

/// An actor the tests mark wherever its words occur: (words, kind, id, name, country).
pub type Actor<'a> = (&'a str, EntityKind, &'a str, &'a str, Option<&'a str>);

/// Entities for every whole-word occurrence of every actor's words in `text`.
pub fn entities(text: &str, actors: &[Actor]) -> Vec<Entity> {
    let mut out = Vec::new();
    for &(words, kind, id, name, country) in actors {
        for (start, _) in text.match_indices(words) {
            let end = start + words.len();
            let edge = |c: Option<char>| !c.is_some_and(char::is_alphanumeric);
            if !edge(text[..start].chars().next_back()) || !edge(text[end..].chars().next()) {
                continue;
            }
            out.push(Entity {
                text: words.to_string(),
                start,
                end,
                kind,
                id: id.to_string(),
                name: name.to_string(),
                country: country.map(str::to_string),
                role: None,
                sector: None,
                resolution: "dictionary".to_string(),
            });
        }
    }
    out
}

/// The quote whose text starts with `prefix`, if there is one.
pub fn find<'a>(quotes: &'a [Quote], prefix: &str) -> Option<&'a Quote> {
    quotes.iter().find(|q| q.text.starts_with(prefix))
}
