//! Facets of an incident listing: how many of the matching incidents have each type,
//! status, country, actor and month, as a filter panel shows them beside the listing
//! (the server's `/api/incidents/facets`). Counted over the model's incidents, so any
//! store's answer to an [`faultline_store::IncidentQuery`] can be faceted.

use faultline_model::Incident;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// How many actors the actor facet lists (the most frequent).
const TOP_ACTORS: usize = 25;

/// One value of a facet and how many incidents have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetValue {
    pub value: String,
    /// A readable name where the value is an id (actors).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub count: usize,
}

/// The facets of a set of incidents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// How many incidents match.
    pub total: usize,
    #[serde(rename = "type")]
    pub event_type: Vec<FacetValue>,
    pub status: Vec<FacetValue>,
    /// Actors' and places' countries (ISO 3166 alpha-3).
    pub country: Vec<FacetValue>,
    /// The most frequent actors, by id.
    pub actor: Vec<FacetValue>,
    /// Months (`2022-09`) of the incidents' dates, in order.
    pub month: Vec<FacetValue>,
}

impl Facets {
    /// The facets of `incidents`; an incident counts once per value it has.
    pub fn of(incidents: &[Incident]) -> Facets {
        let mut types = BTreeMap::new();
        let mut statuses = BTreeMap::new();
        let mut countries = BTreeMap::new();
        let mut actors: BTreeMap<String, (String, usize)> = BTreeMap::new();
        let mut months = BTreeMap::new();
        for incident in incidents {
            *types.entry(incident.event_type.clone()).or_insert(0) += 1;
            *statuses.entry(incident.status.as_str().to_string()).or_insert(0) += 1;
            if let Some(month) = incident.date.as_deref().and_then(|date| date.get(..7)) {
                *months.entry(month.to_string()).or_insert(0) += 1;
            }
            let everyone = incident.source.iter().chain(&incident.target);
            let mut seen_countries = BTreeSet::new();
            let place_country = incident.place.as_ref().and_then(|place| place.country.clone());
            seen_countries
                .extend(everyone.clone().filter_map(|actor| actor.country.clone()).chain(place_country));
            for country in seen_countries {
                *countries.entry(country).or_insert(0) += 1;
            }
            let mut seen_actors = BTreeSet::new();
            for actor in everyone {
                if seen_actors.insert(&actor.id) {
                    actors.entry(actor.id.clone()).or_insert_with(|| (actor.name.clone(), 0)).1 += 1;
                }
            }
        }
        let by_count = |counts: BTreeMap<String, usize>| {
            let mut values: Vec<FacetValue> =
                counts.into_iter().map(|(value, count)| FacetValue { value, label: None, count }).collect();
            values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            values
        };
        let mut actor: Vec<FacetValue> = actors
            .into_iter()
            .map(|(value, (label, count))| FacetValue { value, label: Some(label), count })
            .collect();
        actor.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        actor.truncate(TOP_ACTORS);
        Facets {
            total: incidents.len(),
            event_type: by_count(types),
            status: by_count(statuses),
            country: by_count(countries),
            actor,
            month: months
                .into_iter()
                .map(|(value, count)| FacetValue { value, label: None, count })
                .collect(),
        }
    }
}
