//! The pairwise merge decision: do two events of different articles report the same
//! happening? Each signal adds to a score and says what it saw; a contradiction (types
//! that never merge, times that do not overlap, points far apart, actors of disjoint
//! countries, casualty figures far apart) rules the pair out whatever the score. The
//! decision depends only on the two events, their articles and whether the articles are
//! near-duplicates, so the links among a set of events do not depend on the order they
//! were stored in.
//!
//! | signal | adds |
//! | --- | --- |
//! | type | 2.5 same type and mode, 2.0 same type, 1.0 compatible types (`data/incidents/compatible_types.tsv`) |
//! | actors | 2.0 a shared actor id, 1.5 a shared country and sector, 0.5 a shared country; −1.5 named actors on both sides and none shared |
//! | place | 2.0 same place or points within 10 km, 1.5 in the same province (a point in a named admin1 agrees with it), 0.5 the same country (a country-level place agrees weakly), −1.0 different countries |
//! | time | 2.0 the same day, 1.0 within the same month or the week before publication, 0.3 the same year; nothing when either is unknown |
//! | casualties | 1.5 the same figure, 1.0 overlapping ranges, 0.3 figures apart but within a rising toll |
//! | text | 1.5 evidence sentences with cosine ≥ 0.5 over their content words, 0.75 at ≥ 0.3 |
//! | near_duplicate | 3.0 the articles are near-duplicates |
//!
//! Two newly reported events link at [`SAME_THRESHOLD`] when their times agree or their
//! articles are near-duplicates (an event of unknown time matches only on that other
//! evidence). A recalled (background) event links to a newly reported one at
//! [`BACKGROUND_THRESHOLD`] when their times agree: a recollection names less, but it
//! only ever attaches to an incident and never makes one.

use crate::index::{Precision, interval};
use crate::rules::rules;
use faultline_model::{Event, EventActor, MergeEvidence, Place, PlacePrecision, Range, Signal};
use faultline_store::StoredEvent;
use rustc_hash::FxHashMap;

/// The score from which two newly reported events are one happening.
pub const SAME_THRESHOLD: f64 = 5.5;
/// The score from which a recalled event attaches to a newly reported one.
pub const BACKGROUND_THRESHOLD: f64 = 3.5;

/// The outcome of comparing two events.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub evidence: MergeEvidence,
    /// Why the pair can never be one happening, if it cannot.
    pub contradiction: Option<String>,
    /// Their times agree (overlap at their precision).
    pub times_agree: bool,
    pub near_duplicate: bool,
}

impl Decision {
    /// Whether two newly reported events are linked.
    pub fn links_same(&self) -> bool {
        self.contradiction.is_none()
            && (self.times_agree || self.near_duplicate)
            && self.evidence.score >= SAME_THRESHOLD
    }

    /// Whether a recalled event attaches to a newly reported one.
    pub fn links_background(&self) -> bool {
        self.contradiction.is_none()
            && (self.times_agree || self.near_duplicate)
            && self.evidence.score >= BACKGROUND_THRESHOLD
    }
}

/// Compares two events of different articles.
pub fn compare(a: &StoredEvent, b: &StoredEvent, near_duplicate: bool) -> Decision {
    let mut signals = Vec::new();
    let mut contradiction = None;
    let mut add = |kind: &str, detail: String, weight: f64| {
        signals.push(Signal { kind: kind.to_string(), detail, weight });
    };
    let (x, y) = (&a.event, &b.event);
    match rules().type_match((&x.event_type, x.mode.as_deref()), (&y.event_type, y.mode.as_deref())) {
        Some((weight, detail)) => add("type", detail, weight),
        None => contradiction = Some(format!("types {} and {} never merge", x.event_type, y.event_type)),
    }
    match actors(x, y) {
        Ok(Some((weight, detail))) => add("actors", detail, weight),
        Ok(None) => {}
        Err(why) => contradiction = contradiction.or(Some(why)),
    }
    match (&x.place, &y.place) {
        (Some(p), Some(q)) => match places(p, q) {
            Ok((weight, detail)) => add("place", detail, weight),
            Err(why) => contradiction = contradiction.or(Some(why)),
        },
        _ => {}
    }
    let mut times_agree = false;
    if let (Some(i), Some(j)) = (interval(a), interval(b)) {
        let (i_from, i_to) = i.days();
        let (j_from, j_to) = j.days();
        let tolerance = i64::from(i.precision == Precision::Day && j.precision == Precision::Day);
        if i_from <= j_to + tolerance && j_from <= i_to + tolerance {
            times_agree = true;
            let (weight, words) = match i.precision.max(j.precision) {
                Precision::Day => (2.0, "the same day"),
                Precision::Month => (1.0, "the same month"),
                Precision::Reported => (1.0, "the days before publication"),
                Precision::Year => (0.3, "the same year"),
            };
            add("time", format!("{} and {} agree at {words}", i.from.max(j.from), i.to.min(j.to)), weight);
        } else {
            contradiction = contradiction
                .or(Some(format!("times {}..{} and {}..{} do not overlap", i.from, i.to, j.from, j.to)));
        }
    }
    for (kind, p, q) in [("fatalities", &x.fatalities, &y.fatalities), ("injuries", &x.injuries, &y.injuries)]
    {
        if let (Some(p), Some(q)) = (p.overall(), q.overall()) {
            match casualties(&p, &q) {
                Ok((weight, detail)) => add("casualties", format!("{kind}: {detail}"), weight),
                Err(why) => contradiction = contradiction.or(Some(format!("{kind}: {why}"))),
            }
        }
    }
    let cosine = text_similarity(x, y);
    if cosine >= 0.3 {
        let weight = if cosine >= 0.5 { 1.5 } else { 0.75 };
        add("text", format!("evidence sentences alike (cosine {cosine:.2})"), weight);
    }
    if near_duplicate {
        add("near_duplicate", "the articles are near-duplicates".to_string(), 3.0);
    }
    let score = (signals.iter().map(|s| s.weight).sum::<f64>() * 100.0).round() / 100.0;
    Decision { evidence: MergeEvidence { score, signals }, contradiction, times_agree, near_duplicate }
}

/// Actors of both events (sources and targets, roles aside: a claim and its denial name
/// the sides the other way round).
fn actors(x: &Event, y: &Event) -> Result<Option<(f64, String)>, String> {
    let all = |e: &'_ Event| -> Vec<EventActor> { e.source.iter().chain(&e.target).cloned().collect() };
    let (p, q) = (all(x), all(y));
    if p.is_empty() || q.is_empty() {
        return Ok(None);
    }
    let named = |a: &EventActor| !a.id.starts_with("GENERIC:");
    let shared: Vec<&str> =
        p.iter().filter(|a| named(a) && q.iter().any(|b| b.id == a.id)).map(|a| a.name.as_str()).collect();
    if !shared.is_empty() {
        return Ok(Some((2.0, format!("shared actors {}", shared.join(", ")))));
    }
    let same_side = |a: &EventActor, b: &EventActor| a.country.is_some() && a.country == b.country;
    if let Some((a, b)) = p
        .iter()
        .flat_map(|a| q.iter().map(move |b| (a, b)))
        .find(|(a, b)| same_side(a, b) && a.sector.is_some() && a.sector == b.sector)
    {
        return Ok(Some((1.5, format!("{} and {} share country and sector", a.name, b.name))));
    }
    if let Some((a, b)) = p.iter().flat_map(|a| q.iter().map(move |b| (a, b))).find(|(a, b)| same_side(a, b))
    {
        return Ok(Some((0.5, format!("{} and {} share a country", a.name, b.name))));
    }
    let countries = |actors: &[EventActor]| actors.iter().any(|a| a.country.is_some());
    if countries(&p) && countries(&q) {
        return Err("the actors belong to different countries".to_string());
    }
    let people = |actors: &[EventActor]| actors.iter().any(|a| a.is_person() || a.id.starts_with("NEW:"));
    if people(&p) && people(&q) {
        return Ok(Some((-1.5, "named actors on both sides, none shared".to_string())));
    }
    Ok(None)
}

/// Places agreeing at their precision.
fn places(p: &Place, q: &Place) -> Result<(f64, String), String> {
    if p.id == q.id {
        return Ok((2.0, format!("the same place {}", p.name)));
    }
    if p.precision == PlacePrecision::Point
        && q.precision == PlacePrecision::Point
        && let (Some(a), Some(b), Some(c), Some(d)) = (p.lat, p.lon, q.lat, q.lon)
    {
        let km = distance_km((a, b), (c, d));
        if km <= 10.0 {
            return Ok((2.0, format!("{} and {} are {km:.0} km apart", p.name, q.name)));
        }
        if km > 150.0 {
            return Err(format!("{} and {} are {km:.0} km apart", p.name, q.name));
        }
    }
    if p.country.is_some() && p.country != q.country && q.country.is_some() {
        return Ok((-1.0, format!("{} and {} are in different countries", p.name, q.name)));
    }
    let inside = |small: &Place, large: &Place| {
        large.precision == PlacePrecision::Admin1 && small.admin1.as_deref() == Some(large.name.as_str())
    };
    if inside(p, q) || inside(q, p) || (p.admin1.is_some() && p.admin1 == q.admin1) {
        let province = p.admin1.as_deref().unwrap_or(&p.name);
        return Ok((1.5, format!("{} and {} are in {province}", p.name, q.name)));
    }
    if p.country.is_some() {
        return Ok((0.5, format!("{} and {} are in {}", p.name, q.name, p.country.as_deref().unwrap_or(""))));
    }
    Ok((0.0, format!("{} and {}: no common area known", p.name, q.name)))
}

fn distance_km((lat1, lon1): (f64, f64), (lat2, lon2): (f64, f64)) -> f64 {
    let (phi1, phi2) = (lat1.to_radians(), lat2.to_radians());
    let (dphi, dlambda) = ((lat2 - lat1).to_radians(), (lon2 - lon1).to_radians());
    let h = (dphi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (dlambda / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// Casualty figures that do not contradict: early counts rise, so a figure up to three
/// times another (plus two) is a revision, not another happening.
fn casualties(p: &Range, q: &Range) -> Result<(f64, String), String> {
    let bounds = |r: &Range| {
        let low = r.low.or(r.best).or(r.high).unwrap_or(0.0);
        let high = match (r.high, r.best) {
            (Some(high), _) => high,
            (None, Some(best)) if r.low.is_none() => best,
            _ => f64::INFINITY,
        };
        (low, high)
    };
    let ((pl, ph), (ql, qh)) = (bounds(p), bounds(q));
    let show = |r: &Range| r.point().map_or("?".to_string(), |v| v.to_string());
    if p.point() == q.point() {
        return Ok((1.5, format!("both {}", show(p))));
    }
    if pl <= qh && ql <= ph {
        return Ok((1.0, format!("{} and {} overlap", show(p), show(q))));
    }
    let (small, large) = if ph < ql { (ph, ql) } else { (qh, pl) };
    if large > 3.0 * small + 2.0 {
        return Err(format!("{} and {} are too far apart", show(p), show(q)));
    }
    Ok((0.3, format!("{} and {} within a revised toll", show(p), show(q))))
}

/// Cosine similarity of the content words (lower case, function words out) of two
/// events' evidence sentences.
fn text_similarity(x: &Event, y: &Event) -> f64 {
    let bag = |event: &Event| {
        let mut counts: FxHashMap<String, f64> = FxHashMap::default();
        for span in &event.evidence {
            for word in span.text.split(|c: char| !c.is_alphanumeric()) {
                let word = word.to_lowercase();
                if word.chars().count() > 2 && !rules().is_function_word(&word) {
                    *counts.entry(word).or_default() += 1.0;
                }
            }
        }
        counts
    };
    let (p, q) = (bag(x), bag(y));
    let dot: f64 = p.iter().filter_map(|(word, n)| q.get(word).map(|m| n * m)).sum();
    let norm = |bag: &FxHashMap<String, f64>| bag.values().map(|n| n * n).sum::<f64>().sqrt();
    let denominator = norm(&p) * norm(&q);
    if denominator == 0.0 { 0.0 } else { dot / denominator }
}
