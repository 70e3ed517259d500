//! Word tokens with byte offsets, built on the shared scanner (`faultline_text`), and the small
//! closed word lists the rules use.
//!
//! The lists are English function words and the vocabulary of offices and organisation
//! names; none holds a proper name. They decide what may start or end a name, what is a title,
//! and what follows a seat of power when it acts ("Baku claimed"). They are knowledge files,
//! `data/actors/<list>.txt` (which include the closed classes of `data/lexicon/`), read from the
//! process's knowledge ([`faultline_knowledge::active`]). Each list is looked up in its own
//! hash set, written in the case it is matched in, built on first use and shared by all
//! threads without a lock.

use std::sync::LazyLock;

use faultline_text::{Kind, Piece};
use rustc_hash::{FxHashMap, FxHashSet};

/// A word or a single punctuation character, by byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub word: bool,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits into words and single non-space characters. A word is the shared scanner's letters
/// and digits ([`faultline_text::pieces`]) run together and joined by inner hyphens and
/// apostrophes, but not the possessive `'s`.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 4);
    let mut pieces = faultline_text::pieces(text);
    while let Some(piece) = pieces.next() {
        if !piece.is_alphanumeric() {
            tokens.push(Token { start: piece.start, end: piece.end, word: false });
            continue;
        }
        let mut end = piece.end;
        loop {
            if let Some(next) = pieces.next_if(|p| p.is_glued() && p.is_alphanumeric()) {
                end = next.end;
                continue;
            }
            let mut ahead = pieces.clone();
            let joint = |p: &Piece| p.is_glued() && (p.first == '-' || is_apostrophe(p.first));
            let Some(joint) = ahead.next_if(joint) else { break };
            let Some(after) = ahead.next_if(|p| p.is_glued() && p.is_alphanumeric()) else { break };
            let possessive = is_apostrophe(joint.first)
                && after.kind == Kind::Letters
                && after.end - after.start == 1
                && matches!(after.first, 's' | 'S')
                && !ahead.peek().is_some_and(|p| p.is_glued() && p.is_alphanumeric());
            if possessive {
                break;
            }
            end = after.end;
            pieces = ahead;
        }
        tokens.push(Token { start: piece.start, end, word: true });
    }
    tokens
}

/// The end of a possessive `'s` / `’s` / plural `s’` starting at `pos`, if there is one.
pub(crate) fn possessive_end(text: &str, pos: usize) -> Option<usize> {
    let rest = text.get(pos..)?;
    for mark in ["'s", "’s", "'S", "’S"] {
        if let Some(after) = rest.strip_prefix(mark)
            && !after.chars().next().is_some_and(char::is_alphanumeric)
        {
            return Some(pos + mark.len());
        }
    }
    let before_is_s = text.get(..pos).and_then(|b| b.chars().last()).is_some_and(|c| c == 's');
    for mark in ["'", "’"] {
        if let Some(after) = rest.strip_prefix(mark)
            && before_is_s
            && after.starts_with(char::is_whitespace)
        {
            return Some(pos + mark.len());
        }
    }
    None
}

/// True when `text[a..b]` is a non-empty run of spaces within one line.
pub(crate) fn spaces_between(text: &str, a: usize, b: usize) -> bool {
    a < b && text.get(a..b).is_some_and(|gap| gap.chars().all(|c| c == ' ' || c == '\t' || c == '\u{a0}'))
}

pub(crate) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// How the entries of a word list are written before they are matched.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Case {
    /// As the file writes them (case-sensitive names and suffixes: "Olena", "plc", "PLC").
    AsWritten,
    /// In lower case: the list is matched against lower-case words, or ignoring case.
    Lower,
    /// With a capital first letter: the list is matched against capitalised words ("The",
    /// "Monday"), so the function words of the lexicon, written in lower case, serve as well.
    Capitalised,
}

impl Case {
    /// The word in this case. A word that changes is leaked: the lists live as long as the
    /// process (they are statics built once), and their sets stay sets of `&'static str`.
    fn apply(self, word: &'static str) -> &'static str {
        let changed = match self {
            Case::AsWritten => None,
            Case::Lower => word.chars().any(char::is_uppercase).then(|| word.to_lowercase()),
            Case::Capitalised => word
                .chars()
                .next()
                .filter(|first| first.is_lowercase())
                .map(|first| first.to_uppercase().chain(word[first.len_utf8()..].chars()).collect()),
        };
        changed.map_or(word, |changed| Box::leak(changed.into_boxed_str()))
    }
}

/// The entries of a word list, each written in the list's [`Case`].
pub(crate) type Words = FxHashSet<&'static str>;

/// A word list of the process's knowledge (`data/<folder>/<list>.txt`, includes resolved, a
/// user's folder laid over it when one was installed), as a hash set built on first use.
pub(crate) type WordSet = LazyLock<Words>;

/// The entries of `data/<folder>/<list>.txt` in the active knowledge, written in `case`; for
/// the statics of the lists only (the words `case` changes are leaked).
pub(crate) fn word_set(folder: &str, list: &str, case: Case) -> Words {
    faultline_knowledge::active_words(folder, list).into_iter().map(|word| case.apply(word)).collect()
}

/// A word list of `data/actors/`.
fn actor_words(list: &str, case: Case) -> Words {
    word_set("actors", list, case)
}

/// Heads of offices and titles ("minister", "ambassador", "spokesman"), matched ignoring case.
static ROLE_HEADS: WordSet = LazyLock::new(|| actor_words("role_heads", Case::Lower));
/// Words that qualify an office ("deputy foreign minister"), matched ignoring case.
static ROLE_MODIFIERS: WordSet = LazyLock::new(|| actor_words("role_modifiers", Case::Lower));
/// Capitalised words that never belong to a person's name ("The", "Monday", "Said").
static NOT_NAME: WordSet = LazyLock::new(|| actor_words("never_name_words", Case::Capitalised));
/// Capitalised words that are common English words too: alone, they are taken as a surname
/// only after a title or before a speech verb.
static COMMON_SURNAMES: WordSet = LazyLock::new(|| actor_words("common_surnames", Case::Capitalised));
/// Organisation heads ("... Ministry", "... Front"), group heads included.
static ORG_HEADS: WordSet = LazyLock::new(|| actor_words("org_heads", Case::Capitalised));
/// Heads that make a new name a group ("... Front", "... Brigades").
static GROUP_HEADS: WordSet = LazyLock::new(|| actor_words("group_heads", Case::Capitalised));
/// Heads that start a name before "of" ("Ministry of Defence", "Council of Europe").
static ORG_LEADS: WordSet = LazyLock::new(|| actor_words("org_leads", Case::Capitalised));
/// Lower-case words that join an organisation name ("Organization for Security and ...").
static ORG_CONNECTORS: WordSet = LazyLock::new(|| actor_words("org_connectors", Case::Lower));
/// Prepositions that make a following country a location rather than an actor.
static LOCATIVE: WordSet = LazyLock::new(|| actor_words("locative_words", Case::Lower));
/// Verbs and auxiliaries that show the word before them acting ("Baku said", "Moscow has").
static ACTING: WordSet = LazyLock::new(|| actor_words("acting_verbs", Case::Lower));
/// Adverbs and time words that may stand between a seat of power and its verb.
static ADVERBS: WordSet = LazyLock::new(|| actor_words("adverbs_before_verb", Case::Lower));
/// The days of the week ("Moscow on Tuesday said"), from the lexicon.
static WEEKDAYS: WordSet = LazyLock::new(|| word_set("lexicon", "weekdays", Case::Capitalised));
/// Nouns that a designation such as "Mi-24" or "F-16" may be followed by.
static EQUIPMENT_NOUNS: WordSet = LazyLock::new(|| actor_words("equipment_nouns", Case::Lower));
/// Modifiers allowed between a designation and its noun ("Mi-24 military helicopter").
static EQUIPMENT_MODIFIERS: WordSet = LazyLock::new(|| actor_words("equipment_modifiers", Case::Lower));
/// Person-name particles written in lower case ("bin", "van", "de").
static NAME_PARTICLES: WordSet = LazyLock::new(|| actor_words("name_particles", Case::Lower));
/// Common lower-case words never taken as a misspelt first name.
static NOT_FIRST_NAMES: WordSet = LazyLock::new(|| actor_words("not_first_names", Case::Lower));
/// Determiners that may open an office in an apposition (", the deputy foreign minister,").
static APPOSITION_DETERMINERS: WordSet = LazyLock::new(|| actor_words("apposition_determiners", Case::Lower));
/// Speech verbs after which a common-word surname is taken for a person ("Rice said").
static COMMON_SURNAME_VERBS: WordSet = LazyLock::new(|| actor_words("common_surname_verbs", Case::Lower));
/// Nouns naming a person by occupation, relation or status ("composer", "wife").
static PERSON_NOUNS: WordSet = LazyLock::new(|| actor_words("person_nouns", Case::Lower));
/// Nouns naming an organisation ("company", "band"), the group nouns included.
static ORG_NOUNS: WordSet = LazyLock::new(|| actor_words("org_nouns", Case::Lower));
/// Nouns naming an armed group, party or movement ("militia", "faction").
static GROUP_NOUNS: WordSet = LazyLock::new(|| actor_words("group_nouns", Case::Lower));
/// Endings of a hyphenated word naming a backer ("Iranian-backed", "Saudi-led").
static BACKER_SUFFIXES: WordSet = LazyLock::new(|| actor_words("backer_suffixes", Case::Lower));
/// Words opening a person's dates in brackets ("(born 1949)", "(b. 1950)").
static BIRTH_WORDS: WordSet = LazyLock::new(|| actor_words("birth_words", Case::Lower));
/// Words and marks joining the items of a list of names (",", "and", "&").
static LIST_JOINERS: WordSet = LazyLock::new(|| actor_words("list_joiners", Case::AsWritten));
/// Words that open a list of examples after a plural noun ("like", "including", "such").
static EXAMPLE_OPENERS: WordSet = LazyLock::new(|| actor_words("example_openers", Case::Lower));
/// Capitalised heads of geographic names ("Sea", "River", "Desert").
static GEOGRAPHIC_HEADS: WordSet = LazyLock::new(|| actor_words("geographic_heads", Case::AsWritten));
/// Words that close an apposition: relative words, prepositions, conjunctions.
static APPOSITION_CLOSERS: WordSet = LazyLock::new(|| actor_words("apposition_closers", Case::Lower));
/// Capitalised never-name words that may open an organisation's name ("New").
static NAME_OPENERS: WordSet = LazyLock::new(|| actor_words("name_openers", Case::AsWritten));
/// Forms of "be" that link a name to what it is ("is", "are", "was", "were").
static COPULAS: WordSet = LazyLock::new(|| actor_words("copulas", Case::Lower));
/// Words in capitals that are not organisations ("GMT", "CEO", "HIV").
static NOT_ORG_ACRONYMS: WordSet = LazyLock::new(|| actor_words("not_org_acronyms", Case::AsWritten));
/// The sector a word of an office, descriptor or name gives (`None`: the word takes the
/// sector away, as "former" does), from `data/actors/sector_words.tsv`.
static SECTOR_WORDS: LazyLock<FxHashMap<&'static str, Option<&'static str>>> = LazyLock::new(sector_table);

/// Whether the lowercased `word` is in `set`; a word without a capital is looked up as
/// written, as the lists' words without one were kept as written.
fn contains_lower(set: &Words, word: &str) -> bool {
    if word.is_ascii() || word.chars().any(char::is_uppercase) {
        faultline_text::with_lowercase(word, |lower| set.contains(lower))
    } else {
        set.contains(word)
    }
}

/// "ambassador-at-large" → "ambassador"; "Secretary-General" → "secretary-general".
pub(crate) fn is_role_head(word: &str) -> bool {
    contains_lower(&ROLE_HEADS, word)
        || word.bytes().position(|b| b == b'-').is_some_and(|at| contains_lower(&ROLE_HEADS, &word[..at]))
}

pub(crate) fn is_role_modifier(word: &str) -> bool {
    contains_lower(&ROLE_MODIFIERS, word)
}

pub(crate) fn is_not_name(word: &str) -> bool {
    NOT_NAME.contains(word)
}

pub(crate) fn is_common_surname(word: &str) -> bool {
    COMMON_SURNAMES.contains(word)
}

pub(crate) fn is_org_head(word: &str) -> bool {
    ORG_HEADS.contains(word)
}

pub(crate) fn is_group_head(word: &str) -> bool {
    GROUP_HEADS.contains(word)
}

pub(crate) fn is_org_lead(word: &str) -> bool {
    ORG_LEADS.contains(word)
}

pub(crate) fn is_org_connector(word: &str) -> bool {
    ORG_CONNECTORS.contains(word)
}

pub(crate) fn is_locative(word: &str) -> bool {
    contains_lower(&LOCATIVE, word)
}

pub(crate) fn is_adverb(word: &str) -> bool {
    ADVERBS.contains(word)
}

pub(crate) fn is_weekday(word: &str) -> bool {
    WEEKDAYS.contains(word)
}

/// A lowercase word that reads as a verb after a subject: a listed verb or a past form in -ed.
pub(crate) fn is_acting_verb(word: &str) -> bool {
    let lowercase = word.chars().next().is_some_and(char::is_lowercase);
    lowercase && (ACTING.contains(word) || (word.len() > 4 && word.ends_with("ed")))
}

/// A noun an equipment designation may stand before ("helicopter"), in any case.
pub(crate) fn is_equipment_noun(word: &str) -> bool {
    contains_lower(&EQUIPMENT_NOUNS, word)
}

/// A word between a designation and its noun ("military"), in any case.
pub(crate) fn is_equipment_modifier(word: &str) -> bool {
    contains_lower(&EQUIPMENT_MODIFIERS, word)
}

/// A person-name particle written in lower case ("bin", "al-", "van").
pub(crate) fn is_name_particle(word: &str) -> bool {
    NAME_PARTICLES.contains(word)
}

/// A determiner that may open an office in an apposition ("the", "his").
pub(crate) fn is_apposition_determiner(word: &str) -> bool {
    APPOSITION_DETERMINERS.contains(word)
}

/// A speech verb after which a common-word surname stands for a person ("said").
pub(crate) fn is_common_surname_verb(word: &str) -> bool {
    COMMON_SURNAME_VERBS.contains(word)
}

/// A lower-case noun naming a person by occupation, relation or status ("composer").
pub(crate) fn is_person_noun(word: &str) -> bool {
    starts_lowercase(word) && PERSON_NOUNS.contains(word)
}

/// A lower-case noun naming an organisation ("company", "band", "militia").
pub(crate) fn is_org_noun(word: &str) -> bool {
    starts_lowercase(word) && ORG_NOUNS.contains(word)
}

/// A lower-case noun naming an armed group, party or movement ("militia").
pub(crate) fn is_group_noun(word: &str) -> bool {
    starts_lowercase(word) && GROUP_NOUNS.contains(word)
}

/// A hyphenated word naming who backs or leads ("Iranian-backed", "Saudi-led").
pub(crate) fn is_backer_word(word: &str) -> bool {
    word.rsplit_once('-')
        .is_some_and(|(owner, ending)| !owner.is_empty() && contains_lower(&BACKER_SUFFIXES, ending))
}

/// A word opening a person's dates in brackets ("born", "b").
pub(crate) fn is_birth_word(word: &str) -> bool {
    contains_lower(&BIRTH_WORDS, word)
}

/// A word or mark joining the items of a list of names (",", "and").
pub(crate) fn is_list_joiner(word: &str) -> bool {
    LIST_JOINERS.contains(word)
}

/// A word that opens a list of examples after a plural noun ("like", "including").
pub(crate) fn is_example_opener(word: &str) -> bool {
    EXAMPLE_OPENERS.contains(word)
}

/// The capitalised head of a geographic name ("Sea", "River").
pub(crate) fn is_geographic_head(word: &str) -> bool {
    GEOGRAPHIC_HEADS.contains(word)
}

/// A relative word, preposition or conjunction that closes an apposition ("who", "of").
pub(crate) fn is_apposition_closer(word: &str) -> bool {
    APPOSITION_CLOSERS.contains(word)
}

/// A capitalised word that never belongs to a person's name but may open an organisation's
/// ("New").
pub(crate) fn is_name_opener(word: &str) -> bool {
    NAME_OPENERS.contains(word)
}

/// A form of "be" that links a name to what it is ("is", "was").
pub(crate) fn is_copula(word: &str) -> bool {
    COPULAS.contains(word)
}

/// A word in capitals that is not the name of an organisation ("GMT", "CEO").
pub(crate) fn is_not_org_acronym(word: &str) -> bool {
    NOT_ORG_ACRONYMS.contains(word)
}

/// The sector a word gives, in any case: `Some(Some("MIL"))` for "army", `Some(None)` for a
/// word that takes the sector away ("former"), `None` for a word that says nothing.
pub(crate) fn sector_of(word: &str) -> Option<Option<&'static str>> {
    faultline_text::with_lowercase(word, |lower| SECTOR_WORDS.get(lower).copied())
}

/// A function word of English in lower case ("of", "who", "that", "is"): one of the words
/// that never belong to a name.
pub(crate) fn is_function_word(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next().filter(|c| c.is_ascii_lowercase()) else { return false };
    let mut capitalised = [0u8; 24];
    let bytes = word.as_bytes();
    if bytes.len() > capitalised.len() {
        return false;
    }
    capitalised[..bytes.len()].copy_from_slice(bytes);
    capitalised[0] = first.to_ascii_uppercase() as u8;
    std::str::from_utf8(&capitalised[..bytes.len()]).is_ok_and(is_not_name)
}

fn starts_lowercase(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
}

/// The rows of `data/actors/sector_words.tsv` (the shipped file, then a user's), by word in
/// lower case; `-` reads as no sector.
fn sector_table() -> FxHashMap<&'static str, Option<&'static str>> {
    let mut table = FxHashMap::default();
    for source in faultline_knowledge::active_sources("actors", "sector_words.tsv") {
        let rows =
            source.text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
        for (index, line) in rows.skip(1) {
            let mut cells = line.split('\t').map(str::trim);
            let (Some(word), Some(sector)) = (cells.next(), cells.next()) else {
                panic!("{}:{}: expected a word and a sector", source.label, index + 1);
            };
            table.insert(Case::Lower.apply(word), (sector != "-").then_some(sector));
        }
    }
    table
}

/// A word that may be part of a name: capitalised, letters (with inner hyphens or apostrophes),
/// and not a function word.
pub(crate) fn is_name_word(word: &str) -> bool {
    let bytes = word.as_bytes();
    // Quick reject: most words start with an ASCII character that is not a capital.
    if bytes.first().is_none_or(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return false;
    }
    // The same tests, byte by byte, for the common ASCII word.
    if word.is_ascii() {
        return bytes.iter().all(|&b| b.is_ascii_alphabetic() || b == b'-' || b == b'\'')
            && bytes.iter().filter(|b| b.is_ascii_uppercase()).count() <= 2
            && !is_not_name(word);
    }
    is_capitalised(word)
        && !is_not_name(word)
        && word.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
        && word.chars().filter(|c| c.is_uppercase()).count() <= 2
}

/// Common lowercase words never taken as a misspelt first name.
pub(crate) fn is_stopword(word: &str) -> bool {
    NOT_FIRST_NAMES.contains(word)
}

/// Builds this module's tables now (see the crate's `load_tables`).
pub(crate) fn load_tables() {
    LazyLock::force(&ROLE_HEADS);
    LazyLock::force(&ROLE_MODIFIERS);
    LazyLock::force(&NOT_NAME);
    LazyLock::force(&COMMON_SURNAMES);
    LazyLock::force(&ORG_HEADS);
    LazyLock::force(&GROUP_HEADS);
    LazyLock::force(&ORG_LEADS);
    LazyLock::force(&ORG_CONNECTORS);
    LazyLock::force(&LOCATIVE);
    LazyLock::force(&ACTING);
    LazyLock::force(&ADVERBS);
    LazyLock::force(&WEEKDAYS);
    LazyLock::force(&EQUIPMENT_NOUNS);
    LazyLock::force(&EQUIPMENT_MODIFIERS);
    LazyLock::force(&NAME_PARTICLES);
    LazyLock::force(&NOT_FIRST_NAMES);
    LazyLock::force(&APPOSITION_DETERMINERS);
    LazyLock::force(&COMMON_SURNAME_VERBS);
    LazyLock::force(&PERSON_NOUNS);
    LazyLock::force(&ORG_NOUNS);
    LazyLock::force(&GROUP_NOUNS);
    LazyLock::force(&BACKER_SUFFIXES);
    LazyLock::force(&BIRTH_WORDS);
    LazyLock::force(&NOT_ORG_ACRONYMS);
    LazyLock::force(&COPULAS);
    LazyLock::force(&LIST_JOINERS);
    LazyLock::force(&APPOSITION_CLOSERS);
    LazyLock::force(&GEOGRAPHIC_HEADS);
    LazyLock::force(&EXAMPLE_OPENERS);
    LazyLock::force(&NAME_OPENERS);
    LazyLock::force(&SECTOR_WORDS);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn tokens_keep_hyphens_and_split_possessives() {
        assert_eq!(
            words("Armenia’s ambassador-at-large, O'Brien's Mi-24."),
            ["Armenia", "’", "s", "ambassador-at-large", ",", "O'Brien", "'", "s", "Mi-24", "."]
        );
        assert_eq!(words("“Baku”"), ["“", "Baku", "”"]);
    }

    #[test]
    fn possessives_are_found() {
        let text = "Armenia’s envoy, the Armenians' claim";
        assert_eq!(possessive_end(text, 7), Some(11));
        assert_eq!(possessive_end(text, 32), Some(33));
        assert_eq!(possessive_end(text, 0), None);
    }

    #[test]
    fn word_classes() {
        assert!(is_role_head("ambassador-at-large"));
        assert!(is_role_head("Secretary-General"));
        assert!(!is_role_head("ambassadorial"));
        assert!(is_acting_verb("claimed") && is_acting_verb("said") && !is_acting_verb("talks"));
        assert!(!is_name_word("The") && is_name_word("Marukyan") && !is_name_word("CSTO"));
    }

    #[test]
    fn lists_are_written_in_the_case_they_are_matched_in() {
        // Lexicon words, written in lower case, are matched capitalised; removals hold.
        assert!(is_not_name("The") && is_not_name("I") && is_not_name("Which") && is_not_name("Said"));
        assert!(is_not_name("Monday") && is_not_name("May") && !is_not_name("the") && !is_not_name("Whose"));
        assert!(is_weekday("Tuesday") && !is_weekday("tuesday") && !is_weekday("Tues"));
        assert!(is_acting_verb("might") && !is_acting_verb("do") && !is_acting_verb("shall"));
        assert!(is_stopword("nor") && !is_stopword("nor-"));
        assert!(is_equipment_noun("Helicopters") && is_equipment_modifier("air-defence"));
        assert!(is_org_head("Front") && is_group_head("Front") && !is_group_head("Ministry"));
        assert_eq!(Case::Capitalised.apply("i"), "I");
        assert_eq!(Case::Lower.apply("Ministry"), "ministry");
        assert_eq!(Case::Capitalised.apply("Monday"), "Monday");
    }
}
