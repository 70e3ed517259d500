//! The event stage: from an annotated article (sentences, numbers, times, actors, places,
//! quotes) to coded events and actor relations. Work in progress.

use chrono::NaiveDate;
use faultline_annotate::{NumberMention, TimeMention};
use faultline_model::{Entity, Event, Place, Quote, Relation, Sentence};

/// What the event stage reads: one article's text and its annotation layers.
pub struct Input<'a> {
    pub article_id: &'a str,
    pub text: &'a str,
    pub sentences: &'a [Sentence],
    pub numbers: &'a [NumberMention],
    pub times: &'a [TimeMention],
    pub entities: &'a [Entity],
    pub places: &'a [Place],
    pub quotes: &'a [Quote],
    pub published: Option<NaiveDate>,
    pub outlet: Option<&'a str>,
}

/// The events and relations of one article.
#[derive(Debug, Clone, Default)]
pub struct Coded {
    pub events: Vec<Event>,
    pub relations: Vec<Relation>,
}

/// Codes the events of one article.
pub fn find_events(_input: &Input<'_>) -> Coded {
    Coded::default()
}
