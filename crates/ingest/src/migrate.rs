//! Copying one store into another (`faultline migrate --from faultline.db --to
//! postgres://…`, or back): every article with its original content, layers and events, in
//! batches through the [`Store`] trait, then the copies linked into incidents by the target,
//! then both stores compared by counts and checksums of their ids.
//!
//! Articles already in the target are left as they are (ids are content hashes), so an
//! interrupted copy is finished by running it again. Incidents are not copied but rebuilt:
//! linking is independent of the order articles arrive in, so a fully linked source and its
//! copy hold the same incidents, which the verification checks.

use crate::Progress;
use faultline_model::Processed;
use faultline_store::{EventQuery, IncidentQuery, NewArticle, Store, StoreError, Stored};
use serde::Serialize;

/// Articles read and written together: one transaction in the target.
const BATCH: usize = 200;

/// What a copy did and what the two stores hold afterwards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Migrated {
    pub copied: usize,
    /// Articles the target already held.
    pub unchanged: usize,
    pub source: Contents,
    pub target: Contents,
}

impl Migrated {
    /// Whether the target holds every article and event of the source, and the same
    /// incidents.
    pub fn verified(&self) -> bool {
        self.source == self.target
    }
}

/// Counts and BLAKE3 checksums of the sorted ids of a store's articles, events and
/// incidents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contents {
    pub articles: usize,
    pub articles_checksum: String,
    pub events: usize,
    pub events_checksum: String,
    pub incidents: usize,
    pub incidents_checksum: String,
}

/// Copies every article of `from` into `to`, links the target's new articles into
/// incidents, and reads back what both hold.
pub fn migrate(from: &dyn Store, to: &dyn Store, progress: &dyn Progress) -> Result<Migrated, StoreError> {
    let ids: Vec<String> = from.list_articles()?.into_iter().map(|summary| summary.id).collect();
    progress.total(crate::Total::Articles(ids.len()));
    let (mut copied, mut unchanged) = (0, 0);
    for (done, chunk) in ids.chunks(BATCH).enumerate() {
        let mut batch = Vec::with_capacity(chunk.len());
        for id in chunk {
            let processed = Processed { article: from.get_article(id)?, layers: from.layers(id)? };
            batch.push((processed, from.original_content(id)?));
        }
        let news: Vec<NewArticle<'_>> = batch
            .iter()
            .map(|(processed, original)| NewArticle { processed, original, replace: false })
            .collect();
        for stored in to.write_batch(&news)? {
            match stored {
                Stored::New => copied += 1,
                Stored::Unchanged | Stored::Updated => unchanged += 1,
            }
        }
        progress.advanced((done * BATCH + chunk.len()).min(ids.len()));
    }
    faultline_incidents::link_pending(to)?;
    Ok(Migrated { copied, unchanged, source: contents(from)?, target: contents(to)? })
}

/// What a store holds, as counts and checksums of sorted ids.
pub fn contents(store: &dyn Store) -> Result<Contents, StoreError> {
    let articles: Vec<String> = store.list_articles()?.into_iter().map(|summary| summary.id).collect();
    let everything = EventQuery { include_background: true, include_unreal: true, ..EventQuery::default() };
    let events: Vec<String> = store.events(&everything)?.into_iter().map(|stored| stored.event.id).collect();
    let all_incidents = IncidentQuery { include_background: true, ..IncidentQuery::default() };
    let incidents: Vec<String> =
        store.incidents(&all_incidents)?.into_iter().map(|incident| incident.id).collect();
    let (articles_checksum, events_checksum, incidents_checksum) =
        (checksum(&articles), checksum(&events), checksum(&incidents));
    Ok(Contents {
        articles: articles.len(),
        articles_checksum,
        events: events.len(),
        events_checksum,
        incidents: incidents.len(),
        incidents_checksum,
    })
}

/// The BLAKE3 hash of the sorted ids, one per line, in hex.
fn checksum(ids: &[String]) -> String {
    let mut sorted: Vec<&str> = ids.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    let mut hasher = blake3::Hasher::new();
    for id in sorted {
        hasher.update(id.as_bytes());
        hasher.update(b"\n");
    }
    hasher.finalize().to_hex().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Quiet;
    use faultline_store::conformance::{article, event, processed};
    use faultline_store_sqlite::SqliteStore;

    fn store_with(texts: &[&str]) -> SqliteStore {
        let store = SqliteStore::open_in_memory().unwrap();
        for (index, text) in texts.iter().enumerate() {
            let mut shelling = event(&format!("e{index}"), "ASSAULT", Some("2024-02-12"));
            shelling.id = format!("{}-e1", &faultline_model::article_id(text)[..8]);
            let item = processed(article("Report", text), vec![shelling]);
            store
                .write_batch(&[NewArticle { processed: &item, original: "<p>original</p>", replace: false }])
                .unwrap();
        }
        faultline_incidents::link_pending(&store).unwrap();
        store
    }

    #[test]
    fn a_copy_holds_the_same_articles_events_and_incidents_and_a_second_run_changes_nothing() {
        let texts =
            ["Russian forces shelled Kharkiv on Monday.", "Kharkiv was shelled by Russian forces on Monday."];
        let source = store_with(&texts);
        let target = SqliteStore::open_in_memory().unwrap();
        let first = migrate(&source, &target, &Quiet).unwrap();
        assert_eq!((first.copied, first.unchanged), (2, 0));
        assert!(first.verified(), "{first:?}");
        assert_eq!((first.target.articles, first.target.events), (2, 2));
        let id = &source.list_articles().unwrap()[0].id;
        assert_eq!(target.original_content(id).unwrap(), "<p>original</p>");
        assert_eq!(target.layers(id).unwrap(), source.layers(id).unwrap());
        let again = migrate(&source, &target, &Quiet).unwrap();
        assert_eq!((again.copied, again.unchanged), (0, 2));
        assert!(again.verified());
    }

    #[test]
    fn a_target_holding_more_than_the_source_is_not_verified() {
        let source = store_with(&["Russian forces shelled Kharkiv on Monday."]);
        let target = store_with(&["Diplomats met in Geneva on Tuesday."]);
        let migrated = migrate(&source, &target, &Quiet).unwrap();
        assert!(!migrated.verified());
        assert_eq!((migrated.source.articles, migrated.target.articles), (1, 2));
    }
}
