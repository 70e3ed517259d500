//! The word lists the event rules read: one file per list in `data/events/` (the
//! prepositions that make an actor an oblique, the auxiliaries that make a participle
//! passive, the words that make a trigger a noun ...), each resolved through the knowledge
//! so that closed classes come from `data/lexicon/` and a user's
//! `--dict DIR/events/<list>.txt` adds entries (and `!word` removes them).
//!
//! Each list is read once, when the [`Lexicon`](crate::Lexicon) is loaded, into a hash
//! set the rules look lower-case tokens up in. A field is named as its file.

use faultline_knowledge::{Knowledge, KnowledgeError};
use rustc_hash::FxHashSet;

/// The entries of one word list.
#[derive(Debug, Clone, Default)]
pub struct WordSet(FxHashSet<String>);

impl WordSet {
    fn load(knowledge: &Knowledge, list: &str) -> Result<WordSet, KnowledgeError> {
        Ok(WordSet(knowledge.words("events", list)?.into_iter().map(str::to_string).collect()))
    }

    /// Whether `word` is in the list: lower case as tokens hold it, or a code as written
    /// (`ASSAULT`, `CVL`).
    pub fn contains(&self, word: &str) -> bool {
        self.0.contains(word)
    }

    /// The entries, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }
}

/// Declares [`Words`] with one [`WordSet`] per list, loaded from the file of its name.
macro_rules! word_lists {
    ($($(#[$doc:meta])* $list:ident,)*) => {
        /// The word lists of `data/events/`, each named as its file.
        #[derive(Debug, Clone, Default)]
        pub struct Words {
            $($(#[$doc])* pub $list: WordSet,)*
        }

        impl Words {
            /// Reads every list from the knowledge (the shipped files and a user's).
            pub fn load(knowledge: &Knowledge) -> Result<Words, KnowledgeError> {
                Ok(Words { $($list: WordSet::load(knowledge, stringify!($list))?,)* })
            }
        }
    };
}

word_lists! {
    /// PLOVER types whose event is itself a statement (`AGREE`, `ACCUSE` ...).
    statement_types,
    /// PLOVER types of material acts, which stand without a named actor (`ASSAULT` ...).
    material_types,
    /// PLOVER types of cooperative acts: promised, an AGREE; refused, a REJECT.
    cooperative_types,
    /// PLOVER types of coercive acts: announced, a THREATEN.
    coercive_types,
    /// Sector codes a group noun may stand for without a country (`CVL`, `REB` ...).
    generic_sectors,
    /// Before an actor: makes it an oblique ("with Putin"), not a subject.
    oblique_prepositions,
    /// Before a country: makes it a place ("fighting in Armenia").
    country_place_before,
    /// After a country: makes it a region ("the Armenia border").
    country_place_after,
    /// Stepped over backwards from an actor to its preposition ("with both ...").
    actor_determiners,
    /// After a group noun: ties it to the country named next ("rebels in the Ivory Coast").
    origin_prepositions,
    /// Stand for the sentence's first country before a group noun ("its positions").
    country_possessives,
    /// Refer back to an actor named before a reporting verb ("it", "the government").
    subject_pronouns,
    /// May stand between a form of "be" and a passive participle ("was reportedly shot").
    between_be_and_participle,
    /// Make the participle after them passive ("was shot down", "got killed").
    passive_auxiliaries,
    /// Before an -ing trigger: a participle clause sharing the subject (", killing two").
    participle_openers,
    /// End the clause a trigger's object is looked for in ("but", "while").
    contrast_conjunctions,
    /// Join the actors of one list ("and", "or").
    list_conjunctions,
    /// May stand between two actors of one list (commas, conjunctions, "as well").
    list_joiners,
    /// Between a subject and a noun trigger: make the trigger their object ("amid").
    trigger_prepositions,
    /// Part a possessive or demonym from the noun trigger after it.
    modifier_breaks,
    /// Before a place: make it the place of the event ("in", "near").
    locatives,
    /// With "of" before a place: make it the place of the event ("the village of").
    settlement_nouns,
    /// Open a duration that tallies a period ("the last six weeks").
    tally_openers,
    /// May stand between a country and the loss figure it reports.
    reporting_a_loss,
    /// After a casualty figure: spread it over every side ("on both sides").
    distributives,
    /// Casualty words that name no one who caused the deaths ("dead", "died").
    deaths_without_agent,
    /// Before a reporting cue: make it a noun ("the claim").
    cue_noun_markers,
    /// Before a reporting cue: make it a noun with no reporter ("these claims").
    report_noun_markers,
    /// Open a relative clause ("which", "who").
    relative_openers,
    /// Open a condition ("if", "unless").
    conditionals,
    /// Before a trigger's head: make it a noun ("the attack", "renewed shelling").
    nominal_markers,
    /// Never crossed by a pattern's gap ("and", "but").
    gap_breaks,
    /// Before a past participle: make it an adjective ("the targeted outpost").
    participle_determiners,
    /// Before an -ing trigger: make it a progressive verb ("were shelling").
    progressive_auxiliaries,
    /// Name armed people or weapons ("gunmen", "rifle"): a violent reading is plausible.
    armed_words,
    /// Sector codes of armed actors (`MIL`, `COP`, `REB`).
    armed_sectors,
    /// Words of peaceful domains ("hockey", "virus", "earthquake"): a violent trigger reads
    /// in their sense unless the sentence names armed people or weapons.
    peaceful_contexts,
    /// Heads of violent verb triggers whose noun is another sense ("a flu shot").
    noun_senses,
    /// Determiners that name a kind rather than a given act ("a", "any").
    indefinite_determiners,
    /// Open a noun phrase naming one person ("a man was killed", "killing a policeman").
    single_person_articles,
    /// Casualty words of losing, which count deaths only of people or a side's loss.
    loss_words,
    /// People whose deaths news reports as violence ("protesters", "civilians").
    victim_groups,
    /// Armed groups coded with the country where they act ("Islamic State" in Iraq).
    transnational_actors,
    /// Right after a violent trigger: tell its act as happening at a place or breaking out
    /// ("clashes in Aleppo", "fighting erupted").
    happening_words,
    /// Before "to" and a verb trigger: the act was done ("began to attack").
    actual_before_to,
    /// Before "to" and an -ing trigger: a commitment, not an act ("committed to supporting").
    commitment_before_to,
    /// Phrases of purpose or circumstance around a trigger ("in support of").
    purpose_phrases,
    /// Heads of intransitive triggers that mean something else with an object ("demonstrated").
    object_senses,
    /// Open a direct object or content clause after a verb ("the", "that").
    object_openers,
    /// Before a noun trigger: name another happening ("another attack", "the latest").
    fresh_mentions,
    /// Before a noun trigger: refer back to a happening already told ("the attack").
    back_references,
    /// PLOVER types of statements about an act their speaker did not do (`ACCUSE` ...).
    speech_types,
    /// In a SUPPORT trigger's clause: restate a standing position ("reiterate").
    restatements,
    /// In a trigger's clause: tell a habit, not one act ("regularly").
    habitual_words,
    /// PLOVER types whose act needs its giver as source (`AID`).
    giver_types,
    /// After "every": a period that tells a habit ("every day").
    habitual_periods,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_loads_and_holds_words() {
        let words = Words::load(Knowledge::shipped()).unwrap();
        assert!(
            words.oblique_prepositions.contains("with") && !words.oblique_prepositions.contains("during")
        );
        assert!(words.passive_auxiliaries.contains("'s") && !words.passive_auxiliaries.contains("am"));
        assert!(words.list_joiners.contains("&") && words.list_joiners.contains(","));
        assert!(words.report_noun_markers.contains("the") && words.report_noun_markers.contains("media"));
        assert!(words.nominal_markers.contains("renewed") && !words.nominal_markers.contains("some"));
    }
}
