//! Resolution: which of a name's gazetteer records each place mention means.
//!
//! Every candidate record of a mention is scored by its population, its kind (a country
//! outranks a province, which outranks a town), whether the mention is the record's own
//! name or only one of its aliases, the countries and provinces the rest of
//! the text mentions (a name never votes for itself), and the cue around it ("X
//! Province" wants a province, "the village of X" a village). "A, B" pairs ("Atlanta,
//! Georgia") are resolved together when B contains A.
//!
//! The scores are then worked out again, twice, with where the text's other names may
//! be: a candidate near the likely towns and counties of the other names gains
//! ([`Nearby`]), so that "Gainesville" beside "Denton" and "Sherman" is the Texan one,
//! and "Paris" and "Henry County" named together are the pair in Tennessee even when
//! neither was the first choice on its own.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::find::{Cue, Span};
use crate::gazetteer::{Gazetteer, Kind, Record};

/// Candidate lists are cut to this many (by population) before pair resolution.
const MAX_PAIR_CANDIDATES: usize = 64;
/// Places farther apart than this (km) say nothing about each other.
const NEAR_KM: f64 = 300.0;
/// Places closer than this (km) count as at this distance.
const CLOSE_KM: f64 = 15.0;
/// Score per other name resolved nearby, times ln(NEAR_KM / distance).
const NEARBY_WEIGHT: f64 = 1.0;
/// The most the places nearby can add to a candidate's score.
const MAX_NEARBY: f64 = 4.0;
/// How many of each name's best candidates may draw the others near.
const NEARBY_CANDIDATES: usize = 8;
/// How many times the candidates' scores are worked out again with the places nearby.
const NEARBY_ROUNDS: usize = 2;
/// How many distinct names (the article's first) draw the others near: every candidate is
/// scored against every nearby point, so without a cap a text naming thousands of places
/// (a 10 MB dump) took time in the square of their number.
const NEARBY_NAMES: usize = 256;
/// Mean Earth radius, km.
const EARTH_KM: f64 = 6371.0;
/// What a candidate loses when the mention is only one of its aliases, not its own name:
/// a tenth of its population. GeoNames' alternate names include historical, foreign and
/// transliterated forms that are another place's own name ("Jermuk", the town in
/// Armenia, is also listed for Çermik in Turkey), and the place that carries a name as
/// its own is the likelier one unless it is much smaller.
const ALIAS_PENALTY: f64 = 1.0;

/// Mention weight per country (alpha-3), keyed by the gazetteer's own strings.
type CountryWeights<'g> = FxHashMap<&'g str, f64>;
/// Mention weight per (alpha-3, admin1 name).
type Admin1Weights<'g> = FxHashMap<(&'g str, &'g str), f64>;

/// Per-country and per-admin1 mention weights, with each name's own contribution kept
/// apart so that a name does not vote for itself.
pub(crate) struct Context<'g> {
    country: CountryWeights<'g>,
    admin1: Admin1Weights<'g>,
    by_pattern: FxHashMap<usize, (CountryWeights<'g>, Admin1Weights<'g>)>,
}

impl Context<'_> {
    fn country_weight(&self, pattern: usize, cc: &str) -> f64 {
        let own = self.by_pattern.get(&pattern).and_then(|(c, _)| c.get(cc)).unwrap_or(&0.0);
        (self.country.get(cc).unwrap_or(&0.0) - own).max(0.0)
    }

    fn admin1_weight(&self, pattern: usize, key: &(&str, &str)) -> f64 {
        let own = self.by_pattern.get(&pattern).and_then(|(_, a)| a.get(key)).unwrap_or(&0.0);
        (self.admin1.get(key).unwrap_or(&0.0) - own).max(0.0)
    }

    /// The country the text mentions most, if it is mentioned at least twice.
    pub(crate) fn dominant(&self) -> Option<&str> {
        self.country
            .iter()
            .filter(|(_, w)| **w >= 2.0)
            .max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(cc, _)| *cc)
    }
}

/// What each mention says about where the text is: a country name votes 2 for its
/// country; another name votes 1, shared among the countries of its candidates that
/// have at least a tenth of the top candidate's population.
pub(crate) fn context_weights<'g>(spans: &[Span], gazetteer: &'g Gazetteer) -> Context<'g> {
    let mut context = Context {
        country: FxHashMap::default(),
        admin1: FxHashMap::default(),
        by_pattern: FxHashMap::default(),
    };
    // A name votes the same way wherever it stands: work its votes out once.
    let mut votes_by_pattern: FxHashMap<usize, Votes<'g>> = FxHashMap::default();
    for span in spans {
        let (votes, admin_votes) =
            votes_by_pattern.entry(span.pattern).or_insert_with(|| name_votes(span.pattern, gazetteer));
        let own = context.by_pattern.entry(span.pattern).or_default();
        for &(cc, w) in votes.iter() {
            *own.0.entry(cc).or_default() += w;
            *context.country.entry(cc).or_default() += w;
        }
        for &(key, w) in admin_votes.iter() {
            *own.1.entry(key).or_default() += w;
            *context.admin1.entry(key).or_default() += w;
        }
    }
    context
}

/// One mention's votes per country (alpha-3) and per (alpha-3, admin1 name).
type Votes<'g> = (Vec<(&'g str, f64)>, Vec<((&'g str, &'g str), f64)>);

/// The votes of one mention of the name `pattern` (see [`context_weights`]).
fn name_votes(pattern: usize, gazetteer: &Gazetteer) -> Votes<'_> {
    let records = || gazetteer.name_records(pattern).iter().map(|r| gazetteer.record(r));
    let mut votes: Vec<(&str, f64)> = Vec::new();
    let mut admin_votes: Vec<((&str, &str), f64)> = Vec::new();
    if let Some(country) = records().find(|r| r.kind == Kind::Country) {
        votes.push((country.country, 2.0));
    } else {
        let top = records().map(|r| r.population).max().unwrap_or(0);
        let mut countries: Vec<&str> = records()
            .filter(|r| r.population * 10 >= top && !r.country.is_empty())
            .map(|r| r.country)
            .collect();
        countries.sort_unstable();
        countries.dedup();
        let share = 1.0 / countries.len().max(1) as f64;
        votes.extend(countries.iter().map(|&cc| (cc, share)));
        let admins = || records().filter(|r| r.kind == Kind::Admin1);
        let share = 1.0 / admins().count().max(1) as f64;
        admin_votes.extend(admins().map(|r| ((r.country, r.name()), share)));
    }
    (votes, admin_votes)
}

fn score(
    record: Record<'_>,
    span: &Span,
    gazetteer: &Gazetteer,
    context: &Context<'_>,
    nearby: &Nearby,
) -> f64 {
    let mut s = (record.population as f64 + 1.0).log10() + nearby.bonus(span.pattern, record);
    if !gazetteer.is_own_name(span.pattern, record) {
        s -= ALIAS_PENALTY;
    }
    s += match record.kind {
        Kind::Country => 4.0,
        Kind::Region => 3.0,
        Kind::Admin1 => 2.0,
        Kind::Admin2 => 1.0,
        Kind::Place => 0.0,
    };
    s += 1.5 * (1.0 + context.country_weight(span.pattern, record.country)).ln();
    if matches!(record.kind, Kind::Place | Kind::Admin2) && !record.admin1.is_empty() {
        let key = (record.country, record.admin1);
        s += 1.5 * (1.0 + context.admin1_weight(span.pattern, &key)).ln();
    }
    match (span.cue, record.kind) {
        (Cue::Admin1, Kind::Admin1 | Kind::Region) => s += 6.0,
        (Cue::Settlement, Kind::Place) => s += 6.0,
        _ => {}
    }
    s
}

/// Every candidate record of the span with its score, in the gazetteer's order.
fn scored<'a>(
    span: &'a Span,
    gazetteer: &'a Gazetteer,
    context: &'a Context<'_>,
    nearby: &'a Nearby,
) -> impl Iterator<Item = (u32, f64)> + 'a {
    let candidates = gazetteer.name_records(span.pattern);
    let records = move || candidates.iter().map(|r| gazetteer.record(r));
    // A city named like its own province ("Moscow", "Lagos") is the city unless the
    // text says province: it outweighs the province when it holds a quarter of it. A city
    // named like a province of another country outweighs it when it is at least as
    // populous ("Gaza": the city, not Mozambique's province).
    let city_province = move |r: Record<'_>| {
        r.kind == Kind::Admin1
            && span.cue != Cue::Admin1
            && records().any(|c| {
                c.kind == Kind::Place
                    && if c.country == r.country {
                        c.population * 4 >= r.population
                    } else {
                        c.population >= r.population
                    }
            })
    };
    candidates.iter().map(move |r| {
        let record = gazetteer.record(r);
        let penalty = if city_province(record) { 4.0 } else { 0.0 };
        (r, score(record, span, gazetteer, context, nearby) - penalty)
    })
}

/// Best first: higher score, then lower record index.
fn rank_order(a: &(u32, f64), b: &(u32, f64)) -> std::cmp::Ordering {
    b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
}

/// The span's candidates, best first.
fn ranked(span: &Span, gazetteer: &Gazetteer, context: &Context<'_>, nearby: &Nearby) -> Vec<(u32, f64)> {
    let mut out: Vec<(u32, f64)> = scored(span, gazetteer, context, nearby).collect();
    out.sort_by(rank_order);
    out
}

/// Where the text's other names may be: for each name, its likeliest towns and counties
/// with a weight for how likely each is beside the name's best candidate. A candidate
/// near one of them gains, so two names that each have a namesake beside the other's
/// (Paris and Henry County, Tennessee) pull each other there even when neither was
/// the first choice.
#[derive(Debug, Default)]
struct Nearby {
    points: Vec<NearbyPoint>,
}

#[derive(Debug)]
struct NearbyPoint {
    /// The name it is a candidate of.
    pattern: usize,
    /// Latitude and longitude in radians, and the cosine of the latitude.
    lat: f64,
    lon: f64,
    cos: f64,
    /// e^(score - the name's best score): 1 for the best candidate.
    weight: f64,
}

impl Nearby {
    /// The top [`NEARBY_CANDIDATES`] contenders of each name, scored with `prior`, that
    /// are towns or counties (countries and provinces say where the text is through the
    /// [`Context`] votes instead).
    fn of(spans: &[Span], gazetteer: &Gazetteer, contenders: &Contenders, prior: &Nearby) -> Nearby {
        let mut points: Vec<NearbyPoint> = Vec::new();
        let mut seen: FxHashSet<usize> = FxHashSet::default();
        for span in spans {
            if seen.len() == NEARBY_NAMES && !seen.contains(&span.pattern) {
                break;
            }
            if !seen.insert(span.pattern) {
                continue;
            }
            let mut ranked =
                with_nearby(span.pattern, &contenders[&(span.pattern, span.cue)], gazetteer, prior);
            ranked.sort_by(rank_order);
            let Some(&(_, best)) = ranked.first() else { continue };
            for &(r, score) in ranked.iter().take(NEARBY_CANDIDATES) {
                let record = gazetteer.record(r);
                if matches!(record.kind, Kind::Place | Kind::Admin2) {
                    let lat = record.lat.to_radians();
                    points.push(NearbyPoint {
                        pattern: span.pattern,
                        lat,
                        lon: record.lon.to_radians(),
                        cos: lat.cos(),
                        weight: (score - best).exp(),
                    });
                }
            }
        }
        Nearby { points }
    }

    /// What the other names' candidates near `record` add to its score: per other name,
    /// the best of weight × ln(NEAR_KM / km) over its candidates within NEAR_KM.
    fn bonus(&self, pattern: usize, record: Record<'_>) -> f64 {
        if self.points.is_empty() {
            return 0.0;
        }
        let (lat, lon) = (record.lat.to_radians(), record.lon.to_radians());
        let cos = lat.cos();
        let (mut total, mut name_best, mut name) = (0.0, 0.0_f64, usize::MAX);
        for point in &self.points {
            if point.pattern != name {
                total += name_best;
                (name_best, name) = (0.0, point.pattern);
            }
            if point.pattern == pattern {
                continue;
            }
            // Equirectangular distance: close enough below NEAR_KM.
            let x = (point.lon - lon) * (cos + point.cos) / 2.0;
            let km = EARTH_KM * (x * x + (point.lat - lat) * (point.lat - lat)).sqrt();
            if km < NEAR_KM {
                name_best = name_best.max(point.weight * (NEAR_KM / km.max(CLOSE_KM)).ln());
            }
        }
        (NEARBY_WEIGHT * (total + name_best)).min(MAX_NEARBY)
    }
}

/// Each name's candidates (per name and cue) that may still win once the places nearby
/// are counted: those within [`MAX_NEARBY`] of its best score without them, best first.
type Contenders = FxHashMap<(usize, Cue), Vec<(u32, f64)>>;

/// The contenders' scores with what `nearby` adds.
fn with_nearby(
    pattern: usize,
    contenders: &[(u32, f64)],
    gazetteer: &Gazetteer,
    nearby: &Nearby,
) -> Vec<(u32, f64)> {
    contenders.iter().map(|&(r, s)| (r, s + nearby.bonus(pattern, gazetteer.record(r)))).collect()
}

pub(crate) fn resolve(text: &str, spans: &mut [Span], gazetteer: &Gazetteer, context: &Context<'_>) {
    let mut contenders = Contenders::default();
    for span in spans.iter() {
        contenders.entry((span.pattern, span.cue)).or_insert_with(|| {
            let mut ranked = ranked(span, gazetteer, context, &Nearby::default());
            if let Some(&(_, best)) = ranked.first() {
                ranked.retain(|&(_, s)| s >= best - MAX_NEARBY);
            }
            ranked
        });
    }
    let mut nearby = Nearby::default();
    for _ in 0..NEARBY_ROUNDS {
        nearby = Nearby::of(spans, gazetteer, &contenders, &nearby);
        if nearby.points.iter().all(|p| p.pattern == nearby.points[0].pattern) {
            break;
        }
    }
    let mut chosen: FxHashMap<(usize, Cue), Option<u32>> = FxHashMap::default();
    for span in spans.iter_mut() {
        let key = (span.pattern, span.cue);
        span.chosen = *chosen.entry(key).or_insert_with(|| {
            let scores = with_nearby(span.pattern, &contenders[&key], gazetteer, &nearby);
            scores.into_iter().min_by(rank_order).map(|(r, _)| r)
        });
    }
    choose_pairs(text, spans, gazetteer, context, &nearby);
}

/// Chooses each "A, B" pair's records together, where B contains A.
fn choose_pairs(
    text: &str,
    spans: &mut [Span],
    gazetteer: &Gazetteer,
    context: &Context<'_>,
    nearby: &Nearby,
) {
    // "A, B" where B contains A: choose the pair together.
    for i in 1..spans.len() {
        let (left, right) = spans.split_at_mut(i);
        let (a, b) = (&mut left[i - 1], &mut right[0]);
        let between = &text[a.end..b.start];
        if between != ", " {
            continue;
        }
        let a_ranked = ranked(a, gazetteer, context, nearby);
        let b_ranked = ranked(b, gazetteer, context, nearby);
        let mut best: Option<(f64, u32, u32)> = None;
        for &(ra, sa) in a_ranked.iter().take(MAX_PAIR_CANDIDATES) {
            for &(rb, sb) in b_ranked.iter().take(MAX_PAIR_CANDIDATES) {
                let (x, y) = (gazetteer.record(ra), gazetteer.record(rb));
                let contains = x.country == y.country
                    && match y.kind {
                        Kind::Country => x.kind != Kind::Country,
                        Kind::Admin1 => matches!(x.kind, Kind::Place | Kind::Admin2) && x.admin1 == y.name(),
                        Kind::Admin2 | Kind::Place | Kind::Region => false,
                    };
                if contains && best.is_none_or(|(s, _, _)| sa + sb > s) {
                    best = Some((sa + sb, ra, rb));
                }
            }
        }
        if let Some((_, ra, rb)) = best {
            a.chosen = Some(ra);
            b.chosen = Some(rb);
        }
    }
}
