//! Reading what a page declares about itself: `<meta>` tags (Open Graph, Dublin Core,
//! news-site conventions), `<link rel=canonical>`, `<time datetime>`, JSON-LD
//! (`schema.org` `NewsArticle` and kin), `<title>` and the first `<h1>`.
//!
//! Each value keeps where it was found, so a publication date can be traced to the tag
//! it came from (`html:meta[article:published_time]`, `html:json-ld[datePublished]`).
//! The meta names read for the date and the author, and the separators between a headline
//! and the site's name, are knowledge files of `data/clean/`, so a dictionary folder can
//! extend them.

use serde_json::Value;
use std::sync::LazyLock;

use super::PageMetadata;
use super::entities::decode;
use super::lexer::Token;

/// `<meta>` keys that carry the publication date, best first: `data/clean/date_meta_keys.txt`.
static DATE_KEYS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| faultline_knowledge::active_words("clean", "date_meta_keys"));

/// `<meta>` keys that carry the author, best first: `data/clean/author_meta_keys.txt`.
static AUTHOR_KEYS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| faultline_knowledge::active_words("clean", "author_meta_keys"));

/// Separators between a headline and a site name in `<title>` and `og:title`, with their
/// spaces (" | "): `data/clean/title_separators.txt`.
static TITLE_SEPARATORS: LazyLock<Vec<String>> = LazyLock::new(|| {
    faultline_knowledge::active_words("clean", "title_separators")
        .into_iter()
        .map(|s| format!(" {s} "))
        .collect()
});

/// Decodes and collapses a value; `None` when nothing is left.
fn clean(raw: &str) -> Option<String> {
    Some(crate::text::collapse_whitespace(&decode(raw))).filter(|s| !s.is_empty())
}

/// The attributes of a tag as `(name, raw value)` pairs; names keep their case.
pub(crate) fn attributes(raw: &str) -> Vec<(&str, &str)> {
    let bytes = raw.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let skip_ws = |mut i: usize| {
        while bytes.get(i).is_some_and(|b| b.is_ascii_whitespace() || *b == b'/') {
            i += 1;
        }
        i
    };
    loop {
        i = skip_ws(i);
        if i >= bytes.len() {
            return out;
        }
        let start = i;
        while bytes.get(i).is_some_and(|&b| !(b.is_ascii_whitespace() || b == b'=' || b == b'/')) {
            i += 1;
        }
        let name = &raw[start..i];
        let after_name = i;
        i = skip_ws(i);
        if bytes.get(i) != Some(&b'=') || name.is_empty() {
            if name.is_empty() {
                i += 1;
            } else {
                out.push((name, ""));
                i = after_name;
            }
            continue;
        }
        i += 1;
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let value = match bytes.get(i) {
            Some(&q) if q == b'"' || q == b'\'' => {
                let end = raw[i + 1..].find(q as char).map_or(raw.len(), |p| i + 1 + p);
                let value = &raw[i + 1..end];
                i = end + 1;
                value
            }
            _ => {
                let start = i;
                while bytes.get(i).is_some_and(|b| !b.is_ascii_whitespace()) {
                    i += 1;
                }
                &raw[start..i]
            }
        };
        out.push((name, value));
    }
}

fn attr<'a>(attrs: &[(&'a str, &'a str)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|&(_, v)| v)
}

/// What the page's markup declares, before choosing between candidates.
#[derive(Default)]
struct Found {
    /// `(key lower-cased, content)` of every `<meta>` with a name, property or itemprop.
    metas: Vec<(String, String)>,
    canonical: Option<String>,
    title_tag: Option<String>,
    h1: Option<String>,
    /// `<time datetime>`: the first one, and the first marked as the publication date.
    time: Option<String>,
    time_published: Option<String>,
    ld: LinkedData,
}

/// What the page's JSON-LD says about the article.
#[derive(Default)]
struct LinkedData {
    headline: Option<String>,
    published: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
}

fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => clean(s),
        Value::Object(o) => o.get("name").and_then(text_of),
        Value::Array(items) => {
            let names: Vec<String> = items.iter().filter_map(text_of).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

fn is_article(object: &serde_json::Map<String, Value>) -> bool {
    let article = |t: &str| {
        t.ends_with("Article") || matches!(t, "BlogPosting" | "LiveBlogPosting" | "ReportageNews" | "Report")
    };
    match object.get("@type") {
        Some(Value::String(t)) => article(t),
        Some(Value::Array(types)) => types.iter().any(|t| t.as_str().is_some_and(article)),
        _ => false,
    }
}

impl LinkedData {
    /// Fills gaps from a JSON-LD value: article objects first, then any object that
    /// has a publication date.
    fn read(&mut self, value: &Value) {
        let mut objects = Vec::new();
        collect_objects(value, &mut objects, 0);
        let articles = objects.iter().filter(|o| is_article(o));
        let dated = objects.iter().filter(|o| !is_article(o) && o.contains_key("datePublished"));
        for object in articles.chain(dated) {
            let get = |key: &str| object.get(key).and_then(text_of);
            self.headline = self.headline.take().or_else(|| get("headline"));
            self.published = self.published.take().or_else(|| get("datePublished"));
            self.author = self.author.take().or_else(|| get("author"));
            self.publisher = self.publisher.take().or_else(|| get("publisher"));
            let url = || match object.get("mainEntityOfPage") {
                Some(Value::Object(o)) => o.get("@id").and_then(text_of),
                Some(Value::String(s)) => clean(s),
                _ => None,
            };
            self.url = self.url.take().or_else(|| get("url")).or_else(url);
        }
    }
}

/// Gathers the objects of a JSON-LD value: top-level ones, array items and `@graph`.
fn collect_objects<'v>(value: &'v Value, out: &mut Vec<&'v serde_json::Map<String, Value>>, depth: usize) {
    if depth > 4 {
        return;
    }
    match value {
        Value::Object(o) => {
            out.push(o);
            if let Some(graph) = o.get("@graph") {
                collect_objects(graph, out, depth + 1);
            }
        }
        Value::Array(items) => {
            for item in items {
                collect_objects(item, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn read_json_ld(content: &str) -> Option<Value> {
    let trimmed = content.trim();
    let trimmed = trimmed.strip_prefix("<!--").and_then(|s| s.strip_suffix("-->")).unwrap_or(trimmed);
    let trimmed = trimmed
        .trim()
        .strip_prefix("//<![CDATA[")
        .and_then(|s| s.trim_end().strip_suffix("//]]>"))
        .unwrap_or(trimmed);
    serde_json::from_str(trimmed).ok()
}

fn find(html: &str, tokens: &[Token<'_>]) -> Found {
    let mut found = Found::default();
    let mut in_title = false;
    let mut h1: Option<String> = None;
    for token in tokens {
        match token {
            Token::Start { name, attrs } => {
                let name_is = |n: &str| name.eq_ignore_ascii_case(n);
                if name_is("meta") {
                    let attrs = attributes(attrs);
                    let key = ["property", "name", "itemprop"].iter().find_map(|k| attr(&attrs, k));
                    if let (Some(key), Some(content)) = (key, attr(&attrs, "content"))
                        && let Some(content) = clean(content)
                    {
                        found.metas.push((key.trim().to_ascii_lowercase(), content));
                    }
                } else if name_is("link") {
                    let attrs = attributes(attrs);
                    let canonical = attr(&attrs, "rel")
                        .is_some_and(|r| r.split_whitespace().any(|r| r.eq_ignore_ascii_case("canonical")));
                    if canonical && found.canonical.is_none() {
                        found.canonical = attr(&attrs, "href").and_then(clean);
                    }
                } else if name_is("time") {
                    let attrs = attributes(attrs);
                    if let Some(datetime) = attr(&attrs, "datetime").and_then(clean) {
                        let published = attr(&attrs, "pubdate").is_some()
                            || attr(&attrs, "itemprop")
                                .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"));
                        if published && found.time_published.is_none() {
                            found.time_published = Some(datetime.clone());
                        }
                        found.time.get_or_insert(datetime);
                    }
                } else if name_is("title") {
                    in_title = found.title_tag.is_none();
                } else if name_is("h1") && found.h1.is_none() && h1.is_none() {
                    h1 = Some(String::new());
                }
            }
            Token::End { name } => {
                if name.eq_ignore_ascii_case("h1")
                    && let Some(text) = h1.take()
                {
                    found.h1 = found.h1.take().or_else(|| clean(&text));
                }
                in_title = false;
            }
            Token::Text { span } => {
                let text = &html[span.clone()];
                if in_title {
                    found.title_tag = clean(text);
                    in_title = false;
                }
                if let Some(h1) = h1.as_mut() {
                    h1.push_str(text);
                    h1.push(' ');
                }
            }
            Token::Raw { kind: "script", attrs, content, .. } => {
                let attrs = attributes(attrs);
                if attr(&attrs, "type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
                    && let Some(value) = read_json_ld(&html[content.clone()])
                {
                    found.ld.read(&value);
                }
            }
            Token::Raw { .. } => {}
        }
    }
    found
}

/// Normalises a name for comparing a title suffix with the outlet or host name.
fn squash(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Strips a site name from the end (or start) of a head title: a part after the last
/// separator that names the outlet or the host, or a short part after ` | `.
fn strip_site_name(title: &str, outlet: Option<&str>, url: Option<&str>) -> String {
    let names: Vec<String> = [
        outlet.map(squash),
        url.and_then(|u| u.split('/').nth(2))
            .map(|host| squash(host.trim_start_matches("www.").split('.').next().unwrap_or(""))),
    ]
    .into_iter()
    .flatten()
    .filter(|n| n.len() >= 2)
    .collect();
    let is_site = |part: &str| {
        let part = squash(part);
        names.iter().any(|n| part == *n || part.starts_with(n.as_str()) && part.len() <= n.len() + 8)
    };
    let mut title = title.to_owned();
    for _ in 0..2 {
        let Some((at, sep)) = TITLE_SEPARATORS
            .iter()
            .filter_map(|sep| title.rfind(sep.as_str()).map(|at| (at, sep.as_str())))
            .max_by_key(|(at, _)| *at)
        else {
            break;
        };
        let (head, tail) = (&title[..at], &title[at + sep.len()..]);
        let short_pipe = sep == " | " && tail.split_whitespace().count() <= 3;
        if !head.trim().is_empty() && (is_site(tail) || short_pipe) {
            title = head.trim().to_owned();
            continue;
        }
        let first = TITLE_SEPARATORS
            .iter()
            .filter_map(|sep| title.find(sep.as_str()).map(|at| (at, sep.as_str())))
            .min_by_key(|(at, _)| *at);
        match first {
            Some((at, sep)) if is_site(&title[..at]) && !title[at + sep.len()..].trim().is_empty() => {
                title = title[at + sep.len()..].trim().to_owned();
            }
            _ => break,
        }
    }
    title
}

/// Reads the page's metadata from its tokens.
pub(crate) fn read(html: &str, tokens: &[Token<'_>]) -> PageMetadata {
    let found = find(html, tokens);
    let meta = |keys: &[&str]| {
        keys.iter()
            .find_map(|key| found.metas.iter().find(|(k, _)| k == key).map(|(k, v)| (k.as_str(), v.clone())))
    };
    let meta_value = |keys: &[&str]| meta(keys).map(|(_, v)| v);

    // The best date key wins over the JSON-LD date, the others come after it.
    let (best_date_key, other_date_keys) = DATE_KEYS.split_at(DATE_KEYS.len().min(1));
    let published = match meta(best_date_key) {
        Some((key, value)) => Some((value, format!("html:meta[{key}]"))),
        None => found
            .ld
            .published
            .clone()
            .map(|v| (v, "html:json-ld[datePublished]".to_owned()))
            .or_else(|| meta(other_date_keys).map(|(key, v)| (v, format!("html:meta[{key}]"))))
            .or_else(|| {
                found
                    .time_published
                    .clone()
                    .or_else(|| found.time.clone())
                    .map(|v| (v, "html:time[datetime]".to_owned()))
            }),
    };

    let author = found.ld.author.clone().or_else(|| {
        AUTHOR_KEYS.iter().find_map(|key| {
            let value = meta_value(&[key])?;
            let value = value.strip_prefix("By ").or_else(|| value.strip_prefix("by ")).unwrap_or(&value);
            (!value.contains("://") && !value.is_empty()).then(|| value.to_owned())
        })
    });
    let outlet = meta_value(&["og:site_name"])
        .or_else(|| found.ld.publisher.clone())
        .or_else(|| meta_value(&["application-name"]));
    let url = found.canonical.clone().or_else(|| meta_value(&["og:url"])).or_else(|| found.ld.url.clone());

    let head_titles: Vec<String> = [
        meta_value(&["og:title"]),
        found.ld.headline.clone(),
        meta_value(&["twitter:title"]),
        found.title_tag.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let h1_matches = |h1: &str| {
        let h1 = squash(h1);
        !h1.is_empty() && head_titles.iter().any(|t| squash(t).starts_with(&h1))
    };
    let title = match &found.h1 {
        Some(h1) if h1_matches(h1) || head_titles.is_empty() => Some(h1.clone()),
        _ => head_titles.first().map(|t| strip_site_name(t, outlet.as_deref(), url.as_deref())),
    };

    PageMetadata { title, published, author, outlet, url }
}

/// Builds this module's tables now (see the crate's `load_tables`).
pub(crate) fn load_tables() {
    LazyLock::force(&DATE_KEYS);
    LazyLock::force(&AUTHOR_KEYS);
    LazyLock::force(&TITLE_SEPARATORS);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::lexer::Lexer;

    fn metadata(html: &str) -> PageMetadata {
        let tokens: Vec<Token> = Lexer::new(html).collect();
        read(html, &tokens)
    }

    #[test]
    fn attributes_handle_quotes_and_bare_values() {
        assert_eq!(
            attributes(r#" property="og:title" content='It&#39;s "on"' data-x=1 hidden /"#),
            [("property", "og:title"), ("content", r#"It&#39;s "on""#), ("data-x", "1"), ("hidden", "")]
        );
        assert_eq!(attributes(" a = b c=\"unterminated"), [("a", "b"), ("c", "unterminated")]);
    }

    #[test]
    fn meta_tags_win_for_the_date() {
        let m = metadata(
            r#"<head><meta property="article:published_time" content="2020-10-04T09:00:00Z">
            <meta property="og:site_name" content="Example News">
            <meta name="author" content="By Jane Roe">
            <link rel="canonical" href="https://example.com/a?x=1&amp;y=2">
            <title>Shelling hits Stepanakert | Example News</title></head>
            <body><time datetime="2020-10-05">Monday</time></body>"#,
        );
        assert_eq!(
            m.published,
            Some(("2020-10-04T09:00:00Z".into(), "html:meta[article:published_time]".into()))
        );
        assert_eq!(m.outlet.as_deref(), Some("Example News"));
        assert_eq!(m.author.as_deref(), Some("Jane Roe"));
        assert_eq!(m.url.as_deref(), Some("https://example.com/a?x=1&y=2"));
        assert_eq!(m.title.as_deref(), Some("Shelling hits Stepanakert"));
    }

    #[test]
    fn json_ld_graph_is_read() {
        let m = metadata(
            r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Site"},
              {"@type":["NewsArticle"],"headline":"Ceasefire agreed","datePublished":"2020-11-10",
               "author":[{"@type":"Person","name":"A. One"},{"name":"B. Two"}],
               "publisher":{"@type":"Organization","name":"Wire Service"},
               "mainEntityOfPage":{"@id":"https://wire.example/ceasefire"}}]}</script>
            <h1>Ceasefire agreed</h1>"#,
        );
        assert_eq!(m.published, Some(("2020-11-10".into(), "html:json-ld[datePublished]".into())));
        assert_eq!(m.author.as_deref(), Some("A. One, B. Two"));
        assert_eq!(m.outlet.as_deref(), Some("Wire Service"));
        assert_eq!(m.url.as_deref(), Some("https://wire.example/ceasefire"));
        assert_eq!(m.title.as_deref(), Some("Ceasefire agreed"));
    }

    #[test]
    fn time_element_and_h1_are_fallbacks() {
        let m = metadata(
            r#"<title>Home</title><h1>Talks <em>resume</em> in Moscow</h1>
            <time datetime="2021-01-11">Jan 11</time><time pubdate datetime="2021-01-12T10:00">x</time>"#,
        );
        assert_eq!(m.published, Some(("2021-01-12T10:00".into(), "html:time[datetime]".into())));
        // The h1 does not match the head title, so the head title is used.
        assert_eq!(m.title.as_deref(), Some("Home"));
        let m = metadata("<h1>Talks <em>resume</em>\n in Moscow</h1>");
        assert_eq!(m.title.as_deref(), Some("Talks resume in Moscow"));
    }

    #[test]
    fn site_names_are_stripped_from_titles() {
        let url = Some("https://www.bbc.co.uk/news/x");
        assert_eq!(strip_site_name("Armenia and Azerbaijan - BBC News", None, url), "Armenia and Azerbaijan");
        assert_eq!(
            strip_site_name("Daily Wire » Russia mediates", Some("Daily Wire"), None),
            "Russia mediates"
        );
        assert_eq!(strip_site_name("Talks | World | Site", None, None), "Talks");
        assert_eq!(strip_site_name("Armenia - Azerbaijan talks", None, None), "Armenia - Azerbaijan talks");
    }
}
