//! How [`faultline_incidents::group_articles`] groups the articles of the Gun Violence
//! Corpus dev split (`../shared/eval/gvc`, read in place), run through the whole pipeline
//! with each article's publication date: B-cubed and pairwise precision, recall and F1,
//! on all of it and on its two halves split by the parity of the incident id (the thresholds
//! of the names signal were chosen on half 0). Run with
//! `cargo test --release -p faultline-incidents --test gvc -- --ignored --nocapture`;
//! `faultline eval incidents` is the command that scores it for users.

use faultline_model::{DeclaredMetadata, Document, Processed};
use std::collections::HashMap;

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

fn scores(docs: &[&str], gold: &HashMap<String, String>, predicted: &HashMap<String, String>) -> String {
    let (mut bp, mut br) = (0.0, 0.0);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for a in docs {
        let same_gold: Vec<&&str> = docs.iter().filter(|b| gold[**b] == gold[*a]).collect();
        let same_predicted: Vec<&&str> = docs.iter().filter(|b| predicted[**b] == predicted[*a]).collect();
        let both = same_gold.iter().filter(|b| same_predicted.contains(b)).count() as f64;
        bp += both / same_predicted.len() as f64;
        br += both / same_gold.len() as f64;
    }
    let n = docs.len() as f64;
    for (i, a) in docs.iter().enumerate() {
        for b in &docs[i + 1..] {
            let (g, p) = (gold[*a] == gold[*b], predicted[*a] == predicted[*b]);
            tp += usize::from(g && p);
            fp += usize::from(p && !g);
            fn_ += usize::from(g && !p);
        }
    }
    let (pp, pr) = (tp as f64 / (tp + fp).max(1) as f64, tp as f64 / (tp + fn_).max(1) as f64);
    format!(
        "B3 P {:.3} R {:.3} F1 {:.3} | pairwise P {:.3} R {:.3} F1 {:.3}",
        bp / n,
        br / n,
        f1(bp / n, br / n),
        pp,
        pr,
        f1(pp, pr)
    )
}

#[test]
#[ignore = "runs the pipeline over 78 articles; a measurement, not a check"]
fn gvc_dev_grouping() {
    let Some(dir) = faultline_testdata::shared("eval/gvc") else { return };
    let pipeline =
        faultline_pipeline::Pipeline::load(faultline_pipeline::open_knowledge(None).unwrap()).unwrap();
    let gold_text = std::fs::read_to_string(dir.join("gold.tsv")).unwrap();
    let mut gold = HashMap::new();
    let mut articles: Vec<Processed> = Vec::new();
    let mut doc_of = HashMap::new();
    for line in gold_text.lines().skip(1) {
        let cells: Vec<&str> = line.split('\t').collect();
        let (doc, incident, published, file) = (cells[0], cells[1], cells[2], cells[3]);
        let document = Document {
            origin: file.to_string(),
            format: faultline_model::ContentFormat::Text,
            content: std::fs::read_to_string(dir.join(file)).unwrap(),
            declared: DeclaredMetadata { published: Some(published.to_string()), ..Default::default() },
            warnings: Vec::new(),
        };
        let article = pipeline.clean(&document).unwrap();
        let layers = pipeline.annotate(&article).unwrap();
        doc_of.insert(article.id.clone(), doc.to_string());
        gold.insert(doc.to_string(), incident.to_string());
        articles.push(Processed { article, layers });
    }
    let predicted: HashMap<String, String> = faultline_incidents::group_articles(&articles)
        .into_iter()
        .map(|(article, incident)| (doc_of[&article].clone(), incident))
        .collect();
    let half = |doc: &str| gold[doc].parse::<u64>().map_or(0, |id| id % 2);
    let all: Vec<&str> = gold.keys().map(String::as_str).collect();
    println!("all    ({:2}) {}", all.len(), scores(&all, &gold, &predicted));
    for h in 0..2 {
        let part: Vec<&str> = all.iter().copied().filter(|d| half(d) == h).collect();
        println!("half {h} ({:2}) {}", part.len(), scores(&part, &gold, &predicted));
    }
}
