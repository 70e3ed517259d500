//! A dictionary folder (`--dict DIR`) laid over the shipped knowledge reaches the clean
//! stage's word lists and tables. One test, since a process installs its knowledge once.

use faultline_clean::{sentences::split_sentences, text::clean_text};

#[test]
fn a_dictionary_folders_clean_files_extend_the_shipped_ones() {
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean");
    std::fs::create_dir(&clean).unwrap();
    std::fs::write(clean.join("sentence_starters.txt"), "# mine\nzebras\n").unwrap();
    std::fs::write(clean.join("boilerplate.txt"), "[line promo]\nbuy our zebra mugs\n").unwrap();
    let knowledge = faultline_knowledge::Knowledge::with_user_dir(dir.path()).unwrap();
    faultline_knowledge::install(knowledge).unwrap();

    let text = "Aid reached the U.S. Zebras crossed the road. It came from the U.S. Army.";
    let sentences: Vec<&str> = split_sentences(text).iter().map(|s| &text[s.start..s.end]).collect();
    assert_eq!(
        sentences,
        ["Aid reached the U.S.", "Zebras crossed the road.", "It came from the U.S. Army."]
    );

    let cleaning = clean_text(
        "Zebras cross the border at dawn\n\nBuy our zebra mugs\n\nThe herd crossed the river \
         on Monday, officials said, and rangers counted more than two hundred animals.\n",
    );
    let removed: Vec<&str> = cleaning.removed.iter().map(|r| r.reason.as_str()).collect();
    assert!(removed.contains(&"promo"), "{removed:?}");
}
