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
//! | place | 2.0 same place or points within 10 km, 1.5 in the same province (a point in a named admin1 agrees with it), 0.5 the same country (a country-level place agrees weakly), −1.0 different countries, −2.5 points over 150 km apart (not ruled out: a gazetteer may place an ambiguous town name in the wrong state) |
//! | time | 2.0 the same day, 1.0 within the same month, 0.5 on or before the publication of an article that gives no date, 0.3 the same year; nothing when either is unknown |
//! | casualties | 1.5 the same figure, 1.0 overlapping ranges, 0.3 figures apart but within a rising toll |
//! | text | 1.5 evidence sentences with cosine ≥ 0.5 over their content words, 0.75 at ≥ 0.3 |
//! | names | 2.5 the articles' names ([`crate::names`]) with Jaccard ≥ 0.15, 1.0 at ≥ 0.10, −1.5 below 0.05 when both name at least five and neither event is recalled |
//! | article text | 2.5 the articles' term vectors ([`crate::text`]) with cosine ≥ [`ARTICLE_TEXT_STRONG`], 1.0 at ≥ [`ARTICLE_TEXT_WEAK`] |
//! | near_duplicate | 3.0 the articles are near-duplicates; their events link only to their twins, told in alike sentences (cosine ≥ [`TWIN_SENTENCES`]) |
//!
//! Times contradict when both come from the text and do not overlap, or when a text date
//! falls after the publication of an article that gives none. Two newly reported events
//! link at [`SAME_THRESHOLD`] when their times agree, their articles are near-duplicates,
//! their names agree strongly or their texts are alike in the strong band (an event of unknown time, or a follow-up report weeks
//! later, matches only on that other evidence). A recalled (background) event links to a newly reported one at
//! [`BACKGROUND_THRESHOLD`] when their times agree: a recollection names less, but it
//! only ever attaches to an incident and never makes one.

use crate::index::{Precision, interval};
use crate::rules::rules;
use faultline_model::{Event, EventActor, MergeEvidence, Place, PlacePrecision, Range, Signal};
use faultline_store::StoredEvent;
use std::hash::BuildHasher;

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
    /// Their times agree (overlap at their precision), their articles are near-duplicates
    /// or name the same people and places: what a link must rest on beside the score.
    pub anchored: bool,
}

impl Decision {
    /// Whether two newly reported events are linked.
    pub fn links_same(&self) -> bool {
        self.contradiction.is_none() && self.anchored && self.evidence.score >= SAME_THRESHOLD
    }

    /// Whether a recalled event attaches to a newly reported one.
    pub fn links_background(&self) -> bool {
        self.contradiction.is_none() && self.anchored && self.evidence.score >= BACKGROUND_THRESHOLD
    }
}

/// Jaccard similarity of two articles' names from which they likely report one happening
/// (2.5), and the weaker band (1.0). Chosen on half of the GVC dev split (split by
/// incident id hash): at 0.15 no pair of different incidents of that half reached it.
pub const NAMES_STRONG: f64 = 0.15;
pub const NAMES_WEAK: f64 = 0.10;
/// Below this, two articles that each name five or more count as naming others.
pub const NAMES_APART: f64 = 0.05;

/// Cosine similarity of two articles' term vectors ([`crate::text`]) from which they
/// likely report one happening (2.5, and it anchors a link), and the weaker band (1.0).
/// Chosen on the dev part of the GVC (`faultline eval incidents ../shared/eval/gvc`, dev
/// column; the held-out third, split by incident id hash, was not looked at): no pair of
/// articles about different dev incidents reaches 0.30, and 0.20 keeps most pairs about
/// different incidents out while most reports of one incident are in it.
pub const ARTICLE_TEXT_STRONG: f64 = 0.30;
pub const ARTICLE_TEXT_WEAK: f64 = 0.20;

/// What the decision knows of the two events' articles as a pair.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ArticlePair {
    pub near_duplicate: bool,
    /// Jaccard similarity of the articles' names.
    pub names: f64,
    /// Both articles name enough (five or more) for a low similarity to count against.
    pub names_known: bool,
    /// Cosine similarity of the articles' term vectors.
    pub text: f64,
}

/// The cosine of evidence sentences from which an event of a near-duplicate article is
/// the twin of one of its copy: the band of alike sentences.
pub const TWIN_SENTENCES: f64 = 0.5;

/// What alike evidence sentences (cosine ≥ 0.5) add.
const SENTENCES_STRONG_WEIGHT: f64 = 1.5;

/// Compares two events of different articles. The evidence sentences, the costliest
/// signal, are compared only when their signal can change whether the pair links: the
/// evidence of a pair that is ruled out or falls short whatever they say lacks it.
pub fn compare(a: &StoredEvent, b: &StoredEvent, articles: &ArticlePair) -> Decision {
    judge(a, b, articles, true)
}

/// Why two events can never be one happening, if they cannot: [`compare`]'s contradiction
/// without the evidence-sentence comparison, which never contradicts and costs the most.
pub fn contradiction(a: &StoredEvent, b: &StoredEvent) -> Option<String> {
    judge(a, b, &ArticlePair::default(), false).contradiction
}

fn judge(a: &StoredEvent, b: &StoredEvent, articles: &ArticlePair, with_sentences: bool) -> Decision {
    let near_duplicate = articles.near_duplicate;
    // Copies of one text are one report: an event of one copy is the same happening as
    // the event of the other told in alike sentences (its twin), and apart from the
    // events the text tells apart, as two events of one article are.
    let mut copy_sentences = None;
    if near_duplicate && with_sentences {
        let cosine = text_similarity(&a.event, &b.event);
        if cosine < TWIN_SENTENCES {
            let why =
                format!("events told apart in near-duplicate texts (evidence sentences' cosine {cosine:.2})");
            let evidence = MergeEvidence { score: 0.0, signals: Vec::new() };
            return Decision { evidence, contradiction: Some(why), anchored: false };
        }
        copy_sentences = Some(cosine);
    }
    let mut signals = Vec::new();
    let mut contradiction = None;
    let add = |signals: &mut Vec<Signal>, kind: &str, detail: String, weight: f64| {
        signals.push(Signal { kind: kind.to_string(), detail, weight });
    };
    let (x, y) = (&a.event, &b.event);
    match rules().type_match((&x.event_type, x.mode.as_deref()), (&y.event_type, y.mode.as_deref())) {
        Some((weight, detail)) => add(&mut signals, "type", detail, weight),
        None => contradiction = Some(format!("types {} and {} never merge", x.event_type, y.event_type)),
    }
    match actors(x, y) {
        Ok(Some((weight, detail))) => add(&mut signals, "actors", detail, weight),
        Ok(None) => {}
        Err(why) => contradiction = contradiction.or(Some(why)),
    }
    if let (Some(p), Some(q)) = (&x.place, &y.place) {
        match places(p, q) {
            Ok((weight, detail)) => add(&mut signals, "place", detail, weight),
            Err(why) => contradiction = contradiction.or(Some(why)),
        }
    }
    let mut times_agree = false;
    if let (Some(i), Some(j)) = (interval(a), interval(b)) {
        let (i_from, i_to) = i.days();
        let (j_from, j_to) = j.days();
        let tolerance = i64::from(i.precision == Precision::Day && j.precision == Precision::Day);
        let reported = i.precision == Precision::Reported || j.precision == Precision::Reported;
        if i_from <= j_to + tolerance && j_from <= i_to + tolerance {
            times_agree = true;
            let (weight, words) = match i.precision.max(j.precision) {
                Precision::Day => (2.0, "the same day"),
                Precision::Month => (1.0, "the same month"),
                Precision::Reported => (0.5, "on or before publication"),
                Precision::Year => (0.3, "the same year"),
            };
            add(
                &mut signals,
                "time",
                format!("{}..{} agree at {words}", i.from.max(j.from), i.to.min(j.to)),
                weight,
            );
        } else if !reported {
            contradiction = contradiction
                .or(Some(format!("times {}..{} and {}..{} do not overlap", i.from, i.to, j.from, j.to)));
        } else {
            // One article gives no date: its event lies on or before its publication.
            let (undated, dated) = if i.precision == Precision::Reported { (i, j) } else { (j, i) };
            if dated.precision != Precision::Reported && dated.from > undated.to + chrono::Days::new(1) {
                contradiction = contradiction.or(Some(format!(
                    "{}..{} is after the publication ({}) of a report that gives no date",
                    dated.from, dated.to, undated.to
                )));
            }
        }
    }
    for (kind, p, q) in [("fatalities", &x.fatalities, &y.fatalities), ("injuries", &x.injuries, &y.injuries)]
    {
        if let (Some(p), Some(q)) = (p.overall(), q.overall()) {
            match casualties(&p, &q) {
                Ok((weight, detail)) => add(&mut signals, "casualties", format!("{kind}: {detail}"), weight),
                Err(why) => contradiction = contradiction.or(Some(format!("{kind}: {why}"))),
            }
        }
    }
    // The evidence sentences are compared last, below, and only when they can change the
    // outcome; their signal keeps this place in the list.
    let sentences_at = signals.len();
    if articles.names >= NAMES_WEAK {
        let weight = if articles.names >= NAMES_STRONG { 2.5 } else { 1.0 };
        add(
            &mut signals,
            "text",
            format!("the articles name the same people and places (Jaccard {:.2})", articles.names),
            weight,
        );
    } else if articles.names_known && articles.names < NAMES_APART && !x.background && !y.background {
        // A later article recalling a happening names other things; only two reports of
        // the news itself are expected to name the same.
        add(
            &mut signals,
            "text",
            format!("the articles name different people and places (Jaccard {:.2})", articles.names),
            -1.5,
        );
    }
    if articles.text >= ARTICLE_TEXT_WEAK {
        let weight = if articles.text >= ARTICLE_TEXT_STRONG { 2.5 } else { 1.0 };
        add(
            &mut signals,
            "text",
            format!("the articles' texts are alike (cosine {:.2})", articles.text),
            weight,
        );
    }
    if near_duplicate {
        add(&mut signals, "near_duplicate", "the articles are near-duplicates".to_string(), 3.0);
    }
    let anchored = times_agree
        || near_duplicate
        || articles.names >= NAMES_STRONG
        || articles.text >= ARTICLE_TEXT_STRONG;
    let threshold = if x.background || y.background { BACKGROUND_THRESHOLD } else { SAME_THRESHOLD };
    let without_sentences: f64 = signals.iter().map(|s| s.weight).sum();
    let sentences_can_decide = contradiction.is_none()
        && anchored
        && without_sentences + SENTENCES_STRONG_WEIGHT + 0.01 >= threshold;
    if with_sentences && sentences_can_decide {
        let cosine = copy_sentences.unwrap_or_else(|| text_similarity(x, y));
        if cosine >= 0.3 {
            let weight = if cosine >= TWIN_SENTENCES { SENTENCES_STRONG_WEIGHT } else { 0.75 };
            let detail = format!("evidence sentences alike (cosine {cosine:.2})");
            signals.insert(sentences_at, Signal { kind: "text".to_string(), detail, weight });
        }
    }
    let score = (signals.iter().map(|s| s.weight).sum::<f64>() * 100.0).round() / 100.0;
    Decision { evidence: MergeEvidence { score, signals }, contradiction, anchored }
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
            return Ok((-2.5, format!("{} and {} are {km:.0} km apart", p.name, q.name)));
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
    let (p, q) = (WordBag::of(x), WordBag::of(y));
    let denominator = p.norm * q.norm;
    if denominator == 0.0 { 0.0 } else { p.dot(&q) / denominator }
}

/// The content words of an event's evidence sentences, as word hashes with their counts
/// sorted by hash, and the vector's norm: compared by one merge, with no string kept.
struct WordBag {
    counts: Vec<(u64, f64)>,
    norm: f64,
}

impl WordBag {
    fn of(event: &Event) -> WordBag {
        let mut hashes: Vec<u64> = Vec::new();
        let mut lower = String::new();
        for span in &event.evidence {
            for word in span.text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
                lower.clear();
                lower.extend(word.chars().flat_map(char::to_lowercase));
                if lower.chars().count() > 2 && !rules().is_function_word(&lower) {
                    hashes.push(rustc_hash::FxBuildHasher.hash_one(lower.as_str()));
                }
            }
        }
        hashes.sort_unstable();
        let mut counts: Vec<(u64, f64)> = Vec::new();
        for hash in hashes {
            match counts.last_mut() {
                Some((last, n)) if *last == hash => *n += 1.0,
                _ => counts.push((hash, 1.0)),
            }
        }
        let norm = counts.iter().map(|(_, n)| n * n).sum::<f64>().sqrt();
        WordBag { counts, norm }
    }

    fn dot(&self, other: &WordBag) -> f64 {
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        while i < self.counts.len() && j < other.counts.len() {
            let ((p, n), (q, m)) = (self.counts[i], other.counts[j]);
            match p.cmp(&q) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += n * m;
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use faultline_model::{EventTime, Range};
    use faultline_store::EventArticle;
    use faultline_store::conformance::event;

    /// Russian forces shelling Kharkiv (a point in Kharkiv oblast) as `article` reports it.
    fn report(article: &str, id: &str, time: Option<&str>) -> StoredEvent {
        StoredEvent {
            article: EventArticle {
                id: article.into(),
                title: None,
                outlet: Some(format!("Outlet {article}")),
                url: None,
                published: Some("2024-02-13".into()),
            },
            event: event(id, "ASSAULT", time),
        }
    }

    fn dead(stored: &mut StoredEvent, figure: f64) {
        stored.event.fatalities.total =
            Some(Range { low: Some(figure), best: Some(figure), high: Some(figure) });
    }

    #[test]
    fn two_reports_of_one_shelling_link_with_their_evidence() {
        let (a, b) = (report("a", "a-e1", Some("2024-02-12")), report("b", "b-e1", Some("2024-02-12")));
        let decision = compare(&a, &b, &ArticlePair::default());
        assert!(decision.links_same(), "{decision:#?}");
        let kinds: Vec<&str> = decision.evidence.signals.iter().map(|s| s.kind.as_str()).collect();
        for kind in ["type", "actors", "place", "time"] {
            assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
        }
    }

    #[test]
    fn times_agree_at_their_precision() {
        let day = report("a", "a-e1", Some("2022-09-13"));
        let month = report("b", "b-e1", Some("2022-09"));
        let decision = compare(&day, &month, &ArticlePair::default());
        assert!(decision.anchored && decision.contradiction.is_none(), "{decision:#?}");
        let october = report("c", "c-e1", Some("2022-10-02"));
        assert!(
            compare(&day, &october, &ArticlePair::default())
                .contradiction
                .unwrap()
                .contains("do not overlap")
        );
        // Dated only by its article (2024-02-13): on or before, not after.
        let reported = report("d", "d-e1", None);
        assert!(
            compare(&reported, &report("e", "e-e1", Some("2024-02-10")), &ArticlePair::default()).anchored
        );
        let later = compare(&reported, &report("f", "f-e1", Some("2024-03-20")), &ArticlePair::default());
        assert!(later.contradiction.unwrap().contains("after the publication"));
        let long_before =
            compare(&reported, &report("g", "g-e1", Some("2023-10-10")), &ArticlePair::default());
        assert!(
            long_before.contradiction.is_none() && !long_before.anchored,
            "a follow-up needs other evidence"
        );
    }

    #[test]
    fn an_unresolved_time_links_only_on_other_evidence() {
        let mut monday = report("a", "a-e1", Some("XXXX-XX-XX"));
        monday.article.published = None;
        monday.event.time = Some(EventTime {
            value: Some("XXXX-WXX-1".into()),
            granularity: Some("day".into()),
            text: Some("on Monday".into()),
            source: "clause".into(),
            resolved: false,
        });
        let dated = report("b", "b-e1", Some("2024-02-12"));
        assert!(
            !compare(&monday, &dated, &ArticlePair::default()).links_same(),
            "no time agreement, no other evidence"
        );
        assert!(
            compare(&monday, &dated, &ArticlePair { near_duplicate: true, ..ArticlePair::default() })
                .links_same(),
            "a near-duplicate article is that evidence"
        );
    }

    #[test]
    fn places_agree_at_their_precision() {
        let city = report("a", "a-e1", Some("2024-02-12"));
        let mut province = report("b", "b-e1", Some("2024-02-12"));
        let place = province.event.place.as_mut().unwrap();
        (place.id, place.name, place.precision) =
            ("admin1:UA-63".into(), "Kharkiv".into(), PlacePrecision::Admin1);
        let signal = |d: &Decision| d.evidence.signals.iter().find(|s| s.kind == "place").map(|s| s.weight);
        assert_eq!(
            signal(&compare(&city, &province, &ArticlePair::default())),
            Some(1.5),
            "a point inside the named province"
        );
        let mut country = report("c", "c-e1", Some("2024-02-12"));
        let place = country.event.place.as_mut().unwrap();
        (place.id, place.name, place.admin1, place.precision) =
            ("country:UKR".into(), "Ukraine".into(), None, PlacePrecision::Country);
        assert_eq!(
            signal(&compare(&city, &country, &ArticlePair::default())),
            Some(0.5),
            "a country agrees weakly"
        );
        let mut far = report("d", "d-e1", Some("2024-02-12"));
        let place = far.event.place.as_mut().unwrap();
        (place.id, place.name, place.lat, place.lon) =
            ("geonames:703448".into(), "Kyiv".into(), Some(50.45), Some(30.52));
        assert_eq!(
            signal(&compare(&city, &far, &ArticlePair::default())),
            Some(-2.5),
            "far apart counts against"
        );
    }

    #[test]
    fn alike_article_texts_add_evidence_and_anchor_a_link_without_a_time() {
        let a = report("a", "a-e1", Some("2024-02-12"));
        let mut b = report("b", "b-e1", None);
        b.article.published = None;
        let apart = compare(&a, &b, &ArticlePair::default());
        assert!(!apart.anchored && !apart.links_same(), "no time, no other anchor: {apart:#?}");
        let text = |d: &Decision| {
            d.evidence
                .signals
                .iter()
                .filter(|s| s.detail.contains("texts are alike"))
                .map(|s| s.weight)
                .sum::<f64>()
        };
        let weak = compare(&a, &b, &ArticlePair { text: ARTICLE_TEXT_WEAK, ..ArticlePair::default() });
        assert_eq!((text(&weak), weak.anchored), (1.0, false));
        let strong = compare(&a, &b, &ArticlePair { text: ARTICLE_TEXT_STRONG, ..ArticlePair::default() });
        assert_eq!((text(&strong), strong.anchored), (2.5, true));
        assert!(strong.links_same(), "{strong:#?}");
    }

    #[test]
    fn casualty_figures_that_contradict_rule_a_pair_out() {
        let (mut a, mut b) =
            (report("a", "a-e1", Some("2024-02-12")), report("b", "b-e1", Some("2024-02-12")));
        dead(&mut a, 3.0);
        dead(&mut b, 5.0);
        assert!(compare(&a, &b, &ArticlePair::default()).links_same(), "a toll revised upwards");
        dead(&mut b, 40.0);
        assert!(compare(&a, &b, &ArticlePair::default()).contradiction.unwrap().contains("fatalities"));
    }

    #[test]
    fn types_merge_only_when_compatible() {
        let a = report("a", "a-e1", Some("2024-02-12"));
        let mut b = report("b", "b-e1", Some("2024-02-12"));
        b.event.event_type = "COERCE".into();
        b.event.mode = Some("destroy".into());
        assert!(
            compare(&a, &b, &ArticlePair::default()).links_same(),
            "an assault that destroyed a position"
        );
        b.event.event_type = "CONSULT".into();
        b.event.mode = None;
        assert!(compare(&a, &b, &ArticlePair::default()).contradiction.unwrap().contains("never merge"));
    }

    #[test]
    fn actors_of_other_countries_rule_a_pair_out() {
        let a = report("a", "a-e1", Some("2024-02-12"));
        let mut b = report("b", "b-e1", Some("2024-02-12"));
        for actor in b.event.source.iter_mut().chain(&mut b.event.target) {
            actor.id = "COUNTRY:SDN".into();
            actor.country = Some("SDN".into());
        }
        b.event.place = None;
        assert!(
            compare(&a, &b, &ArticlePair::default()).contradiction.unwrap().contains("different countries")
        );
    }
}
