//! The shipped model on sentences written for these tests (news-like wording, not taken
//! from any evaluation set): the roles the event coder will read come out of the tree.

use faultline_syntax::{Parse, Parser, Relation, Upos, tokens};

fn parse(text: &str) -> Parse<'_> {
    Parser::shipped().parse(&tokens(text, 0..text.len()))
}

fn index(parse: &Parse, word: &str) -> usize {
    (0..parse.len()).find(|&i| parse.word(i) == word).unwrap_or_else(|| panic!("no word {word}"))
}

fn words<'t>(parse: &Parse<'t>, found: impl Iterator<Item = usize>) -> Vec<&'t str> {
    found.map(|i| parse.word(i)).collect()
}

#[test]
fn subject_and_object_of_an_active_verb() {
    let p = parse("Government troops shelled the village on Monday.");
    let verb = index(&p, "shelled");
    assert_eq!(p.root(), Some(verb));
    assert_eq!(p.upos(verb), Upos::Verb);
    assert_eq!(words(&p, p.subjects(verb)), ["troops"]);
    assert_eq!(words(&p, p.objects(verb)), ["village"]);
    assert_eq!(p.preposition(index(&p, "Monday")), Some("on"));
}

#[test]
fn agent_of_a_passive() {
    let p = parse("Two civilians were killed by the rebels.");
    let verb = index(&p, "killed");
    assert!(p.is_passive(verb));
    assert_eq!(words(&p, p.subjects(verb)), ["civilians"]);
    assert_eq!(p.relation(index(&p, "civilians")), Relation::NsubjPass);
    assert_eq!(words(&p, p.agents(verb)), ["rebels"]);
}

#[test]
fn governor_of_a_participle_and_of_a_relative_clause() {
    let p = parse("The police arrested a man who attacked the mayor.");
    let attacked = index(&p, "attacked");
    assert_eq!(p.clause_governor(attacked), Some(index(&p, "man")));
    assert_eq!(p.relation(attacked), Relation::AclRelcl);
    assert_eq!(words(&p, p.subjects(attacked)), ["who"]);
}

#[test]
fn apposition_and_conjuncts() {
    let p = parse("Armenia and Azerbaijan signed the deal.");
    assert_eq!(words(&p, p.conjuncts(index(&p, "Azerbaijan")).into_iter()), ["Armenia", "Azerbaijan"]);
    let signed = index(&p, "signed");
    assert_eq!(words(&p, p.subjects(signed)), ["Armenia"]);
    let p = parse("John Smith, the defence minister, visited the base.");
    let minister = index(&p, "minister");
    assert_eq!(p.apposition_of(minister), Some(index(&p, "Smith")));
}

#[test]
fn every_word_has_a_head_but_one() {
    let text = "Officials said the convoy, which carried aid to the U.S.-backed forces, wasn't hit.";
    let p = parse(text);
    assert_eq!(p.len(), tokens(text, 0..text.len()).len());
    assert_eq!((0..p.len()).filter(|&i| p.head(i).is_none()).count(), 1);
    for i in 0..p.len() {
        let mut k = i;
        for _ in 0..=p.len() {
            match p.head(k) {
                Some(h) => k = h,
                None => break,
            }
        }
        assert!(p.head(k).is_none(), "a cycle through {}", p.word(i));
    }
    assert!(parse("").is_empty());
}
