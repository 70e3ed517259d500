//! The knowledge the merge rules read, from `data/incidents/` through the active
//! knowledge: which PLOVER types may stand for one happening (`compatible_types.tsv`),
//! the type families the incident index groups them in, the words the text signal ignores
//! (`function_words.txt`) and the Goldstein weights of the types (`goldstein.tsv`).

use faultline_model::PLOVER_TYPES;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

/// A row of `compatible_types.tsv`: `first` may merge with `second` when `second`'s mode
/// is one of `modes` (any mode when `None`).
#[derive(Debug, Clone)]
struct Compatible {
    first: String,
    second: String,
    modes: Option<Vec<String>>,
}

/// The loaded tables.
#[derive(Debug)]
pub struct Rules {
    compatible: Vec<Compatible>,
    /// Type → the name of its family (the smallest type name among the types it is
    /// compatible with, directly or through others).
    families: FxHashMap<String, String>,
    function_words: FxHashSet<String>,
    goldstein: FxHashMap<String, f64>,
}

/// The rules of the active knowledge, read once.
pub fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(Rules::load)
}

impl Rules {
    fn load() -> Rules {
        let mut compatible = Vec::new();
        for source in faultline_knowledge::active_sources("incidents", "compatible_types.tsv") {
            for (index, line) in source.text.lines().enumerate() {
                if line.trim().is_empty() || line.starts_with('#') {
                    continue;
                }
                let cells: Vec<&str> = line.split('\t').collect();
                let known = |name: &str| PLOVER_TYPES.contains(&name);
                match cells.as_slice() {
                    [first, second, modes, _rationale] if known(first) && known(second) => {
                        compatible.push(Compatible {
                            first: first.to_string(),
                            second: second.to_string(),
                            modes: (*modes != "*").then(|| modes.split('|').map(str::to_string).collect()),
                        })
                    }
                    _ => panic!(
                        "{}:{}: expected two PLOVER types, modes and a rationale separated by tabs",
                        source.label,
                        index + 1
                    ),
                }
            }
        }
        let mut goldstein = FxHashMap::default();
        for source in faultline_knowledge::active_sources("incidents", "goldstein.tsv") {
            for (index, line) in source.text.lines().enumerate() {
                if line.trim().is_empty() || line.starts_with('#') {
                    continue;
                }
                let cells: Vec<&str> = line.split('\t').collect();
                let weight = cells.get(1).and_then(|w| w.parse::<f64>().ok());
                match (cells.first(), weight) {
                    (Some(name), Some(weight)) if PLOVER_TYPES.contains(name) => {
                        goldstein.entry(name.to_string()).or_insert(weight);
                    }
                    _ => panic!("{}:{}: expected a PLOVER type, a tab and a weight", source.label, index + 1),
                }
            }
        }
        let function_words = faultline_knowledge::active_words("incidents", "function_words")
            .into_iter()
            .map(str::to_lowercase)
            .collect();
        let families = families(&compatible);
        Rules { compatible, families, function_words, goldstein }
    }

    /// Whether two types (with the second's and the first's modes) may be one happening,
    /// and how strongly: `Some((weight, words))` or `None` when they never merge.
    pub fn type_match(
        &self,
        (type_a, mode_a): (&str, Option<&str>),
        (type_b, mode_b): (&str, Option<&str>),
    ) -> Option<(f64, String)> {
        if type_a == type_b {
            return Some(match (mode_a, mode_b) {
                (Some(a), Some(b)) if a == b => (2.5, format!("same type and mode {type_a}/{a}")),
                _ => (2.0, format!("same type {type_a}")),
            });
        }
        let allows = |first: &str, second: &str, mode: Option<&str>| {
            self.compatible.iter().any(|row| {
                row.first == first
                    && row.second == second
                    && row
                        .modes
                        .as_ref()
                        .is_none_or(|modes| mode.is_some_and(|m| modes.iter().any(|x| x == m)))
            })
        };
        (allows(type_a, type_b, mode_b) || allows(type_b, type_a, mode_a)).then(|| {
            let label = |t: &str, m: Option<&str>| m.map_or(t.to_string(), |m| format!("{t}/{m}"));
            (1.0, format!("compatible types {} and {}", label(type_a, mode_a), label(type_b, mode_b)))
        })
    }

    /// The family key of a type (`T:ASSAULT` for ASSAULT, COERCE, MOBILIZE ...).
    pub fn family(&self, event_type: &str) -> String {
        format!("T:{}", self.families.get(event_type).map_or(event_type, String::as_str))
    }

    pub fn is_function_word(&self, word: &str) -> bool {
        self.function_words.contains(word)
    }

    /// The Goldstein weight of a PLOVER type (0 for a type the table lacks).
    pub fn goldstein(&self, event_type: &str) -> f64 {
        self.goldstein.get(event_type).copied().unwrap_or(0.0)
    }
}

/// Each type's family: connected types of the compatibility table share the smallest name.
fn families(compatible: &[Compatible]) -> FxHashMap<String, String> {
    let mut family: FxHashMap<String, String> =
        PLOVER_TYPES.iter().map(|t| (t.to_string(), t.to_string())).collect();
    loop {
        let mut changed = false;
        for row in compatible {
            let (a, b) = (family[&row.first].clone(), family[&row.second].clone());
            if a != b {
                let (low, high) = if a < b { (a, b) } else { (b, a) };
                for value in family.values_mut() {
                    if *value == high {
                        *value = low.clone();
                    }
                }
                changed = true;
            }
        }
        if !changed {
            return family;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_tables_load_and_pair_types() {
        let rules = rules();
        assert!(
            rules.type_match(("ASSAULT", Some("shelling")), ("ASSAULT", Some("shelling"))).unwrap().0 > 2.0
        );
        assert!(rules.type_match(("ASSAULT", None), ("COERCE", Some("destroy"))).is_some());
        assert!(rules.type_match(("ASSAULT", None), ("COERCE", Some("censor"))).is_none(), "not violent");
        assert!(rules.type_match(("COERCE", Some("seize")), ("ASSAULT", None)).is_some());
        assert!(rules.type_match(("ASSAULT", None), ("CONSULT", None)).is_none());
        assert_eq!(rules.family("COERCE"), rules.family("ASSAULT"));
        assert_ne!(rules.family("CONSULT"), rules.family("ASSAULT"));
        assert!(rules.goldstein("ASSAULT") < -9.0 && rules.goldstein("AID") > 0.0);
        assert!(rules.is_function_word("the") && !rules.is_function_word("border"));
    }
}
