//! Main-text extraction scored as the article-extraction benchmark scores it. (Interface: to be implemented.)
