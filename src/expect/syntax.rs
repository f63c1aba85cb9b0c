//! Reading an expectation's text into a tree, after `grammar/expect.pest`.
//!
//! Bounded: a text longer than [`MAX_LEN`] bytes, or a tree deeper than [`MAX_DEPTH`]
//! or larger than [`MAX_NODES`], is refused before anything is evaluated.
//!
//! The length limit is on text as a person wrote it. The tree's limits are what bound
//! evaluation, and a tree's canonical print can be longer than its source (spaces
//! around operators, a short lookup `col where k == x` printed as
//! `value(col, where k == x)`), so [`parse_printed`] reads printed text back without it.

use pest::Parser as _;
use pest::iterators::Pair;

use super::ast::{BinaryOp, Expr, ExprKind, Function, UnaryOp};
use super::error::{ErrorKind, ExprError};

/// The longest expectation, in bytes.
pub const MAX_LEN: usize = 1000;
/// The deepest tree (nesting of operators, calls and parentheses).
pub const MAX_DEPTH: usize = 32;
/// The most nodes a tree may have.
pub const MAX_NODES: usize = 200;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/expect.pest"]
struct ExpectGrammar;

/// Parses an expectation. The error's span is a byte range of `text`.
pub fn parse(text: &str) -> Result<Expr, ExprError> {
    if text.len() > MAX_LEN {
        return Err(ExprError::new(
            ErrorKind::TooLong { max: MAX_LEN },
            MAX_LEN..text.len(),
        ));
    }
    if text.trim().is_empty() {
        return Err(ExprError::new(ErrorKind::Empty, 0..text.len()));
    }
    parse_printed(text)
}

/// Parses an expectation's canonical print (`Expr`'s `Display`) back into its tree.
/// Like [`parse`], with the tree's limits, but without the length limit: a tree that
/// [`parse`] accepted prints to text that this accepts, however long the print is.
pub fn parse_printed(text: &str) -> Result<Expr, ExprError> {
    // Nesting is bounded before the grammar recurses into it.
    let mut open = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '(' => open += 1,
            ')' => open = open.saturating_sub(1),
            _ => {}
        }
        if open > MAX_DEPTH {
            return Err(ExprError::new(
                ErrorKind::TooDeep { max: MAX_DEPTH },
                i..i + 1,
            ));
        }
    }
    let mut pairs = ExpectGrammar::parse(Rule::expect, text).map_err(|e| syntax_error(text, e))?;
    let top = pairs.next().expect("the expect rule matched");
    let first = top.into_inner().next().expect("an expression before EOI");
    let expr = lower(first)?;
    if expr.size() > MAX_NODES {
        return Err(ExprError::new(
            ErrorKind::TooLarge { max: MAX_NODES },
            expr.span.clone(),
        ));
    }
    if expr.depth() > MAX_DEPTH {
        return Err(ExprError::new(
            ErrorKind::TooDeep { max: MAX_DEPTH },
            expr.span.clone(),
        ));
    }
    Ok(expr)
}

/// A pest error as an error at the position where parsing stopped.
fn syntax_error(text: &str, e: pest::error::Error<Rule>) -> ExprError {
    let at = match e.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    let mut expected: Vec<&'static str> = match &e.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => {
            positives.iter().filter_map(|r| describe(*r)).collect()
        }
        pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
    };
    // After a whole operand (an operator could follow), a parenthesis still open may
    // be what is missing.
    let after_operand = expected.iter().any(|e| {
        matches!(
            *e,
            "an operator" | "a comparison" | "`and`" | "`or`" | "`where`"
        )
    });
    if after_operand && open_parentheses(&text[..at.min(text.len())]) > 0 {
        expected.push("`)`");
    }
    // Alphabetical, with "the end" last.
    expected.sort_by_key(|e| (e.starts_with("the end"), *e));
    expected.dedup();
    let slip = super::slip::find(text, at, &expected);
    let found = text[at..].chars().next();
    let end = at + found.map_or(0, char::len_utf8);
    // A slip that starts where parsing stopped (`&&`, `=<`) is named as written.
    let slipped = slip
        .as_ref()
        .filter(|(range, _)| range.start == at)
        .map(|(range, _)| &text[range.clone()]);
    let found = match found {
        None => "the end".to_string(),
        Some(_) if let Some(slipped) = slipped => format!("`{slipped}`"),
        Some(_) => {
            let word: String = text[at..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if word.is_empty() {
                format!("`{}`", &text[at..end])
            } else {
                format!("`{word}`")
            }
        }
    };
    let expected = match expected.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => expected.join(""),
    };
    let span = slip.as_ref().map_or(at..end, |(range, _)| range.clone());
    let slip = slip.map(|(_, slip)| Box::new(slip));
    ExprError::new(
        ErrorKind::Syntax {
            expected,
            found,
            slip,
        },
        span,
    )
}

/// How many parentheses `text` leaves open, outside strings and quoted columns.
fn open_parentheses(text: &str) -> usize {
    let (mut depth, mut quote) = (0usize, None);
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(_), '\\') => {
                chars.next();
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'' | '`') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => depth = depth.saturating_sub(1),
            (None, _) => {}
        }
    }
    depth
}

/// What a grammar rule is called in an error message (`None`: not worth naming).
fn describe(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::EOI => "the end of the expression",
        Rule::compare_op => "a comparison",
        Rule::add_op | Rule::mul_op => "an operator",
        Rule::kw_and => "`and`",
        Rule::kw_or => "`or`",
        Rule::kw_where => "`where`",
        Rule::number | Rule::string | Rule::boolean => "a value",
        Rule::column | Rule::bare_column | Rule::quoted_column => "a column",
        Rule::function | Rule::call => "a function",
        Rule::expr | Rule::compare | Rule::sum | Rule::unary | Rule::lookup => "an expression",
        Rule::or_expr | Rule::and_expr | Rule::not_expr | Rule::negation | Rule::kw_not => {
            "an expression"
        }
        Rule::product | Rule::minus | Rule::lookup_compare | Rule::expect => "an expression",
        Rule::argument | Rule::filter => "an expression",
        Rule::quoted_body => "a column's name",
        Rule::dq_body | Rule::sq_body => "the rest of the text",
        _ => return None,
    })
}

/// Lowers a parse tree to an expression.
fn lower(pair: Pair<'_, Rule>) -> Result<Expr, ExprError> {
    let span = pair.as_span().start()..pair.as_span().end();
    let rule = pair.as_rule();
    let mk = |kind| {
        Ok(Expr {
            kind,
            span: span.clone(),
        })
    };
    match rule {
        Rule::expr | Rule::argument => lower(pair.into_inner().next().expect("one child")),
        Rule::filter => lower(pair.into_inner().last().expect("a condition")),
        Rule::or_expr
        | Rule::and_expr
        | Rule::sum
        | Rule::product
        | Rule::compare
        | Rule::lookup_compare => {
            let mut inner = pair.into_inner();
            let mut left = lower(inner.next().expect("an operand"))?;
            while let Some(op) = inner.next() {
                let op = match op.as_rule() {
                    Rule::kw_and => BinaryOp::And,
                    Rule::kw_or => BinaryOp::Or,
                    _ => BinaryOp::from_symbol(op.as_str()).expect("an operator of the grammar"),
                };
                let right = lower(inner.next().expect("a right operand"))?;
                let span = left.span.start..right.span.end;
                left = Expr {
                    kind: ExprKind::Binary(op, Box::new(left), Box::new(right)),
                    span,
                };
            }
            Ok(left)
        }
        Rule::not_expr => lower(pair.into_inner().next().expect("one child")),
        Rule::negation | Rule::unary => {
            let mut inner = pair.into_inner();
            let first = inner.next().expect("a child");
            match inner.next() {
                Some(operand) => {
                    let op = if rule == Rule::negation {
                        UnaryOp::Not
                    } else {
                        UnaryOp::Neg
                    };
                    mk(ExprKind::Unary(op, Box::new(lower(operand)?)))
                }
                None => lower(first),
            }
        }
        Rule::lookup => {
            let mut inner = pair.into_inner();
            let column = lower(inner.next().expect("a column"))?;
            let _where = inner.next();
            let filter = lower(inner.next().expect("a condition"))?;
            mk(ExprKind::Call {
                function: Function::Value,
                argument: Some(Box::new(column)),
                filter: Some(Box::new(filter)),
            })
        }
        Rule::call => {
            let mut function = None;
            let mut argument = None;
            let mut filter = None;
            for part in pair.into_inner() {
                match part.as_rule() {
                    Rule::function => function = Function::from_name(part.as_str()),
                    Rule::argument => argument = Some(Box::new(lower(part)?)),
                    Rule::filter => filter = Some(Box::new(lower(part)?)),
                    _ => {}
                }
            }
            mk(ExprKind::Call {
                function: function.expect("a function name of the grammar"),
                argument,
                filter,
            })
        }
        Rule::number => {
            let x: f64 = pair
                .as_str()
                .parse()
                .map_err(|_| ExprError::new(ErrorKind::BadNumber, span.clone()))?;
            if !x.is_finite() {
                return Err(ExprError::new(ErrorKind::BadNumber, span));
            }
            mk(ExprKind::Number(x))
        }
        Rule::boolean => mk(ExprKind::Bool(pair.as_str() == "true")),
        Rule::string => {
            let body = pair.into_inner().next().map_or("", |p| p.as_str());
            let mut out = String::with_capacity(body.len());
            let mut escaped = false;
            for c in body.chars() {
                if escaped || c != '\\' {
                    out.push(c);
                    escaped = false;
                } else {
                    escaped = true;
                }
            }
            mk(ExprKind::Text(out))
        }
        Rule::column => {
            let inner = pair.into_inner().next().expect("a column name");
            let name = match inner.as_rule() {
                Rule::quoted_column => inner.into_inner().next().map_or("", |p| p.as_str()),
                _ => inner.as_str(),
            };
            mk(ExprKind::Column(name.to_string()))
        }
        other => unreachable!("the grammar does not produce {other:?} here"),
    }
}
