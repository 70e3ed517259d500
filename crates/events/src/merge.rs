//! One happening, one event: triggers of the same act in a sentence ("targeted ...
//! killed"), and the same act told twice in an article (a standfirst and the body), are
//! merged; denials are linked to the claims they deny.
//!
//! Two events are the same happening when they have the same type, modality and
//! background flag, no conflicting mode, share an actor country on one side and conflict
//! on neither (a side named in both must share a country), and their clause times, where
//! both are given, agree. Merging keeps every actor, the finer place and time, the evidence
//! of both, and reconciles the casualty counts.

use faultline_model::{Casualties, Event, EventActor, PlacePrecision, Status};

use crate::Denial;
use crate::Draft;
use crate::casualties::reconcile;

/// Merges the events of one sentence that are one happening. Each draft carries its head
/// token, kept from the first.
pub fn within_sentence(drafts: Vec<(Draft, usize)>) -> Vec<(Draft, usize)> {
    let mut merged: Vec<(Draft, usize)> = Vec::new();
    for (draft, head) in drafts {
        match merged.iter_mut().find(|(kept, _)| same_happening(&kept.event, &draft.event, true)) {
            Some((kept, _)) => {
                kept.wording = kept.wording.and(draft.wording);
                absorb(&mut kept.event, draft.event)
            }
            None => merged.push((draft, head)),
        }
    }
    merged
}

/// How many of the article's latest distinct events a new one is compared with: an article
/// telling more distinct happenings than this (a long chronicle, a 10 MB dump) only merges
/// a retelling with the last ones, which keeps merging linear in the article's length.
const MERGE_WINDOW: usize = 256;

/// The most evidence sentences one event keeps: a happening retold more often than this in
/// one article (repeated boilerplate) keeps its first ones.
const MAX_EVIDENCE: usize = 64;

/// Merges the events of an article that are one happening, in text order.
pub fn merge(drafts: Vec<Draft>) -> Vec<Event> {
    let mut merged: Vec<Draft> = Vec::new();
    for draft in drafts {
        let window_start = merged.len().saturating_sub(MERGE_WINDOW);
        let window = &merged[window_start..];
        // Next to each other, an event with no actors is the same one told on
        // ("99 soldiers were killed. Armenia reported losing 49, Azerbaijan 50.").
        let same = window.iter().position(|kept| {
            let adjacent = draft.sentence <= kept.sentence + 1;
            let anonymous = |e: &Event| e.source.is_empty() && e.target.is_empty();
            same_happening(
                &kept.event,
                &draft.event,
                adjacent && (anonymous(&kept.event) || anonymous(&draft.event)),
            )
        });
        // Retold further on ("the attack", "the shooting"): the latest event of its type
        // that nothing contradicts, unless the words name another one ("another attack").
        let retold = || {
            window
                .iter()
                .rposition(|kept| !draft.fresh && retells(&kept.event, &draft.event, draft.refers_back))
        };
        let found = same.or_else(retold).map(|index| &mut merged[window_start + index]);
        match found {
            Some(kept) => {
                kept.sentence = draft.sentence;
                absorb(&mut kept.event, draft.event)
            }
            None => merged.push(draft),
        }
    }
    merged.into_iter().map(|draft| draft.event).collect()
}

/// Links each denial to the claim it denies: the nearest earlier event of the same
/// sentence or the two before, claimed by (or reported by) another side than the denier.
/// The denial's own REJECT event, if the denial word was one, is then dropped.
pub fn apply_denials(drafts: &mut Vec<Draft>, denials: &[Denial]) {
    for denial in denials {
        let denier_countries: Vec<&str> = denial.denier.iter().filter_map(|a| a.country.as_deref()).collect();
        let denied = drafts.iter().rposition(|draft| {
            let earlier = draft.sentence == denial.sentence && draft.trigger_start < denial.at
                || draft.sentence < denial.sentence && draft.sentence + 2 >= denial.sentence;
            let by_other_side = |actors: &[EventActor]| {
                !actors.is_empty()
                    && actors
                        .iter()
                        .all(|a| a.country.as_deref().is_none_or(|c| !denier_countries.contains(&c)))
            };
            let claimant = if draft.event.claimed_by.is_empty() {
                &draft.event.reported_by
            } else {
                &draft.event.claimed_by
            };
            // A statement derived from the act ("stance:") is not what is denied: the act is.
            let derived = draft.event.rule.starts_with("stance:");
            earlier
                && !derived
                && draft.event.event_type != "REJECT"
                && !draft.event.background
                && by_other_side(claimant)
        });
        let Some(index) = denied else { continue };
        let event = &mut drafts[index].event;
        for actor in &denial.denier {
            if !event.denied_by.iter().any(|a| a.id == actor.id) {
                event.denied_by.push(actor.clone());
            }
        }
        event.status = if event.claimed_by.is_empty() { Status::Denied } else { Status::Disputed };
        if !event.evidence.iter().any(|e| e.start == denial.evidence.start) {
            event.evidence.push(denial.evidence.clone());
        }
        drafts.retain(|draft| {
            !(draft.event.event_type == "REJECT"
                && draft.sentence == denial.sentence
                && draft.trigger_start <= denial.at
                && denial.at < draft.trigger_end + 1)
        });
    }
}

fn countries(actors: &[EventActor]) -> Vec<&str> {
    actors.iter().filter_map(|a| a.country.as_deref()).collect()
}

/// `close` relaxes the need for a shared actor: triggers of one sentence, or an event
/// with no actors next to another.
fn same_happening(a: &Event, b: &Event, close: bool) -> bool {
    compatible(a, b, close) && !totals_conflict(&a.fatalities, &b.fatalities)
}

/// Everything [`same_happening`] asks but the death tolls.
fn compatible(a: &Event, b: &Event, close: bool) -> bool {
    if a.event_type != b.event_type || a.modality != b.modality || a.background != b.background {
        return false;
    }
    if a.mode.is_some() && b.mode.is_some() && a.mode != b.mode && !close {
        return false;
    }
    let has_country = |x: &[EventActor]| x.iter().any(|actor| actor.country.is_some());
    let country_shared = |x: &[EventActor], y: &[EventActor]| {
        x.iter()
            .filter_map(|a| a.country.as_deref())
            .any(|c| y.iter().any(|o| o.country.as_deref() == Some(c)))
    };
    let side_agrees =
        |x: &[EventActor], y: &[EventActor]| !has_country(x) || !has_country(y) || country_shared(x, y);
    let side_shared = |x: &[EventActor], y: &[EventActor]| {
        country_shared(x, y) || x.iter().any(|actor| y.iter().any(|other| other.id == actor.id))
    };
    if !side_agrees(&a.source, &b.source) || !side_agrees(&a.target, &b.target) {
        return false;
    }
    let anything_shared = side_shared(&a.source, &b.source)
        || side_shared(&a.target, &b.target)
        || close
            && (a.source.is_empty() || b.source.is_empty() || a.target.is_empty() || b.target.is_empty());
    if !anything_shared {
        return false;
    }
    fn clause_value(e: &Event) -> Option<&str> {
        e.time.as_ref().filter(|t| t.source == "clause" && t.resolved).and_then(|t| t.value.as_deref())
    }
    if let (Some(x), Some(y)) = (clause_value(a), clause_value(b))
        && x.get(..10) != y.get(..10)
        && !x.starts_with(y)
        && !y.starts_with(x)
    {
        return false;
    }
    true
}

/// Two death tolls, each a single total, that differ.
fn totals_conflict(x: &Casualties, y: &Casualties) -> bool {
    matches!((x.total, y.total), (Some(p), Some(q)) if p.point() != q.point())
        && x.by_side.is_empty()
        && y.by_side.is_empty()
}

/// Whether `later` retells `earlier`: the same type, modality and background, no mode,
/// side, place or clause time that contradicts it (nor a side acting in one and acted on
/// in the other), and, unless `later` refers back to it
/// ("the attack", "such an attack"), the same status (an alleged act is not the one told
/// as fact) and no other death toll: a toll given again by another source is the same
/// attack's.
fn retells(earlier: &Event, later: &Event, refers_back: bool) -> bool {
    // A statement derived from an act ("intent:accuse") names no mode of its own.
    if let (Some(a), Some(b)) = (own_mode(earlier), own_mode(later))
        && a != b
    {
        return false;
    }
    // A side acted on in one telling and acting in the other: two acts, or a misreading.
    let crossed = |x: &[EventActor], y: &[EventActor]| countries(x).iter().any(|c| countries(y).contains(c));
    if crossed(&earlier.source, &later.target) || crossed(&earlier.target, &later.source) {
        return false;
    }
    if !refers_back
        && (earlier.status != later.status || totals_conflict(&earlier.fatalities, &later.fatalities))
    {
        return false;
    }
    let coarse = |p: &faultline_model::Place| rank(p.precision) > rank(PlacePrecision::Admin1);
    let places_agree = match (&earlier.place, &later.place) {
        (Some(a), Some(b)) => {
            a.id == b.id
                || a.country.is_none()
                || b.country.is_none()
                || a.country == b.country
                    && (coarse(a) || coarse(b) || a.admin1.is_some() && a.admin1 == b.admin1)
        }
        _ => true,
    };
    places_agree && compatible(earlier, later, true)
}

/// The mode an event's words name: none for a statement derived from an act ("intent:accuse").
fn own_mode(event: &Event) -> Option<&str> {
    event.mode.as_deref().filter(|mode| !mode.starts_with("intent:"))
}

fn absorb(kept: &mut Event, other: Event) {
    add_actors(&mut kept.source, other.source);
    add_actors(&mut kept.target, other.target);
    add_actors(&mut kept.claimed_by, other.claimed_by);
    add_actors(&mut kept.denied_by, other.denied_by);
    add_actors(&mut kept.reported_by, other.reported_by);
    if kept.mode.is_none() {
        kept.mode = other.mode;
    }
    kept.place = match (kept.place.take(), other.place) {
        (Some(a), Some(b)) => Some(if rank(b.precision) < rank(a.precision) { b } else { a }),
        (a, b) => a.or(b),
    };
    let from_clause =
        |t: &Option<faultline_model::EventTime>| t.as_ref().is_some_and(|t| t.source == "clause");
    if !from_clause(&kept.time) && from_clause(&other.time) {
        kept.time = other.time;
    }
    if kept.instrument.is_none() {
        kept.instrument = other.instrument;
    }
    kept.fatalities = reconcile(&kept.fatalities, &other.fatalities);
    kept.injuries = reconcile(&kept.injuries, &other.injuries);
    kept.captured = reconcile(&kept.captured, &other.captured);
    kept.missing = reconcile(&kept.missing, &other.missing);
    kept.status = stronger(kept.status, other.status);
    let before = kept.evidence.len();
    for evidence in other.evidence {
        if kept.evidence.len() < MAX_EVIDENCE && !kept.evidence.iter().any(|e| e.start == evidence.start) {
            kept.evidence.push(evidence);
        }
    }
    if kept.evidence.len() > before {
        kept.evidence.sort_by_key(|e| e.start);
    }
    // Each part once: `other` may itself be a merge ("a + b"), and appending it whole made
    // these grow with every retelling.
    for rule in other.rule.split(" + ") {
        if !kept.rule.split(" + ").any(|kept_rule| kept_rule == rule) {
            kept.rule = format!("{} + {rule}", kept.rule);
        }
    }
    for trigger in other.trigger.split(" / ") {
        if !kept.trigger.split(" / ").any(|t| t.eq_ignore_ascii_case(trigger)) {
            kept.trigger = format!("{} / {trigger}", kept.trigger);
        }
    }
    kept.confidence = (kept.confidence.max(other.confidence) + 0.05).min(0.99);
    kept.alternatives.extend(other.alternatives);
}

/// Adds actors not yet present; a bare country gives way to the same country's more
/// specific actor ("Azerbaijan" and "Azerbaijan armed forces" → the armed forces).
fn add_actors(kept: &mut Vec<EventActor>, more: Vec<EventActor>) {
    for actor in more {
        if !kept.iter().any(|a| a.id == actor.id) {
            kept.push(actor);
        }
    }
    let specific: Vec<String> =
        kept.iter().filter(|a| !a.id.starts_with("COUNTRY:")).filter_map(|a| a.country.clone()).collect();
    kept.retain(|a| {
        !(a.id.starts_with("COUNTRY:") && a.country.as_ref().is_some_and(|c| specific.contains(c)))
    });
}

fn rank(precision: PlacePrecision) -> u8 {
    match precision {
        PlacePrecision::Point => 0,
        PlacePrecision::Admin1 => 1,
        PlacePrecision::Region => 2,
        PlacePrecision::Country => 3,
    }
}

/// Of two statuses of the same happening, the one that says most: a dispute or a denial
/// stays; a neutral report outweighs a party's claim.
fn stronger(a: Status, b: Status) -> Status {
    let weight = |s: Status| match s {
        Status::Disputed => 3,
        Status::Denied => 2,
        Status::Asserted => 1,
        Status::Claimed => 0,
    };
    if weight(b) > weight(a) { b } else { a }
}
