//! From linked events to incidents, for one connected component of the link graph.
//!
//! - Anti-chaining: the component's links are taken strongest first (ties by event ids),
//!   and a link joins two groups only if no pair across them is ruled out: two newly
//!   reported events of one article (the coder already told them apart), or a pair whose
//!   merge decision finds a contradiction (a day in September and a day in October, points
//!   300 km apart). A chain A–B–C whose ends contradict thus stays two incidents. The
//!   result depends only on the component's events and links, never on arrival order.
//! - Recalled (background) events join the incident of the newly reported event their
//!   best link reaches ([`best_background_link`]).
//! - The incident's figures (see [`assemble`]): place and time at the best precision any
//!   report gives; casualties low/best/high over reports, near-duplicate copies counted
//!   once, `best` the figure most reports give (ties: an exact figure over a bound, then
//!   the latest report, since tolls are revised upwards), never a sum across reports.

use crate::evidence::contradiction;
use crate::index::{Precision, interval};
use crate::rules::rules;
use faultline_model::{
    Absorbed, EventActor, EventLink, Incident, IncidentCasualties, PlacePrecision, Range, SideCount, Status,
};
use faultline_store::{NearDuplicate, StoredEvent};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;

/// The link by which a recalled event attaches: its strongest, ties to the smaller id of
/// the newly reported end.
pub fn best_background_link<'a>(
    background: &str,
    links: impl IntoIterator<Item = &'a EventLink>,
) -> Option<&'a EventLink> {
    let other = |link: &EventLink| if link.a == background { link.b.clone() } else { link.a.clone() };
    links
        .into_iter()
        .filter(|link| link.kind == "background" && (link.a == background || link.b == background))
        .max_by(|x, y| x.evidence.score.total_cmp(&y.evidence.score).then_with(|| other(y).cmp(&other(x))))
}

/// The stable id of an incident whose smallest newly reported event is `event`.
pub fn incident_id(event: &str) -> String {
    format!("inc-{}", &blake3::hash(event.as_bytes()).to_hex()[..12])
}

/// The incidents of one component: its newly reported events (`members`), the `same`
/// links among them, and the recalled events attached to them with their best link.
pub fn incidents_of_component(
    members: &[StoredEvent],
    links: &[EventLink],
    background: &[(StoredEvent, EventLink)],
    near_duplicates: &[NearDuplicate],
) -> Vec<Incident> {
    let mut order: Vec<usize> = (0..members.len()).collect();
    order.sort_by(|&i, &j| members[i].event.id.cmp(&members[j].event.id));
    let position: FxHashMap<&str, usize> =
        members.iter().enumerate().map(|(i, m)| (m.event.id.as_str(), i)).collect();
    let mut group: Vec<usize> = (0..members.len()).collect();
    let mut groups: Vec<Vec<usize>> = (0..members.len()).map(|i| vec![i]).collect();
    let mut sorted: Vec<&EventLink> = links.iter().filter(|l| l.kind == "same").collect();
    sorted.sort_by(|x, y| {
        y.evidence.score.total_cmp(&x.evidence.score).then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
    });
    // A linked pair has no contradiction: the decision that linked it checked.
    let linked: FxHashSet<(&str, &str)> = sorted.iter().map(|l| (l.a.as_str(), l.b.as_str())).collect();
    let is_linked = |x: &str, y: &str| linked.contains(&if x < y { (x, y) } else { (y, x) });
    let mut accepted: Vec<&EventLink> = Vec::new();
    for link in sorted {
        let (Some(&i), Some(&j)) = (position.get(link.a.as_str()), position.get(link.b.as_str())) else {
            continue;
        };
        let (gi, gj) = (group[i], group[j]);
        if gi == gj {
            accepted.push(link);
            continue;
        }
        let ruled_out = groups[gi].iter().any(|&p| {
            groups[gj].iter().any(|&q| {
                let (x, y) = (&members[p], &members[q]);
                x.article.id == y.article.id
                    || (!is_linked(&x.event.id, &y.event.id) && contradiction(x, y).is_some())
            })
        });
        if ruled_out {
            continue;
        }
        let moved = std::mem::take(&mut groups[gj]);
        for &m in &moved {
            group[m] = gi;
        }
        groups[gi].extend(moved);
        accepted.push(link);
    }
    let mut incidents = Vec::new();
    for indices in groups.into_iter().filter(|g| !g.is_empty()) {
        let mut events: Vec<&StoredEvent> = indices.iter().map(|&i| &members[i]).collect();
        events.sort_by(|x, y| x.event.id.cmp(&y.event.id));
        let ids: FxHashSet<&str> = events.iter().map(|e| e.event.id.as_str()).collect();
        let mut recalled: Vec<&(StoredEvent, EventLink)> = background
            .iter()
            .filter(|(_, link)| ids.contains(link.a.as_str()) || ids.contains(link.b.as_str()))
            .collect();
        recalled.sort_by(|(x, _), (y, _)| x.event.id.cmp(&y.event.id));
        let group_links: Vec<&EventLink> = accepted
            .iter()
            .copied()
            .filter(|l| ids.contains(l.a.as_str()) && ids.contains(l.b.as_str()))
            .collect();
        incidents.push(assemble(&events, &group_links, &recalled, near_duplicates));
    }
    incidents.sort_by(|x, y| x.id.cmp(&y.id));
    incidents
}

/// One incident from its newly reported events (sorted by id), the accepted links among
/// them, its recalled events and the near-duplicate links of its articles.
fn assemble(
    events: &[&StoredEvent],
    links: &[&EventLink],
    recalled: &[&(StoredEvent, EventLink)],
    near_duplicates: &[NearDuplicate],
) -> Incident {
    let all: Vec<&StoredEvent> = events.iter().copied().chain(recalled.iter().map(|(e, _)| e)).collect();
    let mut absorbed = Vec::new();
    for stored in events {
        let id = &stored.event.id;
        let best = links.iter().filter(|l| &l.a == id || &l.b == id).max_by(|x, y| {
            x.evidence.score.total_cmp(&y.evidence.score).then_with(|| (&y.a, &y.b).cmp(&(&x.a, &x.b)))
        });
        absorbed.push(absorbed_entry(stored, best.copied()));
    }
    for (stored, link) in recalled {
        absorbed.push(absorbed_entry(stored, Some(link)));
    }
    let mut articles: Vec<String> = all.iter().map(|e| e.article.id.clone()).collect();
    articles.sort();
    articles.dedup();
    let report_of = reports(&articles, near_duplicates);
    let mut outlets: Vec<String> = all.iter().filter_map(|e| e.article.outlet.clone()).collect();
    outlets.sort();
    outlets.dedup();
    let sources: FxHashSet<String> = all
        .iter()
        .map(|e| e.article.outlet.clone().unwrap_or_else(|| format!("copy of {}", report_of[&e.article.id])))
        .collect();
    let published: Vec<&str> = all.iter().filter_map(|e| e.article.published.as_deref()).collect();
    let (event_type, mode) = main_type(events);
    let time_event = all
        .iter()
        .filter(|e| e.event.time.is_some())
        .min_by_key(|e| (interval(e).map_or(5, |i| precision_rank(i.precision)), e.event.id.clone()));
    let time = time_event.and_then(|e| e.event.time.clone());
    let date = time_event
        .filter(|e| interval(e).is_some_and(|i| i.precision != Precision::Reported))
        .and_then(|e| e.event.calendar_date())
        .or_else(|| published.iter().min().map(|p| p.get(..10).unwrap_or(p).to_string()));
    let place_count =
        |id: &str| all.iter().filter(|e| e.event.place.as_ref().is_some_and(|p| p.id == id)).count();
    let place = all
        .iter()
        .filter_map(|e| e.event.place.as_ref())
        .min_by(|p, q| {
            place_rank(p.precision)
                .cmp(&place_rank(q.precision))
                .then_with(|| place_count(&q.id).cmp(&place_count(&p.id)))
                .then_with(|| p.id.cmp(&q.id))
        })
        .cloned();
    let actors = |pick: fn(&StoredEvent) -> &Vec<EventActor>| {
        let mut by_id: BTreeMap<String, EventActor> = BTreeMap::new();
        for e in events {
            for actor in pick(e) {
                by_id.entry(actor.id.clone()).or_insert_with(|| actor.clone());
            }
        }
        by_id.into_values().collect::<Vec<_>>()
    };
    Incident {
        id: incident_id(&events[0].event.id),
        event_type,
        mode,
        articles,
        events: {
            let mut ids: Vec<String> = all.iter().map(|e| e.event.id.clone()).collect();
            ids.sort();
            ids
        },
        outlets,
        sources: sources.len(),
        first_reported: published.iter().min().map(|p| p.to_string()),
        last_reported: published.iter().max().map(|p| p.to_string()),
        source: actors(|e| &e.event.source),
        target: actors(|e| &e.event.target),
        place,
        time,
        date,
        fatalities: over_reports(&all, &report_of, |e| &e.event.fatalities),
        injuries: over_reports(&all, &report_of, |e| &e.event.injuries),
        status: status(&all),
        absorbed,
    }
}

fn absorbed_entry(stored: &StoredEvent, link: Option<&EventLink>) -> Absorbed {
    let id = &stored.event.id;
    Absorbed {
        event: id.clone(),
        article: stored.article.id.clone(),
        outlet: stored.article.outlet.clone(),
        published: stored.article.published.clone(),
        event_type: stored.event.event_type.clone(),
        background: stored.event.background,
        linked_to: link.map(|l| if &l.a == id { l.b.clone() } else { l.a.clone() }),
        evidence: link.map(|l| l.evidence.clone()),
    }
}

/// Each article's report: the smallest article id among its near-duplicates.
fn reports(articles: &[String], near_duplicates: &[NearDuplicate]) -> FxHashMap<String, String> {
    let mut report: FxHashMap<String, String> = articles.iter().map(|a| (a.clone(), a.clone())).collect();
    loop {
        let mut changed = false;
        for n in near_duplicates {
            if let (Some(a), Some(b)) = (report.get(&n.a).cloned(), report.get(&n.b).cloned())
                && a != b
            {
                let low = a.clone().min(b.clone());
                for value in report.values_mut() {
                    if *value == a || *value == b {
                        *value = low.clone();
                    }
                }
                changed = true;
            }
        }
        if !changed {
            return report;
        }
    }
}

/// The most reported type among the newly reported events (ties: the more conflictual
/// on the Goldstein scale, then the name), and its most reported mode.
fn main_type(events: &[&StoredEvent]) -> (String, Option<String>) {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for e in events {
        *counts.entry(e.event.event_type.as_str()).or_default() += 1;
    }
    let event_type = counts
        .iter()
        .max_by(|(t, n), (u, m)| {
            n.cmp(m)
                .then_with(|| rules().goldstein(u).total_cmp(&rules().goldstein(t)))
                .then_with(|| u.cmp(t))
        })
        .map(|(t, _)| t.to_string())
        .unwrap_or_default();
    let mut modes: BTreeMap<&str, usize> = BTreeMap::new();
    for e in events.iter().filter(|e| e.event.event_type == event_type) {
        if let Some(mode) = &e.event.mode {
            *modes.entry(mode.as_str()).or_default() += 1;
        }
    }
    let mode =
        modes.iter().max_by(|(a, n), (b, m)| n.cmp(m).then_with(|| b.cmp(a))).map(|(m, _)| m.to_string());
    (event_type, mode)
}

fn precision_rank(precision: Precision) -> u8 {
    match precision {
        Precision::Day => 0,
        Precision::Month => 1,
        Precision::Year => 2,
        Precision::Reported => 3,
    }
}

fn place_rank(precision: PlacePrecision) -> u8 {
    match precision {
        PlacePrecision::Point => 0,
        PlacePrecision::Admin1 => 1,
        PlacePrecision::Region => 2,
        PlacePrecision::Country => 3,
    }
}

/// Casualties over reports (see the module doc): per report the most specific figure of
/// its events, then low/best/high across reports, in total and per side.
fn over_reports(
    events: &[&StoredEvent],
    report_of: &FxHashMap<String, String>,
    pick: fn(&StoredEvent) -> &faultline_model::Casualties,
) -> IncidentCasualties {
    let mut totals: BTreeMap<&str, (Range, &str)> = BTreeMap::new();
    let mut sides: BTreeMap<String, BTreeMap<&str, (Range, &str)>> = BTreeMap::new();
    for e in events {
        let casualties = pick(e);
        let report = report_of[&e.article.id].as_str();
        let published = e.article.published.as_deref().unwrap_or("");
        if let Some(total) = casualties.overall() {
            choose(&mut totals, report, total, published);
        }
        for side in &casualties.by_side {
            if let Some(country) = &side.country {
                choose(sides.entry(country.clone()).or_default(), report, side.range, published);
            }
        }
    }
    IncidentCasualties {
        total: combine(&totals),
        by_side: sides
            .into_iter()
            .filter_map(|(country, per_report)| {
                combine(&per_report).map(|range| SideCount { country: Some(country), range })
            })
            .collect(),
        reports: totals.len(),
    }
}

/// Keeps for a report the more specific of its figures (narrower range, then larger).
fn choose<'a>(
    slot: &mut BTreeMap<&'a str, (Range, &'a str)>,
    report: &'a str,
    range: Range,
    published: &'a str,
) {
    let width = |r: &Range| r.high.zip(r.low).map_or(f64::INFINITY, |(h, l)| h - l);
    match slot.get(report) {
        Some((kept, _))
            if width(kept) < width(&range)
                || (width(kept) == width(&range) && kept.point() >= range.point()) => {}
        _ => {
            slot.insert(report, (range, published));
        }
    }
}

/// Low, best and high over the reports' figures.
fn combine(per_report: &BTreeMap<&str, (Range, &str)>) -> Option<Range> {
    if per_report.is_empty() {
        return None;
    }
    let figures: Vec<&(Range, &str)> = per_report.values().collect();
    let low = figures.iter().filter_map(|(r, _)| r.low.or(r.best)).min_by(f64::total_cmp);
    let high = if figures.iter().all(|(r, _)| r.high.or(r.best).is_some()) {
        figures.iter().filter_map(|(r, _)| r.high.or(r.best)).max_by(f64::total_cmp)
    } else {
        None
    };
    let exact = |r: &Range| r.low.is_some() && r.low == r.high;
    let best = figures
        .iter()
        .filter_map(|(r, published)| r.point().map(|p| (p, exact(r), *published)))
        .max_by(|(p, e, d), (q, f, g)| {
            let count = |v: f64| figures.iter().filter(|(r, _)| r.point() == Some(v)).count();
            count(*p)
                .cmp(&count(*q))
                .then_with(|| e.cmp(f))
                .then_with(|| d.cmp(g))
                .then_with(|| p.total_cmp(q))
        })
        .map(|(p, _, _)| p);
    Some(Range { low, best, high })
}

/// The incident's status: disputed when a party denies it and another report claims or
/// asserts it (or an event is itself disputed); else asserted when any report asserts it;
/// else claimed; else denied.
fn status(events: &[&StoredEvent]) -> Status {
    let has = |status: Status| events.iter().any(|e| e.event.status == status);
    if has(Status::Disputed) || (has(Status::Denied) && (has(Status::Claimed) || has(Status::Asserted))) {
        Status::Disputed
    } else if has(Status::Asserted) {
        Status::Asserted
    } else if has(Status::Claimed) {
        Status::Claimed
    } else {
        Status::Denied
    }
}
