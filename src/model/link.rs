//! The link policy: which `source` texts become links on a map, which are reported as
//! URLs that will never be links, and which are plain citations.
//!
//! Phase: model. Depends on nothing; the `unsafe-source-url` rule and every renderer
//! read this one function, so that what the rule accepts is exactly what a map links.

/// What a `source` text is, as a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Link {
    /// A safe `http:`, `https:` or `mailto:` URL: the text to link to (trimmed).
    Safe(String),
    /// Not a URL: a citation such as `NVIDIA Form 10-K` or `doi:10.1000/182`.
    Citation,
    /// Looks like a URL but is never linked.
    Refused(UrlProblem),
}

/// Why a URL-like text is never linked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlProblem {
    /// A scheme other than `http`, `https` and `mailto` that browsers follow or run
    /// (lowercased, without `:`): `javascript`, `data`, `file`, `ftp`, ...
    Scheme(String),
    /// Whitespace, a control character or an invisible formatting character (a
    /// zero-width space, a direction mark) inside the URL.
    Whitespace,
    /// A character that has no place in a URL and could break out of markup.
    Character(char),
    /// `http:`/`https:` without `//` and a host, or `mailto:` without an address (the
    /// scheme, lowercased).
    Incomplete(String),
}

/// Schemes whose URLs run code or read local data in a browser, refused whatever
/// follows them.
const UNSAFE_SCHEMES: &[&str] = &[
    "javascript",
    "vbscript",
    "data",
    "file",
    "blob",
    "filesystem",
];

/// Characters refused in a linked URL, although every renderer escapes them: they
/// have no business in a URL and could break out of an attribute or a template.
const FORBIDDEN: &str = "\"<>`\\{}|^";

/// What `text` is, as a link.
pub fn classify(text: &str) -> Link {
    let t = text.trim();
    // What a browser reads: leading and trailing controls and spaces dropped, tabs and
    // line breaks removed anywhere.
    let trimmed = t.trim_matches(|c: char| c.is_whitespace() || c.is_control());
    let seen: std::borrow::Cow<'_, str> = if trimmed.contains(['\t', '\n', '\r']) {
        trimmed
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect()
    } else {
        // Most texts: nothing to remove, nothing to copy.
        trimmed.into()
    };
    let Some((scheme, rest)) = seen.split_once(':') else {
        return Link::Citation;
    };
    let scheme = scheme.to_ascii_lowercase();
    let well_formed = scheme.len() >= 2 // `C:` is a drive letter
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    if !well_formed {
        return Link::Citation;
    }
    let script = scheme == "javascript" || scheme == "vbscript";
    // `Data: NVIDIA 10-K` is a citation, not a URL.
    if rest.starts_with(char::is_whitespace) && !script {
        return Link::Citation;
    }
    let web = scheme == "http" || scheme == "https";
    if !web && scheme != "mailto" {
        return if UNSAFE_SCHEMES.contains(&scheme.as_str()) || rest.starts_with("//") {
            Link::Refused(UrlProblem::Scheme(scheme))
        } else {
            Link::Citation
        };
    }
    if t.chars()
        .any(|c| c.is_whitespace() || c.is_control() || invisible(c))
    {
        return Link::Refused(UrlProblem::Whitespace);
    }
    if let Some(c) = t.chars().find(|c| FORBIDDEN.contains(*c)) {
        return Link::Refused(UrlProblem::Character(c));
    }
    let complete = if web {
        rest.strip_prefix("//")
            .is_some_and(|host| !host.is_empty() && !host.starts_with('/'))
    } else {
        !rest.is_empty()
    };
    if !complete {
        return Link::Refused(UrlProblem::Incomplete(scheme));
    }
    Link::Safe(t.to_string())
}

pub use crate::syntax::invisible;

/// The URL to link `text` to, if the policy allows a link.
pub fn safe_url(text: &str) -> Option<String> {
    match classify(text) {
        Link::Safe(url) => Some(url),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies() {
        let refused = |p| Link::Refused(p);
        let scheme = |s: &str| refused(UrlProblem::Scheme(s.into()));
        let safe = |s: &str| Link::Safe(s.into());
        for (text, expected) in [
            ("https://example.org/a?b", safe("https://example.org/a?b")),
            (" HTTP://EXAMPLE.ORG ", safe("HTTP://EXAMPLE.ORG")),
            ("mailto:me@example.org", safe("mailto:me@example.org")),
            ("NVIDIA Form 10-K: segment revenue", Link::Citation),
            ("Data: World Bank", Link::Citation),
            ("doi:10.1000/182", Link::Citation),
            (r"C:\data\x.csv", Link::Citation),
            (" JavaScript:alert(1)", scheme("javascript")),
            ("java\tscript: alert(1)", scheme("javascript")),
            ("\u{1}javascript:alert(1)", scheme("javascript")),
            ("data:text/html,<b>", scheme("data")),
            ("ftp://example.org/x", scheme("ftp")),
            (
                "https:alert(1)",
                refused(UrlProblem::Incomplete("https".into())),
            ),
            ("https://", refused(UrlProblem::Incomplete("https".into()))),
            (
                "https:///etc",
                refused(UrlProblem::Incomplete("https".into())),
            ),
            ("mailto:", refused(UrlProblem::Incomplete("mailto".into()))),
            ("https://exa mple.org", refused(UrlProblem::Whitespace)),
            ("https://example.org/\u{7}", refused(UrlProblem::Whitespace)),
            (
                "https://example.org/\u{85}x",
                refused(UrlProblem::Whitespace),
            ),
            (
                "https://example.org/\u{202e}fdp.exe",
                refused(UrlProblem::Whitespace),
            ),
            (
                "https://example.org/\"><x>",
                refused(UrlProblem::Character('"')),
            ),
        ] {
            assert_eq!(classify(text), expected, "{text:?}");
        }
    }
}
