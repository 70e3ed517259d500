//! The actor network over incidents: each actor's incidents and standing relations, and
//! for each pair of actors the cooperative and conflictual incidents per month with a
//! cooperation–conflict score, the mean Goldstein weight of their types
//! (`data/incidents/goldstein.tsv`: positive weights cooperative, negative conflictual).
//!
//! Counting incidents rather than events, a happening reported by five outlets counts
//! once. A pair is a source and a target of the incident; an incident with no source and
//! several targets (a clash "with both sides taking hits") pairs its targets.

use crate::rules::rules;
use faultline_model::{EventActor, Incident, Relation};
use faultline_store::{IncidentQuery, Store, StoreError};
use serde::Serialize;
use std::collections::BTreeMap;

/// One actor's incidents and relations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorSummary {
    pub id: String,
    pub name: String,
    pub country: Option<String>,
    pub incidents: Vec<String>,
    pub relations: Vec<ActorRelation>,
}

/// A standing relation (supports, allied_with, mediates, opposes) an article states.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ActorRelation {
    pub kind: String,
    /// `source` when this actor holds the relation towards `other`, `target` when `other`
    /// holds it towards this actor.
    pub role: String,
    pub other: String,
    pub other_name: String,
}

/// Cooperation and conflict between two actors in one month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairMonth {
    /// `2022-09`, or `undated`.
    pub month: String,
    pub cooperative: usize,
    pub conflictual: usize,
    /// Mean Goldstein weight of the month's incidents (−10 … +10).
    pub score: f64,
}

/// Two actors (ids in order) and their incidents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorPair {
    pub a: String,
    pub a_name: String,
    pub b: String,
    pub b_name: String,
    pub incidents: usize,
    pub cooperative: usize,
    pub conflictual: usize,
    pub score: f64,
    pub months: Vec<PairMonth>,
}

/// Actors and pairs, each sorted by id.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorNetwork {
    pub actors: Vec<ActorSummary>,
    pub pairs: Vec<ActorPair>,
}

/// A pair's two names and the Goldstein weights of its incidents by month.
type PairWeights = (String, String, BTreeMap<String, Vec<f64>>);

/// The network of everything `store` holds: every incident, matched through recalled
/// reports too, and the standing relations of every stored article.
pub fn stored_actor_network(store: &dyn Store) -> Result<ActorNetwork, StoreError> {
    let incidents =
        store.incidents(&IncidentQuery { include_background: true, ..IncidentQuery::default() })?;
    let mut relations = Vec::new();
    for article in store.list_articles()? {
        relations.extend(store.layers(&article.id)?.relations);
    }
    Ok(actor_network(&incidents, &relations))
}

/// The network of `incidents` and the standing `relations` of their articles.
pub fn actor_network(incidents: &[Incident], relations: &[Relation]) -> ActorNetwork {
    let mut actors: BTreeMap<String, ActorSummary> = BTreeMap::new();
    let mut weights: BTreeMap<(String, String), PairWeights> = BTreeMap::new();
    for incident in incidents {
        for actor in incident.source.iter().chain(&incident.target) {
            let entry = summary(&mut actors, actor);
            if !entry.incidents.contains(&incident.id) {
                entry.incidents.push(incident.id.clone());
            }
        }
        let weight = rules().goldstein(&incident.event_type);
        let month = incident.date.as_deref().and_then(|d| d.get(..7)).unwrap_or("undated").to_string();
        for (x, y) in pairs(incident) {
            let (first, second) = if x.id < y.id { (x, y) } else { (y, x) };
            let slot = weights
                .entry((first.id.clone(), second.id.clone()))
                .or_insert_with(|| (first.name.clone(), second.name.clone(), BTreeMap::new()));
            slot.2.entry(month.clone()).or_default().push(weight);
        }
    }
    for relation in relations {
        for source in &relation.source {
            for target in relation.target.iter().filter(|t| t.id != source.id) {
                for (actor, other, role) in [(source, target, "source"), (target, source, "target")] {
                    let entry = summary(&mut actors, actor);
                    let item = ActorRelation {
                        kind: relation.kind.clone(),
                        role: role.to_string(),
                        other: other.id.clone(),
                        other_name: other.name.clone(),
                    };
                    if !entry.relations.contains(&item) {
                        entry.relations.push(item);
                    }
                }
            }
        }
    }
    let pairs = weights
        .into_iter()
        .map(|((a, b), (a_name, b_name, months))| {
            let all: Vec<f64> = months.values().flatten().copied().collect();
            ActorPair {
                a,
                a_name,
                b,
                b_name,
                incidents: all.len(),
                cooperative: all.iter().filter(|w| **w > 0.0).count(),
                conflictual: all.iter().filter(|w| **w < 0.0).count(),
                score: mean(&all),
                months: months
                    .into_iter()
                    .map(|(month, w)| PairMonth {
                        month,
                        cooperative: w.iter().filter(|x| **x > 0.0).count(),
                        conflictual: w.iter().filter(|x| **x < 0.0).count(),
                        score: mean(&w),
                    })
                    .collect(),
            }
        })
        .collect();
    let mut actors: Vec<ActorSummary> = actors.into_values().collect();
    for actor in &mut actors {
        actor.incidents.sort();
        actor.relations.sort();
    }
    ActorNetwork { actors, pairs }
}

fn summary<'a>(actors: &'a mut BTreeMap<String, ActorSummary>, actor: &EventActor) -> &'a mut ActorSummary {
    actors.entry(actor.id.clone()).or_insert_with(|| ActorSummary {
        id: actor.id.clone(),
        name: actor.name.clone(),
        country: actor.country.clone(),
        incidents: Vec::new(),
        relations: Vec::new(),
    })
}

/// The actor pairs of an incident (see the module doc).
fn pairs(incident: &Incident) -> Vec<(&EventActor, &EventActor)> {
    let mut out = Vec::new();
    if incident.source.is_empty() {
        for (i, x) in incident.target.iter().enumerate() {
            for y in &incident.target[i + 1..] {
                out.push((x, y));
            }
        }
    }
    for x in &incident.source {
        for y in incident.target.iter().filter(|y| y.id != x.id) {
            out.push((x, y));
        }
    }
    out
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    (values.iter().sum::<f64>() / values.len() as f64 * 100.0).round() / 100.0
}
