//! The glue repair on the four sample articles of `shared/samples/seeds/` (read at test
//! time, never copied here; skipped with a note when absent): it must make the repairs
//! `SEEDS-EXPECTED.md` names, and no other change to any word.

use faultline_clean::glue::repair_glued_words;

/// The words the repair changed, as `(before, after)`: a word split in two shows as
/// `("ongoingNagorno-Karabakh", "ongoing Nagorno-Karabakh")`.
fn changes(original: &str, repaired: &str) -> Vec<(String, String)> {
    let before: Vec<&str> = original.split_whitespace().collect();
    let after: Vec<&str> = repaired.split_whitespace().collect();
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < before.len() && j < after.len() {
        if before[i] == after[j] {
            i += 1;
            j += 1;
            continue;
        }
        // The word was split: gather the repaired words that spell it.
        let mut spelled = after[j].to_string();
        let mut parts = vec![after[j]];
        j += 1;
        while spelled.len() < before[i].len() && j < after.len() {
            spelled.push_str(after[j]);
            parts.push(after[j]);
            j += 1;
        }
        assert_eq!(spelled, before[i], "the repair changed letters, not just spaces");
        out.push((before[i].to_string(), parts.join(" ")));
        i += 1;
    }
    assert_eq!((i, j), (before.len(), after.len()), "words lost or added");
    out
}

#[test]
fn repairs_exactly_the_glued_words_of_the_seeds() {
    let seeds = faultline_testdata::seeds();
    if seeds.is_empty() {
        return;
    }
    let mut all = Vec::new();
    for seed in &seeds {
        let repaired = repair_glued_words(&seed.text);
        assert!(!repaired.contains('\u{a0}'), "no-break space left in {}", seed.name);
        all.extend(changes(&seed.text, &repaired));
    }
    let expected = [
        ("ongoingNagorno-Karabakh", "ongoing Nagorno-Karabakh"),
        ("Nagorno-Karabakhwhile", "Nagorno-Karabakh while"),
        // In a photo credit ("Representational imageHarout Arabian - Flickr").
        ("imageHarout", "image Harout"),
        ("War…On", "War… On"),
        ("War…On", "War… On"),
    ];
    let expected: Vec<(String, String)> =
        expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(all, expected);
}
