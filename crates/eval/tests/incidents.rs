//! The incident-grouping scorer on the Gun Violence Corpus in `../shared/eval/gvc`, read in
//! place (the checks are skipped with a note when it is absent): the stored hard cases are
//! exactly what their rules give on the gold, and the baselines' results on the hard cases.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use faultline_eval::incidents::hard_cases::{
    HardCase, HardCaseKind, derive_hard_cases, judge_hard_cases, read_hard_cases, write_hard_cases,
};
use faultline_eval::incidents::{GvcArticle, baselines, read_gvc};

fn hard_cases_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/eval-gold/incident-hard-cases.tsv")
}

fn corpus() -> Option<Vec<GvcArticle>> {
    let dir = faultline_testdata::shared("eval/gvc")?;
    Some(read_gvc(&dir).expect("the gvc folder reads"))
}

#[test]
fn the_stored_hard_cases_are_what_the_rules_give() {
    let Some(articles) = corpus() else { return };
    let derived = derive_hard_cases(&articles);
    let stored = read_hard_cases(&hard_cases_file()).expect("the fixture reads");
    let without_notes = |cases: &[HardCase]| {
        let mut cases: Vec<HardCase> =
            cases.iter().map(|c| HardCase { note: String::new(), ..c.clone() }).collect();
        cases.sort();
        cases
    };
    assert_eq!(
        without_notes(&stored),
        derived,
        "the fixture differs from the rules' pairs; they are:\n{}",
        write_hard_cases(&derived)
    );
    assert!(stored.iter().all(|case| !case.note.trim().is_empty()), "every stored pair has a note");
    let incident: BTreeMap<&str, &str> =
        articles.iter().map(|a| (a.doc_id.as_str(), a.incident_id.as_str())).collect();
    for case in &stored {
        assert_eq!(case.same, incident[case.first.as_str()] == incident[case.second.as_str()], "{case:?}");
    }
}

/// The baselines on the hard cases. A date grouping can keep no follow-up with its first
/// report (they are days apart by construction) and keeps two incidents of one week apart
/// exactly when their articles' dates differ; the TF-IDF baseline's pass counts are what a
/// grouping of faultline's must not fall below (`faultline eval incidents` checks that in
/// crates/cli/tests).
#[test]
fn the_baselines_on_the_hard_cases() {
    let Some(articles) = corpus() else { return };
    let cases = read_hard_cases(&hard_cases_file()).expect("the fixture reads");
    let result = baselines(&articles, &cases);
    let published: BTreeMap<&str, _> = articles.iter().map(|a| (a.doc_id.as_str(), a.published)).collect();
    let same_week = cases.iter().filter(|c| c.kind == HardCaseKind::SameWeek);
    let dated_apart =
        same_week.clone().filter(|c| published[c.first.as_str()] != published[c.second.as_str()]);
    let by_date = result.same_date.hard_cases.all;
    assert_eq!(by_date.follow_ups.hits, 0);
    assert_eq!(by_date.follow_ups.total, cases.iter().filter(|c| c.kind == HardCaseKind::FollowUp).count());
    assert_eq!((by_date.same_week.hits, by_date.same_week.total), (dated_apart.count(), same_week.count()));
    for method in [&result.tfidf, &result.same_date] {
        let h = method.hard_cases;
        eprintln!(
            "{}: follow-ups {} {} {}, same-week {} {} {} (dev, held-out, all)",
            method.method,
            h.dev.follow_ups,
            h.held_out.follow_ups,
            h.all.follow_ups,
            h.dev.same_week,
            h.held_out.same_week,
            h.all.same_week
        );
    }
    // The judge counts a pair in a part only when both its articles are there.
    let part_of = articles.iter().map(|a| (a.doc_id.clone(), a.part)).collect();
    let everything_apart = BTreeMap::new();
    let judged = judge_hard_cases(&cases, &part_of, None, &everything_apart);
    assert_eq!((judged.follow_ups.hits, judged.same_week.hits), (0, judged.same_week.total));
}

/// The seed fixture is consistent: unique happening ids, every seed it names is listed with
/// a date or none and exists in ../shared, `different` and `reacts_to` name listed
/// happenings, a `no-incident` happening is recalled and never reported, an `incident` one
/// is reported.
#[test]
fn the_seed_incidents_fixture_is_consistent() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/eval-gold/seed-incidents.json");
    let fixture: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("the fixture reads"))
            .expect("valid JSON");
    let seeds: Vec<&str> =
        fixture["seeds"].as_array().unwrap().iter().map(|s| s["file"].as_str().unwrap()).collect();
    let prefixes: Vec<&str> = seeds.iter().map(|file| &file[..3]).collect();
    if let Some(dir) = faultline_testdata::seeds_dir() {
        for file in &seeds {
            assert!(dir.join(file).exists(), "{file} is not in {}", dir.display());
        }
    }
    let happenings = fixture["happenings"].as_array().unwrap();
    let ids: Vec<&str> = happenings.iter().map(|h| h["id"].as_str().unwrap()).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "happening ids are unique");
    for happening in happenings {
        let list = |field: &str| -> Vec<&str> {
            happening[field].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect()
        };
        let (reported, recalled) = (list("reported_by"), list("recalled_by"));
        for seed in reported.iter().chain(&recalled) {
            assert!(prefixes.contains(seed), "{}: unknown seed {seed}", happening["id"]);
        }
        match happening["expect"].as_str().unwrap() {
            "incident" => assert!(!reported.is_empty(), "{}: an incident is reported", happening["id"]),
            "no-incident" => assert!(reported.is_empty() && !recalled.is_empty(), "{}", happening["id"]),
            other => panic!("{}: expect {other:?}", happening["id"]),
        }
        if let Some(target) = happening.get("reacts_to") {
            assert!(ids.contains(&target.as_str().unwrap()), "{}: reacts to {target}", happening["id"]);
        }
    }
    for pair in fixture["different"].as_array().unwrap() {
        for side in ["first", "second"] {
            assert!(ids.contains(&pair[side].as_str().unwrap()), "different: {}", pair[side]);
        }
    }
}
