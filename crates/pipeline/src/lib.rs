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

pub use faultline_clean::dates::parse_publication_date;
pub use faultline_knowledge::{Knowledge, KnowledgeError};

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

/// A pipeline stage, as errors name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Cleaning,
    Annotating,
    CodingEvents,
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Stage::Cleaning => "cleaning",
            Stage::Annotating => "annotating",
            Stage::CodingEvents => "coding events",
        })
    }
}

/// Why the knowledge could not be loaded, or a document not processed.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error(transparent)]
    Knowledge(#[from] KnowledgeError),
    #[error("cannot load the actor dictionary: {0}")]
    Dictionary(#[from] faultline_actors::DictError),
    #[error("cannot load the event wording: {0}")]
    EventWording(#[from] faultline_events::LexiconError),
    /// The document holds no article (the cleaning stage's verdict, not a fault).
    #[error(transparent)]
    Clean(#[from] faultline_clean::CleanError),
    /// A knowledge file (a user's, as the shipped ones are tested) cannot be read.
    #[error("cannot read the knowledge: {0}")]
    Table(String),
    /// A stage failed on this input: a bug, reported with the stage and its message.
    #[error("internal error while {stage} ({message}); please report it with this input")]
    Internal { stage: Stage, message: String },
}

impl PipelineError {
    /// The stage a document failed in, when it failed in one.
    pub fn stage(&self) -> Option<Stage> {
        match self {
            PipelineError::Clean(_) => Some(Stage::Cleaning),
            PipelineError::Internal { stage, .. } => Some(*stage),
            PipelineError::Knowledge(_)
            | PipelineError::Dictionary(_)
            | PipelineError::EventWording(_)
            | PipelineError::Table(_) => None,
        }
    }
}

/// Opens the knowledge every stage reads: the shipped files, with the user's folder laid
/// over them when one is given, made the process's knowledge (see
/// [`faultline_knowledge::install`]). Files of the folder that are not read are reported
/// as warnings.
pub fn open_knowledge(user_dir: Option<&Path>) -> Result<&'static Knowledge, PipelineError> {
    let knowledge = match user_dir {
        Some(dir) => Knowledge::with_user_dir(dir)?,
        None => Knowledge::default(),
    };
    Ok(faultline_knowledge::install(knowledge)?)
}

/// Builds every table the stages build on first use from the active knowledge, so that a
/// malformed file of a user's folder is an error now rather than a failure of every
/// article that touches it.
fn load_tables() -> Result<(), PipelineError> {
    std::panic::catch_unwind(|| {
        faultline_clean::load_tables();
        faultline_annotate::load_tables();
        faultline_actors::load_tables();
        faultline_quotes::load_tables();
    })
    .map_err(|payload| PipelineError::Table(panic_message(&*payload)))
}

/// ISO 3166 alpha-3 → country name, from the actor dictionary of `knowledge`.
pub fn country_names(knowledge: &Knowledge) -> Result<HashMap<String, String>, PipelineError> {
    Ok(names_of_countries(&load_dictionary(knowledge)?))
}

fn load_dictionary(knowledge: &Knowledge) -> Result<Dictionary, PipelineError> {
    Ok(Dictionary::load(knowledge)?)
}

fn names_of_countries(dictionary: &Dictionary) -> HashMap<String, String> {
    dictionary.countries().iter().map(|country| (country.iso3.clone(), country.name.clone())).collect()
}

impl Pipeline {
    /// Loads the actor dictionary, the gazetteer and the event wording of `knowledge`. A
    /// missing gazetteer is a warning, not an error.
    pub fn load(knowledge: &Knowledge) -> Result<Pipeline, PipelineError> {
        let dictionary = load_dictionary(knowledge)?;
        let mut warnings = knowledge.warnings().to_vec();
        if knowledge.user_dir().is_some() {
            load_tables()?;
        }
        let gazetteer = match Gazetteer::load_with(knowledge) {
            Ok(gazetteer) => Some(gazetteer),
            Err(err) => {
                warnings.push(format!("places will not be resolved: {err}"));
                None
            }
        };
        let country_names = names_of_countries(&dictionary);
        let lexicon = faultline_events::Lexicon::load(knowledge)?;
        Ok(Pipeline { dictionary, gazetteer, lexicon, country_names, warnings })
    }

    /// The named-entity spans of a plain text, as a NER evaluation sees them: the actors,
    /// and the places as `EntityKind::Place` (no publication date, no cleaning). NER spans
    /// are flat, so a span lying inside a longer one of the other layer is left out (the place
    /// "Texas" in the organisation "University of Texas", the country "Jordan" in the person
    /// "Michael Jordan"), and a place with the very span of a person, organisation or
    /// nationality the actor stage read from its context gives way to it (the surname
    /// "Sheridan", the demonym "Australian"); the layers themselves keep both.
    pub fn named_spans(&self, text: &str) -> Vec<(usize, usize, EntityKind)> {
        let actors: Vec<(usize, usize, EntityKind)> =
            faultline_actors::find_entities(text, &self.dictionary, None)
                .into_iter()
                .map(|entity| (entity.start, entity.end, entity.kind))
                .collect();
        let places: Vec<(usize, usize, EntityKind)> = match &self.gazetteer {
            Some(gazetteer) => faultline_places::find_places(text, gazetteer)
                .into_iter()
                .map(|place| (place.start, place.end, EntityKind::Place))
                .collect(),
            None => Vec::new(),
        };
        let inside = |span: &(usize, usize, EntityKind), others: &[(usize, usize, EntityKind)]| {
            others.iter().any(|o| o.0 <= span.0 && span.1 <= o.1 && o.1 - o.0 > span.1 - span.0)
        };
        let same_as_actor = |place: &(usize, usize, EntityKind)| {
            actors.iter().any(|a| a.0 == place.0 && a.1 == place.1 && a.2 != EntityKind::Country)
        };
        let mut spans: Vec<(usize, usize, EntityKind)> =
            actors.iter().filter(|a| !inside(a, &places)).copied().collect();
        spans.extend(places.iter().filter(|p| !inside(p, &actors) && !same_as_actor(p)));
        spans
    }

    /// Cleans and annotates one document.
    pub fn process(&self, document: &Document) -> Result<Processed, PipelineError> {
        let article = self.clean(document)?;
        let layers = self.annotate(&article)?;
        Ok(Processed { article, layers })
    }

    /// The cleaning stage.
    pub fn clean(&self, document: &Document) -> Result<Article, PipelineError> {
        guarded(Stage::Cleaning, || Ok(faultline_clean::clean(document)?))
    }

    /// The annotation stages, on a cleaned article.
    pub fn annotate(&self, article: &Article) -> Result<Layers, PipelineError> {
        guarded(Stage::Annotating, || {
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
        guarded(Stage::CodingEvents, || Ok(self.layers_of("text", text, &sentences, None, None).events))
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
fn guarded<T>(stage: Stage, run: impl FnOnce() -> Result<T, PipelineError>) -> Result<T, PipelineError> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok(result) => result,
        Err(payload) => Err(PipelineError::Internal { stage, message: panic_message(&*payload) }),
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
