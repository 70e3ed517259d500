//! Links between events: which pairs the merge decision joins, as `same` links between
//! newly reported events and `background` links from a recalled event to a newly
//! reported one. Only events said to have happened (modality `actual`) take part.

use crate::evidence::{ArticlePair, compare};
use faultline_model::{EventLink, Modality};
use faultline_store::{NearDuplicate, Signature, StoredEvent};
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Mutex;

/// Whether an event can be part of an incident.
pub fn takes_part(stored: &StoredEvent) -> bool {
    stored.event.modality == Modality::Actual
}

/// The near-duplicate pairs of articles, both ways round.
pub fn near_pairs(near_duplicates: &[NearDuplicate]) -> FxHashSet<(String, String)> {
    near_duplicates.iter().flat_map(|n| [(n.a.clone(), n.b.clone()), (n.b.clone(), n.a.clone())]).collect()
}

/// What the decision needs of the articles: near-duplicate pairs and each article's
/// signature (for its names and term vector), and the article pairs already measured.
pub struct Articles<'a> {
    near: FxHashSet<(String, String)>,
    signatures: FxHashMap<String, &'a Signature>,
    measured: Mutex<FxHashMap<(String, String), ArticlePair>>,
}

impl<'a> Articles<'a> {
    pub fn new(near: FxHashSet<(String, String)>, signatures: FxHashMap<String, &'a Signature>) -> Self {
        Articles { near, signatures, measured: Mutex::default() }
    }

    /// The pair's similarities, measured once: an article's events are compared with many
    /// events of each other article, from any thread.
    fn pair(&self, x: &str, y: &str) -> ArticlePair {
        let key = (x.to_string(), y.to_string());
        let memo = || self.measured.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(known) = memo().get(&key) {
            return *known;
        }
        let measured = self.measure(x, y);
        memo().insert(key, measured);
        measured
    }

    fn measure(&self, x: &str, y: &str) -> ArticlePair {
        let (names, names_known, text) = match (self.signatures.get(x), self.signatures.get(y)) {
            (Some(p), Some(q)) => (
                crate::names::similarity(&p.names, &q.names),
                p.names.len().min(q.names.len()) >= 5,
                crate::text::cosine(&p.terms, &q.terms),
            ),
            _ => (0.0, false, 0.0),
        };
        ArticlePair {
            near_duplicate: self.near.contains(&(x.to_string(), y.to_string())),
            names,
            names_known,
            text,
        }
    }
}

/// The link between two events of different articles, if the decision makes one.
pub fn link(x: &StoredEvent, y: &StoredEvent, articles: &Articles<'_>) -> Option<EventLink> {
    if x.article.id == y.article.id
        || !takes_part(x)
        || !takes_part(y)
        || (x.event.background && y.event.background)
    {
        return None;
    }
    let pair = articles.pair(&x.article.id, &y.article.id);
    let decision = compare(x, y, &pair);
    let background = x.event.background || y.event.background;
    let linked = if background { decision.links_background() } else { decision.links_same() };
    if !linked {
        return None;
    }
    let (a, b) = if x.event.id < y.event.id { (x, y) } else { (y, x) };
    let evidence = if a.event.id == x.event.id { decision.evidence } else { compare(a, b, &pair).evidence };
    Some(EventLink {
        a: a.event.id.clone(),
        b: b.event.id.clone(),
        kind: if background { "background" } else { "same" }.to_string(),
        evidence,
    })
}
