//! Who says an event happened, how sure the article is, and whether it happened at all.
//!
//! - Reporter: the subject of a reporting verb in the sentence ("the defence ministry in
//!   Moscow said"), the actor after "according to" ("according to the Armenian account"),
//!   the speaker of a quote the trigger stands in, or the source of an accusation the event
//!   is embedded in ("accused Armenians of shelling"). None named: the outlet.
//! - Status: a reporter that is a party to a material event (an attack, a seizure), a
//!   claiming verb ("claimed", "alleged") or a hedge on the event ("allegedly") make it
//!   `claimed`; a party speaking of its own statement (a call, an apology) is asserting it.
//! - Modality: negation, future, hypothetical and demand cues between the subject and the
//!   trigger.
//! - Denials: "X denied it", "said the claim was false" attach to the nearest earlier
//!   claimed event by another side (same sentence or the two before), making it
//!   `disputed`; a denial with its own event after it ("denied attacking") denies that.
//!
//! The words that make a reporting cue a noun, open a relative clause or a condition are
//! lists of `data/events/` ([`Words`]).

use faultline_model::{EventActor, Modality, Quote, Status};

use crate::lexicon::CueKind;
use crate::matcher::CueMatch;
use crate::mentions::Mention;
use crate::roles::subject_before;
use crate::tokens::Token;
use crate::words::Words;

/// How many tokens before a trigger its negation or modal cue may stand.
const MODAL_REACH: usize = 6;

/// A reporting verb of a sentence and who it attributes to.
#[derive(Debug, Clone)]
pub struct Report {
    pub reporter: Vec<EventActor>,
    pub claims: bool,
    /// The cue may attribute events before it: it ends the sentence or is "according to".
    pub closes_sentence: bool,
    /// Token span of the cue.
    pub first: usize,
    pub last: usize,
}

/// The reporting cues of a sentence with their reporters.
pub fn reports(tokens: &[Token], words: &Words, mentions: &[Mention], cues: &[CueMatch]) -> Vec<Report> {
    let mut found = Vec::new();
    for cue in cues.iter().filter(|c| matches!(c.kind, CueKind::Report | CueKind::Claim)) {
        let according = tokens[cue.first].is("according");
        // "according to reports", "the claims": nouns, not reporting verbs.
        // A capitalised one mid-sentence is part of a name ("the United States urged").
        let noun_use = cue.first > 0
            && (words.report_noun_markers.contains(tokens[cue.first - 1].lower)
                || tokens[cue.first].capitalized);
        if noun_use {
            continue;
        }
        let after = || {
            mentions
                .iter()
                .find(|m| m.first > cue.last && m.first <= cue.last + 4 && !m.generic)
                .map(|m| vec![m.actor.clone()])
                .unwrap_or_default()
        };
        let reporter = if according {
            after()
        } else {
            let before: Vec<EventActor> = subject_before(tokens, words, mentions, cue.first, false)
                .iter()
                .map(|m| m.actor.clone())
                .collect();
            // "..., said the ministry": the subject stands after the verb.
            let inverted = cue.first > 0 && (tokens[cue.first - 1].is(",") || tokens[cue.first - 1].is("\""));
            if before.is_empty() || inverted {
                after().into_iter().chain(before).take(1).collect()
            } else {
                before
            }
        };
        // A reporting verb after the events it reports closes the sentence: "..., X said."
        // (not a relative clause: "..., which Yerevan claimed to be insufficient").
        let clause_start = tokens[..cue.first].iter().rposition(|t| !t.is_word).map_or(0, |at| at + 1);
        let relative = tokens.get(clause_start).is_some_and(|t| words.relative_openers.contains(t.lower));
        let closes_sentence =
            according || !relative && tokens[cue.last + 1..].iter().filter(|t| t.is_word).count() <= 6;
        found.push(Report {
            reporter,
            claims: cue.kind == CueKind::Claim,
            first: cue.first,
            last: cue.last,
            closes_sentence,
        });
    }
    found
}

/// The quote a byte offset stands in, if any.
pub fn quote_at<'q>(quotes: &[&'q Quote], at: usize) -> Option<&'q Quote> {
    quotes.iter().copied().find(|q| q.spans.iter().any(|s| s.start <= at && at < s.end))
}

pub fn speaker_actor(quote: &Quote) -> Option<EventActor> {
    quote.speaker.as_ref().map(|s| EventActor {
        id: s.id.clone(),
        name: s.name.clone(),
        country: s.country.clone(),
        sector: None,
    })
}

/// The status of an event given its reporter, whether the wording claims or hedges it.
pub fn status_of(
    words: &Words,
    event_type: &str,
    source: &[EventActor],
    target: &[EventActor],
    reporter: &[EventActor],
    claimed_wording: bool,
) -> Status {
    if claimed_wording {
        return Status::Claimed;
    }
    let countries =
        |actors: &[EventActor]| actors.iter().filter_map(|a| a.country.clone()).collect::<Vec<_>>();
    let reporter_countries = countries(reporter);
    let is_party = |side: &[EventActor]| countries(side).iter().any(|c| reporter_countries.contains(c));
    let verbal = words.statement_types.contains(event_type);
    let self_statement = verbal && is_party(source);
    // A state reporting an attack with no named target speaks for the side attacked.
    let state_reporter = reporter
        .iter()
        .any(|a| a.id.starts_with("COUNTRY:") || matches!(a.sector.as_deref(), Some("GOV" | "MIL")));
    let unnamed_victim = !verbal && target.is_empty() && state_reporter;
    let party = !reporter_countries.is_empty() && (is_party(source) || is_party(target));
    if !self_statement && (party || unnamed_victim) { Status::Claimed } else { Status::Asserted }
}

/// The modality cue between a trigger and its subject, nearest the trigger first; a
/// condition ("if", "unless") opening the trigger's clause makes it hypothetical.
pub fn modality(
    tokens: &[Token],
    words: &Words,
    cues: &[CueMatch],
    first: usize,
    subject_end: Option<usize>,
) -> Modality {
    let clause_start =
        tokens[..first].iter().rposition(|t| t.is(",") || t.is_clause_break()).map_or(0, |at| at + 1);
    let conditional = tokens[clause_start..first].iter().any(|t| words.conditionals.contains(t.lower));
    if conditional {
        return Modality::Hypothetical;
    }
    let from = subject_end.map_or(0, |end| end + 1).max(first.saturating_sub(MODAL_REACH));
    let mut found = Modality::Actual;
    for cue in cues.iter().filter(|c| c.first >= from && c.last < first) {
        // "in May" is a month, not a modal.
        if tokens[cue.first].is("may") && cue.first > 0 && tokens[cue.first - 1].is("in") {
            continue;
        }
        let mode = match cue.kind {
            CueKind::Negation | CueKind::Refusal => Modality::Negated,
            CueKind::Future => Modality::Future,
            CueKind::Hypothetical => Modality::Hypothetical,
            CueKind::Demand => Modality::Demanded,
            _ => continue,
        };
        // The cue nearest the trigger decides, but a negation anywhere in the window wins.
        if found != Modality::Negated {
            found = mode;
        }
    }
    found
}

/// Whether a refusal ("refused to") stands between the subject and the trigger.
pub fn refused(cues: &[CueMatch], first: usize, subject_end: Option<usize>) -> bool {
    let from = subject_end.map_or(0, |end| end + 1).max(first.saturating_sub(MODAL_REACH));
    cues.iter().any(|c| c.kind == CueKind::Refusal && c.first >= from && c.last < first)
}

/// Whether a hedge ("allegedly") stands just before the trigger.
pub fn hedged(cues: &[CueMatch], first: usize) -> bool {
    cues.iter().any(|c| c.kind == CueKind::Hedge && c.last < first && first - c.last <= 3)
}
