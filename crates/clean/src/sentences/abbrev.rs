//! The abbreviation list, `data/clean/abbreviations.txt`: which words ending in a period
//! are abbreviations, and how readily each one ends a sentence. The file's header
//! explains the classes.

use std::collections::HashMap;
use std::sync::LazyLock;

const LIST: &str = include_str!("../../../../data/clean/abbreviations.txt");

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

static TABLE: LazyLock<HashMap<&'static str, Class>> = LazyLock::new(|| parse(LIST).0);

/// Reads the list: the table, and one message per line that could not be read.
fn parse(list: &str) -> (HashMap<&str, Class>, Vec<String>) {
    let mut table = HashMap::new();
    let mut errors = Vec::new();
    for (number, line) in list.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split_whitespace();
        let (Some(abbreviation), Some(class), None) = (fields.next(), fields.next(), fields.next()) else {
            errors.push(format!("line {}: expected two fields", number + 1));
            continue;
        };
        let class = match class {
            "inner" => Class::Inner,
            "weak" => Class::Weak,
            "final" => Class::Final,
            "time" => Class::Time,
            "number" => Class::Number,
            other => {
                errors.push(format!("line {}: unknown class {other:?}", number + 1));
                continue;
            }
        };
        if !abbreviation.ends_with('.') {
            errors.push(format!("line {}: {abbreviation:?} has no period", number + 1));
        } else if table.insert(abbreviation, class).is_some() {
            errors.push(format!("line {}: {abbreviation:?} listed twice", number + 1));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_reads_without_errors() {
        let (table, errors) = parse(LIST);
        assert!(errors.is_empty(), "{errors:#?}");
        assert!(table.len() > 100);
    }

    #[test]
    fn parse_reports_bad_lines() {
        let (table, errors) = parse("# comment\nGen. inner\nFoo. sometimes\nBar inner\nGen. weak\nx\n");
        assert_eq!(table.len(), 1);
        assert_eq!(errors.len(), 4, "{errors:#?}");
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
