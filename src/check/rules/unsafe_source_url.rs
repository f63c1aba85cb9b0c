//! The `unsafe-source-url` lint rule (E206). Phase: check; reads the model.

use crate::check::{Context, Diagnostics, Rule, Violation, declare_lint};
use crate::model::link::{Link, UrlProblem, classify, invisible};

declare_lint! {
    /// ## What it does
    /// Reports a `source` or an `artifact` path that looks like a URL but will never be a
    /// link. That is a URL with a scheme other than `http:`, `https:` and `mailto:` (such
    /// as `javascript:`, `vbscript:`, `data:`, `file:` or `ftp://`); or an `http(s):` or
    /// `mailto:` URL with a space, a control or invisible character (such as a zero-width
    /// space) or one of ``"<>`\{}|^`` inside, or one that is not complete
    /// (`https:alert(1)` has no `//` and host, `mailto:` no address).
    ///
    /// ## Why is this a problem?
    /// Rendered maps link only to complete `http:`, `https:` and `mailto:` addresses
    /// without such characters, and exactly the sources this rule accepts; anything
    /// else is shown as plain text, so that a `javascript:` or `data:` "source" can
    /// never run in a reader's browser. Such a source is either a mistake (the reader
    /// gets no link) or an attempt to smuggle a script into the map.
    ///
    /// ## Example
    /// ```crux
    /// evidence demo: "The exploit works."
    ///   source "javascript:alert(document.cookie)"
    /// ```
    ///
    /// ## Instead
    /// Link to a page that shows it, and put remarks in a `note`:
    /// ```crux
    /// evidence demo: "The exploit works."
    ///   source "https://example.org/advisories/demo"
    ///   note "see the proof of concept in section 2"
    /// ```
    pub(crate) struct UnsafeSourceUrl { pub text: String, pub problem: UrlProblem, pub artifact: bool }
}

impl Violation for UnsafeSourceUrl {
    const RULE: Rule = Rule::UnsafeSourceUrl;
    fn message(&self) -> String {
        let text = shown(&self.text);
        match (&self.problem, self.artifact) {
            (UrlProblem::Scheme(s), false) => {
                format!(
                    "source `{text}` has the scheme `{s}:`, so it is shown as text and never linked"
                )
            }
            (UrlProblem::Scheme(s), true) => format!(
                "artifact path `{text}` has the scheme `{s}:`; it is read as a file name, never followed as a URL"
            ),
            (UrlProblem::Whitespace, _) => format!(
                "source `{text}` contains whitespace, a control character or an invisible character, so it is shown as text and not linked"
            ),
            (UrlProblem::Character(c), _) => format!(
                "source `{text}` contains `{c}`, which has no place in a URL, so it is shown as text and not linked"
            ),
            (UrlProblem::Incomplete(s), _) if s == "mailto" => format!(
                "source `{text}` has no address after `mailto:`, so it is shown as text and not linked"
            ),
            (UrlProblem::Incomplete(s), _) => format!(
                "source `{text}` has no `//` and host after `{s}:`, so it is shown as text and not linked"
            ),
        }
    }
    fn label(&self) -> String {
        "not a link".into()
    }
    fn help(&self) -> Option<String> {
        Some(match (&self.problem, self.artifact) {
            (UrlProblem::Scheme(_), true) => {
                "name a file inside the project by its relative path".into()
            }
            (UrlProblem::Scheme(_), false) => {
                "cite an `https:` address, or write the citation without a scheme".into()
            }
            (UrlProblem::Whitespace, _) => {
                "write spaces in the URL as `%20`, drop control and invisible characters, and put remarks in a `note`".into()
            }
            (UrlProblem::Character(c), _) => {
                format!("percent-encode it as `%{:02X}`", u32::from(*c))
            }
            (UrlProblem::Incomplete(s), _) if s == "mailto" => {
                "write the address: `mailto:name@example.org`".into()
            }
            (UrlProblem::Incomplete(s), _) => {
                format!("write the whole address: `{s}://host/path`")
            }
        })
    }
}

/// What is wrong with `text` as a link, if it looks like a URL that is never linked.
/// `artifact` paths are not expected to be URLs at all: only schemes are reported
/// there, and `http(s):` ones are left to other rules.
fn problem(text: &str, artifact: bool) -> Option<UrlProblem> {
    // Without a `:` there is no scheme, and `classify` calls the text a citation: most
    // sources are, and are passed without a copy being made of them.
    memchr::memchr(b':', text.as_bytes())?;
    match classify(text) {
        Link::Refused(p @ UrlProblem::Scheme(_)) => Some(p),
        Link::Refused(p) if !artifact => Some(p),
        _ => None,
    }
}

/// `text` for a one-line message: control and invisible characters escaped, at most 60
/// characters, never cut inside an escape.
fn shown(text: &str) -> String {
    let pieces: Vec<String> = text
        .trim()
        .chars()
        .map(|c| {
            if c.is_control() || invisible(c) {
                c.escape_default().collect()
            } else {
                c.to_string()
            }
        })
        .collect();
    let total: usize = pieces.iter().map(|p| p.chars().count()).sum();
    if total <= 60 {
        return pieces.concat();
    }
    let mut out = String::new();
    let mut count = 0;
    for piece in pieces {
        count += piece.chars().count();
        if count > 59 {
            break;
        }
        out.push_str(&piece);
    }
    out + "…"
}

pub(crate) fn check(cx: &Context, out: &mut Diagnostics) {
    let g = &cx.graph.graph;
    for &n in cx.nodes_in_order() {
        let node = &g[n];
        let sources = node
            .sources
            .iter()
            .map(|(t, span)| (t.as_str(), *span, false));
        let paths = node
            .artifacts
            .iter()
            .map(|a| (a.path.as_str(), a.path_span, true));
        for (text, span, artifact) in sources.chain(paths) {
            if let Some(problem) = problem(text, artifact) {
                let v = UnsafeSourceUrl {
                    text: text.to_string(),
                    problem,
                    artifact,
                };
                out.push(v, span);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_urls_that_are_not_linked() {
        let scheme = |s: &str| Some(UrlProblem::Scheme(s.into()));
        assert_eq!(problem(" JavaScript:alert(1)", false), scheme("javascript"));
        assert_eq!(
            problem("java\tscript: alert(1)", false),
            scheme("javascript")
        );
        assert_eq!(problem("data:text/html,<b>", true), scheme("data"));
        assert_eq!(problem("ftp://example.org/x", false), scheme("ftp"));
        assert_eq!(
            problem("https://exa mple.org", false),
            Some(UrlProblem::Whitespace)
        );
        assert_eq!(
            problem("https:alert(1)", false),
            Some(UrlProblem::Incomplete("https".into()))
        );
        assert_eq!(problem("https:alert(1)", true), None);
        for fine in [
            "https://example.org/a?b",
            "mailto:me@example.org",
            "NVIDIA Form 10-K: segment revenue",
            "Data: World Bank",
            "doi:10.1000/182",
            r"C:\data\x.csv",
            "https://example.org/a b.csv",
        ] {
            let artifact = fine.ends_with(".csv");
            assert_eq!(problem(fine, artifact), None, "{fine}");
        }
    }

    #[test]
    fn a_text_without_a_colon_is_a_citation() {
        for text in [
            "Annual report, section 73554",
            "",
            "javascript//alert(1)",
            "\u{1}data\ttext/html,<b>",
            "https //example.org",
        ] {
            assert_eq!(classify(text), Link::Citation, "{text}");
            assert_eq!(problem(text, false), None, "{text}");
            assert_eq!(problem(text, true), None, "{text}");
        }
    }

    #[test]
    fn messages_keep_to_one_line() {
        assert_eq!(shown("javascript:a\nb"), "javascript:a\\nb");
        // Escapes are kept whole when the text is cut.
        let long = format!("https://example.org/{}", "\u{1}".repeat(20));
        let cut = shown(&long);
        assert!(cut.ends_with("\\u{1}…"), "{cut}");
        assert!(cut.chars().count() <= 60, "{cut}");
    }
}
