//! Word lists for finding people the dictionary does not know, read on first use from the
//! process's knowledge (`data/actors/given_names.txt`, `data/actors/not_person_words.txt`).
//!
//! - A **given name** opening a capitalised run of two or three name words ("Olena Kovalenko",
//!   "Jean-Pierre Dubois") makes the run a new person without further context.
//! - A **non-person word** anywhere in a run ("George Street", "Albert Cup", "Jackson County")
//!   keeps the given-name and context rules from taking it as a person.
//!
//! Both lists hold one case-sensitive word per line; `#` starts a comment line. The small
//! closed classes beside them are knowledge files too: speech verbs that mark a person before
//! or after a name (`speech_verbs.txt`), company and club suffixes that end an organisation's
//! name (`org_suffixes.txt`) and club prefixes that open one (`org_prefixes.txt`), and the
//! articles of surnames such as "al-Assad" that continue a
//! name (`name_articles.txt`).

use std::sync::LazyLock;

use crate::text::{Case, WordSet, word_set};

static GIVEN_NAMES: WordSet = LazyLock::new(|| word_set("actors", "given_names", Case::AsWritten));
static NOT_PERSON: WordSet = LazyLock::new(|| word_set("actors", "not_person_words", Case::AsWritten));
static ORG_SUFFIXES: WordSet = LazyLock::new(|| word_set("actors", "org_suffixes", Case::AsWritten));
static ORG_PREFIXES: WordSet = LazyLock::new(|| word_set("actors", "org_prefixes", Case::AsWritten));
static NAME_ARTICLES: WordSet = LazyLock::new(|| word_set("actors", "name_articles", Case::Lower));
static SPEECH_VERBS: WordSet = LazyLock::new(|| word_set("actors", "speech_verbs", Case::Lower));

/// A common given name ("Olena", "Jean-Pierre", "Mohammed").
pub(crate) fn is_given_name(word: &str) -> bool {
    GIVEN_NAMES.contains(word)
}

/// A capitalised word that marks a place, building, institution, event or work ("Street").
pub(crate) fn marks_non_person(word: &str) -> bool {
    NOT_PERSON.contains(word)
}

/// A word that ends the name of a company, club, outlet or ensemble ("Holdings", "FC",
/// "Gazette"), beside the office and body heads of the text module.
pub(crate) fn is_org_suffix(word: &str) -> bool {
    ORG_SUFFIXES.contains(word)
}

/// A word that opens the name of a club ("FC Basel", "AC Milan").
pub(crate) fn is_org_prefix(word: &str) -> bool {
    ORG_PREFIXES.contains(word)
}

/// A surname with an attached lowercase article, as Arabic names are romanised ("al-Assad",
/// "el-Sisi", "ash-Shaibani"); it continues a name but does not start one.
pub(crate) fn is_prefixed_name(word: &str) -> bool {
    let Some((article, rest)) = word.split_once('-') else { return false };
    NAME_ARTICLES.contains(article)
        && rest.chars().next().is_some_and(char::is_uppercase)
        && rest.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'')
}

/// A verb of speech after a name ("said", "told", "added").
pub(crate) fn is_speech_verb(word: &str) -> bool {
    SPEECH_VERBS.contains(word)
}

/// Builds this module's tables now (see the crate's `load_tables`).
pub(crate) fn load_tables() {
    LazyLock::force(&GIVEN_NAMES);
    LazyLock::force(&NOT_PERSON);
    LazyLock::force(&ORG_SUFFIXES);
    LazyLock::force(&ORG_PREFIXES);
    LazyLock::force(&NAME_ARTICLES);
    LazyLock::force(&SPEECH_VERBS);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_are_case_sensitive() {
        assert!(is_given_name("Olena") && is_given_name("Jean-Pierre") && is_given_name("Mohammed"));
        assert!(!is_given_name("olena") && !is_given_name("May") && !is_given_name("Jordan"));
        assert!(marks_non_person("Street") && marks_non_person("University") && !marks_non_person("street"));
        assert!(!marks_non_person("John") && !marks_non_person("faultline"));
        assert!(is_prefixed_name("al-Assad") && is_prefixed_name("el-Sisi") && !is_prefixed_name("al-"));
        assert!(
            !is_prefixed_name("Al-Assad") && !is_prefixed_name("al-qaeda") && !is_prefixed_name("self-Help")
        );
    }
}
