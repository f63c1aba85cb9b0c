//! The values that decided an expectation, as a sentence: for a comparison, both sides
//! with their values (`gaming 9.07 <= data_center 15.01`, the operator turned round when
//! it does not hold); for `all` the first row that fails it, for `any` the first that
//! holds, each named by its first column (`FY2023: ...`).

use super::ast::{BinaryOp, ExprKind, Function};
use super::compile::{Node, Op};
use super::eval::{Evaluator, Undecided, Value, show};
use super::table::{Cells, Table};

/// Says why `node` (of type boolean) has the value `holds` in `row`.
pub(super) fn explain<'a>(
    ev: &mut Evaluator<'a>,
    table: &'a Table,
    node: &Node<'a>,
    row: Option<usize>,
) -> Result<String, Undecided> {
    let holds = ev.eval(node, row)?.truthy();
    Ok(match &node.op {
        Op::Binary(BinaryOp::And, l, r) | Op::Binary(BinaryOp::Or, l, r) => {
            let is_and = matches!(node.op, Op::Binary(BinaryOp::And, ..));
            let lv = ev.eval(l, row)?.truthy();
            // `and` that fails and `or` that holds: one side decided it.
            if is_and != holds {
                let side = if lv == holds { l } else { r };
                explain(ev, table, side, row)?
            } else {
                format!(
                    "{} and {}",
                    explain(ev, table, l, row)?,
                    explain(ev, table, r, row)?
                )
            }
        }
        Op::Not(x) => explain(ev, table, x, row)?,
        Op::Binary(op, l, r) if op.is_comparison() => {
            let (lv, rv) = (ev.eval(l, row)?, ev.eval(r, row)?);
            if lv == Value::Empty || rv == Value::Empty {
                let empty = if lv == Value::Empty { l } else { r };
                format!("{} is empty", empty.expr)
            } else {
                let shown = if holds { *op } else { op.negated() };
                format!("{} {} {}", operand(l, lv), shown.symbol(), operand(r, rv))
            }
        }
        Op::Call {
            function: f @ (Function::All | Function::Any),
            argument,
            filter,
            ..
        } => {
            let argument = argument.as_deref().expect("checked: an argument");
            let rows = ev.rows(filter.as_deref())?;
            let any = *f == Function::Any;
            let mut deciding = Vec::new();
            for &r in &rows {
                if ev.eval(argument, Some(r))?.truthy() == any {
                    deciding.push(r);
                }
            }
            let of = match filter {
                Some(c) => format!(" where {}", c.expr),
                None => String::new(),
            };
            match deciding.first() {
                None if any => format!("no row{of} holds, of {}", rows.len()),
                None => format!("all {} rows{of} hold", rows.len()),
                Some(&first) => {
                    let mut s = format!(
                        "{}: {}",
                        label(table, first),
                        explain(ev, table, argument, Some(first))?
                    );
                    match deciding.len() {
                        _ if any => {}
                        0 | 1 => {}
                        2 => s += " (and 1 more row)",
                        k => s += &format!(" (and {} more rows)", k - 1),
                    }
                    s
                }
            }
        }
        _ => operand(node, ev.eval(node, row)?),
    })
}

/// One side of a comparison: a literal as itself, anything else with its value.
fn operand(node: &Node<'_>, value: Value<'_>) -> String {
    match &node.expr.kind {
        ExprKind::Number(_) | ExprKind::Text(_) | ExprKind::Bool(_) => show(value),
        _ => format!("{} {}", node.expr, show(value)),
    }
}

/// A row as a message names it: the text in its first column (`FY2023`), else the
/// first column's name and value (`nodes 10000`), else its number.
fn label(table: &Table, row: usize) -> String {
    let Some(first) = table.columns.first() else {
        return format!("row {}", row + 1);
    };
    match &first.cells {
        Cells::Text(v) => match &v[row] {
            Some(s) => s.clone(),
            None => format!("row {}", row + 1),
        },
        Cells::Number(v) => match v[row] {
            Some(x) => format!("{} {}", first.name, super::eval::number(x)),
            None => format!("row {}", row + 1),
        },
        Cells::Bool(_) => format!("row {}", row + 1),
    }
}
