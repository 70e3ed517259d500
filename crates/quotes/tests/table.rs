//! Table-driven cases: one sentence or short passage per attribution pattern, with the
//! quotes, speakers and cues expected. Sentences are split by `faultline_clean`, entities
//! built by hand.

mod common;

use common::{Actor, entities};
use faultline_clean::sentences::split_sentences;
use faultline_model::EntityKind::{Country, Nationality, Organization, Person};
use faultline_quotes::find_quotes;

const ACTORS: &[Actor] = &[
    ("Ilham Aliyev", Person, "PERSON:ilham-aliyev", "Ilham Aliyev", Some("AZE")),
    ("Aliyev", Person, "PERSON:ilham-aliyev", "Ilham Aliyev", Some("AZE")),
    ("Nikol Pashinyan", Person, "PERSON:nikol-pashinyan", "Nikol Pashinyan", Some("ARM")),
    ("Pashinyan", Person, "PERSON:nikol-pashinyan", "Nikol Pashinyan", Some("ARM")),
    ("Maria Zakharova", Person, "PERSON:maria-zakharova", "Maria Zakharova", Some("RUS")),
    ("Blinken", Person, "PERSON:antony-blinken", "Antony Blinken", Some("USA")),
    ("Kaja Kallas", Person, "PERSON:kaja-kallas", "Kaja Kallas", None),
    ("Azerbaijan", Country, "COUNTRY:AZE", "Azerbaijan", Some("AZE")),
    ("Armenia", Country, "COUNTRY:ARM", "Armenia", Some("ARM")),
    ("Moscow", Country, "COUNTRY:RUS", "Russia", Some("RUS")),
    ("Kremlin", Country, "COUNTRY:RUS", "Russia", Some("RUS")),
    ("Russian", Nationality, "COUNTRY:RUS", "Russian", Some("RUS")),
    ("Armenian", Nationality, "COUNTRY:ARM", "Armenian", Some("ARM")),
    ("NATO", Organization, "ORG:NATO", "NATO", None),
    ("TASS", Organization, "ORG:TASS", "TASS", Some("RUS")),
];

/// (text, expected quotes as (text, speaker id, cue)).
type Case = (&'static str, &'static [(&'static str, Option<&'static str>, Option<&'static str>)]);

const CASES: &[Case] = &[
    // "...," X said
    (
        "\"We will not give up an inch of our land,\" Ilham Aliyev said on Sunday.",
        &[("We will not give up an inch of our land", Some("PERSON:ilham-aliyev"), Some("said"))],
    ),
    // "...," said X
    (
        "“The talks were useful and frank,” said Nikol Pashinyan after the meeting.",
        &[("The talks were useful and frank", Some("PERSON:nikol-pashinyan"), Some("said"))],
    ),
    // X said: "..."
    (
        "Pashinyan said: “We are ready to sign the treaty this year.”",
        &[("We are ready to sign the treaty this year.", Some("PERSON:nikol-pashinyan"), Some("said"))],
    ),
    // X said that "..."
    (
        "Kaja Kallas said that \"the door to dialogue remains open for both capitals.\"",
        &[("the door to dialogue remains open for both capitals.", Some("PERSON:kaja-kallas"), Some("said"))],
    ),
    // according to X
    (
        "“The convoy was hit twice on the road,” according to TASS.",
        &[("The convoy was hit twice on the road", Some("ORG:TASS"), Some("according to"))],
    ),
    (
        "According to Moscow, “the observers will stay until spring at least.”",
        &[("the observers will stay until spring at least.", Some("COUNTRY:RUS"), Some("According to"))],
    ),
    // X said in a statement / told reporters / wrote / added
    (
        "“Our troops returned fire in line with the rules,” Armenia said in a statement.",
        &[(
            "Our troops returned fire in line with the rules",
            Some("COUNTRY:ARM"),
            Some("said in a statement"),
        )],
    ),
    (
        "“Nobody wants a new war in the region,” Maria Zakharova told reporters in Moscow.",
        &[("Nobody wants a new war in the region", Some("PERSON:maria-zakharova"), Some("told reporters"))],
    ),
    (
        "“This is a day of mourning for the whole nation,” Pashinyan wrote on Facebook.",
        &[(
            "This is a day of mourning for the whole nation",
            Some("PERSON:nikol-pashinyan"),
            Some("wrote on Facebook"),
        )],
    ),
    (
        "Blinken added that he hopes “both sides will come back to the table soon.”",
        &[("both sides will come back to the table soon.", Some("PERSON:antony-blinken"), Some("added"))],
    ),
    // X urged ... "..." (a partial quote)
    (
        "NATO urged both governments “to refrain from any further escalation.”",
        &[("to refrain from any further escalation.", Some("ORG:NATO"), Some("urged"))],
    ),
    // the ministry, not among the entities: a new speaker with its country
    (
        "“Two soldiers were wounded in the shelling,” Azerbaijan’s defence ministry said.",
        &[(
            "Two soldiers were wounded in the shelling",
            Some("NEW:azerbaijans-defence-ministry"),
            Some("said"),
        )],
    ),
    (
        "“The claims are a complete fabrication,” the Russian foreign ministry said in a statement.",
        &[(
            "The claims are a complete fabrication",
            Some("NEW:russian-foreign-ministry"),
            Some("said in a statement"),
        )],
    ),
    (
        "“The claims are a complete fabrication,” the ministry said.",
        &[("The claims are a complete fabrication", Some("NEW:ministry"), Some("said"))],
    ),
    // a verbless attribution
    (
        "“We expect the ceasefire to hold in full,” the Russian foreign ministry.",
        &[("We expect the ceasefire to hold in full", Some("NEW:russian-foreign-ministry"), None)],
    ),
    // pronouns: he → the previous sentence's person, it → its organisation or country
    (
        "Nikol Pashinyan met the envoy in Yerevan. “There is no alternative to peace,” he said.",
        &[("There is no alternative to peace", Some("PERSON:nikol-pashinyan"), Some("said"))],
    ),
    (
        "Aliyev spoke after Pashinyan left. ”The border must be marked this year,” he said in a post on X (formerly Twitter).",
        &[("The border must be marked this year", Some("PERSON:ilham-aliyev"), Some("said in a post on X"))],
    ),
    (
        "The Kremlin issued a statement on Monday. “The strike was a mistake,” it said.",
        &[("The strike was a mistake", Some("COUNTRY:RUS"), Some("said"))],
    ),
    // a quote spanning sentences, and one continued after its attribution
    (
        "“We were attacked. We answered,” Aliyev said. “We will answer again if we have to.”",
        &[
            ("We were attacked. We answered", Some("PERSON:ilham-aliyev"), Some("said")),
            ("We will answer again if we have to.", Some("PERSON:ilham-aliyev"), Some("said")),
        ],
    ),
    // identical quotes merge (checked for spans below)
    (
        "“Peace is within reach,” Blinken said. Later in the day Blinken repeated: “Peace is within reach.”",
        &[("Peace is within reach", Some("PERSON:antony-blinken"), Some("said"))],
    ),
    // short quotes: kept with the sentence's speaker, dropped as scare quotes
    (
        "Moscow on Tuesday called the development “concerning” and urged restraint.",
        &[("concerning", Some("COUNTRY:RUS"), Some("called"))],
    ),
    ("The so-called “peace corridor” opened on Monday for the first convoy.", &[]),
    (
        "Baku launched what its border guard service called a “revenge operation” overnight.",
        &[("revenge operation", Some("NEW:border-guard-service"), Some("called"))],
    ),
    // single quotes only when they are quotation marks
    (
        "Aliyev called the vote ‘a historic mistake for the region’ on Friday, Azerbaijan’s media said.",
        &[("a historic mistake for the region", Some("PERSON:ilham-aliyev"), Some("called"))],
    ),
    ("Armenia’s army and the Azerbaijanis’ claims were not ’90s news.", &[]),
    // a long quotation with no speaker is kept, speakerless
    (
        "“No one is safe while the guns keep firing” was written on the banner.",
        &[("No one is safe while the guns keep firing", None, None)],
    ),
    (
        "There was “no sign of any drone” in the footage reviewed by investigators.",
        &[("no sign of any drone", None, None)],
    ),
];

#[test]
fn attribution_table() {
    let mut failures = Vec::new();
    for (text, expected) in CASES {
        let quotes = find_quotes(text, &split_sentences(text), &entities(text, ACTORS));
        let got: Vec<(String, Option<String>, Option<String>)> = quotes
            .iter()
            .map(|q| (q.text.clone(), q.speaker.as_ref().map(|s| s.id.clone()), q.cue.clone()))
            .collect();
        let want: Vec<(String, Option<String>, Option<String>)> = expected
            .iter()
            .map(|(t, s, c)| (t.to_string(), s.map(str::to_string), c.map(str::to_string)))
            .collect();
        if got != want {
            failures.push(format!("{text}\n   got  {got:?}\n   want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn spans_point_at_the_quoted_words() {
    for (text, _) in CASES {
        for q in find_quotes(text, &split_sentences(text), &entities(text, ACTORS)) {
            assert_eq!(&text[q.start..q.end], q.text);
            assert_eq!((q.spans[0].start, q.spans[0].end), (q.start, q.end));
        }
    }
}

#[test]
fn repeated_quote_is_one_quote_with_two_spans() {
    let text = "“Peace is within reach,” Blinken said.\n\nLater Blinken repeated: “Peace  is within reach”.";
    let quotes = find_quotes(text, &split_sentences(text), &entities(text, ACTORS));
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    assert_eq!(quotes[0].spans.len(), 2);
    assert_eq!(quotes[0].speaker.as_ref().unwrap().id, "PERSON:antony-blinken");
}

#[test]
fn new_speaker_carries_country_and_role() {
    let text = "“Two soldiers were wounded in the shelling,” Azerbaijan’s defence ministry said.";
    let quotes = find_quotes(text, &split_sentences(text), &entities(text, ACTORS));
    let s = quotes[0].speaker.as_ref().unwrap();
    assert_eq!(s.name, "Azerbaijan’s defence ministry");
    assert_eq!(s.country.as_deref(), Some("AZE"));
    assert_eq!(s.role.as_deref(), Some("defence ministry"));
}

#[test]
fn multi_paragraph_quotation_takes_the_later_speaker() {
    let text =
        "“The first paragraph of the statement runs on.\n\n“And the second one ends it,” Pashinyan said.";
    let quotes = find_quotes(text, &split_sentences(text), &entities(text, ACTORS));
    assert_eq!(quotes.len(), 2, "{quotes:?}");
    for q in &quotes {
        assert_eq!(q.speaker.as_ref().unwrap().id, "PERSON:nikol-pashinyan");
    }
}

#[test]
fn works_without_sentences() {
    let text = "“We were attacked. We answered,” Aliyev said.";
    let quotes = find_quotes(text, &[], &entities(text, ACTORS));
    assert_eq!(quotes[0].speaker.as_ref().unwrap().id, "PERSON:ilham-aliyev");
}
