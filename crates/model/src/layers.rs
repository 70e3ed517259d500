//! What the pipeline makes of one document: the article and its annotation layers.

use serde::{Deserialize, Serialize};

use crate::{Article, Entity, Event, NumberMention, Place, Quote, Relation, TimeMention};

/// Everything the annotation stages found in one article's text. Spans are byte offsets
/// into `Article::text`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Layers {
    pub numbers: Vec<NumberMention>,
    pub times: Vec<TimeMention>,
    pub entities: Vec<Entity>,
    pub places: Vec<Place>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
    pub relations: Vec<Relation>,
}

/// An article and its annotation layers: what the pipeline makes of one document, and what
/// a store keeps of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Processed {
    pub article: Article,
    #[serde(flatten)]
    pub layers: Layers,
}
