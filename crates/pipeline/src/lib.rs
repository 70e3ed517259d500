//! The per-article pipeline: clean a document, then annotate its text (numbers, times,
//! actors, places, quotes), with the knowledge data (actor dictionary, gazetteer) loaded
//! once and shared by every worker thread.
//!
//! Every stage is a pure function of its input and the knowledge, so a batch can be run
//! in parallel and re-run when the dictionaries improve. A panic inside a stage (a bug)
//! becomes a per-document error naming the stage, never a crash of the batch.

use faultline_actors::Dictionary;
use faultline_model::{Anchor, Article, Document, EntityKind, Event, Layers, Processed, Sentence};
use faultline_places::Gazetteer;
use std::collections::HashMap;
use std::path::Path;

/// The knowledge the stages read, loaded once.
pub struct Pipeline {
    dictionary: Dictionary,
    /// `None` when the gazetteer file is missing; places are then not resolved.
    gazetteer: Option<Gazetteer>,
    lexicon: faultline_events::Lexicon,
    /// ISO3 → country name, for actors the event stage builds from demonyms.
    country_names: HashMap<String, String>,
    /// Problems met while loading (a missing gazetteer), for the user.
    pub warnings: Vec<String>,
}

/// Why the knowledge data could not be loaded.
#[derive(Debug)]
pub struct LoadError(String);

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LoadError {}

impl Pipeline {
    /// Loads the shipped dictionary (plus the user's folder of dictionary files, if given)
    /// and the gazetteer. A missing gazetteer is a warning, not an error.
    pub fn load(user_dictionary: Option<&Path>) -> Result<Pipeline, LoadError> {
        let dictionary = match user_dictionary {
            Some(dir) => Dictionary::with_user_dir(dir),
            None => Dictionary::load_default(),
        }
        .map_err(|err| LoadError(format!("cannot load the actor dictionary: {err}")))?;
        let mut warnings = Vec::new();
        let gazetteer = match Gazetteer::load_default() {
            Ok(gazetteer) => Some(gazetteer),
            Err(err) => {
                warnings.push(format!("places will not be resolved: {err}"));
                None
            }
        };
        let country_names = dictionary
            .countries()
            .iter()
            .map(|country| (country.iso3.clone(), country.name.clone()))
            .collect();
        let lexicon = faultline_events::Lexicon::load_default();
        Ok(Pipeline { dictionary, gazetteer, lexicon, country_names, warnings })
    }

    /// The actor dictionary.
    pub fn dictionary(&self) -> &Dictionary {
        &self.dictionary
    }

    /// The named-entity spans of a plain text, as a NER evaluation sees them: the actors,
    /// and the places as `EntityKind::Place` (no publication date, no cleaning).
    pub fn named_spans(&self, text: &str) -> Vec<(usize, usize, EntityKind)> {
        let mut spans: Vec<(usize, usize, EntityKind)> =
            faultline_actors::find_entities(text, &self.dictionary, None)
                .into_iter()
                .map(|entity| (entity.start, entity.end, entity.kind))
                .collect();
        if let Some(gazetteer) = &self.gazetteer {
            spans.extend(
                faultline_places::find_places(text, gazetteer)
                    .into_iter()
                    .map(|place| (place.start, place.end, EntityKind::Place)),
            );
        }
        spans
    }

    /// Cleans and annotates one document.
    pub fn process(&self, document: &Document) -> Result<Processed, String> {
        let article = self.clean(document)?;
        let layers = self.annotate(&article)?;
        Ok(Processed { article, layers })
    }

    /// The cleaning stage.
    pub fn clean(&self, document: &Document) -> Result<Article, String> {
        guarded("cleaning", || faultline_clean::clean(document).map_err(|err| err.to_string()))
    }

    /// The annotation stages, on a cleaned article.
    pub fn annotate(&self, article: &Article) -> Result<Layers, String> {
        guarded("annotating", || {
            let anchor = article.published.as_deref().and_then(Anchor::from_published);
            Ok(self.layers_of(
                &article.id,
                &article.text,
                &article.sentences,
                anchor.as_ref(),
                article.outlet.as_deref(),
            ))
        })
    }

    /// The events of a bare text (one sentence or a paragraph, not cleaned), as an event
    /// evaluation sees them: the text is split into sentences and annotated without a
    /// publication date.
    pub fn code_text(&self, text: &str) -> Vec<Event> {
        let sentences = faultline_clean::sentences::split_sentences(text);
        guarded("coding events", || Ok(self.layers_of("text", text, &sentences, None, None).events))
            .unwrap_or_default()
    }

    fn layers_of(
        &self,
        article_id: &str,
        text: &str,
        sentences: &[Sentence],
        anchor: Option<&Anchor>,
        outlet: Option<&str>,
    ) -> Layers {
        let found = faultline_annotate::annotate(text, anchor);
        let published = anchor.map(|anchor| anchor.date);
        let entities = faultline_actors::find_entities(text, &self.dictionary, published);
        let places = match &self.gazetteer {
            Some(gazetteer) => faultline_places::find_places(text, gazetteer),
            None => Vec::new(),
        };
        let quotes = faultline_quotes::find_quotes(text, sentences, &entities);
        let input = faultline_events::Input {
            article_id,
            text,
            sentences,
            numbers: &found.numbers,
            times: &found.times,
            entities: &entities,
            places: &places,
            quotes: &quotes,
            published,
            outlet,
            country_names: &self.country_names,
        };
        let coded = faultline_events::find_events(&input, &self.lexicon);
        Layers {
            numbers: found.numbers,
            times: found.times,
            entities,
            places,
            quotes,
            events: coded.events,
            relations: coded.relations,
        }
    }
}

/// Runs one stage so that a panic becomes an error naming the stage, not a crash.
fn guarded<T>(stage: &str, run: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok(result) => result,
        Err(payload) => Err(format!(
            "internal error while {stage} ({}); please report it with this input",
            panic_message(&*payload)
        )),
    }
}

/// The message a panic carried, if it was a string.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}
