//! Actor recognition: finds the people, organisations, countries, groups, equipment and
//! nationalities an article mentions and resolves each to a record of the actor dictionary
//! (`data/actors/`), or marks it as new with what the text says about it.
//!
//! ```no_run
//! let dictionary = faultline_actors::Dictionary::load(faultline_knowledge::Knowledge::shipped())?;
//! let entities = faultline_actors::find_entities("Baku said ...", &dictionary, None);
//! # Ok::<(), faultline_actors::DictError>(())
//! ```
//!
//! # Ids
//!
//! | mention                                  | kind           | id                          |
//! |------------------------------------------|----------------|-----------------------------|
//! | country name, or seat acting (metonymy)  | country        | `COUNTRY:ARM`               |
//! | demonym alone                            | nationality    | `NATIONALITY:ARM`           |
//! | country's state body ("Russian forces")  | organization   | `RUS:<key>` (key from `state_bodies.tsv`, e.g. `AZE:MOD`, `ARM:MIL`) |
//! | state body with no country in reach      | organization   | `BODY:<key>`                |
//! | dictionary organisation / group          | organization / group | its `id` (`ORG:UN`)   |
//! | dictionary person                        | person         | its `id` (`PERSON:ilham-aliyev`) |
//! | dictionary equipment                     | equipment      | its `id`                    |
//! | anything else found by pattern           | any            | `NEW:PERSON:edmon-marukyan`, `NEW:ORG:<slug>`, `NEW:EQUIPMENT:<slug>` |
//!
//! `resolution` says how: `dictionary`, `possessive` / `attached` / `demonym` / `seat` (a state
//! body tied to its country), `unattached`, `metonymy`, `fuzzy`, `surname`, `title` (an office
//! before the name), `descriptor` (a noun before it: "composer", "the militia"),
//! `apposition` (what follows after a comma or "is a"), `acronym`, `list` (listed beside a
//! person), `given name` (a new person's given name alone), `repeat` (a name found by its
//! context, written again), `new` (by its shape: a given name, a head word, capitals).
//!
//! # Rules worth knowing
//!
//! - A country name has sector `GOV` unless a locative preposition precedes it ("in Armenia").
//! - A seat of power ("Baku", "the Kremlin") is emitted only when it acts — followed by a
//!   possessive or a verb (after optional adverbs or "on Tuesday"), after "between", or after
//!   "and" following another acting seat — as the country's government (role `government`).
//!   Otherwise it is a place, which the places stage reports.
//! - Dictionary people take role and country from the term in office at the publication date
//!   (else the latest term before it; with no date, the latest term).
//! - Lowercase state bodies alone ("the troops") are not reported; capitalised ones are.
//! - People not in the dictionary are found by a title, a person noun ("composer") or an
//!   apposition, by context (speech verbs, "according to", ", who", an age, "(born 1949)"),
//!   by a common given name opening two or three capitalised words
//!   (`data/actors/given_names.txt`) or standing alone as a subject ("Olena said"), by
//!   initials ("John F. Kennedy"), or in a list beside another person; runs holding a word of
//!   `data/actors/not_person_words.txt` ("Street", "Cup") are not taken by the context and
//!   given-name rules.
//! - Organisations and groups not in the dictionary are found by a head word ("... Ministry",
//!   "... Front"), a noun before them ("the band Killing Joke", "the militia X"), a backer
//!   ("the Turkish-backed X"), an apposition (", an Australian media company,"), an acronym
//!   defined in the text ("Syrian Observatory for Human Rights (SOHR)") or their shape alone
//!   (an unknown word in capitals: "NAVCENT"). A name found by its context is found again
//!   wherever it is written.
//! - Each new actor takes the country and sector its phrase gives: a country, demonym or
//!   possessive in it ("Kenya's interior minister", "Syrian news agency"; not the backer of
//!   "Iranian-backed") and the words of `data/actors/sector_words.tsv` ("rebel commander" is
//!   `REB`). A new person keeps the country and sector of any of their mentions throughout the
//!   article.
//!
//! # Knowledge
//!
//! The dictionary tables are read from a [`faultline_knowledge::Knowledge`]
//! ([`Dictionary::load`]): the shipped `data/actors/*.tsv`, with a user's folder laid over them.
//! The word lists of the rules (`data/actors/*.txt`: offices, organisation heads, given names,
//! words that never belong to a name ..., which include the closed classes of `data/lexicon/`)
//! are read on first use from the process's knowledge ([`faultline_knowledge::active`]), so a
//! folder [installed](faultline_knowledge::install) before the first article extends them.

mod dict;
mod find;
mod names;
mod text;

pub use dict::{Country, DictError, Dictionary, Equipment, Organization, Person, StateBody, Term};
pub use find::find_entities;

/// Builds every table this crate reads from the active knowledge
/// ([`faultline_knowledge::active`]) now rather than on first use, so that a malformed file
/// of a user's knowledge folder is reported when the pipeline loads, not in the middle of a
/// batch. A bad file panics with its name and line; the pipeline turns that into an error.
pub fn load_tables() {
    text::load_tables();
    names::load_tables();
}
