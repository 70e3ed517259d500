//! Word lists for finding people the dictionary does not know, read once from the shipped data
//! files (`data/actors/given_names.txt`, `data/actors/not_person_words.txt`).
//!
//! - A **given name** opening a capitalised run of two or three name words ("Olena Kovalenko",
//!   "Jean-Pierre Dubois") makes the run a new person without further context.
//! - A **non-person word** anywhere in a run ("George Street", "Albert Cup", "Jackson County")
//!   keeps the given-name and context rules from taking it as a person.
//!
//! Both lists are case-sensitive sets of whitespace-separated words; `#` starts a comment line.
//! The small closed classes beside them are here too: speech verbs that mark a person before
//! or after a name, company and club suffixes that end an organisation's name, and surnames
//! with an attached Arabic article ("al-Assad") that continue a name.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

static GIVEN_NAMES: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| words(include_str!("../../../data/actors/given_names.txt")));

static NOT_PERSON: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| words(include_str!("../../../data/actors/not_person_words.txt")));

fn words(text: &'static str) -> FxHashSet<&'static str> {
    text.lines().filter(|line| !line.starts_with('#')).flat_map(str::split_whitespace).collect()
}

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
    matches!(
        word,
        "plc"
            | "PLC"
            | "LLC"
            | "GmbH"
            | "AG"
            | "SA"
            | "NV"
            | "Co"
            | "Holdings"
            | "Industries"
            | "Technologies"
            | "Systems"
            | "Motors"
            | "Partners"
            | "Entertainment"
            | "Pictures"
            | "Studios"
            | "Records"
            | "Publishing"
            | "Publishers"
            | "Broadcasting"
            | "Railway"
            | "Railways"
            | "FC"
            | "AFC"
            | "Rovers"
            | "Wanderers"
            | "Athletic"
            | "Times"
            | "Post"
            | "Gazette"
            | "Herald"
            | "Tribune"
            | "Journal"
            | "Orchestra"
            | "College"
            | "Academy"
            | "Trust"
    )
}

/// A surname with an attached lowercase article, as Arabic names are romanised ("al-Assad",
/// "el-Sisi", "ash-Shaibani"); it continues a name but does not start one.
pub(crate) fn is_prefixed_name(word: &str) -> bool {
    let Some((article, rest)) = word.split_once('-') else { return false };
    matches!(article, "al" | "el" | "ad" | "ar" | "as" | "ash" | "at" | "an" | "az" | "adh" | "ul" | "ud")
        && rest.chars().next().is_some_and(char::is_uppercase)
        && rest.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'')
}

/// A verb of speech after a name ("said", "told", "added").
pub(crate) fn is_speech_verb(word: &str) -> bool {
    matches!(
        word,
        "said"
            | "says"
            | "told"
            | "added"
            | "wrote"
            | "writes"
            | "stated"
            | "explained"
            | "noted"
            | "insisted"
            | "argued"
            | "recalled"
            | "tweeted"
            | "replied"
            | "stressed"
            | "admitted"
            | "testified"
    )
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
