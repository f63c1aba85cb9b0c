//! The page sent before the debate has ever been drawn without errors: the problems,
//! and the live-reload script that replaces it by the map once they are fixed.

use super::Problem;
use crate::render::markup::escape;

/// The page listing `problems`, with `live` as its only script.
pub(super) fn problems(problems: &[Problem], live: &str) -> String {
    let items: String = problems
        .iter()
        .map(|p| {
            let at = p
                .location
                .as_deref()
                .map(|l| format!("<code>{}</code>: ", escape(l)))
                .unwrap_or_default();
            format!("<li>{at}{}</li>\n", escape(&p.message))
        })
        .collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}; connect-src 'self'\">\n<title>crux serve</title>\n</head>\n<body>\n\
         <h1>The debate has errors</h1>\n<p>The map appears here once they are fixed.</p>\n\
         <ul class=\"problems\">\n{items}</ul>\n<script>{live}</script>\n</body>\n</html>\n",
        csp = crate::render::html::csp(live)
    )
}
