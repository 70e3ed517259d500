//! The abbreviation list, the knowledge file `data/clean/abbreviations.txt` (then a
//! dictionary folder's `DIR/clean/abbreviations.txt`, whose entries add to or replace the
//! shipped ones): which words ending in a period are abbreviations, and how readily each
//! one ends a sentence. The file's header explains the classes.

use faultline_knowledge::Source;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// How an abbreviation behaves when its period is followed by whitespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    /// Never ends a sentence.
    Inner,
    /// Ends one only before a word that typically opens a sentence.
    Weak,
    /// Ends one before any capitalised word.
    Final,
    /// Like `Final`, except before a time zone or "<Place> time".
    Time,
    /// An abbreviation only before a number.
    Number,
}

static TABLE: LazyLock<HashMap<&'static str, Class>> =
    LazyLock::new(|| parse(&faultline_knowledge::active_sources("clean", "abbreviations.txt")).0);

/// Reads the layers of the list in order, a later entry replacing an earlier one: the
/// table, and one message per line that could not be read.
fn parse<'a>(sources: &[Source<'a>]) -> (HashMap<&'a str, Class>, Vec<String>) {
    let mut table = HashMap::new();
    let mut errors = Vec::new();
    for source in sources {
        let mut listed = HashSet::new();
        for (number, line) in source.text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut error =
                |message: String| errors.push(format!("{}:{}: {message}", source.label, number + 1));
            let mut fields = line.split_whitespace();
            let (Some(abbreviation), Some(class), None) = (fields.next(), fields.next(), fields.next())
            else {
                error("expected two fields".to_string());
                continue;
            };
            let class = match class {
                "inner" => Class::Inner,
                "weak" => Class::Weak,
                "final" => Class::Final,
                "time" => Class::Time,
                "number" => Class::Number,
                other => {
                    error(format!("unknown class {other:?}"));
                    continue;
                }
            };
            if !abbreviation.ends_with('.') {
                error(format!("{abbreviation:?} has no period"));
                continue;
            }
            table.insert(abbreviation, class);
            if !listed.insert(abbreviation) {
                error(format!("{abbreviation:?} listed twice"));
            }
        }
    }
    (table, errors)
}

/// The class of `token` (a word with its final period, such as `"U.S."`), if listed. A
/// lowercase entry also matches the word with a capital first letter.
pub(super) fn lookup(token: &str) -> Option<Class> {
    if let Some(&class) = TABLE.get(token) {
        return Some(class);
    }
    let first = token.chars().next()?;
    if !first.is_ascii_uppercase() {
        return None;
    }
    let mut lower = String::with_capacity(token.len());
    lower.push(first.to_ascii_lowercase());
    lower.push_str(&token[1..]);
    TABLE.get(lower.as_str()).copied()
}

/// Builds this module's tables now (see the crate's `load_tables`).
pub(crate) fn load_tables() {
    LazyLock::force(&TABLE);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_reads_without_errors() {
        let sources =
            faultline_knowledge::Knowledge::shipped().required_sources("clean", "abbreviations.txt");
        let (table, errors) = parse(&sources.unwrap());
        assert!(errors.is_empty(), "{errors:#?}");
        assert!(table.len() > 100);
    }

    #[test]
    fn parse_reports_bad_lines() {
        let text = "# comment\nGen. inner\nFoo. sometimes\nBar inner\nGen. weak\nx\n";
        let (table, errors) = parse(&[Source { label: "list".into(), text }]);
        assert_eq!(table.len(), 1);
        assert_eq!(errors.len(), 4, "{errors:#?}");
        assert!(errors[0].starts_with("list:3: "), "{errors:#?}");
    }

    #[test]
    fn a_later_layer_replaces_an_entry() {
        let layer = |text| Source { label: "layer".into(), text };
        let (table, errors) = parse(&[layer("Gen. inner\n"), layer("Gen. weak\nFoo. final\n")]);
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!((table["Gen."], table["Foo."]), (Class::Weak, Class::Final));
    }

    #[test]
    fn lookup_matches_capitalised_lowercase_entries() {
        assert_eq!(lookup("U.S."), Some(Class::Weak));
        assert_eq!(lookup("Gen."), Some(Class::Inner));
        assert_eq!(lookup("gen."), None);
        assert_eq!(lookup("E.g."), Some(Class::Inner));
        assert_eq!(lookup("No."), Some(Class::Number));
        assert_eq!(lookup("a.m."), Some(Class::Time));
        assert_eq!(lookup("etc."), Some(Class::Final));
        assert_eq!(lookup("Moscow."), None);
        assert_eq!(lookup(""), None);
        assert_eq!(lookup("Ä."), None);
    }
}
