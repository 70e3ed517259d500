//! Word tokens with byte offsets and the small closed word lists the rules use.
//!
//! The lists are English function words and the vocabulary of offices and organisation
//! names; none holds a proper name. They decide what may start or end a name, what is a title,
//! and what follows a seat of power when it acts ("Baku claimed"). Each list is looked up in
//! its own hash set, built on first use and shared by all threads without a lock.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

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

/// Splits into words (letters and digits, joined by inner hyphens and apostrophes, but not the
/// possessive `'s`) and single non-space characters.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 4);
    let bytes = text.as_bytes();
    let char_at = |pos: usize| match bytes.get(pos) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => text[pos..].chars().next(),
        None => None,
    };
    let mut pos = 0;
    while let Some(c) = char_at(pos) {
        let start = pos;
        pos += c.len_utf8();
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            tokens.push(Token { start, end: pos, word: false });
            continue;
        }
        while let Some(c) = char_at(pos) {
            if c.is_alphanumeric() {
                pos += c.len_utf8();
                continue;
            }
            let after = pos + c.len_utf8();
            let next = char_at(after);
            let joins = (c == '-' || is_apostrophe(c)) && next.is_some_and(char::is_alphanumeric);
            // `s` is one byte, so what follows it starts at `after + 1`.
            let possessive = is_apostrophe(c)
                && matches!(next, Some('s' | 'S'))
                && !char_at(after + 1).is_some_and(char::is_alphanumeric);
            match next {
                Some(next) if joins && !possessive => pos = after + next.len_utf8(),
                _ => break,
            }
        }
        tokens.push(Token { start, end: pos, word: true });
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

/// Lowercase heads of offices and titles ("minister", "ambassador", "spokesman").
const ROLE_HEADS: &[&str] = &[
    "president",
    "minister",
    "secretary",
    "secretary-general",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "envoy",
    "chancellor",
    "governor",
    "mayor",
    "commander",
    "commander-in-chief",
    "chief",
    "general",
    "leader",
    "head",
    "director",
    "director-general",
    "chairman",
    "chairwoman",
    "chair",
    "adviser",
    "advisor",
    "aide",
    "representative",
    "senator",
    "king",
    "queen",
    "prince",
    "princess",
    "emir",
    "premier",
    "prosecutor",
    "judge",
    "colonel",
    "lieutenant",
    "captain",
    "admiral",
    "sergeant",
    "officer",
    "negotiator",
    "speaker",
    "ombudsman",
    "lawmaker",
    "commissioner",
    "coordinator",
    "pope",
    "patriarch",
    "sheikh",
    "ayatollah",
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "col",
    "lt",
    "maj",
    "capt",
    "adm",
    "sgt",
    "sen",
    "rep",
    "gov",
    "prof",
    "vice-president",
    "deputy",
    "mp",
    "attaché",
    "consul",
    "spokesmen",
    "president-elect",
];

/// Words that qualify an office ("deputy foreign minister", "Secretary of State").
const ROLE_MODIFIERS: &[&str] = &[
    "deputy",
    "vice",
    "prime",
    "foreign",
    "defence",
    "defense",
    "interior",
    "first",
    "former",
    "acting",
    "senior",
    "top",
    "special",
    "assistant",
    "presidential",
    "army",
    "military",
    "state",
    "national",
    "security",
    "economy",
    "finance",
    "justice",
    "health",
    "emergency",
    "affairs",
    "trade",
    "energy",
    "press",
    "education",
    "at-large",
    "ex",
    "outgoing",
    "incoming",
    "regional",
    "high",
    "supreme",
    "grand",
    "executive",
    "opposition",
    "permanent",
    "armed",
    "forces",
    "staff",
    "general",
    "chief",
    "lead",
    "foreign-affairs",
    "intelligence",
    "police",
    "border",
    "ministry",
    "government",
    "parliamentary",
    "un",
    "eu",
    "nato",
    "un's",
];

/// Capitalised words that never belong to a person's name.
const NOT_NAME: &[&str] = &[
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Our",
    "Its",
    "In",
    "On",
    "At",
    "For",
    "But",
    "And",
    "Or",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Then",
    "However",
    "Meanwhile",
    "Also",
    "As",
    "With",
    "By",
    "From",
    "To",
    "Of",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Read",
    "More",
    "Next",
    "Some",
    "Many",
    "All",
    "Both",
    "Each",
    "Every",
    "No",
    "Not",
    "There",
    "Here",
    "What",
    "Who",
    "Why",
    "How",
    "Where",
    "Which",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Last",
    "Earlier",
    "Later",
    "According",
    "Under",
    "Over",
    "During",
    "Since",
    "Until",
    "Despite",
    "Although",
    "Though",
    "Because",
    "So",
    "Yet",
    "Now",
    "Still",
    "Even",
    "Only",
    "Just",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Sir",
    "Dame",
    "Lord",
    "Is",
    "Was",
    "Are",
    "Were",
    "Will",
    "Would",
    "Can",
    "Could",
    "Should",
    "Did",
    "Does",
    "Do",
    "Has",
    "Have",
    "Had",
    "Said",
    "Says",
    "New",
    "Photo",
    "Source",
    "Image",
    "Video",
    "Watch",
    "Opinion",
    "Updated",
];

/// Capitalised words that are common English words too: alone, they are taken as a surname
/// only after a title or before a speech verb.
const COMMON_SURNAMES: &[&str] = &[
    "May", "Hope", "Rice", "Power", "Brown", "White", "Black", "Green", "Young", "King", "Bush", "Long",
    "Little", "Love", "Rich", "Strong", "Wise", "Price", "Cook", "Baker", "Hill", "Wood", "Stone", "Church",
    "Field", "Lane", "Bird", "Fox", "Hunt", "Hall", "Bishop", "Major", "Gray", "Grey", "Frost", "Best",
    "Wells", "Moon", "Rose", "Case", "Law", "Bell", "Page", "March", "August", "Sharp", "Key", "Good",
];

/// Organisation heads ("... Ministry", "... Front"); `GROUP_HEADS` make a group.
const ORG_HEADS: &[&str] = &[
    "Ministry",
    "Agency",
    "Council",
    "Committee",
    "Organization",
    "Organisation",
    "Union",
    "Association",
    "Corporation",
    "Company",
    "Institute",
    "University",
    "Bank",
    "Commission",
    "Court",
    "Parliament",
    "Assembly",
    "Alliance",
    "Federation",
    "League",
    "Guard",
    "Guards",
    "Navy",
    "Police",
    "Office",
    "Department",
    "Bureau",
    "Foundation",
    "Fund",
    "Network",
    "Coalition",
    "Regiment",
    "Division",
    "Corps",
    "Group",
    "Authority",
    "Directorate",
    "Command",
    "Tribunal",
    "Mission",
    "Programme",
    "Program",
    "Centre",
    "Center",
    "Society",
    "Board",
    "Secretariat",
    "Service",
    "Services",
    "Forces",
    "Force",
    "Inc",
    "Ltd",
    "Corp",
    "Airlines",
    "Airways",
    "Agency",
    "Club",
    "Conference",
    "Cabinet",
    "Senate",
    "Congress",
    "Observatory",
    "Watch",
    "Television",
    "Radio",
    "Commonwealth",
];

pub(crate) const GROUP_HEADS: &[&str] = &[
    "Front",
    "Brigade",
    "Brigades",
    "Movement",
    "Party",
    "Militia",
    "Militias",
    "Battalion",
    "Battalions",
    "Army",
    "Faction",
    "Legion",
    "Mujahideen",
    "Taliban",
];

/// Heads that start a name before "of" ("Ministry of Defence", "Council of Europe").
const ORG_LEADS: &[&str] = &[
    "Ministry",
    "Council",
    "Department",
    "Office",
    "Bank",
    "University",
    "Court",
    "League",
    "Organization",
    "Organisation",
    "Commission",
    "Committee",
    "Federation",
    "Union",
    "Institute",
    "Assembly",
    "Party",
    "Army",
    "Front",
    "Movement",
    "Association",
    "Agency",
];

/// Lowercase words that join an organisation name ("Organization for Security and ...").
pub(crate) const ORG_CONNECTORS: &[&str] = &["of", "for", "and", "on", "in", "the", "de", "du", "al"];

/// Prepositions that make a following country a location rather than an actor.
const LOCATIVE: &[&str] = &[
    "in",
    "into",
    "inside",
    "across",
    "throughout",
    "near",
    "at",
    "from",
    "to",
    "towards",
    "toward",
    "within",
    "over",
    "via",
    "through",
    "around",
    "outside",
    "visit",
    "visited",
    "visiting",
];

/// Verbs and auxiliaries that show the word before them acting ("Baku said", "Moscow has").
const ACTING: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "was",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "did",
    "does",
    "says",
    "said",
    "wants",
    "urges",
    "calls",
    "accuses",
    "denies",
    "insists",
    "claims",
    "announces",
    "responds",
    "rejects",
    "blames",
    "demands",
    "threatens",
    "hopes",
    "sees",
    "knows",
    "took",
    "told",
    "sent",
    "made",
    "gave",
    "won",
    "lost",
    "began",
    "saw",
    "seeks",
    "plans",
    "believes",
    "considers",
    "welcomes",
    "condemns",
    "supports",
    "backs",
    "opposes",
    "continues",
    "remains",
    "needs",
    "wrote",
    "sought",
    "agrees",
    "warns",
    "tells",
    "keeps",
    "sends",
    "gives",
    "makes",
    "takes",
    "puts",
    "put",
    "held",
    "holds",
    "struck",
    "strikes",
    "hit",
    "hits",
    "fought",
    "fights",
    "ran",
    "runs",
    "led",
    "leads",
    "met",
    "meets",
];

/// Adverbs and time words that may stand between a seat of power and its verb.
const ADVERBS: &[&str] = &[
    "then",
    "also",
    "now",
    "still",
    "later",
    "again",
    "already",
    "officially",
    "reportedly",
    "allegedly",
    "recently",
    "quickly",
    "swiftly",
    "immediately",
    "previously",
    "once",
    "finally",
    "itself",
    "too",
];

const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// Nouns that a designation such as "Mi-24" or "F-16" may be followed by.
pub(crate) const EQUIPMENT_NOUNS: &[&str] = &[
    "helicopter",
    "helicopters",
    "jet",
    "jets",
    "aircraft",
    "plane",
    "planes",
    "tank",
    "tanks",
    "drone",
    "drones",
    "missile",
    "missiles",
    "system",
    "systems",
    "launcher",
    "launchers",
    "rifle",
    "rifles",
    "bomber",
    "bombers",
    "fighter",
    "fighters",
    "airliner",
    "airliners",
    "gunship",
    "gunships",
    "vehicle",
    "vehicles",
    "howitzer",
    "howitzers",
    "warship",
    "submarine",
    "frigate",
    "destroyer",
    "rocket",
    "rockets",
    "chopper",
    "choppers",
    "interceptor",
    "interceptors",
    "carrier",
    "carriers",
];

/// Modifiers allowed between a designation and its noun ("Mi-24 military helicopter").
pub(crate) const EQUIPMENT_MODIFIERS: &[&str] = &[
    "military",
    "attack",
    "transport",
    "combat",
    "fighter",
    "cargo",
    "passenger",
    "armoured",
    "armored",
    "battle",
    "cruise",
    "ballistic",
    "anti-aircraft",
    "air",
    "defence",
    "defense",
    "multirole",
    "utility",
    "strike",
    "surveillance",
    "reconnaissance",
    "unmanned",
    "main",
    "air-defence",
    "air-defense",
];

/// A closed word list as a hash set, built on first use.
type WordSet = LazyLock<FxHashSet<&'static str>>;

fn set_of(lists: &[&[&'static str]]) -> FxHashSet<&'static str> {
    lists.iter().flat_map(|list| list.iter().copied()).collect()
}

static ROLE_HEAD_SET: WordSet = LazyLock::new(|| set_of(&[ROLE_HEADS]));
static ROLE_MODIFIER_SET: WordSet = LazyLock::new(|| set_of(&[ROLE_MODIFIERS]));
static NOT_NAME_SET: WordSet = LazyLock::new(|| set_of(&[NOT_NAME]));
static COMMON_SURNAME_SET: WordSet = LazyLock::new(|| set_of(&[COMMON_SURNAMES]));
static ORG_HEAD_SET: WordSet = LazyLock::new(|| set_of(&[ORG_HEADS, GROUP_HEADS]));
static ORG_LEAD_SET: WordSet = LazyLock::new(|| set_of(&[ORG_LEADS]));
static LOCATIVE_SET: WordSet = LazyLock::new(|| set_of(&[LOCATIVE]));
static ACTING_SET: WordSet = LazyLock::new(|| set_of(&[ACTING]));
static ADVERB_SET: WordSet = LazyLock::new(|| set_of(&[ADVERBS]));
static WEEKDAY_SET: WordSet = LazyLock::new(|| set_of(&[WEEKDAYS]));

/// Whether the lowercased `word` is in `set`; ASCII words are lowercased on the stack.
fn contains_lower(set: &FxHashSet<&'static str>, word: &str) -> bool {
    if !word.is_ascii() {
        return if word.chars().any(char::is_uppercase) {
            set.contains(word.to_lowercase().as_str())
        } else {
            set.contains(word)
        };
    }
    if !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return set.contains(word);
    }
    let mut buffer = [0u8; 32];
    let Some(lower) = buffer.get_mut(..word.len()) else {
        return set.contains(word.to_ascii_lowercase().as_str());
    };
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).is_ok_and(|lower| set.contains(lower))
}

/// "ambassador-at-large" → "ambassador"; "Secretary-General" → "secretary-general".
pub(crate) fn is_role_head(word: &str) -> bool {
    contains_lower(&ROLE_HEAD_SET, word)
        || word.bytes().position(|b| b == b'-').is_some_and(|at| contains_lower(&ROLE_HEAD_SET, &word[..at]))
}

pub(crate) fn is_role_modifier(word: &str) -> bool {
    contains_lower(&ROLE_MODIFIER_SET, word)
}

pub(crate) fn is_not_name(word: &str) -> bool {
    NOT_NAME_SET.contains(word)
}

pub(crate) fn is_common_surname(word: &str) -> bool {
    COMMON_SURNAME_SET.contains(word)
}

pub(crate) fn is_org_head(word: &str) -> bool {
    ORG_HEAD_SET.contains(word)
}

pub(crate) fn is_org_lead(word: &str) -> bool {
    ORG_LEAD_SET.contains(word)
}

pub(crate) fn is_locative(word: &str) -> bool {
    contains_lower(&LOCATIVE_SET, word)
}

pub(crate) fn is_adverb(word: &str) -> bool {
    ADVERB_SET.contains(word)
}

pub(crate) fn is_weekday(word: &str) -> bool {
    WEEKDAY_SET.contains(word)
}

/// A lowercase word that reads as a verb after a subject: a listed verb or a past form in -ed.
pub(crate) fn is_acting_verb(word: &str) -> bool {
    let lowercase = word.chars().next().is_some_and(char::is_lowercase);
    lowercase && (ACTING_SET.contains(word) || (word.len() > 4 && word.ends_with("ed")))
}

/// A person-name particle written in lower case ("bin", "al-", "van").
pub(crate) fn is_name_particle(word: &str) -> bool {
    matches!(
        word,
        "bin" | "ibn" | "al" | "el" | "van" | "von" | "de" | "da" | "di" | "der" | "den" | "la" | "le"
    )
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
    matches!(
        word,
        "the"
            | "and"
            | "but"
            | "for"
            | "with"
            | "from"
            | "that"
            | "this"
            | "said"
            | "says"
            | "told"
            | "was"
            | "were"
            | "has"
            | "had"
            | "have"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "who"
            | "when"
            | "then"
            | "than"
            | "also"
            | "after"
            | "before"
            | "over"
            | "into"
            | "onto"
            | "upon"
            | "by"
            | "of"
            | "to"
            | "in"
            | "on"
            | "at"
            | "as"
            | "an"
            | "a"
            | "is"
            | "are"
            | "be"
            | "not"
            | "nor"
            | "or"
            | "if"
            | "so"
            | "yet"
            | "all"
            | "any"
            | "one"
            | "two"
            | "him"
            | "them"
            | "they"
            | "she"
            | "he"
            | "we"
            | "you"
            | "it"
            | "met"
            | "call"
            | "called"
            | "asked"
            | "urged"
            | "thanked"
            | "against"
    )
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
}
