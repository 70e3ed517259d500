//! The knowledge the annotators read, loaded once, on first use, from the data files in
//! `data/annotate/` through the knowledge crate (the shipped files, embedded at build
//! time, with a user's `--dict DIR/annotate/<file>` laid over them).
//!
//! Every word the files mention gets one [`Lex`] entry holding all its readings ("may"
//! is a month and a stop word; "second" an ordinal and a unit; "earlier" both opens
//! "earlier this month" and closes "a year earlier"). Phrases of more than one word
//! ("at least", "tens of thousands", "the day before yesterday") hang off the entry of
//! their first word, longest first. The tokeniser looks each word up once; rules then
//! read fields.
//!
//! Besides the tables, word lists (`.txt`) name the closed classes the rules compare a
//! word against (the ordinal suffixes, the auxiliaries of a passive ...), some of them
//! built on `data/lexicon/`; the month and weekday names are read from `data/lexicon/`
//! too. A word that only such a list names starts no expression.
//!
//! The files are part of the program: a malformed row is a bug caught by the tests (and a
//! user's files are checked when their folder is opened), so loading panics with the file
//! and line rather than limping on without a word.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use faultline_knowledge::{Knowledge, active_sources, active_words};

/// The class of a number word (see `number_words.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumClass {
    Unit,
    Teen,
    Tens,
    Hundred,
    Scale,
    Abbr,
    Dozen,
    Ordinal,
    Fraction,
    Plural,
}

/// How a hedge bounds a figure (see `hedges.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HedgeClass {
    Min,
    Over,
    Approx,
    Nearly,
    Max,
    Under,
}

/// A unit of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// A TIMEX3 `mod` for the part of a period ("early", "the end of").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Start,
    Mid,
    End,
}

/// What a multi-word (or listed single-word) phrase means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum PhraseKind {
    /// A day relative to publication, with an optional part of the day.
    Day { offset: i64, part: Option<&'static str> },
    /// A TimeML reference value.
    Ref(&'static str),
    /// A fixed-date holiday.
    Holiday { month: u32, day: u32 },
    /// "early", "the end of".
    Position(Part),
    /// A hedge before or after a number.
    Hedge { class: HedgeClass, after: bool },
    /// A vague quantity coded as low / best / high.
    Vague { low: Option<f64>, best: Option<f64>, high: Option<f64> },
}

#[derive(Debug)]
pub(crate) struct Phrase {
    /// The words after the first one.
    pub rest: Vec<&'static str>,
    pub kind: PhraseKind,
}

impl Phrase {
    /// Number of tokens the phrase spans.
    pub fn len(&self) -> usize {
        self.rest.len() + 1
    }
}

/// Everything the data files say about one lower-case word.
#[derive(Debug, Default)]
pub(crate) struct Lex {
    pub number: Option<(f64, NumClass)>,
    /// Month number, written short (needs a dot, day or year), an everyday word too.
    pub month: Option<(u32, bool, bool)>,
    /// ISO weekday number (Monday 1), written short.
    pub weekday: Option<(u32, bool)>,
    /// Unit, plural form.
    pub unit: Option<(Unit, bool)>,
    /// Part of day code (MO, AF, EV, NI), plural form.
    pub part: Option<(&'static str, bool)>,
    /// A named clock time: hours and minutes.
    pub clock: Option<(u32, u32)>,
    /// last -1, this 0, next 1.
    pub rel: Option<i64>,
    /// "earlier"/"later" before "this month".
    pub within: Option<Part>,
    /// Season code, everyday word too.
    pub season: Option<(&'static str, bool)>,
    /// A recurrence's TIMEX3 value ("daily").
    pub set: Option<&'static str>,
    pub every: bool,
    pub signal: bool,
    /// A future cue; `true` when it is one only before "to" or "for".
    pub future: Option<bool>,
    pub past: bool,
    pub zone: bool,
    pub name: bool,
    pub ago: bool,
    /// "earlier" -1, "later" 1 after a duration.
    pub relative: Option<i64>,
    pub filler: bool,
    pub fiscal: bool,
    pub weekend: bool,
    /// "recent" / "coming": the reference value plural units take after it.
    pub recent: Option<&'static str>,
    pub quantifier: bool,
    pub stop: bool,
    pub modifier: bool,
    pub plural_noun: bool,
    pub partitive: bool,
    pub counted: bool,
    pub label: bool,
    /// A street type ("Place", "Avenue"), which ends an address after a number.
    pub street: bool,
    pub currency: Option<&'static str>,
    /// A `rel` word that counts from the narrative's last time ("following", "previous").
    pub narrative: bool,
    /// A `signal` that makes bare plural units a duration ("for years").
    pub duration_signal: bool,
    /// Written after digits for an ordinal ("st" of "21st").
    pub ordinal_suffix: bool,
    /// Before "one", makes it a pronoun ("the one", "no one").
    pub determiner_before_one: bool,
    /// Opens a duration before its count ("the last six weeks").
    pub duration_lead: bool,
    /// Before "a day", makes it a rate ("twice a day").
    pub rate: bool,
    /// Starts another clause: tense is not read past it ("that", "said").
    pub tense_boundary: bool,
    /// A past auxiliary ("was scheduled to": a plan made in the past).
    pub past_auxiliary: bool,
    /// A form of "be" that makes a word in -ed passive ("is expected").
    pub passive_auxiliary: bool,
    /// Named only by the word lists of closed classes: no expression starts with it.
    pub only_grammar: bool,
    /// Phrases starting with this word, longest first (single-word ones included).
    pub phrases: Vec<Phrase>,
}

impl Lex {
    /// A single word naming a part of a period ("early", "mid", "late").
    pub fn is_position(&self) -> bool {
        self.phrases.iter().any(|p| p.rest.is_empty() && matches!(p.kind, PhraseKind::Position(_)))
    }
}

/// Currency symbols and capitalised codes, matched on the text as written.
pub(crate) static CURRENCY_MARKS: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    rows("currencies.tsv")
        .filter(|(_, cols)| !cols[0].chars().any(char::is_lowercase))
        .map(|(_, cols)| (cols[0], cols[1]))
        .collect()
});

/// A fast hash for short dictionary words (FNV-1a): every word of every article is
/// looked up once, and the keys come from our own data files, so the denial-of-service
/// resistance of the default hasher buys nothing here.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Words<V> = HashMap<&'static str, V, BuildHasherDefault<WordHasher>>;

static LEXICON: LazyLock<Words<Lex>> = LazyLock::new(build);

/// The entry of a lower-case word.
pub(crate) fn lookup(word: &str) -> Option<&'static Lex> {
    LEXICON.get(word)
}

/// Non-comment rows of a table of `data/annotate/` (the shipped file, then a user's),
/// split on tabs, each with its file and line for messages.
fn rows(file: &str) -> impl Iterator<Item = (String, Vec<&'static str>)> {
    active_sources("annotate", file).into_iter().flat_map(|source| {
        source.text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#')).map(
            move |(n, l)| (format!("{}:{}", source.label, n + 1), l.split('\t').map(str::trim).collect()),
        )
    })
}

fn col<'a>(place: &str, cols: &[&'a str], i: usize) -> &'a str {
    cols.get(i).copied().unwrap_or_else(|| panic!("{place}: missing column {}", i + 1))
}

fn num(place: &str, s: &str) -> f64 {
    s.parse().unwrap_or_else(|_| panic!("{place}: {s:?} is not a number"))
}

fn opt_num(place: &str, s: &str) -> Option<f64> {
    (s != "-").then(|| num(place, s))
}

fn build() -> Words<Lex> {
    let mut lex: Words<Lex> = Words::default();

    for (place, cols) in rows("number_words.tsv") {
        let class = match col(&place, &cols, 2) {
            "unit" => NumClass::Unit,
            "teen" => NumClass::Teen,
            "tens" => NumClass::Tens,
            "hundred" => NumClass::Hundred,
            "scale" => NumClass::Scale,
            "abbr" => NumClass::Abbr,
            "dozen" => NumClass::Dozen,
            "ordinal" => NumClass::Ordinal,
            "fraction" => NumClass::Fraction,
            "plural" => NumClass::Plural,
            other => panic!("{place}: unknown class {other:?}"),
        };
        lex.entry(cols[0]).or_default().number = Some((num(&place, col(&place, &cols, 1)), class));
    }
    for (place, cols) in rows("hedges.tsv") {
        let class = match col(&place, &cols, 1) {
            "min" => HedgeClass::Min,
            "over" => HedgeClass::Over,
            "approx" => HedgeClass::Approx,
            "nearly" => HedgeClass::Nearly,
            "max" => HedgeClass::Max,
            "under" => HedgeClass::Under,
            other => panic!("{place}: unknown hedge class {other:?}"),
        };
        let after = match col(&place, &cols, 2) {
            "before" => false,
            "after" => true,
            other => panic!("{place}: {other:?} is neither before nor after"),
        };
        phrase(&mut lex, cols[0], PhraseKind::Hedge { class, after });
    }
    for (place, cols) in rows("vague_quantities.tsv") {
        let kind = PhraseKind::Vague {
            low: opt_num(&place, col(&place, &cols, 1)),
            best: opt_num(&place, col(&place, &cols, 2)),
            high: opt_num(&place, col(&place, &cols, 3)),
        };
        phrase(&mut lex, cols[0], kind);
    }
    for (place, cols) in rows("noun_phrase.tsv") {
        let entry = lex.entry(cols[0]).or_default();
        match col(&place, &cols, 1) {
            "stop" => entry.stop = true,
            "modifier" => entry.modifier = true,
            "plural" => entry.plural_noun = true,
            "partitive" => entry.partitive = true,
            other => panic!("{place}: unknown class {other:?}"),
        }
    }
    for word in active_words("annotate", "counted_nouns") {
        lex.entry(word).or_default().counted = true;
    }
    for word in active_words("annotate", "number_labels") {
        lex.entry(word).or_default().label = true;
    }
    for (place, cols) in rows("currencies.tsv") {
        if cols[0].chars().any(char::is_lowercase) {
            lex.entry(cols[0]).or_default().currency = Some(col(&place, &cols, 1));
        }
    }
    for (place, cols) in rows("time_words.tsv") {
        let word = cols[0];
        if let Some(list) = word.strip_prefix('@') {
            names(&mut lex, &place, list, col(&place, &cols, 1));
            continue;
        }
        let value = col(&place, &cols, 2);
        let flag = |f: &str| cols.get(3).is_some_and(|flags| flags.split(',').any(|x| x.trim() == f));
        let category = col(&place, &cols, 1);
        match category {
            "day" => {
                let mut parts = value.split(' ');
                let offset = parts.next().unwrap_or_default();
                let offset = offset.parse().unwrap_or_else(|_| panic!("{place}: bad offset {offset:?}"));
                phrase(&mut lex, word, PhraseKind::Day { offset, part: parts.next() });
            }
            "ref" => phrase(&mut lex, word, PhraseKind::Ref(value)),
            "holiday" => {
                let (m, d) = value.split_once('-').unwrap_or_else(|| panic!("{place}: want MM-DD"));
                let (month, day) = (num(&place, m) as u32, num(&place, d) as u32);
                phrase(&mut lex, word, PhraseKind::Holiday { month, day });
            }
            "position" if word.contains(' ') => {
                phrase(&mut lex, word, PhraseKind::Position(part_of(&place, value)));
            }
            _ => {
                let e = lex.entry(word).or_default();
                match category {
                    "month" => e.month = Some((num(&place, value) as u32, flag("abbr"), flag("ambiguous"))),
                    "weekday" => e.weekday = Some((num(&place, value) as u32, flag("abbr"))),
                    "unit" => e.unit = Some((unit_of(&place, value), flag("plural"))),
                    "part" => e.part = Some((value, flag("plural"))),
                    "clock" => {
                        let (h, m) = value.split_once(':').unwrap_or_else(|| panic!("{place}: want HH:MM"));
                        e.clock = Some((num(&place, h) as u32, num(&place, m) as u32));
                    }
                    "rel" => {
                        e.rel = Some(num(&place, value) as i64);
                        e.narrative = flag("narrative");
                    }
                    "position" => e.phrases.push(Phrase {
                        rest: Vec::new(),
                        kind: PhraseKind::Position(part_of(&place, value)),
                    }),
                    "within" => e.within = Some(part_of(&place, value)),
                    "season" => e.season = Some((value, flag("ambiguous"))),
                    "set" => e.set = Some(value),
                    "every" => e.every = true,
                    "signal" => {
                        e.signal = true;
                        e.duration_signal = flag("duration");
                    }
                    "future" => e.future = Some(value == "to"),
                    "past" => e.past = true,
                    "zone" => e.zone = true,
                    "name" => e.name = true,
                    "ago" => e.ago = true,
                    "relative" => e.relative = Some(num(&place, value) as i64),
                    "filler" => e.filler = true,
                    "fiscal" => e.fiscal = true,
                    "weekend" => e.weekend = true,
                    "recent" => e.recent = Some(value),
                    "quantifier" => e.quantifier = true,
                    other => panic!("{place}: unknown category {other:?}"),
                }
            }
        }
    }
    // The closed classes last: a word they bring in has no other reading.
    let classes: [(&str, MarkClass); 8] = [
        ("ordinal_suffixes", |e| e.ordinal_suffix = true),
        ("determiners_before_one", |e| e.determiner_before_one = true),
        ("duration_leads", |e| e.duration_lead = true),
        ("rate_words", |e| e.rate = true),
        ("tense_boundaries", |e| e.tense_boundary = true),
        ("past_auxiliaries", |e| e.past_auxiliary = true),
        ("passive_auxiliaries", |e| e.passive_auxiliary = true),
        ("street_types", |e| e.street = true),
    ];
    for (list, mark) in classes {
        for word in active_words("annotate", list) {
            mark(lex.entry(word).or_insert_with(|| Lex { only_grammar: true, ..Lex::default() }));
        }
    }
    for entry in lex.values_mut() {
        entry.phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
    }
    lex
}

/// Sets the flag of one closed class on a word's entry.
type MarkClass = fn(&mut Lex);

/// The month or weekday names of a list of `data/lexicon/` (a `@lexicon/months` row),
/// lower-cased and numbered by their order in the shipped list: a user's additions to the
/// lexicon would have no number, so other spellings are rows of `time_words.tsv`.
fn names(lex: &mut Words<Lex>, place: &str, list: &str, category: &str) {
    let (folder, name) = list.split_once('/').unwrap_or_else(|| panic!("{place}: want @folder/list"));
    let names = Knowledge::shipped().words(folder, name).unwrap_or_else(|err| panic!("{place}: {err}"));
    for (index, name) in names.into_iter().enumerate() {
        let number = index as u32 + 1;
        // Built once per process, so the lower-cased names live as long as the table.
        let e = lex.entry(name.to_lowercase().leak()).or_default();
        match category {
            "month" => e.month = Some((number, false, false)),
            "weekday" => e.weekday = Some((number, false)),
            other => panic!("{place}: a list gives month or weekday names, not {other:?}"),
        }
    }
}

/// Files a phrase under its first word.
fn phrase(lex: &mut Words<Lex>, text: &'static str, kind: PhraseKind) {
    let mut words = text.split(' ').filter(|w| !w.is_empty());
    let first = words.next().unwrap_or_default();
    lex.entry(first).or_default().phrases.push(Phrase { rest: words.collect(), kind });
}

fn part_of(place: &str, value: &str) -> Part {
    match value {
        "START" => Part::Start,
        "MID" => Part::Mid,
        "END" => Part::End,
        other => panic!("{place}: unknown position {other:?}"),
    }
}

fn unit_of(place: &str, value: &str) -> Unit {
    match value {
        "second" => Unit::Second,
        "minute" => Unit::Minute,
        "hour" => Unit::Hour,
        "day" => Unit::Day,
        "week" => Unit::Week,
        "fortnight" => Unit::Fortnight,
        "month" => Unit::Month,
        "quarter" => Unit::Quarter,
        "year" => Unit::Year,
        "decade" => Unit::Decade,
        "century" => Unit::Century,
        other => panic!("{place}: unknown unit {other:?}"),
    }
}

/// Builds this module's tables now (see the crate's `load_tables`).
pub(crate) fn load_tables() {
    LazyLock::force(&CURRENCY_MARKS);
    LazyLock::force(&LEXICON);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_file_loads() {
        assert!(LEXICON.len() > 300);
        assert!(!CURRENCY_MARKS.is_empty());
    }

    #[test]
    fn words_keep_all_their_readings() {
        let may = lookup("may").expect("may");
        assert_eq!(may.month, Some((5, false, true)));
        assert!(may.stop);
        let second = lookup("second").expect("second");
        assert_eq!(second.number, Some((2.0, NumClass::Ordinal)));
        assert_eq!(second.unit, Some((Unit::Second, false)));
        let at = lookup("at").expect("at");
        assert!(at.phrases.iter().any(|p| p.rest == ["least"]));
        let tens = lookup("tens").expect("tens");
        assert_eq!(tens.phrases[0].rest, ["of", "thousands"], "longest phrase first");
        assert_eq!(CURRENCY_MARKS.get("$"), Some(&"USD"));
        assert!(lookup("try").is_none_or(|e| e.currency.is_none()));
    }

    #[test]
    fn month_and_weekday_names_come_from_the_lexicon() {
        assert_eq!(lookup("january").and_then(|e| e.month), Some((1, false, false)));
        assert_eq!(lookup("march").and_then(|e| e.month), Some((3, false, true)), "flagged after the list");
        assert_eq!(lookup("sunday").and_then(|e| e.weekday), Some((7, false)));
        assert_eq!(lookup("sun").and_then(|e| e.weekday), Some((7, true)));
    }

    #[test]
    fn closed_classes_mark_words_and_start_nothing_of_their_own() {
        let st = lookup("st").expect("st");
        assert!(st.ordinal_suffix && st.only_grammar);
        let was = lookup("was").expect("was");
        assert!(was.past_auxiliary && !was.passive_auxiliary && !was.only_grammar);
        assert!(lookup("am").is_some_and(|e| e.passive_auxiliary));
        assert!(lookup("following").is_some_and(|e| e.narrative && e.duration_lead));
        assert!(
            lookup("early").is_some_and(Lex::is_position) && !lookup("the").is_some_and(Lex::is_position)
        );
    }
}
