//! The event stage: from an annotated article (sentences, numbers, times, actors, places,
//! quotes) to coded events in PLOVER's vocabulary and standing relations between actors.
//!
//! Per sentence: trigger patterns from `data/events/triggers.tsv` are matched on the
//! words ([`matcher`]); each match becomes an event whose source and target are read from
//! the actor mentions around it ([`mentions`], [`roles`]); casualty figures are attached
//! ([`casualties`]); time, place, instrument and the background flag are read from the
//! clause ([`setting`]); reporter, status and modality from the reporting verbs, quotes and
//! cues ([`attribution`]). Several triggers of one happening in a sentence ("shot down the
//! helicopter, killing two") are one event. Across the article, denials are linked to the
//! claims they deny, and the same happening told twice (a standfirst and the body) is
//! merged into one event with the evidence of both ([`merge`]). Statements about acts that
//! have not happened (promises, threats, demands, refusals, accusations) are events of
//! their own beside the act ([`stances`]). Explanations of a cause ("officials cited a bird
//! strike") are kept as attributed alternatives of the incident. Relations come from
//! `data/events/relations.tsv` and from SUPPORT events ([`relations`]).
//!
//! One event per target: "called Macron, Michel and Raisi" is one CONSULT event with three
//! targets, since the words name one act; distinct acts in a sentence are distinct events.
//!
//! All the wording is data: the tables of `data/events/` and its word lists ([`words`]),
//! whose closed classes (prepositions, determiners, forms of "be" ...) come from
//! `data/lexicon/`; a [`Lexicon`] is loaded from a [`faultline_knowledge::Knowledge`], so a
//! user's dictionary folder extends it.

mod attribution;
mod casualties;
mod factuality;
mod lexicon;
mod matcher;
mod mentions;
mod merge;
mod plausible;
mod relations;
mod roles;
mod setting;
mod spans;
mod stances;
mod tokens;
mod words;

use std::collections::HashMap;

use chrono::NaiveDate;
use faultline_model::{
    Alternative, Entity, EntityKind, Event, EventActor, Evidence, Modality, NumberMention, Place, Quote,
    Relation, Sentence, Status, TimeMention,
};

pub use lexicon::{Lexicon, LexiconError, RowProblem};

use crate::casualties::Figure;
use crate::lexicon::CueKind;
use crate::matcher::CueMatch;
use crate::mentions::{Context, Mention};

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
    /// ISO3 → country name, for naming actors built from demonyms.
    pub country_names: &'a HashMap<String, String>,
}

/// The events and relations of one article.
#[derive(Debug, Clone, Default)]
pub struct Coded {
    pub events: Vec<Event>,
    pub relations: Vec<Relation>,
}

/// An event under construction, with where it stands in the article.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub event: Event,
    pub sentence: usize,
    /// Byte span of the trigger.
    pub trigger_start: usize,
    pub trigger_end: usize,
    /// The act is refused ("refused to lift the curfew"): its refusal is a REJECT.
    pub refused: bool,
    /// The trigger names another happening than those told before ("another attack", "the
    /// latest shelling"): never merged into an earlier event as its retelling.
    pub fresh: bool,
    /// The trigger is a noun that refers back to a happening already told ("the attack",
    /// "such an attack"): a retelling even where its status or toll differs.
    pub refers_back: bool,
    /// The trigger pattern's own confidence, before modality and roles lowered it.
    pub trigger_confidence: f64,
    /// The trigger acts on someone (not "protesters rallied"): without a target a weak one
    /// is more often another sense of the word.
    pub expects_target: bool,
    /// What the triggers say by their words alone.
    pub wording: plausible::Wording,
    /// How plausible an ASSAULT's violent reading is (None for other types).
    pub reading: Option<plausible::Reading>,
}

/// Codes the events and relations of one article.
pub fn find_events(input: &Input<'_>, lexicon: &Lexicon) -> Coded {
    let context = Context { lexicon, country_names: input.country_names };
    let dating = setting::Dating::of(input.published, input.times);
    let words = &lexicon.words;
    let outlet = input.outlet.map(|name| EventActor {
        id: format!("OUTLET:{}", name.to_lowercase().replace(' ', "-")),
        name: name.to_string(),
        country: None,
        sector: Some("MED".to_string()),
    });
    let mut drafts: Vec<Draft> = Vec::new();
    let mut relations = Vec::new();
    let mut denials = Vec::new();
    let mut explanations: Vec<(usize, Alternative)> = Vec::new();
    // Where an explanation names weapons ("other accounts point to a missile strike").
    let mut armed_explanations: Vec<usize> = Vec::new();
    let mut last_country = None;
    // The narrative time: the last date named in the paragraph so far.
    let mut narrative: Option<(usize, &TimeMention)> = None;
    let mut lowered = tokens::Lowered::default();
    let entity_index = spans::ByStart::new(input.entities, |e| (e.start, e.end));
    let time_index = spans::ByStart::new(input.times, |t| (t.start, t.end));
    let place_index = spans::ByStart::new(input.places, |p| (p.start, p.end));
    let number_index = spans::ByStart::new(input.numbers, |n| (n.start, n.end));
    let mut quote_sweep = spans::QuoteSweep::new(input.quotes);
    let mut relation_keys = std::collections::HashSet::new();
    for (index, sentence) in input.sentences.iter().enumerate() {
        if sentence.end > input.text.len() || !input.text.is_char_boundary(sentence.start) {
            continue;
        }
        let mut tokens = tokens::tokenize(input.text, sentence.start, sentence.end, &mut lowered);
        let entities = entity_index.inside(sentence.start, sentence.end);
        let times = time_index.inside(sentence.start, sentence.end);
        let places = place_index.inside(sentence.start, sentence.end);
        let numbers = number_index.inside(sentence.start, sentence.end);
        let quotes = quote_sweep.overlapping(sentence.start, sentence.end);
        let mentions = mentions::find_mentions(&tokens, &entities, &context, &mut last_country);
        let cues = matcher::find_cues(&tokens, lexicon);
        for cue in
            cues.iter().filter(|c| matches!(c.kind, CueKind::Report | CueKind::Claim | CueKind::Denial))
        {
            let noun_use = cue.first > 0
                && (words.cue_noun_markers.contains(tokens[cue.first - 1].lower)
                    || tokens[cue.first].capitalized);
            if !noun_use && !tokens[cue.first].is("according") {
                tokens[cue.last].reports = true;
            }
        }
        if narrative.is_some_and(|(paragraph, _)| paragraph != sentence.paragraph) {
            narrative = None;
        }
        let inherited = narrative.map(|(_, time)| time);
        let reports = attribution::reports(&tokens, words, &mentions, &cues);
        let scene = Scene {
            reports: &reports,
            inherited,
            dating,
            input,
            lexicon,
            index,
            sentence,
            tokens: &tokens,
            mentions: &mentions,
            cues: &cues,
            entities: &entities,
            times: &times,
            places: &places,
            numbers: &numbers,
            quotes: &quotes,
            outlet: outlet.as_ref(),
        };
        let mut found = scene.code();
        denials.extend(scene.denials(&found));
        for (at, alternative, armed) in scene.explanations() {
            if armed {
                armed_explanations.push(at);
            }
            explanations.push((at, alternative));
        }
        for relation in relations::find(&scene, &found) {
            if relation_keys.insert(relation_key(&relation)) {
                relations.push(relation);
            }
        }
        drafts.append(&mut found);
        let mut dated = times.iter().filter(|t| t.resolved && t.kind != faultline_model::TimeType::Duration);
        if let Some(last) = dated.next_back() {
            narrative = Some((sentence.paragraph, last));
        }
    }
    keep_plausible_violence(
        &mut drafts,
        &armed_explanations,
        input.sentences.len(),
        plausible::short_text(input.text),
    );
    merge::apply_denials(&mut drafts, &denials);
    let mut events = merge::merge(drafts);
    for (number, event) in events.iter_mut().enumerate() {
        event.id = format!("{}-e{}", input.article_id, number + 1);
        casualties::assign_to_single_target(event);
    }
    attach_explanations(&mut events, &explanations);
    locate_actors_by_place(&mut events, &lexicon.words);
    Coded { events, relations }
}

/// Gives actors whose country is the place they act in the country of the event's place, as
/// ACLED and UCDP code them: the armed groups that act in many countries
/// (`transnational_actors`: the Islamic State of an attack in Iraq is Iraq's), and groups the
/// text names by kind alone ("people", "gunmen", "police": ACLED's "Civilians (Iraq)"). An
/// actor with a country of its own keeps it; an unplaced event changes nothing.
fn locate_actors_by_place(events: &mut [Event], words: &words::Words) {
    for event in events.iter_mut() {
        let Some(country) = event.place.as_ref().and_then(|p| p.country.clone()) else { continue };
        for actor in event.source.iter_mut().chain(event.target.iter_mut()) {
            let unnamed_group = actor.country.is_none() && actor.id.starts_with(mentions::GENERIC_PREFIX);
            if unnamed_group || words.transnational_actors.contains(actor.id.as_str()) {
                actor.country = Some(country.clone());
            }
        }
    }
}

/// One sentence and everything the rules read from it.
pub(crate) struct Scene<'a> {
    pub input: &'a Input<'a>,
    pub lexicon: &'a Lexicon,
    pub index: usize,
    pub sentence: &'a Sentence,
    pub tokens: &'a [tokens::Token<'a>],
    pub mentions: &'a [Mention],
    pub cues: &'a [CueMatch],
    pub entities: &'a [&'a Entity],
    pub times: &'a [&'a TimeMention],
    pub places: &'a [&'a Place],
    pub numbers: &'a [&'a NumberMention],
    /// The quotes with words in this sentence.
    pub quotes: &'a [&'a Quote],
    pub outlet: Option<&'a EventActor>,
    /// The time the paragraph's earlier sentences set, for a sentence that names none.
    pub inherited: Option<&'a TimeMention>,
    /// What the article's events are dated against.
    pub dating: setting::Dating,
    /// The sentence's reporting verbs and who they attribute to.
    pub reports: &'a [attribution::Report],
}

/// A denial found in a sentence: who denies, and whether it points back at a claim.
#[derive(Debug, Clone)]
pub(crate) struct Denial {
    pub sentence: usize,
    pub denier: Vec<EventActor>,
    /// Byte offset of the denial word.
    pub at: usize,
    pub evidence: Evidence,
}

impl Scene<'_> {
    fn evidence(&self) -> Evidence {
        let (start, end) = (self.sentence.start, self.sentence.end);
        Evidence { start, end, text: self.input.text[start..end].to_string() }
    }

    /// The events of this sentence.
    fn code(&self) -> Vec<Draft> {
        let tokens = self.tokens;
        let words = &self.lexicon.words;
        let matches = matcher::find_matches(tokens, words, &self.lexicon.triggers);
        let reports = self.reports;
        let (times, places) = (self.times, self.places);
        let figures = casualties::find_figures(tokens, self.numbers, self.mentions, self.cues, self.lexicon);
        // Casualty words that are themselves triggers ("killing") belong to the event.
        let mut drafts: Vec<(Draft, usize)> = Vec::new();
        // Triggers that frame what follows them: an accusation (its source claims what it
        // accuses of) or a request (what follows is demanded).
        let mut accusers: Vec<(usize, Vec<EventActor>, Vec<EventActor>)> = Vec::new();
        let mut requests: Vec<usize> = Vec::new();
        for found in &matches {
            let pattern = &self.lexicon.triggers.patterns[found.pattern];
            if reports.iter().any(|r| r.first <= found.last && found.first <= r.last)
                && pattern.confidence < 0.7
            {
                continue;
            }
            // "Iran-backed militias": a hyphenated compound is an adjective (the relations
            // read it), not an act.
            let in_compound = found.first > 0 && tokens[found.first - 1].joined_to_next;
            if adjectival_participle(tokens, words, found.head, pattern.head_class)
                || in_compound
                || factuality::compound_modifier(tokens, found)
                || factuality::object_sense(tokens, words, found.head)
            {
                continue;
            }
            // "Merrill Lynch", "Cloud Shell": a name, not an act; "243 pounds", "a flu
            // shot" after a determiner: the verb's other noun.
            if plausible::part_of_a_name(tokens, found)
                || pattern.head_class == lexicon::HeadClass::Verb
                    && plausible::other_noun_sense(tokens, words, found.head)
            {
                continue;
            }
            // The verb of a statement about another act just before this trigger.
            let verb_before = matches
                .iter()
                .filter(|m| m.last < found.first)
                .filter(|m| {
                    let earlier = &self.lexicon.triggers.patterns[m.pattern];
                    earlier.head_class == lexicon::HeadClass::Verb
                        && words.speech_types.contains(&earlier.label)
                        && earlier.confidence >= 0.7
                        && !reports.iter().any(|r| r.first <= m.last && m.first <= r.last)
                        && !matcher::used_as_noun(tokens, words, m.head)
                        && !tokens[m.head].lower.ends_with("ing")
                })
                .map(|m| m.last)
                .max();
            let roled = roles::assign(tokens, words, self.mentions, found, pattern, verb_before);
            // A weak transitive trigger ("called", "hit") counts only with its object right
            // after it.
            let transitive = pattern.roles == lexicon::Roles::AgentPatient;
            if transitive
                && pattern.confidence < 0.6
                && roled.object_start.is_none_or(|at| at > found.last + 3)
            {
                continue;
            }
            let trigger_start = tokens[found.first].start;
            let trigger_end = tokens[found.last].end;
            let mut modality =
                attribution::modality(tokens, words, self.cues, found.first, roled.subject_end);
            if requests.iter().any(|&at| at < found.first) {
                modality = Modality::Demanded;
            }
            // "met ... to discuss", "committed to supporting", "in support of", "reiterate
            // their support", "regularly meets", "did you discuss ...?": a purpose, a
            // commitment, a circumstance, a standing position, a habit or a question, not an
            // act told as done.
            let verb = pattern.head_class == lexicon::HeadClass::Verb;
            if modality == Modality::Actual
                && (factuality::purpose_infinitive(tokens, words, found, verb)
                    || factuality::in_purpose_phrase(tokens, words, found.head)
                    || factuality::restated_support(tokens, words, found, &pattern.label)
                    || factuality::habitual(tokens, words, found)
                    || factuality::asked(tokens))
            {
                modality = Modality::Hypothetical;
            }
            // "women can be harassed, attacked by robbers or raped": the last act of a list
            // shares the modality of the act the list opened with.
            let coordinated =
                found.first > 0 && words.list_conjunctions.contains(tokens[found.first - 1].lower);
            if modality == Modality::Actual
                && coordinated
                && let Some((previous, head)) = drafts.last()
                && previous.event.modality != Modality::Actual
                && *head < found.first
                && !tokens[*head..found.first].iter().any(|t| t.is_clause_break() || t.is(".") || t.reports)
            {
                modality = previous.event.modality;
            }
            // Reporter: a quote's speaker, an accusation it is embedded in, a reporting verb.
            let quote = attribution::quote_at(self.quotes, trigger_start);
            let accuser =
                accusers.iter().rev().find(|(at, actors, _)| *at < found.first && !actors.is_empty());
            let report = reports
                .iter()
                .filter(|r| !r.reporter.is_empty() && (r.first < found.first || r.closes_sentence))
                .min_by_key(|r| r.first.abs_diff(found.first));
            let (reporter, claims) = if let Some(speaker) = quote.and_then(attribution::speaker_actor) {
                (vec![speaker], false)
            } else if let Some((_, actors, _)) = accuser {
                (actors.clone(), true)
            } else if let Some(report) = report {
                (report.reporter.clone(), report.claims)
            } else {
                (Vec::new(), false)
            };
            let hedge = attribution::hedged(self.cues, found.first);
            let status = attribution::status_of(
                words,
                &pattern.label,
                &roled.source,
                &roled.target,
                &reporter,
                claims || hedge,
            );
            let claimed_by = match status {
                Status::Claimed if reporter.is_empty() && hedge => {
                    // "allegedly came under fire" with no one named: the side hit says so.
                    let victim = if roled.target.is_empty() { &roled.source } else { &roled.target };
                    victim.clone()
                }
                Status::Claimed => reporter.clone(),
                _ => Vec::new(),
            };
            let reported_by =
                if reporter.is_empty() { self.outlet.cloned().into_iter().collect() } else { reporter };
            if pattern.label == "ACCUSE" && modality == Modality::Actual {
                accusers.push((found.last, roled.source.clone(), roled.target.clone()));
            }
            if pattern.label == "REQUEST" && modality == Modality::Actual {
                requests.push(found.last);
            }
            let time = setting::clause_time(times, trigger_start).or(self.inherited);
            let background_reason = setting::background_reason(
                tokens,
                words,
                times,
                time,
                self.cues,
                (found.first, found.last),
                self.dating,
            );
            let mut confidence = pattern.confidence;
            let mut source = roled.source;
            if roled.participle
                && let Some((previous, _)) = drafts.last()
                && !previous.event.source.is_empty()
            {
                source = previous.event.source.clone();
            }
            // "accused Russia of shelling": the accused is the one said to act (not when the
            // words read it as the act's victims: "accused ... of killing 106 protesters").
            if let Some((_, accuser_actors, accused)) =
                accusers.iter().rev().find(|(at, actors, _)| *at < found.first && !actors.is_empty())
                && !accused.is_empty()
                && !accused.iter().any(|a| roled.target.iter().any(|t| t.id == a.id))
                && (source.is_empty() || source.iter().all(|s| accuser_actors.iter().any(|a| a.id == s.id)))
            {
                source = accused.clone();
            }
            // "staged a hunger strike to demand ...", "demonstrated, calling for ...", "a
            // resolution demanding ...": an infinitive or participle after another trigger
            // is that act's purpose or content, done by the same actor.
            let head_word = tokens[found.head].lower;
            let progressive =
                found.head > 0 && words.progressive_auxiliaries.contains(tokens[found.head - 1].lower);
            let participle =
                head_word.ends_with("ing") && !progressive && pattern.head_class == lexicon::HeadClass::Verb;
            let infinitive = found.first > 0 && tokens[found.first - 1].is("to");
            if (infinitive || participle) && !drafts.is_empty() {
                confidence *= 0.8;
                if source.is_empty() {
                    source = drafts.last().map(|(d, _)| d.event.source.clone()).unwrap_or_default();
                }
            }
            confidence *= match modality {
                Modality::Actual => 1.0,
                Modality::Future | Modality::Demanded => 0.7,
                Modality::Negated | Modality::Hypothetical => 0.6,
            };
            if source.is_empty() {
                confidence *= 0.8;
            }
            if hedge {
                confidence *= 0.85;
            }
            let instrument = self.instrument(trigger_start);
            let mode =
                self.mode_words(&pattern.label, found.first, found.last).or_else(|| pattern.mode.clone());
            let mut event = Event::new(
                &pattern.label,
                self.input.text[trigger_start..trigger_end].to_string(),
                self.evidence(),
                pattern.id.clone(),
                (confidence * 100.0).round() / 100.0,
            );
            event.mode = mode;
            event.source = source;
            // Who acts is not who is acted on ("Iran blamed Israel for the blast": Israel is
            // the blast's source, not its target), unless both sides act on each other.
            event.target = if pattern.roles == lexicon::Roles::Mutual {
                roled.target
            } else {
                roled.target.into_iter().filter(|t| !event.source.iter().any(|s| s.id == t.id)).collect()
            };
            event.place = setting::clause_place(
                tokens,
                words,
                places,
                self.entities,
                found.last,
                // A protest is said and done: it takes place where it is held.
                words.statement_types.contains(&pattern.label)
                    && !words.material_types.contains(&pattern.label),
                matches.iter().map(|m| m.first).filter(|&first| first > found.last).min(),
            );
            event.time = Some(setting::event_time(time, self.input.published));
            event.instrument = instrument;
            event.status = status;
            event.claimed_by = claimed_by;
            event.reported_by = reported_by;
            event.modality = modality;
            event.background = background_reason.is_some();
            event.background_reason = background_reason;
            let refused = attribution::refused(self.cues, found.first, roled.subject_end);
            let trigger_confidence = pattern.confidence;
            let expects_target = pattern.roles != lexicon::Roles::Agent;
            let harm_only = self.cues.iter().any(|c| {
                matches!(c.kind, CueKind::Killed | CueKind::Injured | CueKind::Captured | CueKind::Missing)
                    && c.first <= found.head
                    && found.head <= c.last
            });
            let draft = Draft {
                event,
                sentence: self.index,
                trigger_start,
                trigger_end,
                refused,
                fresh: fresh_mention(tokens, words, found.first),
                refers_back: refers_back(tokens, words, found.first),
                trigger_confidence,
                expects_target,
                wording: plausible::Wording {
                    specific: pattern.confidence >= plausible::SPECIFIC,
                    harm_only,
                    general: plausible::general(tokens, words, found.first, found.head),
                    quoted: plausible::quoted(tokens, found.first, found.last),
                },
                reading: None,
            };
            drafts.push((draft, found.head));
        }
        let mut drafts = merge::within_sentence(drafts);
        let derived = stances::derive(&drafts, reports, &self.lexicon.words);
        drafts.extend(derived);
        self.attach_figures(&mut drafts, &figures, times);
        self.read_violence(&mut drafts);
        drafts.retain(|(draft, _)| {
            let event = &draft.event;
            // A weak trigger with nobody acted on is more often another sense of the word.
            let weak_and_alone =
                draft.trigger_confidence < 0.55 && event.target.is_empty() && draft.expects_target;
            // With no actor named, an event stands on a sure trigger ("protests erupted in
            // Tehran"), its place or its casualties; ACLED codes such events with
            // unidentified actors.
            let has_content = !event.source.is_empty()
                || !event.target.is_empty()
                || !event.fatalities.is_empty()
                || !event.injuries.is_empty()
                || self.lexicon.words.material_types.contains(&event.event_type)
                    && (event.place.is_some() || draft.trigger_confidence >= 0.75);
            // "aid convoys", "food aid": aid with no one before it who could give it is a
            // thing, not an act.
            let giverless = event.source.is_empty()
                && self.lexicon.words.giver_types.contains(&event.event_type)
                && !self.mentions.iter().any(|m| !m.generic && tokens[m.last].end <= draft.trigger_start);
            !weak_and_alone && has_content && !giverless
        });
        drafts.into_iter().map(|(draft, _)| draft).collect()
    }

    /// Gives each ASSAULT of the sentence its [`plausible::Reading`].
    fn read_violence(&self, drafts: &mut [(Draft, usize)]) {
        if !drafts.iter().any(|(draft, _)| draft.event.event_type == "ASSAULT") {
            return;
        }
        let words = &self.lexicon.words;
        let domain = plausible::Domain::of(self.tokens, words).with_harm(self.tokens, self.cues, words);
        for (draft, head) in drafts.iter_mut().filter(|(draft, _)| draft.event.event_type == "ASSAULT") {
            let (first, last) = mentions::token_range(self.tokens, draft.trigger_start, draft.trigger_end)
                .unwrap_or((*head, *head));
            draft.reading =
                Some(plausible::reading(&draft.event, draft.wording, &domain, words, first, last));
        }
    }

    /// Adds casualty figures to the nearest assault of the sentence; figures of violence
    /// with no event to hold them make an ASSAULT of their own.
    fn attach_figures(&self, drafts: &mut Vec<(Draft, usize)>, figures: &[Figure], times: &[&TimeMention]) {
        if figures.is_empty() {
            return;
        }
        let holder = |drafts: &Vec<(Draft, usize)>, figure: &Figure| -> Option<usize> {
            let nearest = |filter: &dyn Fn(&Event) -> bool| {
                drafts
                    .iter()
                    .enumerate()
                    .filter(|(_, (draft, _))| filter(&draft.event))
                    .min_by_key(|(_, (_, head))| head.abs_diff(figure.cue_token))
                    .map(|(index, _)| index)
            };
            nearest(&|e: &Event| e.event_type == "ASSAULT").or_else(|| {
                if figure.by_violence {
                    None
                } else {
                    nearest(&|e: &Event| {
                        !self.lexicon.words.statement_types.contains(&e.event_type)
                            || e.event_type == "CONCEDE"
                    })
                }
            })
        };
        let mut assigned: Vec<Vec<&Figure>> = vec![Vec::new(); drafts.len()];
        let mut orphans = Vec::new();
        for figure in figures {
            match holder(drafts, figure) {
                Some(index) => assigned[index].push(figure),
                None => orphans.push(figure),
            }
        }
        if orphans.iter().any(|f| f.by_violence) {
            let first = orphans.iter().map(|f| f.cue_token).min().unwrap_or(0);
            drafts.push((self.casualty_event(first, times), first));
            assigned.push(orphans);
        }
        for ((draft, _), figures) in drafts.iter_mut().zip(assigned) {
            let event = &mut draft.event;
            let target_countries: Vec<&str> =
                event.target.iter().filter_map(|a| a.country.as_deref()).collect();
            let default_side = match target_countries.as_slice() {
                [one] => Some(*one),
                _ => None,
            };
            let of_kind =
                |kind: CueKind| figures.iter().copied().filter(|f| f.kind == kind).collect::<Vec<_>>();
            event.fatalities = casualties::tally(&of_kind(CueKind::Killed), default_side);
            event.injuries = casualties::tally(&of_kind(CueKind::Injured), default_side);
            event.captured = casualties::tally(&of_kind(CueKind::Captured), default_side);
            event.missing = casualties::tally(&of_kind(CueKind::Missing), default_side);
            if event.target.is_empty() {
                for side in event.fatalities.by_side.iter().chain(&event.injuries.by_side) {
                    if let Some(country) = &side.country {
                        let military = figures.iter().any(|f| f.military);
                        let actor = mentions::Context {
                            lexicon: self.lexicon,
                            country_names: self.input.country_names,
                        }
                        .sector_actor(
                            country,
                            Some(if military { "MIL" } else { "CVL" }),
                            "",
                        );
                        if !event.target.iter().any(|a| a.id == actor.id) {
                            event.target.push(actor);
                        }
                    }
                }
            }
        }
    }

    /// An ASSAULT read from a casualty report alone ("99 soldiers were killed").
    fn casualty_event(&self, cue_token: usize, times: &[&TimeMention]) -> Draft {
        let token = &self.tokens[cue_token];
        let time = setting::clause_time(times, token.start).or(self.inherited);
        let words = &self.lexicon.words;
        let background_reason = setting::background_reason(
            self.tokens,
            words,
            times,
            time,
            self.cues,
            (cue_token, cue_token),
            self.dating,
        );
        let source: Vec<EventActor> = self
            .mentions
            .iter()
            .find(|m| m.first > cue_token && m.preposition.as_deref() == Some("by"))
            .map(|m| vec![m.actor.clone()])
            .unwrap_or_default();
        let reports = self.reports;
        let reporter =
            reports.iter().find(|r| !r.reporter.is_empty()).map(|r| r.reporter.clone()).unwrap_or_default();
        let places = self.places;
        let mut event = Event::new(
            "ASSAULT",
            self.input.text[token.start..token.end].to_string(),
            self.evidence(),
            format!("casualties:{}", token.lower),
            0.6,
        );
        event.source = source;
        event.place =
            setting::clause_place(self.tokens, words, places, self.entities, cue_token, false, None);
        event.time = Some(setting::event_time(time, self.input.published));
        event.instrument = self.instrument(token.start);
        event.reported_by =
            if reporter.is_empty() { self.outlet.cloned().into_iter().collect() } else { reporter };
        event.modality = attribution::modality(self.tokens, words, self.cues, cue_token, None);
        event.background = background_reason.is_some();
        event.background_reason = background_reason;
        Draft {
            event,
            sentence: self.index,
            trigger_start: token.start,
            trigger_end: token.end,
            refused: false,
            fresh: false,
            refers_back: false,
            trigger_confidence: 0.6,
            expects_target: true,
            wording: plausible::Wording { specific: false, harm_only: true, general: false, quoted: false },
            reading: None,
        }
    }

    /// The mode that words inside the trigger or just before it name ("small arms fire",
    /// "a drone attack"), from `data/events/modes.tsv`.
    fn mode_words(&self, event_type: &str, first: usize, last: usize) -> Option<String> {
        let words: Vec<&str> = self.tokens.iter().map(|t| t.lower).collect();
        (first.saturating_sub(3)..=last)
            .find_map(|at| self.lexicon.mode_at(event_type, &words[at..]))
            .map(|(mode, _)| mode.to_string())
    }

    /// The equipment named in the sentence nearest a trigger ("Mi-24 helicopter").
    fn instrument(&self, at: usize) -> Option<String> {
        self.entities
            .iter()
            .filter(|e| e.kind == EntityKind::Equipment)
            .min_by_key(|e| e.start.abs_diff(at))
            .map(|e| e.text.clone())
    }

    /// The explanations of a cause this sentence gives ("officials cited poor weather and a
    /// bird strike"), each with who gives it, at the byte offset of its cue, and whether it
    /// names weapons ("a missile strike").
    fn explanations(&self) -> Vec<(usize, Alternative, bool)> {
        let tokens = self.tokens;
        let mut found = Vec::new();
        for cue in self.cues.iter().filter(|c| c.kind == CueKind::Cause) {
            let end = tokens[cue.last + 1..]
                .iter()
                .position(|t| matches!(t.lower, "," | ";" | "." | ":") || t.is_clause_break())
                .map_or(tokens.len(), |offset| cue.last + 1 + offset);
            if end <= cue.last + 1 {
                continue;
            }
            let (start, stop) = (tokens[cue.last + 1].start, tokens[end - 1].end);
            // Who gives it: the subject of the cue's own clause, not one across a comma; after
            // "and" ("shot down the helicopter and called it an accident"), the sentence's.
            let coordinated = cue.first > 0 && tokens[cue.first - 1].is("and");
            let words = &self.lexicon.words;
            let subject = if coordinated {
                roles::main_subject(tokens, words, self.mentions)
            } else {
                roles::subject_before(tokens, words, self.mentions, cue.first, false)
            };
            let attributed_to: Vec<EventActor> = subject
                .iter()
                .filter(|m| coordinated || !tokens[m.last + 1..cue.first].iter().any(|t| t.is(",")))
                .map(|m| m.actor.clone())
                .collect();
            let (cue_start, sentence_end) = (tokens[cue.first].start, tokens[end - 1].end);
            let armed = plausible::Domain::of(&tokens[cue.last + 1..end], words).names_arms();
            found.push((
                cue_start,
                Alternative {
                    text: self.input.text[start..stop].to_string(),
                    attributed_to,
                    evidence: Evidence {
                        start: cue_start,
                        end: sentence_end,
                        text: self.input.text[cue_start..sentence_end].to_string(),
                    },
                },
                armed,
            ));
        }
        found
    }

    /// The denials of this sentence that do not deny an event of their own sentence.
    fn denials(&self, events: &[Draft]) -> Vec<Denial> {
        let mut found = Vec::new();
        for cue in self.cues.iter().filter(|c| c.kind == CueKind::Denial) {
            let at = self.tokens[cue.first].start;
            let mut denier: Vec<EventActor> = counterpart_or_subject(self, cue.first);
            if denier.is_empty() {
                // "Armenia said the claim was false": the one who says so.
                denier = self
                    .reports
                    .iter()
                    .rfind(|r| r.first < cue.first && !r.reporter.is_empty())
                    .map(|r| r.reporter.clone())
                    .unwrap_or_default();
            }
            // "denied attacking": the event after the denial is its own.
            let own_event = events.iter().any(|d| d.trigger_start > at && d.event.event_type != "REJECT");
            if own_event || denier.is_empty() {
                continue;
            }
            found.push(Denial { sentence: self.index, denier, at, evidence: self.evidence() });
        }
        found
    }
}

/// From how many sentences on an article is long: it must tell supported violence placed
/// in the world twice to be about violence.
const LONG_ARTICLE: usize = 10;

/// Drops the ASSAULTs whose violent reading is not plausible (see [`plausible`]): peaceful
/// ones always, unsupported ones outside an article about real violence, acts told with
/// nothing armed outside such an article or a short text. An incident with casualties that a later explanation ascribes to weapons ("a
/// plane crashed, killing 12 ... others point to a missile strike", at `armed_explanations`)
/// is kept: its cause is disputed, and the explanations become its alternatives.
fn keep_plausible_violence(
    drafts: &mut Vec<Draft>,
    armed_explanations: &[usize],
    article_sentences: usize,
    short_text: bool,
) {
    use plausible::Reading;
    // The sentences that tell supported violence placed in the world.
    let mut placed: Vec<usize> = drafts
        .iter()
        .filter(|d| d.reading == Some(Reading::Supported) && plausible::anchored(&d.event))
        .map(|d| d.sentence)
        .collect();
    placed.dedup();
    // A long article about something else may tell one act of violence in passing (a
    // veteran, a past war); one about violence tells it more than once.
    let real = placed.len() >= if article_sentences < LONG_ARTICLE { 1 } else { 2 };
    let last_armed_explanation = armed_explanations.iter().max();
    let disputed = |d: &Draft| {
        d.event.fatalities.total.is_some() && last_armed_explanation.is_some_and(|&at| at > d.trigger_start)
    };
    drafts.retain(|d| match d.reading {
        None => true,
        Some(_) if disputed(d) => true,
        Some(Reading::Peaceful) => false,
        Some(Reading::Unsupported) => real,
        Some(Reading::Told) => real || short_text,
        Some(_) => true,
    });
}

/// Gives each explanation to the incident it explains, as an alternative account: a
/// non-background ASSAULT of its own sentence, else the latest one with casualties told
/// before it (a crash), else the latest one.
fn attach_explanations(events: &mut [Event], explanations: &[(usize, Alternative)]) {
    for (at, alternative) in explanations {
        let incident = events
            .iter_mut()
            .filter(|e| e.event_type == "ASSAULT" && !e.background)
            .filter(|e| e.evidence.first().is_some_and(|ev| ev.start < *at))
            .max_by_key(|e| {
                let last_told = e.evidence.iter().map(|ev| ev.start).filter(|s| s < at).max();
                let same_sentence = e.evidence.iter().any(|ev| ev.start <= *at && *at < ev.end);
                (same_sentence, !e.fatalities.is_empty(), last_told)
            });
        if let Some(incident) = incident
            && !incident.alternatives.iter().any(|a| a.text == alternative.text)
        {
            incident.alternatives.push(alternative.clone());
        }
    }
}

/// What makes two relations the same: their kind and the sets of actors on each side.
fn relation_key(relation: &Relation) -> (String, Vec<String>, Vec<String>) {
    let ids = |actors: &[EventActor]| {
        let mut ids: Vec<String> = actors.iter().map(|a| a.id.clone()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    (relation.kind.clone(), ids(&relation.source), ids(&relation.target))
}

/// A past participle used as an adjective ("the list of killed citizens", "the targeted
/// outpost"): not an event of its own.
fn adjectival_participle(
    tokens: &[tokens::Token],
    words: &words::Words,
    head: usize,
    class: lexicon::HeadClass,
) -> bool {
    class == lexicon::HeadClass::Verb
        && tokens[head].lower.ends_with("ed")
        && head > 0
        && words.participle_determiners.contains(tokens[head - 1].lower)
        && tokens.get(head + 1).is_some_and(|t| t.is_word)
}

/// Whether the trigger starting at `first` names another happening than those told before:
/// "another attack", "a second blast", "the latest deadly shelling".
fn fresh_mention(tokens: &[tokens::Token], words: &words::Words, first: usize) -> bool {
    tokens[first.saturating_sub(2)..first].iter().any(|t| words.fresh_mentions.contains(t.lower))
}

/// Whether the trigger starting at `first` is a noun referring back to a happening already
/// told: "the attack", "this deadly attack", "such an attack".
fn refers_back(tokens: &[tokens::Token], words: &words::Words, first: usize) -> bool {
    tokens[first.saturating_sub(2)..first].iter().any(|t| words.back_references.contains(t.lower))
        && tokens[first.saturating_sub(1)..first].iter().all(|t| t.is_word)
}

/// The subject of a denial, reading "its counterpart" as the other side's same body.
fn counterpart_or_subject(scene: &Scene<'_>, before: usize) -> Vec<EventActor> {
    let tokens = scene.tokens;
    let clause_start = tokens[..before].iter().rposition(|t| t.is(",") || t.is_clause_break()).unwrap_or(0);
    let counterpart =
        tokens[clause_start..before].iter().any(|t| t.is("counterpart") || t.is("counterparts"));
    if counterpart {
        // The other side: a country named in the sentence other than the first body's.
        let first_body = scene.mentions.iter().find(|m| m.last < before && m.actor.country.is_some());
        let other = scene.mentions.iter().find(|m| {
            m.actor.country.is_some() && first_body.is_some_and(|b| b.actor.country != m.actor.country)
        });
        if let (Some(body), Some(other)) = (first_body, other) {
            // "its counterpart": the same body of the other side.
            let iso3 = other.actor.country.clone().unwrap_or_default();
            let same_body = body.actor.id.split_once(':').filter(|(prefix, _)| prefix.len() == 3);
            if let Some((prefix, kind)) = same_body {
                let old_name = scene.input.country_names.get(prefix).map(String::as_str).unwrap_or(prefix);
                let new_name = scene.input.country_names.get(&iso3).map(String::as_str).unwrap_or(&iso3);
                return vec![EventActor {
                    id: format!("{iso3}:{kind}"),
                    name: body.actor.name.replacen(old_name, new_name, 1),
                    country: Some(iso3),
                    sector: body.actor.sector.clone(),
                }];
            }
            return vec![other.actor.clone()];
        }
    }
    roles::subject_before(tokens, &scene.lexicon.words, scene.mentions, before, false)
        .iter()
        .map(|m| m.actor.clone())
        .collect()
}

#[cfg(test)]
mod tests;
