//! What the scorers' unit tests share: a processed article made of the layers a test gives.

use faultline_model::{Article, ContentFormat, Layers, Processed};

/// An empty test article carrying `layers`.
pub(crate) fn processed(layers: Layers) -> Processed {
    let article = Article {
        id: "a".into(),
        source_id: None,
        title: None,
        published: None,
        published_detail: None,
        outlet: None,
        dateline: None,
        url: None,
        author: None,
        origin: "test".into(),
        format: ContentFormat::Text,
        text: String::new(),
        removed: Vec::new(),
        sentences: Vec::new(),
        warnings: Vec::new(),
    };
    Processed { article, layers }
}
