//! Evaluating a checked expression over a table, and saying which values decided it.
//!
//! Semantics (also in the README's language reference):
//! - an empty cell is empty: arithmetic with it is empty, an ordering comparison with
//!   it is false, `==` is true only between two empty values; the numeric aggregates
//!   (`sum`, `min`, `max`, `mean`, `median`) skip empty cells; division by zero is empty;
//! - `all` over no rows is true, `any` over no rows false, `count` and `sum` 0;
//!   `min`, `max`, `mean`, `median`, `first`, `last` over no rows (or only empty
//!   cells) cannot be decided, and neither can a lookup that does not find exactly one
//!   row: the expectation then fails, saying why.
//!
//! Time is linear in the table: each aggregate reads its rows once (an aggregate
//! inside another is computed once and reused, since it reads its own rows).

use std::cmp::Ordering;

use super::ast::{BinaryOp, Function};
use super::compile::{Node, Op};
use super::table::{Cells, Table};

/// A value during evaluation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Value<'a> {
    Number(f64),
    Text(&'a str),
    Bool(bool),
    Empty,
}

impl Value<'_> {
    /// Whether the value is `true` (empty and everything else is not).
    pub(super) fn truthy(self) -> bool {
        self == Value::Bool(true)
    }
}

/// A value as a message shows it.
pub(super) fn show(v: Value<'_>) -> String {
    match v {
        Value::Number(x) => number(x),
        Value::Text(s) => format!("\"{s}\""),
        Value::Bool(b) => b.to_string(),
        Value::Empty => "(empty)".into(),
    }
}

/// A number as a message shows it: whole numbers without decimals, others to twelve
/// significant digits, the precision comparisons keep ([`same`]): two numbers `==`
/// calls different do not read alike, and `5.51 + 1.93` reads `7.44`.
pub fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return format!("{x:.0}");
    }
    let rounded: f64 = format!("{x:.11e}").parse().unwrap_or(x);
    format!("{rounded}")
}

/// How far apart, relative to the larger, two numbers may be and still be the same:
/// decimal data in binary floating point carries errors of about 1e-16 per operation
/// (`5.51 + 1.93` is 7.4399999999999995), and data is written with far fewer digits.
const SAME: f64 = 1e-12;

/// Whether two numbers are equal as decimals: equal to twelve significant digits.
pub(super) fn same(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= SAME * a.abs().max(b.abs())
}

/// Why an aggregate has no value (a sentence).
pub(super) type Undecided = String;

/// Evaluates nodes over one table.
pub(super) struct Evaluator<'a> {
    table: &'a Table,
    cache: Vec<Option<Result<Value<'a>, Undecided>>>,
}

impl<'a> Evaluator<'a> {
    /// An evaluator for a node with `calls` aggregates.
    pub fn new(table: &'a Table, calls: usize) -> Self {
        Evaluator {
            table,
            cache: vec![None; calls],
        }
    }

    /// The value of `node` in `row` (`None` outside any row).
    pub fn eval(&mut self, node: &Node<'a>, row: Option<usize>) -> Result<Value<'a>, Undecided> {
        Ok(match &node.op {
            Op::Number(x) => Value::Number(*x),
            Op::Text(s) => Value::Text(s),
            Op::Bool(b) => Value::Bool(*b),
            Op::Column(c) => self.cell(*c, row.expect("a column is checked to stand in a row")),
            Op::Neg(x) => match self.eval(x, row)? {
                Value::Number(x) => Value::Number(-x),
                _ => Value::Empty,
            },
            Op::Not(x) => match self.eval(x, row)? {
                Value::Bool(b) => Value::Bool(!b),
                _ => Value::Empty,
            },
            Op::Binary(BinaryOp::And, l, r) => {
                Value::Bool(self.eval(l, row)?.truthy() && self.eval(r, row)?.truthy())
            }
            Op::Binary(BinaryOp::Or, l, r) => {
                Value::Bool(self.eval(l, row)?.truthy() || self.eval(r, row)?.truthy())
            }
            Op::Binary(op, l, r) => {
                let (l, r) = (self.eval(l, row)?, self.eval(r, row)?);
                binary(*op, l, r)
            }
            Op::Call { id, .. } => {
                if let Some(done) = &self.cache[*id] {
                    return done.clone();
                }
                let result = self.call(node);
                self.cache[*id] = Some(result.clone());
                result?
            }
        })
    }

    /// A cell as a value.
    fn cell(&self, column: usize, row: usize) -> Value<'a> {
        match &self.table.columns[column].cells {
            Cells::Number(v) => v[row].map_or(Value::Empty, Value::Number),
            Cells::Text(v) => v[row].as_deref().map_or(Value::Empty, Value::Text),
            Cells::Bool(v) => v[row].map_or(Value::Empty, Value::Bool),
        }
    }

    /// Whether `row` passes the call's filter.
    pub fn keeps(&mut self, filter: Option<&Node<'a>>, row: usize) -> Result<bool, Undecided> {
        match filter {
            None => Ok(true),
            Some(f) => Ok(self.eval(f, Some(row))?.truthy()),
        }
    }

    /// The rows a call reads.
    pub fn rows(&mut self, filter: Option<&Node<'a>>) -> Result<Vec<usize>, Undecided> {
        let mut kept = Vec::new();
        for row in 0..self.table.rows {
            if self.keeps(filter, row)? {
                kept.push(row);
            }
        }
        Ok(kept)
    }

    /// An aggregate's value.
    fn call(&mut self, node: &Node<'a>) -> Result<Value<'a>, Undecided> {
        let Op::Call {
            function,
            argument,
            filter,
            ..
        } = &node.op
        else {
            unreachable!("call() is given calls")
        };
        let (argument, filter) = (argument.as_deref(), filter.as_deref());
        let n = self.table.rows;
        match function {
            Function::All | Function::Any => {
                let want = *function == Function::Any;
                let argument = argument.expect("checked: all/any have an argument");
                for row in 0..n {
                    if self.keeps(filter, row)? && self.eval(argument, Some(row))?.truthy() == want
                    {
                        return Ok(Value::Bool(want));
                    }
                }
                Ok(Value::Bool(!want))
            }
            Function::Count => {
                let mut count = 0usize;
                for row in 0..n {
                    if self.keeps(filter, row)?
                        && match argument {
                            None => true,
                            Some(a) => self.eval(a, Some(row))?.truthy(),
                        }
                    {
                        count += 1;
                    }
                }
                Ok(Value::Number(count as f64))
            }
            Function::First | Function::Last | Function::Value => {
                let argument = argument.expect("checked: an argument");
                let rows = self.rows(filter)?;
                let row = match function {
                    Function::First => rows.first(),
                    Function::Last => rows.last(),
                    _ if rows.len() == 1 => rows.first(),
                    _ => {
                        return Err(format!(
                            "{} where {}; {} needs exactly one",
                            rows_count(rows.len()),
                            filter.map_or(String::new(), |f| f.expr.to_string()),
                            node.expr
                        ));
                    }
                };
                match row {
                    Some(&row) => self.eval(argument, Some(row)),
                    None => Err(no_rows(node)),
                }
            }
            Function::Sum | Function::Mean | Function::Median | Function::Min | Function::Max => {
                let argument = argument.expect("checked: an argument");
                let mut values = Vec::new();
                for row in 0..n {
                    if self.keeps(filter, row)? {
                        let v = self.eval(argument, Some(row))?;
                        if v != Value::Empty {
                            values.push(v);
                        }
                    }
                }
                reduce(*function, values).ok_or_else(|| no_rows(node))
            }
        }
    }
}

/// "no row", "1 row", "3 rows".
fn rows_count(n: usize) -> String {
    match n {
        0 => "no row".into(),
        1 => "1 row".into(),
        n => format!("{n} rows"),
    }
}

/// Why an aggregate over nothing has no value.
fn no_rows(node: &Node<'_>) -> Undecided {
    format!("{} has no value: no row with a value to read", node.expr)
}

/// The sum, compensated (Neumaier): a long column of decimals adds up without the
/// error of one rounding per row.
fn sum(xs: impl Iterator<Item = f64>) -> f64 {
    let (mut total, mut lost) = (0.0f64, 0.0f64);
    for x in xs {
        let t = total + x;
        lost += if total.abs() >= x.abs() {
            (total - t) + x
        } else {
            (x - t) + total
        };
        total = t;
    }
    total + lost
}

/// Folds the non-empty values of a numeric or ordered aggregate (`None` when there are none).
fn reduce<'a>(function: Function, values: Vec<Value<'a>>) -> Option<Value<'a>> {
    let numbers = || {
        values.iter().filter_map(|v| match v {
            Value::Number(x) => Some(*x),
            _ => None,
        })
    };
    match function {
        Function::Sum => Some(Value::Number(sum(numbers()))),
        _ if values.is_empty() => None,
        Function::Mean => Some(Value::Number(sum(numbers()) / values.len() as f64)),
        Function::Median => {
            let mut xs: Vec<f64> = numbers().collect();
            xs.sort_by(f64::total_cmp);
            let mid = xs.len() / 2;
            Some(Value::Number(if xs.len() % 2 == 1 {
                xs[mid]
            } else {
                (xs[mid - 1] + xs[mid]) / 2.0
            }))
        }
        Function::Min | Function::Max => {
            let pick = if function == Function::Min {
                Ordering::Less
            } else {
                Ordering::Greater
            };
            values.into_iter().reduce(|best, v| {
                if order(v, best) == Some(pick) {
                    v
                } else {
                    best
                }
            })
        }
        _ => None,
    }
}

/// Whether two values are equal: numbers as decimals ([`same`]), the rest exactly.
fn equal(l: Value<'_>, r: Value<'_>) -> bool {
    match (l, r) {
        (Value::Number(a), Value::Number(b)) => same(a, b),
        _ => l == r,
    }
}

/// The order of two values of one type (numbers the same as decimals are equal).
fn order(l: Value<'_>, r: Value<'_>) -> Option<Ordering> {
    match (l, r) {
        (Value::Number(a), Value::Number(b)) if same(a, b) => Some(Ordering::Equal),
        (Value::Number(a), Value::Number(b)) => a.partial_cmp(&b),
        (Value::Text(a), Value::Text(b)) => Some(a.cmp(b)),
        (Value::Bool(a), Value::Bool(b)) => Some(a.cmp(&b)),
        _ => None,
    }
}

/// An arithmetic operation or a comparison.
pub(super) fn binary<'a>(op: BinaryOp, l: Value<'a>, r: Value<'a>) -> Value<'a> {
    use BinaryOp::*;
    match op {
        Eq => Value::Bool(equal(l, r)),
        Ne => Value::Bool(!equal(l, r)),
        Lt | Le | Gt | Ge => Value::Bool(match order(l, r) {
            None => false,
            Some(o) => match op {
                Lt => o == Ordering::Less,
                Le => o != Ordering::Greater,
                Gt => o == Ordering::Greater,
                _ => o != Ordering::Less,
            },
        }),
        _ => {
            let (Value::Number(a), Value::Number(b)) = (l, r) else {
                return Value::Empty;
            };
            let x = match op {
                // A sum or difference that cancels to within the operands' rounding is
                // zero: `0.1 + 0.2 - 0.3` is 0, as it is in decimals.
                Add | Sub => {
                    let x = if op == Add { a + b } else { a - b };
                    if x.abs() <= SAME * a.abs().max(b.abs()) {
                        0.0
                    } else {
                        x
                    }
                }
                Mul => a * b,
                Div => a / b,
                _ => a % b,
            };
            if x.is_finite() {
                Value::Number(x)
            } else {
                Value::Empty
            }
        }
    }
}
