//! Expectations: read-only statements about an evidence node's data (`expect "EXPR"`),
//! in a small expression language over tables (CSV, or JSON arrays of objects).
//!
//! Phase: beside `syntax`, the lowest. Depends on nothing else in crux and does no IO:
//! tables are parsed from bytes handed in. The grammar is `grammar/expect.pest`; the
//! language reference is in the README (section "`expect`").
//!
//! Bounded: an expression is at most [`syntax::MAX_LEN`] bytes, [`syntax::MAX_DEPTH`]
//! deep and [`syntax::MAX_NODES`] nodes, and evaluates in time linear in the table's
//! size times the expression's.

pub mod ast;
mod compile;
pub mod error;
mod eval;
mod explain;
pub mod slip;
pub mod syntax;
pub mod table;

pub use ast::{Expr, ExprKind, Function};
pub use error::{ErrorKind, ExprError};
pub use eval::number;
pub use syntax::{parse, parse_printed};
pub use table::{Table, TableError};

/// The result of evaluating an expectation over a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Whether the data satisfies the expectation.
    pub holds: bool,
    /// The values that decided it, e.g. `FY2023: gaming 9.07 <= data_center 15.01`.
    pub because: String,
}

/// Evaluates a parsed expression over `table`. An error means the expression does not
/// fit the table (an unknown column, a type mismatch); data that cannot decide it (a
/// lookup that finds no row) is an outcome that does not hold.
pub fn evaluate(expr: &Expr, table: &Table) -> Result<Outcome, ExprError> {
    let (node, calls) = compile::compile(expr, table)?;
    let mut ev = eval::Evaluator::new(table, calls);
    let outcome = ev.eval(&node, None).and_then(|value| {
        let because = explain::explain(&mut ev, table, &node, None)?;
        Ok(Outcome {
            holds: value.truthy(),
            because,
        })
    });
    Ok(outcome.unwrap_or_else(|because| Outcome {
        holds: false,
        because,
    }))
}

/// Parses `text` and evaluates it over `table`.
pub fn check(text: &str, table: &Table) -> Result<Outcome, ExprError> {
    evaluate(&parse(text)?, table)
}

#[cfg(test)]
mod tests;
