//! The incremental store path builds the same incidents as the in-memory grouping, whatever
//! the order articles arrive in: the sample articles (with the publication dates the issue
//! gives 001 and 002) and every article of the GVC dev split, read in place and run through
//! the pipeline, with two syndicated copies of sample 002 (its text with a closing line of
//! their own: near-duplicates), written one at a time to an in-memory SQLite store in five orders (as read,
//! reversed, interleaved and two seeded shuffles).

use faultline_model::{DeclaredMetadata, Document, Incident, Processed};
use faultline_store::{IncidentQuery, NewArticle, Store};
use faultline_store_sqlite::SqliteStore;

fn processed(
    pipeline: &faultline_pipeline::Pipeline,
    path: &std::path::Path,
    published: Option<&str>,
) -> Processed {
    from_text(pipeline, &path.display().to_string(), std::fs::read_to_string(path).unwrap(), published)
}

fn from_text(
    pipeline: &faultline_pipeline::Pipeline,
    origin: &str,
    content: String,
    published: Option<&str>,
) -> Processed {
    let document = Document {
        origin: origin.to_string(),
        format: faultline_model::ContentFormat::Text,
        content,
        declared: DeclaredMetadata { published: published.map(str::to_string), ..Default::default() },
        warnings: Vec::new(),
    };
    let article = pipeline.clean(&document).unwrap();
    let layers = pipeline.annotate(&article).unwrap();
    Processed { article, layers }
}

/// The incidents of `articles` stored `batch` at a time, each batch linked after it is
/// written (one article at a time as a slow feed arrives, or pages of many as an ingest).
fn stored_incidents(articles: &[&Processed], batch: usize) -> Vec<Incident> {
    let store = SqliteStore::open_in_memory().unwrap();
    for chunk in articles.chunks(batch) {
        let batch: Vec<NewArticle<'_>> = chunk
            .iter()
            .map(|article| NewArticle { processed: article, original: "", replace: false })
            .collect();
        store.write_batch(&batch).unwrap();
        faultline_incidents::link_pending(&store).unwrap();
    }
    let mut incidents = store.incidents(&IncidentQuery::default()).unwrap();
    incidents.sort_by(|x, y| x.id.cmp(&y.id));
    incidents
}

#[test]
fn the_store_path_matches_the_in_memory_grouping_in_any_order() {
    let Some(seeds) = faultline_testdata::seeds_dir() else { return };
    let pipeline =
        faultline_pipeline::Pipeline::load(faultline_pipeline::open_knowledge(None).unwrap()).unwrap();
    let mut articles = Vec::new();
    for seed in faultline_testdata::seeds() {
        articles.push(processed(&pipeline, &seeds.join(&seed.name), seed.published()));
        if seed.name.starts_with("002_") {
            let text = std::fs::read_to_string(seeds.join(&seed.name)).unwrap();
            for outlet in ["Wire Copy One", "Wire Copy Two"] {
                let copy = format!("{text}\n\nDistributed by {outlet}.\n");
                articles.push(from_text(&pipeline, outlet, copy, seed.published()));
            }
        }
    }
    if let Some(gvc) = faultline_testdata::shared("eval/gvc") {
        let gold = std::fs::read_to_string(gvc.join("gold.tsv")).unwrap();
        for line in gold.lines().skip(1) {
            let cells: Vec<&str> = line.split('\t').collect();
            articles.push(processed(&pipeline, &gvc.join(cells[3]), Some(cells[2])));
        }
    }
    let (expected, near_duplicates) = faultline_incidents::incidents_in_memory(&articles);
    assert!(near_duplicates.len() >= 3, "the copies of 002 are near-duplicates: {near_duplicates:?}");
    assert!(expected.iter().any(|incident| incident.articles.len() > 1), "some incident has two articles");
    let forward: Vec<&Processed> = articles.iter().collect();
    let backward: Vec<&Processed> = articles.iter().rev().collect();
    let interleaved: Vec<&Processed> =
        articles.iter().step_by(2).chain(articles.iter().skip(1).step_by(2)).collect();
    let shuffled = |seed: u64| {
        let mut order: Vec<&Processed> = articles.iter().collect();
        let mut state = seed;
        for i in (1..order.len()).rev() {
            // xorshift64: a fixed, dependency-free permutation per seed.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            order.swap(i, (state % (i as u64 + 1)) as usize);
        }
        order
    };
    let orders = [forward, backward, interleaved, shuffled(0x9e37_79b9_7f4a_7c15), shuffled(42)];
    // One at a time in every order, and in batches linked a page at a time in three.
    let runs =
        orders.iter().map(|order| (order, 1)).chain([(&orders[0], 7), (&orders[2], 30), (&orders[4], 1000)]);
    for (order, batch) in runs {
        let stored = stored_incidents(order, batch);
        let groups = |incidents: &[Incident]| -> Vec<Vec<String>> {
            incidents.iter().map(|incident| incident.events.clone()).collect()
        };
        let (found, wanted) = (groups(&stored), groups(&expected));
        let missing: Vec<_> = wanted.iter().filter(|g| !found.contains(g)).collect();
        let extra: Vec<_> = found.iter().filter(|g| !wanted.contains(g)).collect();
        assert!(missing.is_empty() && extra.is_empty(), "expected {missing:?}, stored {extra:?}");
        for (found, wanted) in stored.iter().zip(&expected) {
            assert_eq!(format!("{found:#?}"), format!("{wanted:#?}"));
        }
    }
}
