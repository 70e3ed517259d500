//! The names an article mentions, for the article-level text signal of the merge
//! decision: capitalised words that do not open a sentence or a line, lower-cased, without
//! the function words, weekdays and months of `data/incidents/function_words.txt`. Two
//! reports of one shooting share the victim's and the suspect's names, the street and the
//! town; two shootings in one city share little more than the city. Names of countries,
//! nationalities and regions ([`common_names`]) are left out: every report from one war
//! shares them. Their Jaccard
//! similarity needs no corpus statistics, so a pair's decision stays independent of the
//! other articles stored.

use crate::rules::rules;
use faultline_model::{EntityKind, Layers, PlacePrecision};

/// The lower-cased words of an article's country-level names: entities that are countries
/// or nationalities, places that are countries or regions.
pub fn common_names(layers: &Layers) -> Vec<String> {
    let entities = layers
        .entities
        .iter()
        .filter(|e| matches!(e.kind, EntityKind::Country | EntityKind::Nationality))
        .map(|e| e.text.as_str());
    let places = layers
        .places
        .iter()
        .filter(|p| matches!(p.precision, PlacePrecision::Country | PlacePrecision::Region))
        .map(|p| p.text.as_str());
    let mut words: Vec<String> = entities
        .chain(places)
        .flat_map(|text| {
            text.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase).collect::<Vec<_>>()
        })
        .filter(|word| !word.is_empty())
        .collect();
    words.sort();
    words.dedup();
    words
}

/// The distinct names of `text`, sorted.
pub fn names(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut previous: Option<char> = None;
    let mut before_previous: Option<char> = None;
    let mut word = String::new();
    let mut opens_sentence = true;
    for c in text.chars().chain([' ']) {
        if c.is_alphanumeric() {
            if word.is_empty() {
                opens_sentence = matches!(
                    (before_previous, previous),
                    (_, None | Some('\n')) | (Some('.' | '!' | '?' | '"' | '“' | '”'), Some(' '))
                );
            }
            word.push(c);
        } else {
            if !word.is_empty() {
                let mut letters = word.chars();
                let capitalised = letters.next().is_some_and(char::is_uppercase)
                    && letters.clone().next().is_some()
                    && letters.all(char::is_lowercase);
                if capitalised && !opens_sentence {
                    let lower = word.to_lowercase();
                    if !rules().is_function_word(&lower) {
                        found.push(lower);
                    }
                }
                word.clear();
            }
            before_previous = previous;
            previous = Some(c);
            continue;
        }
        before_previous = previous;
        previous = Some(c);
    }
    found.sort();
    found.dedup();
    found
}

/// The Jaccard similarity of two sorted name lists (0 when either is empty).
pub fn similarity(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|name| b.binary_search(name).is_ok()).count();
    shared as f64 / (a.len() + b.len() - shared) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_inside_sentences_are_kept() {
        let text = "Police said Marcus Hill was shot on Elm Street in Dayton on Sunday. The suspect fled.\nWitnesses saw him.";
        assert_eq!(names(text), ["dayton", "elm", "hill", "marcus", "street"]);
    }

    #[test]
    fn similarity_is_jaccard() {
        let (a, b) = (vec!["dayton".to_string(), "hill".to_string()], vec!["dayton".to_string()]);
        assert_eq!(similarity(&a, &b), 0.5);
        assert_eq!(similarity(&a, &[]), 0.0);
    }
}
