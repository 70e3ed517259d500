//! The event wording, loaded from `data/events/`: trigger patterns per PLOVER type and
//! mode (`triggers.tsv`), relation patterns (`relations.tsv`), English irregular verbs
//! (`irregular_verbs.tsv`), the cue words that change what a trigger means (`cues.tsv`),
//! the nouns that say which sector a group belongs to (`sector_nouns.tsv`), the words that
//! name a mode (`modes.tsv`) and the word lists the rules read ([`Words`]).
//!
//! Each table is read through the knowledge: the shipped file, then a user's
//! `--dict DIR/events/<file>` laid over it: its patterns, cues, mode words and verb forms
//! add to the shipped ones, and a sector noun it lists again takes the user's reading.
//!
//! A pattern is a row of word slots. The slot written `word+` is the head: it is expanded
//! to its inflected forms (a verb's -s, -ed, -ing and participle forms, a noun's plural),
//! `...` is a gap of up to six words, and `a|the` lists alternatives. Patterns are
//! indexed by the forms of their first slot, so matching a sentence costs one hash lookup
//! per word.

use faultline_knowledge::{Knowledge, KnowledgeError, Source};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::words::Words;

/// How many words `...` in a pattern may skip: enough for "provided Pakistan with a $2
/// billion loan", short enough to stay in one clause (gaps never cross punctuation or a
/// conjunction).
const GAP: usize = 6;

/// Why the event wording could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error(transparent)]
    Knowledge(#[from] KnowledgeError),
    #[error("{file}:{line}: {problem}")]
    Row { file: String, line: usize, problem: RowProblem },
}

/// What is wrong with one row of an event table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RowProblem {
    #[error("expected {expected} tab-separated fields, found {found}")]
    Fields { expected: usize, found: usize },
    #[error("unknown word class {0:?} (verb, noun or phrase)")]
    WordClass(String),
    #[error("unknown roles {0:?} (agent>patient, patient>agent, mutual, agent or patient)")]
    Roles(String),
    #[error("bad confidence {0:?} (a number such as 0.8)")]
    Confidence(String),
    #[error("more than one head word (`+`)")]
    SeveralHeads,
    #[error("no head word (`+`)")]
    NoHead,
    #[error("a pattern cannot start or end with `...`")]
    GapAtEdge,
    #[error("unknown cue kind {0:?}")]
    CueKind(String),
}

/// How a pattern's actors map onto the event's roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Roles {
    /// The subject acts on the object: "Azerbaijani forces shelled Armenian positions".
    AgentPatient,
    /// The subject undergoes; the actor after "from"/"by" acts: "came under fire from".
    PatientAgent,
    /// Both sides act on each other: "clashed with", "held talks with".
    Mutual,
    /// Only an actor: "protesters rallied".
    Agent,
    /// Only someone acted on: "soldiers died".
    Patient,
}

impl Roles {
    fn parse(text: &str) -> Option<Roles> {
        Some(match text {
            "agent>patient" => Roles::AgentPatient,
            "patient>agent" => Roles::PatientAgent,
            "mutual" => Roles::Mutual,
            "agent" => Roles::Agent,
            "patient" => Roles::Patient,
            _ => return None,
        })
    }
}

/// The word class of a pattern's head, which decides how it is inflected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadClass {
    Verb,
    Noun,
}

/// One slot of a pattern.
#[derive(Debug, Clone)]
pub enum Slot {
    /// Any of these lower-case word forms.
    Words(FxHashSet<String>),
    /// Up to this many words of any kind.
    Gap(usize),
}

/// One trigger or relation pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The event type (ASSAULT ...) or relation kind (supports ...).
    pub label: String,
    pub mode: Option<String>,
    pub head_class: HeadClass,
    pub slots: Vec<Slot>,
    /// Index of the head slot in `slots`.
    pub head: usize,
    pub roles: Roles,
    pub confidence: f64,
    /// Words that cancel the match when found within three words.
    pub unless: Vec<String>,
    /// `TYPE/mode:pattern as written`, for the event's `rule`.
    pub id: String,
}

/// What a cue word or phrase signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueKind {
    /// "not", "never", "refrained from".
    Negation,
    /// A refusal: "refused to", "declined to". The act is negated and the refusal is a
    /// REJECT of its own.
    Refusal,
    /// "will", "plans to", "vowed to".
    Future,
    /// "could", "if", "may".
    Hypothetical,
    /// "urged ... to", "called on ... to".
    Demand,
    /// A reporting verb: "said", "told", "announced", "according to".
    Report,
    /// A reporting verb that only claims: "claimed", "alleged", "insisted".
    Claim,
    /// A hedge on the event itself: "allegedly", "supposedly".
    Hedge,
    /// A denial: "denied", "rejected the claim", "false".
    Denial,
    /// A word that refers back to a claim: "the claim", "the report", "the allegation".
    ClaimReference,
    /// Words that mark a recalled event: "since", "previous", "former".
    Background,
    /// Verbs and nouns of casualty: "killed", "dead" (with the counts they report).
    Killed,
    Injured,
    Captured,
    Missing,
    /// An explanation of a cause: "blamed on", "caused by", "cited".
    Cause,
    /// One more person of a casualty count: "another was injured", "a third".
    Additional,
}

impl CueKind {
    fn parse(text: &str) -> Option<CueKind> {
        Some(match text {
            "negation" => CueKind::Negation,
            "refusal" => CueKind::Refusal,
            "future" => CueKind::Future,
            "hypothetical" => CueKind::Hypothetical,
            "demand" => CueKind::Demand,
            "report" => CueKind::Report,
            "claim" => CueKind::Claim,
            "hedge" => CueKind::Hedge,
            "denial" => CueKind::Denial,
            "claim-reference" => CueKind::ClaimReference,
            "background" => CueKind::Background,
            "killed" => CueKind::Killed,
            "injured" => CueKind::Injured,
            "captured" => CueKind::Captured,
            "missing" => CueKind::Missing,
            "cause" => CueKind::Cause,
            "additional" => CueKind::Additional,
            _ => return None,
        })
    }
}

/// A cue phrase: lower-case words in order.
#[derive(Debug, Clone)]
pub struct Cue {
    pub kind: CueKind,
    pub words: Vec<String>,
}

/// All the event wording, compiled for matching.
pub struct Lexicon {
    pub triggers: PatternSet,
    pub relations: PatternSet,
    /// The word lists the rules read.
    pub words: Words,
    cues_by_first_word: FxHashMap<String, Vec<Cue>>,
    sector_nouns: FxHashMap<String, SectorNoun>,
    /// (type, mode, words of the phrase), longest phrases first.
    mode_words: Vec<(String, String, Vec<String>)>,
}

/// A group noun and what it says about an actor.
#[derive(Debug, Clone)]
pub struct SectorNoun {
    pub sector: String,
    /// A casualty figure can count it ("four troops"), unlike "two villages".
    pub counts_people: bool,
}

/// Patterns indexed by the word forms their first slot accepts.
pub struct PatternSet {
    pub patterns: Vec<Pattern>,
    by_first_word: FxHashMap<String, Vec<usize>>,
}

impl PatternSet {
    /// The patterns that may start at a word (lower case).
    pub fn starting_with(&self, word: &str) -> &[usize] {
        self.by_first_word.get(word).map(Vec::as_slice).unwrap_or(&[])
    }
}

impl Lexicon {
    /// The shipped wording (checked by the tests, so it always loads).
    pub fn load_default() -> Lexicon {
        Lexicon::load(Knowledge::shipped()).expect("the shipped event wording loads (a test checks it)")
    }

    /// The wording of `knowledge`: the shipped files of `data/events/` with a user's laid
    /// over them. A row that cannot be read is an error naming its file and line.
    pub fn load(knowledge: &Knowledge) -> Result<Lexicon, LexiconError> {
        let irregular = Irregulars::parse(&knowledge.required_sources("events", "irregular_verbs.tsv")?);
        let mut cues_by_first_word: FxHashMap<String, Vec<Cue>> = FxHashMap::default();
        for row in rows(&knowledge.required_sources("events", "cues.tsv")?) {
            let fields = row.fields(2)?;
            let kind = CueKind::parse(fields[0])
                .ok_or_else(|| row.problem(RowProblem::CueKind(fields[0].into())))?;
            let words: Vec<String> = fields[1].split_whitespace().map(str::to_lowercase).collect();
            if let Some(first) = words.first() {
                cues_by_first_word.entry(first.clone()).or_default().push(Cue { kind, words });
            }
        }
        for cues in cues_by_first_word.values_mut() {
            cues.sort_by_key(|cue| std::cmp::Reverse(cue.words.len()));
        }
        let mut sector_nouns = FxHashMap::default();
        for row in rows(&knowledge.required_sources("events", "sector_nouns.tsv")?) {
            let fields = row.trimmed_fields(3)?;
            let (noun, sector, counts) = (fields[0], fields[1], fields[2]);
            let entry = SectorNoun { sector: sector.to_string(), counts_people: counts == "yes" };
            sector_nouns.insert(noun.to_lowercase(), entry);
        }
        let mut mode_words: Vec<(String, String, Vec<String>)> = Vec::new();
        for row in rows(&knowledge.required_sources("events", "modes.tsv")?) {
            let fields = row.trimmed_fields(3)?;
            let (event_type, mode, words) = (fields[0], fields[1], fields[2]);
            mode_words.extend(words.split('|').map(|phrase| {
                let words = phrase.split_whitespace().map(str::to_lowercase).collect();
                (event_type.to_string(), mode.to_string(), words)
            }));
        }
        mode_words.sort_by_key(|(_, _, words)| std::cmp::Reverse(words.len()));
        Ok(Lexicon {
            mode_words,
            triggers: PatternSet::parse(&knowledge.required_sources("events", "triggers.tsv")?, &irregular)?,
            relations: PatternSet::parse(
                &knowledge.required_sources("events", "relations.tsv")?,
                &irregular,
            )?,
            words: Words::load(knowledge)?,
            cues_by_first_word,
            sector_nouns,
        })
    }

    /// The cues that start with this word (lower case), longest first.
    pub fn cues_starting_with(&self, word: &str) -> &[Cue] {
        self.cues_by_first_word.get(word).map(Vec::as_slice).unwrap_or(&[])
    }

    /// What a group noun implies ("troops" → MIL, "civilians" → CVL).
    pub fn sector_noun(&self, noun: &str) -> Option<&SectorNoun> {
        self.sector_nouns.get(noun)
    }

    /// The mode that words at `tokens[at..]` give an event of `event_type`, and how many
    /// words they take.
    pub fn mode_at(&self, event_type: &str, words: &[&str]) -> Option<(&str, usize)> {
        self.mode_words
            .iter()
            .filter(|(kind, _, _)| kind == event_type)
            .find(|(_, _, phrase)| {
                phrase.len() <= words.len() && phrase.iter().zip(words).all(|(p, w)| p == w)
            })
            .map(|(_, mode, phrase)| (mode.as_str(), phrase.len()))
    }
}

impl PatternSet {
    fn parse(sources: &[Source<'_>], irregular: &Irregulars) -> Result<PatternSet, LexiconError> {
        let mut patterns: Vec<Pattern> = Vec::new();
        for row in rows(sources) {
            for line in split_hyphenated_alternatives(row.text) {
                patterns.push(parse_pattern(&line, irregular).map_err(|problem| row.problem(problem))?);
            }
        }
        let mut by_first_word: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (index, pattern) in patterns.iter().enumerate() {
            if let Some(Slot::Words(words)) = pattern.slots.first() {
                for word in words {
                    by_first_word.entry(word.clone()).or_default().push(index);
                }
            }
        }
        Ok(PatternSet { patterns, by_first_word })
    }
}

/// One data row of a table: where it stands (for messages) and its text.
struct Row<'a> {
    file: &'a str,
    line: usize,
    text: &'a str,
}

impl Row<'_> {
    fn problem(&self, problem: RowProblem) -> LexiconError {
        LexiconError::Row { file: self.file.to_string(), line: self.line, problem }
    }

    /// The tab-separated fields, at least `expected` of them.
    fn fields(&self, expected: usize) -> Result<Vec<&str>, LexiconError> {
        let fields: Vec<&str> = self.text.split('\t').collect();
        if fields.len() < expected {
            return Err(self.problem(RowProblem::Fields { expected, found: fields.len() }));
        }
        Ok(fields)
    }

    /// The fields with spaces trimmed, at least `expected` of them.
    fn trimmed_fields(&self, expected: usize) -> Result<Vec<&str>, LexiconError> {
        Ok(self.fields(expected)?.into_iter().map(str::trim).collect())
    }
}

/// The non-comment, non-empty lines of a table's layers, in order.
fn rows<'a>(sources: &'a [Source<'a>]) -> impl Iterator<Item = Row<'a>> {
    sources.iter().flat_map(|source| {
        source
            .text
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
            .map(|(index, text)| Row { file: &source.label, line: index + 1, text })
    })
}

/// A row whose alternatives include hyphenated words (`ceasefire|cease-fire|truce`) as
/// several rows: one with the plain alternatives and one per hyphenated word, which the
/// parser then splits into one slot per part, as the tokenizer splits the text.
fn split_hyphenated_alternatives(line: &str) -> Vec<String> {
    let fields: Vec<&str> = line.split('\t').collect();
    let Some(pattern) = fields.get(3) else { return vec![line.to_string()] };
    let words: Vec<&str> = pattern.split_whitespace().collect();
    let Some(slot) = words.iter().position(|w| w.contains('|') && w.contains('-')) else {
        return vec![line.to_string()];
    };
    let head = if words[slot].ends_with('+') { "+" } else { "" };
    let alternatives: Vec<&str> = words[slot].trim_end_matches('+').split('|').collect();
    let (hyphenated, plain): (Vec<&str>, Vec<&str>) = alternatives.iter().partition(|a| a.contains('-'));
    let mut choices: Vec<String> =
        hyphenated.iter().map(|a| format!("{}{head}", a.replace('-', " "))).collect();
    if !plain.is_empty() {
        choices.push(format!("{}{head}", plain.join("|")));
    }
    choices
        .into_iter()
        .flat_map(|choice| {
            let mut rewritten = words.clone();
            rewritten[slot] = &choice;
            let mut fields = fields.clone();
            let pattern = rewritten.join(" ");
            fields[3] = &pattern;
            split_hyphenated_alternatives(&fields.join("\t"))
        })
        .collect()
}

fn parse_pattern(line: &str, irregular: &Irregulars) -> Result<Pattern, RowProblem> {
    let fields: Vec<&str> = line.split('\t').collect();
    let [label, mode, class, pattern, roles, confidence, unless] = fields[..] else {
        return Err(RowProblem::Fields { expected: 7, found: fields.len() });
    };
    let head_class = match class {
        "noun" => HeadClass::Noun,
        "verb" | "phrase" => HeadClass::Verb,
        other => return Err(RowProblem::WordClass(other.to_string())),
    };
    let roles = Roles::parse(roles).ok_or_else(|| RowProblem::Roles(roles.to_string()))?;
    let confidence: f64 =
        confidence.trim().parse().map_err(|_| RowProblem::Confidence(confidence.to_string()))?;
    let mut slots = Vec::new();
    let mut head = None;
    // "cease-fire+" is two slots, "cease" and "fire+": the tokenizer splits at hyphens.
    let words = pattern.split_whitespace().flat_map(|word| {
        let parts: Vec<&str> = if word.contains('|') { vec![word] } else { word.split('-').collect() };
        parts
    });
    for word in words {
        if word == "..." {
            slots.push(Slot::Gap(GAP));
            continue;
        }
        let mut forms = FxHashSet::default();
        let is_head = word.ends_with('+');
        for alternative in word.trim_end_matches('+').split('|') {
            let alternative = alternative.to_lowercase();
            if is_head {
                match head_class {
                    HeadClass::Verb => forms.extend(verb_forms(&alternative, irregular)),
                    HeadClass::Noun => forms.extend(noun_forms(&alternative)),
                }
            }
            forms.insert(alternative);
        }
        if is_head {
            if head.is_some() {
                return Err(RowProblem::SeveralHeads);
            }
            head = Some(slots.len());
        }
        slots.push(Slot::Words(forms));
    }
    let head = head.ok_or(RowProblem::NoHead)?;
    if matches!(slots.first(), Some(Slot::Gap(_)) | None) || matches!(slots.last(), Some(Slot::Gap(_))) {
        return Err(RowProblem::GapAtEdge);
    }
    Ok(Pattern {
        label: label.to_string(),
        mode: (!mode.trim().is_empty()).then(|| mode.trim().to_string()),
        head_class,
        slots,
        head,
        roles,
        confidence: confidence.clamp(0.0, 1.0),
        unless: unless.split(',').map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty()).collect(),
        id: format!("{label}{}:{pattern}", if mode.is_empty() { String::new() } else { format!("/{mode}") }),
    })
}

/// English irregular verbs: lemma → (past forms, participle forms).
struct Irregulars(FxHashMap<String, Vec<String>>);

impl Irregulars {
    fn parse(sources: &[Source<'_>]) -> Irregulars {
        let mut forms: FxHashMap<String, Vec<String>> = FxHashMap::default();
        for row in rows(sources) {
            let mut fields = row.text.split('\t').map(str::trim);
            if let Some(lemma) = fields.next() {
                let entry = forms.entry(lemma.to_lowercase()).or_default();
                entry.extend(fields.flat_map(|f| f.split('|')).map(str::to_lowercase));
            }
        }
        Irregulars(forms)
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// A verb's inflected forms: third person -s, past and participle (-ed or irregular),
/// and -ing. Short verbs ending consonant-vowel-consonant get both the doubled and the
/// plain spelling ("shelled", "targeted"): the extra form never occurs in text.
fn verb_forms(lemma: &str, irregular: &Irregulars) -> Vec<String> {
    let chars: Vec<char> = lemma.chars().collect();
    let mut forms = vec![plural_or_third_person(lemma)];
    let n = chars.len();
    let last = chars.last().copied().unwrap_or(' ');
    let cvc = n >= 3
        && !is_vowel(chars[n - 1])
        && is_vowel(chars[n - 2])
        && !is_vowel(chars[n - 3])
        && !matches!(last, 'w' | 'x' | 'y');
    let stem = if lemma.ends_with('e') && !lemma.ends_with("ee") { &lemma[..lemma.len() - 1] } else { lemma };
    if let Some(root) = lemma.strip_suffix("ie") {
        forms.push(format!("{root}ying"));
    } else {
        forms.push(format!("{stem}ing"));
    }
    if cvc {
        forms.push(format!("{lemma}{last}ing"));
        forms.push(format!("{lemma}{last}ed"));
    }
    match irregular.0.get(lemma) {
        Some(irregular_forms) => forms.extend(irregular_forms.iter().cloned()),
        None if lemma.ends_with('e') => forms.push(format!("{lemma}d")),
        None if n >= 2 && last == 'y' && !is_vowel(chars[n - 2]) => {
            forms.push(format!("{}ied", &lemma[..lemma.len() - 1]))
        }
        None => forms.push(format!("{lemma}ed")),
    }
    forms
}

/// A noun's plural forms.
fn noun_forms(noun: &str) -> Vec<String> {
    vec![plural_or_third_person(noun)]
}

fn plural_or_third_person(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if ["s", "x", "z", "ch", "sh"].iter().any(|end| word.ends_with(end)) {
        format!("{word}es")
    } else if n >= 2 && chars[n - 1] == 'y' && !is_vowel(chars[n - 2]) {
        format!("{}ies", &word[..word.len() - 1])
    } else {
        format!("{word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn irregulars() -> Irregulars {
        Irregulars::parse(&[Source {
            label: "test".into(),
            text: "shoot\tshot\tshot\nbegin\tbegan\tbegun\n",
        }])
    }

    #[test]
    fn regular_and_irregular_verbs_inflect() {
        let forms = verb_forms("shell", &irregulars());
        for form in ["shells", "shelled", "shelling"] {
            assert!(forms.contains(&form.to_string()), "{form} in {forms:?}");
        }
        let forms = verb_forms("shoot", &irregulars());
        assert!(forms.contains(&"shot".to_string()) && forms.contains(&"shooting".to_string()));
        let forms = verb_forms("apologize", &irregulars());
        assert!(forms.contains(&"apologized".to_string()) && forms.contains(&"apologizing".to_string()));
        let forms = verb_forms("deny", &irregulars());
        assert!(forms.contains(&"denied".to_string()) && forms.contains(&"denies".to_string()));
        let forms = verb_forms("target", &irregulars());
        assert!(forms.contains(&"targeted".to_string()) && forms.contains(&"targeting".to_string()));
    }

    #[test]
    fn patterns_parse_heads_gaps_and_alternatives() {
        let pattern =
            parse_pattern("ASSAULT\taerial\tphrase\tshoot+ ... down\tagent>patient\t0.9\t", &irregulars())
                .unwrap();
        assert_eq!(pattern.head, 0);
        assert!(matches!(pattern.slots[1], Slot::Gap(GAP)));
        assert_eq!(pattern.id, "ASSAULT/aerial:shoot+ ... down");
        let Slot::Words(head) = &pattern.slots[0] else { panic!("head is words") };
        assert!(head.contains("shot"));
        assert!(parse_pattern("ASSAULT\t\tverb\tshell\tagent>patient\t0.9\t", &irregulars()).is_err());
        assert!(parse_pattern("ASSAULT\t\tverb\t... shell+\tagent>patient\t0.9\t", &irregulars()).is_err());
    }

    #[test]
    fn hyphenated_alternatives_become_rows_of_their_own() {
        let rows = split_hyphenated_alternatives(
            "AGREE\tceasefire\tphrase\tagree+ to ... ceasefire|cease-fire|truce\tmutual\t0.9\t",
        );
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().any(|row| row.contains("\tagree+ to ... cease fire\t")), "{rows:?}");
        assert!(rows.iter().any(|row| row.contains("\tagree+ to ... ceasefire|truce\t")), "{rows:?}");
    }

    #[test]
    fn shipped_files_load() {
        let lexicon = Lexicon::load(Knowledge::shipped()).unwrap();
        assert!(lexicon.triggers.patterns.len() > 1000);
        assert!(!lexicon.cues_starting_with("said").is_empty());
    }

    #[test]
    fn a_user_folder_adds_patterns_and_its_bad_rows_name_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let events = dir.path().join("events");
        std::fs::create_dir(&events).unwrap();
        let triggers = events.join("triggers.tsv");
        std::fs::write(&triggers, "# mine\nASSAULT\t\tverb\tzap+\tagent>patient\t0.9\t\n").unwrap();
        let knowledge = Knowledge::with_user_dir(dir.path()).unwrap();
        let lexicon = Lexicon::load(&knowledge).unwrap();
        assert!(!lexicon.triggers.starting_with("zapped").is_empty());
        std::fs::write(
            &triggers,
            "ASSAULT\t\tverb\tzap+\tagent>patient\t0.9\t\nASSAULT\t\tverb\tzap\tagent\t1\t\n",
        )
        .unwrap();
        let knowledge = Knowledge::with_user_dir(dir.path()).unwrap();
        let Err(err) = Lexicon::load(&knowledge) else { panic!("a pattern with no head loads") };
        let message = err.to_string();
        assert!(message.ends_with("triggers.tsv:2: no head word (`+`)"), "{message}");
        assert!(matches!(err, LexiconError::Row { line: 2, problem: RowProblem::NoHead, .. }));
    }
}
