//! Table-driven tests of `split_sentences`: tricky news sentences and the exact sentence
//! texts expected from them.

use faultline_clean::sentences::split_sentences;

fn texts(text: &str) -> Vec<&str> {
    split_sentences(text).iter().map(|s| &text[s.start..s.end]).collect()
}

#[track_caller]
fn check(cases: &[(&str, &[&str])]) {
    let mut failures = Vec::new();
    for &(input, expected) in cases {
        let got = texts(input);
        if got != expected {
            failures.push(format!("input:    {input:?}\nexpected: {expected:#?}\ngot:      {got:#?}"));
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn plain_terminators() {
    check(&[
        ("", &[]),
        ("   \n\n \t ", &[]),
        ("Ceasefire collapses", &["Ceasefire collapses"]),
        (
            "Shelling resumed overnight. Two civilians were killed.",
            &["Shelling resumed overnight.", "Two civilians were killed."],
        ),
        (
            "Will the truce hold? Nobody knows! Talks resume Monday.",
            &["Will the truce hold?", "Nobody knows!", "Talks resume Monday."],
        ),
        ("Really?! The army denied it.", &["Really?!", "The army denied it."]),
        (
            "The toll rose in 2020. 38 people died in one week.",
            &["The toll rose in 2020.", "38 people died in one week."],
        ),
        (
            "Officials gave no figure. (Reuters could not verify the claim.) Fighting went on.",
            &["Officials gave no figure.", "(Reuters could not verify the claim.)", "Fighting went on."],
        ),
        ("  Troops withdrew.   Residents returned.  ", &["Troops withdrew.", "Residents returned."]),
        ("He paused. . . and left.", &["He paused. . . and left."]),
    ]);
}

#[test]
fn lowercase_and_continuing_punctuation_do_not_split() {
    check(&[
        (
            "The convoy moved approx. five kilometres before it stopped.",
            &["The convoy moved approx. five kilometres before it stopped."],
        ),
        (
            "Why now? asked one diplomat, who declined to be named.",
            &["Why now? asked one diplomat, who declined to be named."],
        ),
        ("Yahoo! reported the strike first.", &["Yahoo! reported the strike first."]),
        (
            "Drones, tanks, artillery, etc., were moved to the front.",
            &["Drones, tanks, artillery, etc., were moved to the front."],
        ),
    ]);
}

#[test]
fn abbreviations_and_titles() {
    check(&[
        (
            "Gen. Mark Milley met Lt. Col. Ivan Petrov and Maj. Gen. Ali Hassan in Baku.",
            &["Gen. Mark Milley met Lt. Col. Ivan Petrov and Maj. Gen. Ali Hassan in Baku."],
        ),
        (
            "Mr. Pashinyan spoke to Mrs. Clinton, Ms. Rice and Dr. Ahmadi on Sunday.",
            &["Mr. Pashinyan spoke to Mrs. Clinton, Ms. Rice and Dr. Ahmadi on Sunday."],
        ),
        (
            "Sen. Graham, Rep. Smith, Gov. Abbott and Prof. Ivanova attended. Sgt. Lee and Capt. Ruiz did not.",
            &[
                "Sen. Graham, Rep. Smith, Gov. Abbott and Prof. Ivanova attended.",
                "Sgt. Lee and Capt. Ruiz did not.",
            ],
        ),
        (
            "Adm. Kuznetsov sailed from St. Petersburg. Pres. Aliyev was informed.",
            &["Adm. Kuznetsov sailed from St. Petersburg.", "Pres. Aliyev was informed."],
        ),
        (
            "Several states, e.g. France and Germany, objected, i.e. they voted no.",
            &["Several states, e.g. France and Germany, objected, i.e. they voted no."],
        ),
        (
            "The case is Armenia vs. Azerbaijan at the ICJ.",
            &["The case is Armenia vs. Azerbaijan at the ICJ."],
        ),
        (
            "Lockheed Martin Corp. and Raytheon Co. won contracts. Rosoboronexport Ltd. did not.",
            &["Lockheed Martin Corp. and Raytheon Co. won contracts.", "Rosoboronexport Ltd. did not."],
        ),
        (
            "The drones were built by Baykar Inc. The company denies it.",
            &["The drones were built by Baykar Inc.", "The company denies it."],
        ),
        (
            "Martin Luther King Jr. Day passed quietly. Officials met on Jan. 6 and Sept. 11.",
            &["Martin Luther King Jr. Day passed quietly.", "Officials met on Jan. 6 and Sept. 11."],
        ),
        (
            "The offensive began in Oct. It stalled by Dec. Then the rains came.",
            &["The offensive began in Oct.", "It stalled by Dec.", "Then the rains came."],
        ),
        ("Talks resume Feb. 3, Aug. 14 and Nov. 9.", &["Talks resume Feb. 3, Aug. 14 and Nov. 9."]),
        (
            "Resolution No. 2334 and Art. 51 were cited. Did they agree? No. The talks failed.",
            &["Resolution No. 2334 and Art. 51 were cited.", "Did they agree?", "No.", "The talks failed."],
        ),
        ("Nos. 4 and 5 battalions moved.", &["Nos. 4 and 5 battalions moved."]),
    ]);
}

#[test]
fn countries_with_periods() {
    check(&[
        (
            "The U.S. State Department and the U.N. Security Council met.",
            &["The U.S. State Department and the U.N. Security Council met."],
        ),
        (
            "Sanctions were imposed by the U.S. The move angered Moscow.",
            &["Sanctions were imposed by the U.S.", "The move angered Moscow."],
        ),
        (
            "London backed the E.U. But Paris sided with the U.K. He left.",
            &["London backed the E.U.", "But Paris sided with the U.K.", "He left."],
        ),
        (
            "The U.A.E. Foreign Ministry said it was ready. Washington, D.C. Police closed roads.",
            &["The U.A.E. Foreign Ministry said it was ready.", "Washington, D.C. Police closed roads."],
        ),
        (
            "U.S.-backed forces entered the town. U.N.-run shelters filled up.",
            &["U.S.-backed forces entered the town.", "U.N.-run shelters filled up."],
        ),
        (
            "Aid reached the U.S. \"We are grateful,\" a mayor said.",
            &["Aid reached the U.S.", "\"We are grateful,\" a mayor said."],
        ),
    ]);
}

#[test]
fn times_of_day() {
    check(&[
        (
            "The strike came at 9 a.m. The army said it hit a depot.",
            &["The strike came at 9 a.m.", "The army said it hit a depot."],
        ),
        (
            "Sirens sounded at 9 a.m. Moscow time and again at 4 p.m. GMT on Monday.",
            &["Sirens sounded at 9 a.m. Moscow time and again at 4 p.m. GMT on Monday."],
        ),
        (
            "The curfew starts at 10 p.m. Russian forces then shelled the port.",
            &["The curfew starts at 10 p.m.", "Russian forces then shelled the port."],
        ),
        (
            "It began at 5 a.m. (0200 GMT) and ended at 7 a.m. on Tuesday.",
            &["It began at 5 a.m. (0200 GMT) and ended at 7 a.m. on Tuesday."],
        ),
        ("Shelling stopped by 11 p.m.", &["Shelling stopped by 11 p.m."]),
        (
            "The attack began at 9 a.m. Monday and ended at 2 p.m. Sept. 3, officials said.",
            &["The attack began at 9 a.m. Monday and ended at 2 p.m. Sept. 3, officials said."],
        ),
    ]);
}

#[test]
fn etc_and_et_al() {
    check(&[
        (
            "Drones, tanks, artillery etc. Russia moved them all to the border.",
            &["Drones, tanks, artillery etc.", "Russia moved them all to the border."],
        ),
        (
            "The study by Smith et al. found 40 strikes. Ivanov et al. disputed it.",
            &["The study by Smith et al. found 40 strikes.", "Ivanov et al. disputed it."],
        ),
        (
            "Fuel, food, medicine, etc. (all scarce) ran out.",
            &["Fuel, food, medicine, etc. (all scarce) ran out."],
        ),
    ]);
}

#[test]
fn numbers_urls_and_addresses() {
    check(&[
        (
            "About 3.5 million people fled, and 1.000 tonnes of aid arrived. The figure is 2.5%.",
            &["About 3.5 million people fled, and 1.000 tonnes of aid arrived.", "The figure is 2.5%."],
        ),
        (
            "Version 2.1.3 of the app leaked. Details are at https://example.org/a.b?c=1&d=2. Write to press@mfa.example.gov.az. No reply came.",
            &[
                "Version 2.1.3 of the app leaked.",
                "Details are at https://example.org/a.b?c=1&d=2.",
                "Write to press@mfa.example.gov.az.",
                "No reply came.",
            ],
        ),
        (
            "See www.un.org for the text. It runs to 12 pages.",
            &["See www.un.org for the text.", "It runs to 12 pages."],
        ),
        (
            "The demands were listed. 1. Withdraw all troops. 2. Release prisoners.",
            &["The demands were listed.", "1. Withdraw all troops.", "2. Release prisoners."],
        ),
        (
            "Chapter IV. The ceasefire terms are set out there.",
            &["Chapter IV.", "The ceasefire terms are set out there."],
        ),
    ]);
}

#[test]
fn initials() {
    check(&[
        (
            "J. R. R. Tolkien and George W. Bush were quoted. John F. Kennedy too.",
            &["J. R. R. Tolkien and George W. Bush were quoted.", "John F. Kennedy too."],
        ),
        (
            "The memo was signed by J.R.R. Smith. It was leaked.",
            &["The memo was signed by J.R.R. Smith.", "It was leaked."],
        ),
        (
            "They fell back to Plan B. The plan failed too.",
            &["They fell back to Plan B.", "The plan failed too."],
        ),
        ("Officer J. A. Smith filed the report.", &["Officer J. A. Smith filed the report."]),
    ]);
}

#[test]
fn ellipses() {
    check(&[
        (
            "“We expect that an agreement reached … will be carried out in full,” the ministry said.",
            &["“We expect that an agreement reached … will be carried out in full,” the ministry said."],
        ),
        (
            "The guns fell silent... Then the shelling resumed.",
            &["The guns fell silent...", "Then the shelling resumed."],
        ),
        ("They waited… and waited… Nothing happened.", &["They waited… and waited…", "Nothing happened."]),
        (
            "Azerbaijan Threatens Armenia With War…On Twitter",
            &["Azerbaijan Threatens Armenia With War…On Twitter"],
        ),
    ]);
}

#[test]
fn quotations() {
    check(&[
        (
            "\"We will respond,\" he said. The ministry declined to comment.",
            &["\"We will respond,\" he said.", "The ministry declined to comment."],
        ),
        (
            "\"Shusha is ours. Karabakh is ours,\" Aliyev said in a televised address.",
            &["\"Shusha is ours. Karabakh is ours,\" Aliyev said in a televised address."],
        ),
        (
            "“Shusha is ours. Karabakh is ours,” Aliyev said. Yerevan denied it.",
            &["“Shusha is ours. Karabakh is ours,” Aliyev said.", "Yerevan denied it."],
        ),
        (
            "He said: \"The attack failed. We will respond.\" Then he left.",
            &["He said: \"The attack failed.", "We will respond.\"", "Then he left."],
        ),
        (
            "Blinken urged calm. “We urge an end to any military hostilities immediately.”",
            &["Blinken urged calm.", "“We urge an end to any military hostilities immediately.”"],
        ),
        (
            "Moscow urged both sides “to refrain from further escalation.” Baku did not reply.",
            &["Moscow urged both sides “to refrain from further escalation.”", "Baku did not reply."],
        ),
        (
            "“Where are our soldiers? Who will answer?” asked one mother in Yerevan.",
            &["“Where are our soldiers? Who will answer?” asked one mother in Yerevan."],
        ),
        (
            "'We lost the hill. We will take it back,' the commander said.",
            &["'We lost the hill. We will take it back,' the commander said."],
        ),
        (
            "‘The talks failed. Nothing changed’, a diplomat said.",
            &["‘The talks failed. Nothing changed’, a diplomat said."],
        ),
        (
            "The outpost was “destroyed.” Armenia denied the claim.",
            &["The outpost was “destroyed.”", "Armenia denied the claim."],
        ),
        (
            "”The international community must condemn this,” he said in a post on X.",
            &["”The international community must condemn this,” he said in a post on X."],
        ),
        (
            "He spoke first. \"We lost. We will fight,\" he added. Nobody answered.",
            &["He spoke first.", "\"We lost. We will fight,\" he added.", "Nobody answered."],
        ),
        (
            "Moscow called it “concerning”. Baku called it “a provocation,” and closed the road.",
            &["Moscow called it “concerning”.", "Baku called it “a provocation,” and closed the road."],
        ),
        (
            "“Who did this? Where are they?” Azerbaijani President Ilham Aliyev asked, visibly angry.",
            &["“Who did this? Where are they?” Azerbaijani President Ilham Aliyev asked, visibly angry."],
        ),
        (
            "“Is this a ceasefire?” The troops kept firing.",
            &["“Is this a ceasefire?”", "The troops kept firing."],
        ),
        (
            "The ministry called it “unacceptable.” Lavrov said talks would go on.",
            &["The ministry called it “unacceptable.”", "Lavrov said talks would go on."],
        ),
        (
            "\"We will respond,\" he said, \"and we will win. Nobody doubts it.\" The room fell silent.",
            &[
                "\"We will respond,\" he said, \"and we will win.",
                "Nobody doubts it.\"",
                "The room fell silent.",
            ],
        ),
        (
            "\"We will talk to the U.S.\" The minister then left.",
            &["\"We will talk to the U.S.\"", "The minister then left."],
        ),
        (
            "The soldiers' families gathered. 'We want peace. Now,' one mother said.",
            &["The soldiers' families gathered.", "'We want peace. Now,' one mother said."],
        ),
        ("«Мы не отступим. Никогда», сказал командир.", &["«Мы не отступим. Никогда», сказал командир."]),
    ]);
}

#[test]
fn paragraphs_and_line_breaks() {
    check(&[
        (
            "Azerbaijan Says Sorry\n\nThe ministry apologised. It offered compensation.",
            &["Azerbaijan Says Sorry", "The ministry apologised.", "It offered compensation."],
        ),
        (
            "Mi-17 chopper\n[Representational image] Wikimedia Commons\n\nFootage was shared.",
            &["Mi-17 chopper", "[Representational image] Wikimedia Commons", "Footage was shared."],
        ),
        (
            "Moscow has called on the rivals to keep calm\nFour Armenian troops were killed overnight.\nRead more\nBaku said it retaliated.",
            &[
                "Moscow has called on the rivals to keep calm",
                "Four Armenian troops were killed overnight.",
                "Read more",
                "Baku said it retaliated.",
            ],
        ),
        (
            "The foreign ministry in\nMoscow said the helicopter was shot\ndown by mistake, and\nofficials apologised.",
            &[
                "The foreign ministry in\nMoscow said the helicopter was shot\ndown by mistake, and\nofficials apologised.",
            ],
        ),
        (
            "The demands:\n• withdrawal of troops\n• release of prisoners",
            &["The demands:", "• withdrawal of troops", "• release of prisoners"],
        ),
        (
            "Sanctions were imposed by the U.S.\nofficials said on Monday.",
            &["Sanctions were imposed by the U.S.\nofficials said on Monday."],
        ),
        (
            "A quote opens here: \"We will\n\nfight on,\" he said.",
            &["A quote opens here: \"We will", "fight on,\" he said."],
        ),
        ("Line one.\r\nLine two.\r\n\r\nLine three.", &["Line one.", "Line two.", "Line three."]),
    ]);
}

#[test]
fn paragraph_indices_count_paragraphs_with_text() {
    let text = "\n\nHeadline\n\n\n\nFirst. Second.\n \nThird";
    let sentences = split_sentences(text);
    let got: Vec<(usize, &str)> = sentences.iter().map(|s| (s.paragraph, &text[s.start..s.end])).collect();
    assert_eq!(got, [(0, "Headline"), (1, "First."), (1, "Second."), (2, "Third")]);
}

#[test]
fn odd_input_does_not_panic() {
    let long = "word ".repeat(200_000);
    let dots = ". ".repeat(10_000);
    let quotes = ",\" ".repeat(10_000);
    let inputs = [
        "\"",
        "”",
        "“",
        ",\"",
        ".",
        "...",
        "?!",
        "…",
        ". A",
        "a. .",
        "\"A. B,\"",
        "‘’“”«»",
        "1.",
        "1. ",
        "\n",
        "\n\n\n",
        "\u{feff}Hello. World.",
        "e\u{301}te\u{301}. E\u{301}te\u{301}.",
        "Ünïcödé wörds. Ölkələr. 日本語の文。次の文！終わり？",
        "مرحبا. العالم؟ نعم!",
        "👍🏽. 👨‍👩‍👧. Done.",
        "\u{200b}.\u{200b} \u{a0}.\u{a0}X",
        "a\u{2028}b\u{2029}c. D",
        long.as_str(),
        dots.as_str(),
        quotes.as_str(),
    ];
    for input in inputs {
        let sentences = split_sentences(input);
        let mut previous_end = 0;
        for s in &sentences {
            assert!(s.start < s.end && previous_end <= s.start, "{input:?}: {s:?}");
            assert!(input.is_char_boundary(s.start) && input.is_char_boundary(s.end));
            let t = &input[s.start..s.end];
            assert_eq!(t, t.trim(), "{input:?}");
            previous_end = s.end;
        }
    }
    assert_eq!(split_sentences(&long).len(), 1);
}
