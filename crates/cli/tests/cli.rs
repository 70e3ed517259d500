//! End-to-end tests through the `faultline` binary: the commands a user runs, on the
//! sample articles in ../shared (read in place, never copied) and on inputs written here.

mod common;
use common::faultline;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn stdout_json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!("stdout is not JSON ({err}): {}", String::from_utf8_lossy(&output.stdout))
    })
}

fn article_by_origin<'a>(articles: &'a [Value], prefix: &str) -> &'a Value {
    articles
        .iter()
        .find(|a| a["origin"].as_str().unwrap().rsplit('/').next().unwrap().starts_with(prefix))
        .unwrap_or_else(|| panic!("no article from {prefix}"))
}

#[test]
fn samples_ingest_list_search_and_reingest() {
    let Some(seeds) = faultline_testdata::seeds_dir() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.db");
    let seeds = seeds.to_str().unwrap();

    let ingest = faultline(&db, &["ingest", seeds, "--json"]);
    assert_eq!(ingest.status.code(), Some(0), "{}", String::from_utf8_lossy(&ingest.stderr));
    let summary = stdout_json(&ingest);
    assert_eq!(summary["new"], 4);

    let listed = stdout_json(&faultline(&db, &["articles", "--json"]));
    let articles = listed.as_array().unwrap();
    assert_eq!(articles.len(), 4);
    let a003 = article_by_origin(articles, "003");
    assert_eq!(a003["published"].as_str().unwrap().get(..10), Some("2024-12-28"));
    assert_eq!(a003["dateline"], "Moscow");

    let hits = stdout_json(&faultline(&db, &["search", "helicopter", "--json"]));
    let first = &hits.as_array().unwrap()[0];
    assert_eq!(first["id"], article_by_origin(articles, "000")["id"]);
    assert!(first["snippet"].as_str().unwrap().contains("[helicopter]"));
    assert!(first.get("title").is_some());

    let again = stdout_json(&faultline(&db, &["ingest", seeds, "--json"]));
    assert_eq!(again["new"], 0);
    assert_eq!(again["unchanged"], 4);
}

#[test]
fn sample_boilerplate_is_gone_from_the_cleaned_text() {
    let Some(seeds) = faultline_testdata::seeds_dir() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.db");
    let text_of = |prefix: &str| -> String {
        let path = std::fs::read_dir(&seeds)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with(prefix))
            .unwrap();
        let output = faultline(&db, &["extract", path.to_str().unwrap(), "--json"]);
        assert_eq!(output.status.code(), Some(0));
        stdout_json(&output)["article"]["text"].as_str().unwrap().to_string()
    };
    let t000 = text_of("000");
    assert!(t000.contains("ongoing Nagorno-Karabakh"), "{t000}");
    for caption in ["Mi-17 chopper", "Wikimedia Commons", "Armenia flag", "Flickr"] {
        assert!(!t000.contains(caption), "000 still has {caption:?}");
    }
    let t001 = text_of("001");
    assert!(!t001.to_lowercase().contains("read more"), "{t001}");
    let t002 = text_of("002");
    assert!(!t002.contains("Read Next"), "{t002}");
    assert!(!t002.contains("Majid Haghdoust"), "{t002}");
    let t003 = text_of("003");
    for junk in ["TRENDING", "OPINION", "BYD", "Transdniestria", "Crypto", "info@", "Phone", "Newsletter"] {
        assert!(!t003.contains(junk), "003 still has {junk:?}");
    }
    assert!(t003.contains("Putin refrained from admitting"));
}

#[test]
fn bad_inputs_are_named_and_the_good_one_is_ingested() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(inputs.join("a-empty.txt"), "").unwrap();
    std::fs::write(inputs.join("b-binary.txt"), [0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0, 3, 0, 0x3e])
        .unwrap();
    std::fs::write(
        inputs.join("c-good.txt"),
        "Ceasefire talks resume in Geneva\n\nDelegations from both countries met on Tuesday. \
         They agreed to exchange prisoners next week.\n",
    )
    .unwrap();
    let db = dir.path().join("f.db");
    let output = faultline(&db, &["ingest", inputs.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("a-empty.txt") && stderr.contains("empty"), "{stderr}");
    assert!(stderr.contains("b-binary.txt") && stderr.contains("binary"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let listed = stdout_json(&faultline(&db, &["articles", "--json"]));
    assert_eq!(listed.as_array().unwrap().len(), 1);
}

#[test]
fn a_directory_with_link_loops_is_read_once_saying_what_was_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir_all(inputs.join("world/europe")).unwrap();
    std::fs::write(
        inputs.join("world/europe/talks.txt"),
        "Ceasefire talks resume in Geneva\n\nDelegations from both countries met on Tuesday.\n",
    )
    .unwrap();
    // Two loops: a naive walk follows them into ever longer paths.
    std::os::unix::fs::symlink(&inputs, inputs.join("world/europe/back-to-top")).unwrap();
    std::os::unix::fs::symlink(inputs.join("world"), inputs.join("world/europe/back-to-world")).unwrap();
    let db = dir.path().join("f.db");
    let output = faultline(&db, &["ingest", "--json", inputs.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let summary = stdout_json(&output);
    assert_eq!(summary["new"], 1, "{summary}");
    let warnings = summary["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 2, "one note per loop: {warnings:?}");
    assert!(warnings.iter().all(|w| w["reason"].as_str().unwrap().contains("symbolic link back to")));
}

#[test]
fn a_publication_date_faultline_cannot_read_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("talks.txt");
    std::fs::write(&input, "Ceasefire talks resume in Geneva\n\nDelegations met on Tuesday.\n").unwrap();
    let db = dir.path().join("f.db");
    let output = faultline(&db, &["ingest", "--published", "2024-13-45", input.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--published") && stderr.contains("ISO 8601"), "{stderr}");
    assert!(!db.exists(), "nothing was ingested");
}

#[test]
fn an_error_says_its_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("talks.txt");
    std::fs::write(&input, "Ceasefire talks resume in Geneva\n\nDelegations met on Tuesday.\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_faultline"))
        .args(["--dict", "/nonexistent/faultline-dictionary", "extract", input.to_str().unwrap()])
        .env_remove("FAULTLINE_DICT")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--dict"), "{stderr}");
    assert_eq!(stderr.matches("No such file or directory").count(), 1, "{stderr}");
}

#[test]
fn a_stray_byte_in_utf8_is_replaced_not_read_as_another_charset() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("geneve.txt");
    let mut bytes =
        "Négociations à Genève\n\nLes délégations se sont réunies mardi à Genève, a déclaré le ministère.\n"
            .as_bytes()
            .to_vec();
    bytes.insert(30, 0x92);
    std::fs::write(&input, bytes).unwrap();
    let output = faultline(&dir.path().join("f.db"), &["extract", "--json", input.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let article = &stdout_json(&output)["article"];
    let text = article["text"].as_str().unwrap();
    assert!(text.contains("délégations se sont réunies mardi à Genève"), "{text}");
    assert!(article["warnings"].to_string().contains("invalid byte sequence"), "{article}");
}

#[test]
fn a_declared_charset_is_used_and_an_unknown_one_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("kharkiv.txt");
    let text = "Обстрел Харькова\n\nВ понедельник обстрел Харькова продолжился, сообщил губернатор.\n";
    std::fs::write(&input, encoding_rs::WINDOWS_1251.encode(text).0).unwrap();
    let db = dir.path().join("f.db");
    let output = faultline(&db, &["extract", "--json", "--charset", "windows-1251", input.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let article = &stdout_json(&output)["article"];
    assert!(article["text"].as_str().unwrap().contains("обстрел Харькова продолжился"), "{article}");
    assert_eq!(article["warnings"].as_array().unwrap().len(), 0, "{article}");
    let unknown = faultline(&db, &["extract", "--charset", "martian", input.to_str().unwrap()]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn a_damaged_database_is_called_damaged_and_never_written_to() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("talks.txt");
    std::fs::write(&input, "Ceasefire talks resume in Geneva\n\nDelegations met on Tuesday in Geneva.\n")
        .unwrap();
    let db = dir.path().join("f.db");
    let damaged = vec![0xff; 8192];
    std::fs::write(&db, &damaged).unwrap();
    for args in [&["search", "Geneva"][..], &["events"], &["ingest", input.to_str().unwrap()]] {
        let output = faultline(&db, args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("damaged") && !stderr.contains("invalid search query"), "{args:?}: {stderr}");
    }
    assert_eq!(std::fs::read(&db).unwrap(), damaged, "the file is left as it was");
}

#[test]
fn json_lines_errors_name_the_line_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    std::fs::write(
        &corpus,
        "{\"id\":\"d1\",\"title\":\"Troops withdraw\",\"published\":\"2024-02-13\",\"text\":\"Troops withdrew from the ridge on Monday.\"}\n\
         {\"id\":\"d2\",\"text\":\"Shelling resumed\"\n\
         {\"id\":\"d3\",\"text\":\"Aid convoys reached the city.\"}\n",
    )
    .unwrap();
    let db = dir.path().join("f.db");
    let output = faultline(&db, &["ingest", corpus.to_str().unwrap(), "--json"]);
    assert_eq!(output.status.code(), Some(1));
    let summary = stdout_json(&output);
    assert_eq!(summary["new"], 2);
    let failure = &summary["failed"][0];
    assert!(failure["input"].as_str().unwrap().ends_with("corpus.jsonl:2"), "{failure}");
    assert!(failure["reason"].as_str().unwrap().contains("JSON"));
}

#[test]
fn extract_json_is_the_article_contract() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    std::fs::write(
        &page,
        "<html><head><title>Border clash leaves four dead - Example News</title>\
         <meta property=\"article:published_time\" content=\"2024-02-13T08:00:00+04:00\">\
         <meta property=\"og:site_name\" content=\"Example News\"></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
         <article><h1>Border clash leaves four dead</h1>\
         <p>Four soldiers were killed overnight when an outpost near the border came under fire, \
         the defence ministry said on Tuesday.</p>\
         <p>The ministry said a fifth soldier was wounded and taken to hospital in the regional capital.</p>\
         <p>Both governments blamed each other for starting the exchange of fire, which lasted several hours.</p>\
         </article><footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>",
    )
    .unwrap();
    let output = faultline(&dir.path().join("unused.db"), &["extract", page.to_str().unwrap(), "--json"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let article = &stdout_json(&output)["article"];
    for key in ["id", "title", "published", "outlet", "dateline", "url", "text", "removed", "sentences"] {
        assert!(article.get(key).is_some(), "missing {key}");
    }
    let text = article["text"].as_str().unwrap();
    assert!(text.contains("Four soldiers were killed"));
    assert!(!text.contains("All rights reserved"));
    assert_eq!(article["published"].as_str().unwrap().get(..10), Some("2024-02-13"));
    for sentence in article["sentences"].as_array().unwrap() {
        let (start, end) =
            (sentence["start"].as_u64().unwrap() as usize, sentence["end"].as_u64().unwrap() as usize);
        assert!(start < end && text.is_char_boundary(start) && text.is_char_boundary(end));
    }
    assert!(!dir.path().join("unused.db").exists(), "extract must not create a database");
}

#[test]
fn show_prints_text_and_what_was_removed() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("story.txt");
    std::fs::write(
        &input,
        "Rebels seize airport\n\nRebel fighters seized the city's airport on Sunday, a spokesman said.\n\n\
         READ MORE: Army retakes northern town\n\nThe government has not commented on the claim.\n",
    )
    .unwrap();
    let db = dir.path().join("f.db");
    let ingest = stdout_json(&faultline(&db, &["ingest", input.to_str().unwrap(), "--json"]));
    let id = ingest["articles"][0]["id"].as_str().unwrap().to_string();
    let shown = faultline(&db, &["show", &id[..8], "--removed"]);
    let stdout = String::from_utf8_lossy(&shown.stdout);
    assert!(stdout.contains("Rebel fighters seized the city's airport"), "{stdout}");
    assert!(stdout.contains("READ MORE: Army retakes northern town"), "the removed span is shown: {stdout}");
    let json = stdout_json(&faultline(&db, &["show", &id, "--removed", "--json"]));
    assert!(!json["article"]["text"].as_str().unwrap().contains("READ MORE"));
}

#[test]
fn reading_commands_explain_a_missing_database_and_usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let output = faultline(&dir.path().join("none.db"), &["articles"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("faultline ingest"));
    let usage = faultline(&dir.path().join("none.db"), &["ingest"]);
    assert_eq!(usage.status.code(), Some(2));
}

/// The `times` and `numbers` of `faultline extract --json` on one sample article.
fn extracted_annotations(seeds: &Path, prefix: &str, published: Option<&str>) -> (Vec<Value>, Vec<Value>) {
    let path = std::fs::read_dir(seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with(prefix))
        .unwrap();
    let mut args = vec!["extract", path.to_str().unwrap(), "--json"];
    if let Some(published) = published {
        args.extend(["--published", published]);
    }
    let dir = tempfile::tempdir().unwrap();
    let json = stdout_json(&faultline(&dir.path().join("unused.db"), &args));
    (json["times"].as_array().unwrap().clone(), json["numbers"].as_array().unwrap().clone())
}

fn time<'a>(times: &'a [Value], text: &str) -> &'a Value {
    times.iter().find(|t| t["text"] == text).unwrap_or_else(|| panic!("no time {text:?} in {times:?}"))
}

fn number<'a>(numbers: &'a [Value], text: &str) -> &'a Value {
    numbers.iter().find(|n| n["text"] == text).unwrap_or_else(|| panic!("no number {text:?} in {numbers:?}"))
}

#[test]
fn relative_times_resolve_only_against_a_publication_date() {
    let Some(seeds) = faultline_testdata::seeds_dir() else { return };
    // A Tuesday: "on Monday" is the day before, "overnight" the night before.
    let (times, _) = extracted_annotations(&seeds, "001", Some("2024-02-13"));
    assert_eq!(time(&times, "Tuesday")["value"], "2024-02-13");
    assert_eq!(time(&times, "overnight")["value"], "2024-02-12TNI");
    assert_eq!(time(&times, "Monday night")["value"], "2024-02-12TNI");
    assert_eq!(time(&times, "September 2022")["value"], "2022-09");
    let (times, _) = extracted_annotations(&seeds, "000", Some("2024-02-13"));
    assert_eq!(time(&times, "Monday")["value"], "2024-02-12");
    let (times, _) = extracted_annotations(&seeds, "002", Some("2024-02-13"));
    assert_eq!(time(&times, "the last week of August")["resolved"], true);

    let (times, _) = extracted_annotations(&seeds, "001", None);
    for relative in ["Tuesday", "overnight", "Monday night"] {
        assert_eq!(time(&times, relative)["resolved"], false, "{relative}");
    }
    assert_eq!(time(&times, "September 2022")["value"], "2022-09");
    let (times, _) = extracted_annotations(&seeds, "002", None);
    assert_eq!(time(&times, "the last week of August")["resolved"], false);
    assert_eq!(time(&times, "2020")["value"], "2020");
    assert_eq!(time(&times, "1994")["value"], "1994");
}

#[test]
fn casualty_figures_keep_their_hedges() {
    let Some(seeds) = faultline_testdata::seeds_dir() else { return };
    let (_, numbers) = extracted_annotations(&seeds, "000", None);
    let at_least = number(&numbers, "At least 1,000");
    assert_eq!((at_least["low"].as_f64(), at_least["high"].as_f64()), (Some(1000.0), None));
    let crew = number(&numbers, "two");
    assert_eq!((crew["best"].as_f64(), crew["noun"].as_str()), (Some(2.0), Some("crew members")));
    let (_, numbers) = extracted_annotations(&seeds, "002", None);
    assert_eq!(number(&numbers, "more than 6,600")["low"].as_f64(), Some(6600.0));
    assert_eq!(number(&numbers, "around 2,000")["best"].as_f64(), Some(2000.0));
}

#[test]
fn a_users_dictionary_folder_adds_actors_and_extract_reports_them() {
    let dir = tempfile::tempdir().unwrap();
    let dict = dir.path().join("dict");
    std::fs::create_dir(&dict).unwrap();
    std::fs::write(
        dict.join("people.tsv"),
        "# a user's own office holders\nid\tname\taliases\tcountry\trole\tstart\tend\n\
         PERSON:zara-velikova\tZara Velikova\t\tBGR\tRegional Governor\t2023-01-01\t\n",
    )
    .unwrap();
    let story = dir.path().join("story.txt");
    std::fs::write(
        &story,
        "Governor visits flooded towns\n\nZara Velikova toured the flooded towns near Plovdiv on Monday. \
         \"We will rebuild every bridge,\" Velikova told reporters.\n",
    )
    .unwrap();
    let db = dir.path().join("unused.db");
    let without = stdout_json(&faultline(&db, &["extract", story.to_str().unwrap(), "--json"]));
    let ids = |json: &Value| -> Vec<String> {
        json["entities"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_string()).collect()
    };
    assert!(!ids(&without).contains(&"PERSON:zara-velikova".to_string()));

    let output =
        faultline(&db, &["--dict", dict.to_str().unwrap(), "extract", story.to_str().unwrap(), "--json"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let with = stdout_json(&output);
    let velikova = with["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "PERSON:zara-velikova")
        .unwrap_or_else(|| panic!("user's person not found: {}", with["entities"]));
    assert_eq!(velikova["role"], "Regional Governor");
    assert_eq!(velikova["country"], "BGR");
    let quote = &with["quotes"][0];
    assert_eq!(quote["text"], "We will rebuild every bridge");
    assert_eq!(quote["speaker"]["id"], "PERSON:zara-velikova");
    let place = with["places"].as_array().unwrap().iter().find(|p| p["text"] == "Plovdiv");
    assert_eq!(place.map(|p| p["country"].clone()), Some(Value::from("BGR")));
}

#[test]
fn a_users_regions_reach_the_gazetteer_built_into_the_binary_and_a_bad_line_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let dict = dir.path().join("dict");
    std::fs::create_dir_all(dict.join("places")).unwrap();
    let regions = dict.join("places/regions.tsv");
    std::fs::write(
        &regions,
        "# a user's own region\nR\tregion:zzyzx-valley\tZzyzx Valley\tUSA\t\t35.14\t-116.10\t0\tZzyzx Vale\n",
    )
    .unwrap();
    let story = dir.path().join("story.txt");
    std::fs::write(&story, "Floods\n\nFloods cut the roads from Zzyzx Vale to Yerevan on Monday.\n").unwrap();
    let db = dir.path().join("unused.db");
    let places = |output: &Output| -> Vec<(String, String)> {
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        let json = stdout_json(output);
        json["places"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (p["text"].as_str().unwrap().to_string(), p["country"].as_str().unwrap_or("").to_string())
            })
            .collect()
    };
    let shipped = places(&faultline(&db, &["extract", story.to_str().unwrap(), "--json"]));
    assert_eq!(shipped, [("Yerevan".to_string(), "ARM".to_string())]);
    let with_regions = places(&faultline(
        &db,
        &["--dict", dict.to_str().unwrap(), "extract", story.to_str().unwrap(), "--json"],
    ));
    assert_eq!(
        with_regions,
        [("Zzyzx Vale".to_string(), "USA".to_string()), ("Yerevan".to_string(), "ARM".to_string())]
    );

    std::fs::write(&regions, "# a bad latitude\nR\tregion:nowhere\tNowhere\tUSA\t\tnorth\t1\t0\t\n").unwrap();
    let output =
        faultline(&db, &["--dict", dict.to_str().unwrap(), "extract", story.to_str().unwrap(), "--json"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("places/regions.tsv line 2") && stderr.contains("latitude"), "{stderr}");
}

#[test]
fn a_users_knowledge_folder_reaches_event_wording_and_word_lists_and_bad_files_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let dict = dir.path().join("dict");
    std::fs::create_dir_all(dict.join("events")).unwrap();
    std::fs::write(
        dict.join("events/triggers.tsv"),
        "# a user's own wording: a made-up verb of attack\nASSAULT\t\tverb\tzorble+\tagent>patient\t0.9\t\n",
    )
    .unwrap();
    std::fs::write(dict.join("notes.md"), "not knowledge").unwrap();
    let story = dir.path().join("story.txt");
    std::fs::write(
        &story,
        "Border clash\n\nRussian troops zorbled Ukrainian positions near Kharkiv on Monday.\n",
    )
    .unwrap();
    let db = dir.path().join("unused.db");
    let types = |output: &Output| -> Vec<String> {
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        let json = stdout_json(output);
        json["events"].as_array().unwrap().iter().map(|e| e["type"].as_str().unwrap().to_string()).collect()
    };
    assert!(
        !types(&faultline(&db, &["extract", story.to_str().unwrap(), "--json"])).contains(&"ASSAULT".into())
    );
    let output =
        faultline(&db, &["--dict", dict.to_str().unwrap(), "extract", story.to_str().unwrap(), "--json"]);
    assert!(types(&output).contains(&"ASSAULT".to_string()));
    assert!(String::from_utf8_lossy(&output.stderr).contains("notes.md is not read"));

    std::fs::create_dir_all(dict.join("quotes")).unwrap();
    std::fs::write(dict.join("quotes/cues.txt"), "[no such section]\nsaid\n").unwrap();
    let output =
        faultline(&db, &["--dict", dict.to_str().unwrap(), "extract", story.to_str().unwrap(), "--json"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("quotes/cues.txt") && stderr.contains("no such section"), "{stderr}");
}

#[test]
fn eval_documents_scores_the_blind_gold_and_never_shows_held_out_documents() {
    let Some(shared) = faultline_testdata::shared("eval") else { return };
    let shared = shared.parent().unwrap().to_str().unwrap().to_string();
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/eval-gold/events.jsonl");
    let gold = gold.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unused.db");
    let held_out: Vec<String> = std::fs::read_to_string(gold)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .filter(|record| record["split"] == "held-out")
        .map(|record| record["doc"].as_str().unwrap().to_string())
        .collect();

    let run = |extra: &[&str]| {
        let mut args = vec!["eval", "documents", gold, "--shared", &shared, "--json"];
        args.extend_from_slice(extra);
        let output = faultline(&db, &args);
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        stdout_json(&output)
    };
    let report = run(&[]);
    let documents = report["documents"].as_u64().unwrap();
    assert_eq!(report["dev"]["documents"].as_u64().unwrap() + held_out.len() as u64, documents);
    assert_eq!(report["held_out"]["documents"].as_u64().unwrap(), held_out.len() as u64);
    assert!(report.get("dev_errors").is_none(), "errors are listed only when asked for");
    let not_found = report["evidence_not_found"].as_u64().unwrap();
    assert!(not_found * 10 < report["evidence_spans"].as_u64().unwrap(), "{not_found} gold spans not found");

    let with_errors = run(&["--show-errors"]);
    let errors = with_errors["dev_errors"].as_array().expect("dev errors are listed");
    assert!(!errors.is_empty());
    for error in errors {
        let doc = error["doc"].as_str().unwrap();
        assert!(!held_out.iter().any(|h| h == doc), "held-out document {doc} shown");
    }
}

#[test]
fn eval_boilerplate_scores_a_set_by_part_beside_trafilatura_and_never_shows_held_out_pages() {
    let Some(set) = faultline_testdata::shared("eval/readability-test-pages") else { return };
    let set = set.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unused.db");
    let output = faultline(&db, &["eval", "boilerplate", set, "--show-errors", "--json"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let report = stdout_json(&output);
    let sets = report["sets"].as_array().unwrap();
    assert_eq!(sets.len(), 1);
    let scored = &sets[0];
    assert_eq!(scored["name"], "readability-test-pages");
    let pages = scored["pages"].as_u64().unwrap();
    let (dev, held_out) = (
        scored["dev"]["ours"]["documents"].as_u64().unwrap(),
        scored["held_out"]["ours"]["documents"].as_u64().unwrap(),
    );
    assert_eq!(dev + held_out, pages);
    assert!(held_out * 5 > pages && held_out * 2 < pages, "{held_out} of {pages} held out");
    // Python trafilatura's shipped outputs are scored on the same parts.
    assert!(scored["held_out"]["reference"]["f1"].as_f64().unwrap() > 0.8);
    let f1 = scored["all"]["ours"]["f1"].as_f64().unwrap();
    assert!(f1 > 0.9, "main-text F1 {f1}");
    for error in scored["dev_errors"].as_array().into_iter().flatten() {
        let id = error["id"].as_str().unwrap();
        assert_eq!(
            faultline_eval::boilerplate::Part::of("readability-test-pages", id),
            faultline_eval::boilerplate::Part::Dev,
            "held-out page {id} shown"
        );
    }
}

#[test]
fn eval_ucdp_scores_the_headlines_and_never_shows_held_out_rows() {
    let Some(sample) = faultline_testdata::shared("eval/ucdp-ged-sample/ucdpged_sample_1000.csv") else {
        return;
    };
    let sample = sample.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unused.db");
    let run = |extra: &[&str]| {
        let mut args = vec!["eval", "ucdp", sample, "--json"];
        args.extend_from_slice(extra);
        let output = faultline(&db, &args);
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        stdout_json(&output)
    };
    let report = run(&[]);
    assert_eq!(report["rows_read"], 1000);
    let rows = report["rows_with_text"].as_u64().unwrap();
    assert!(rows >= 674, "every row with a source headline is scored, {rows}");
    let count = |split: &str| report[split]["rows"].as_u64().unwrap();
    assert_eq!(count("dev") + count("held_out"), rows);
    assert_eq!(count("all"), rows);
    assert!(report.get("dev_errors").is_none(), "errors are listed only when asked for");
    assert!(report["unmapped_states"].as_array().unwrap().is_empty());
    let assault = &report["all"]["assault"];
    assert!(assault["hits"].as_u64().unwrap() > 0, "the pipeline finds violence in conflict headlines");

    let with_errors = run(&["--show-errors"]);
    let errors = with_errors["dev_errors"].as_array().expect("dev errors are listed");
    assert!(!errors.is_empty());
    for error in errors {
        let id = error["id"].as_str().unwrap();
        assert_eq!(faultline_eval::ucdp::split_of(id), "dev", "held-out row {id} shown");
    }
}

#[test]
fn eval_incidents_scores_the_grouping_beside_both_baselines_and_judges_the_hard_cases() {
    let Some(gvc) = faultline_testdata::shared("eval/gvc") else { return };
    let hard_cases =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/eval-gold/incident-hard-cases.tsv");
    let dir = tempfile::tempdir().unwrap();
    let output = faultline(
        &dir.path().join("unused.db"),
        &["eval", "incidents", gvc.to_str().unwrap(), "--hard-cases", hard_cases.to_str().unwrap(), "--json"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let report = stdout_json(&output);
    assert!(report["failures"].as_array().unwrap().is_empty(), "{}", report["failures"]);
    for count in ["articles", "incidents"] {
        let part = |name: &str| report[count][name].as_u64().unwrap();
        assert_eq!(part("dev") + part("held_out"), part("all"), "{count}: the parts split the incidents");
        assert!(part("held_out") > 0 && part("dev") > part("held_out"), "{count}: about 2/3 dev");
    }
    // The TF-IDF setting is the best on dev, whatever it gives on held-out.
    let sweep = report["sweep"].as_array().unwrap();
    let best_dev = sweep.iter().map(|p| p["bcubed_f1"]["dev"].as_f64().unwrap()).fold(0.0, f64::max);
    assert_eq!(report["tfidf"]["dev"]["bcubed"]["f1"].as_f64().unwrap(), best_dev);
    // A grouping by date alone keeps no follow-up report with the first report.
    assert_eq!(report["same_date"]["hard_cases"]["all"]["follow_ups"]["hits"], 0);
    // Different incidents of one week: faultline keeps at least as many apart as text
    // similarity does. Follow-up reports: it keeps more with their first report than a
    // grouping by date, but fewer than TF-IDF (12 of 16 against 16 when written): the
    // issue's bar is not met there yet, and the report says so.
    let hits = |method: &str, kind: &str| report[method]["hard_cases"]["all"][kind]["hits"].as_u64().unwrap();
    for kind in ["follow_ups", "same_week"] {
        eprintln!(
            "hard cases {kind}: {} {}, {} {}",
            report["system"]["method"],
            hits("system", kind),
            report["tfidf"]["method"],
            hits("tfidf", kind)
        );
    }
    assert!(hits("system", "same_week") >= hits("tfidf", "same_week"));
    assert!(hits("system", "follow_ups") > hits("same_date", "follow_ups"));
}

#[test]
fn two_concurrent_ingests_into_one_new_database_store_everything_once() {
    concurrent_ingests_store_everything_once(&["Kharkiv", "Kherson"]);
}

#[test]
fn four_concurrent_ingests_into_one_new_database_store_everything_once() {
    concurrent_ingests_store_everything_once(&["Kharkiv", "Kherson", "Bakhmut", "Avdiivka"]);
}

/// One ingest per place, all at once into one new database, each of 40 reports: every
/// ingest succeeds, every article is stored once, and the incidents are those of the same
/// ingests run one after another.
fn concurrent_ingests_store_everything_once(places: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let inputs: Vec<_> = places
        .iter()
        .map(|place| {
            let path = dir.path().join(format!("{place}.jsonl"));
            let lines: Vec<String> = (0..40)
                .map(|day| {
                    let text = format!(
                        "Shelling of {place} killed {} civilians on the night of March {}, the regional governor said.",
                        day % 5 + 1,
                        day % 28 + 1
                    );
                    serde_json::json!({"title": format!("{place} report {day}"), "published": "2024-03-30", "text": text})
                        .to_string()
                })
                .collect();
            std::fs::write(&path, lines.join("\n")).unwrap();
            path.to_str().unwrap().to_string()
        })
        .collect();
    let shared = dir.path().join("shared.db");
    let children: Vec<_> = inputs
        .iter()
        .map(|input| {
            Command::new(env!("CARGO_BIN_EXE_faultline"))
                .args(["--db", shared.to_str().unwrap(), "ingest", "--json", "--jobs", "1", input])
                .env_remove("FAULTLINE_DB")
                .env_remove("FAULTLINE_DICT")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        assert_eq!(stdout_json(&output)["new"], 40);
    }
    let one_at_a_time = dir.path().join("sequential.db");
    for input in &inputs {
        assert_eq!(faultline(&one_at_a_time, &["ingest", input]).status.code(), Some(0));
    }
    let listed = stdout_json(&faultline(&shared, &["articles", "--json"]));
    assert_eq!(listed.as_array().unwrap().len(), 40 * places.len());
    let incidents = |db: &Path| stdout_json(&faultline(db, &["incidents", "--json"]));
    assert_eq!(
        incidents(&shared),
        incidents(&one_at_a_time),
        "the same incidents as one ingest after another"
    );
}
