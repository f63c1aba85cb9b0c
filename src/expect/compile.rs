//! Checking an expression against a table: every column exists, every column stands
//! where there is a row, every operand has the type its operator takes. The result is
//! the expression with columns resolved to indices, ready to evaluate.

use super::ast::{BinaryOp, Expr, ExprKind, Function, UnaryOp};
use super::error::{ErrorKind, ExprError};
use super::table::{Table, Type};

/// A checked expression node.
#[derive(Debug)]
pub(super) struct Node<'a> {
    /// The expression it was made from (for messages).
    pub expr: &'a Expr,
    /// Its type.
    pub ty: Type,
    /// What it computes.
    pub op: Op<'a>,
}

/// What a checked node computes.
#[derive(Debug)]
pub(super) enum Op<'a> {
    Number(f64),
    Text(&'a str),
    Bool(bool),
    Column(usize),
    Neg(Box<Node<'a>>),
    Not(Box<Node<'a>>),
    Binary(BinaryOp, Box<Node<'a>>, Box<Node<'a>>),
    Call {
        /// Index into the evaluator's cache: an aggregate reads its own rows only, so
        /// its value is the same wherever it stands.
        id: usize,
        function: Function,
        argument: Option<Box<Node<'a>>>,
        filter: Option<Box<Node<'a>>>,
    },
}

/// Whether a column has a row to read from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Outside,
    Rows,
}

/// Checks `expr` against `table`; the number of aggregates is returned beside the node.
pub(super) fn compile<'a>(expr: &'a Expr, table: &Table) -> Result<(Node<'a>, usize), ExprError> {
    let mut calls = 0;
    let node =
        node(expr, table, Scope::Outside, &mut calls).map_err(|e| text_hint(e, expr, table))?;
    if node.ty != Type::Bool {
        return Err(ExprError::new(
            ErrorKind::NotTrueOrFalse {
                found: node.ty.name(),
            },
            expr.span.clone(),
        ));
    }
    Ok((node, calls))
}

/// A type error over a column read as text though some of its cells are numbers gets a
/// hint naming the first cell that is not a number: in a long table, one `n/a` or
/// `12 ms` is otherwise hard to find.
fn text_hint(mut e: ExprError, expr: &Expr, table: &Table) -> ExprError {
    let text_involved = match &e.kind {
        ErrorKind::TypeMismatch { found, .. } => *found == "text",
        ErrorKind::Incomparable { left, right } => *left == "text" || *right == "text",
        _ => false,
    };
    if !text_involved {
        return e;
    }
    let mut todo = vec![expr];
    while let Some(x) = todo.pop() {
        todo.extend(x.children());
        let ExprKind::Column(name) = &x.kind else {
            continue;
        };
        if x.span.start < e.span.start || x.span.end > e.span.end {
            continue;
        }
        let Some(column) = table.column(name).map(|i| &table.columns[i]) else {
            continue;
        };
        let super::table::Cells::Text(cells) = &column.cells else {
            continue;
        };
        // The table reader's own rule for a number, on the cells it kept as text.
        let number = |c: &str| super::table::number(c).is_some();
        let cells = || {
            cells
                .iter()
                .enumerate()
                .filter_map(|(i, c)| Some((i, c.as_deref()?)))
        };
        if !cells().any(|(_, c)| number(c)) {
            continue;
        }
        let Some((row, cell)) = cells().find(|&(_, c)| !number(c)) else {
            continue;
        };
        e.hint = Some(format!(
            "`{name}` is read as text: its cell in row {} is `{}`, not a number; write \
             numbers without units, thousands separators or words such as `n/a` (an \
             empty cell is skipped)",
            row + 1,
            crate::text::shorten(cell, 40)
        ));
        break;
    }
    e
}

/// Requires `node` to be of type `want`.
fn want(node: &Node<'_>, want: Type, what: &str) -> Result<(), ExprError> {
    if node.ty == want {
        return Ok(());
    }
    Err(ExprError::new(
        ErrorKind::TypeMismatch {
            what: what.to_string(),
            expected: want.name(),
            found: node.ty.name(),
        },
        node.expr.span.clone(),
    ))
}

fn node<'a>(
    expr: &'a Expr,
    table: &Table,
    scope: Scope,
    calls: &mut usize,
) -> Result<Node<'a>, ExprError> {
    let make = |ty, op| Ok(Node { expr, ty, op });
    match &expr.kind {
        ExprKind::Number(x) => make(Type::Number, Op::Number(*x)),
        ExprKind::Text(s) => make(Type::Text, Op::Text(s)),
        ExprKind::Bool(b) => make(Type::Bool, Op::Bool(*b)),
        ExprKind::Column(name) => {
            let Some(i) = table.column(name) else {
                return Err(unknown_column(name, table, expr));
            };
            if scope == Scope::Outside {
                return Err(ExprError::new(
                    ErrorKind::ColumnOutsideRows { name: name.clone() },
                    expr.span.clone(),
                ));
            }
            make(table.columns[i].ty(), Op::Column(i))
        }
        ExprKind::Unary(op, x) => {
            let x = node(x, table, scope, calls)?;
            match op {
                UnaryOp::Neg => {
                    want(&x, Type::Number, "`-`")?;
                    make(Type::Number, Op::Neg(Box::new(x)))
                }
                UnaryOp::Not => {
                    want(&x, Type::Bool, "`not`")?;
                    make(Type::Bool, Op::Not(Box::new(x)))
                }
            }
        }
        ExprKind::Binary(op, l, r) => {
            let l = node(l, table, scope, calls)?;
            let r = node(r, table, scope, calls)?;
            let what = format!("`{}`", op.symbol());
            let ty = match op {
                BinaryOp::And | BinaryOp::Or => {
                    want(&l, Type::Bool, &what)?;
                    want(&r, Type::Bool, &what)?;
                    Type::Bool
                }
                BinaryOp::Eq | BinaryOp::Ne => {
                    same(&l, &r, expr)?;
                    Type::Bool
                }
                BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => {
                    if l.ty == Type::Bool {
                        return Err(ExprError::new(
                            ErrorKind::TypeMismatch {
                                what,
                                expected: "numbers or text",
                                found: l.ty.name(),
                            },
                            l.expr.span.clone(),
                        ));
                    }
                    same(&l, &r, expr)?;
                    Type::Bool
                }
                _ => {
                    want(&l, Type::Number, &what)?;
                    want(&r, Type::Number, &what)?;
                    Type::Number
                }
            };
            make(ty, Op::Binary(*op, Box::new(l), Box::new(r)))
        }
        ExprKind::Call {
            function,
            argument,
            filter,
        } => {
            let id = *calls;
            *calls += 1;
            let argument = argument
                .as_deref()
                .map(|a| node(a, table, Scope::Rows, calls))
                .transpose()?;
            let filter = filter
                .as_deref()
                .map(|c| node(c, table, Scope::Rows, calls))
                .transpose()?;
            if let Some(c) = &filter {
                want(c, Type::Bool, "`where`")?;
            }
            let name = function.name();
            let what = format!("{name}(...)");
            let missing = |needs| {
                Err(ExprError::new(
                    ErrorKind::MissingArgument {
                        function: name,
                        needs,
                    },
                    expr.span.clone(),
                ))
            };
            let ty = match (function, &argument) {
                (Function::Count, None) => Type::Number,
                (Function::Count, Some(a)) => {
                    want(a, Type::Bool, &what)?;
                    Type::Number
                }
                (Function::Value, _) if filter.is_none() => {
                    return missing("a condition: value(COLUMN, where KEY == VALUE)");
                }
                (_, None) => return missing("an argument"),
                (Function::All | Function::Any, Some(a)) => {
                    want(a, Type::Bool, &what)?;
                    Type::Bool
                }
                (Function::Sum | Function::Mean | Function::Median, Some(a)) => {
                    want(a, Type::Number, &what)?;
                    Type::Number
                }
                (Function::Min | Function::Max, Some(a)) => {
                    if a.ty == Type::Bool {
                        want(a, Type::Number, &what)?;
                    }
                    a.ty
                }
                (Function::First | Function::Last | Function::Value, Some(a)) => a.ty,
            };
            make(
                ty,
                Op::Call {
                    id,
                    function: *function,
                    argument: argument.map(Box::new),
                    filter: filter.map(Box::new),
                },
            )
        }
    }
}

/// Requires the two sides of a comparison to be of one type.
fn same(l: &Node<'_>, r: &Node<'_>, expr: &Expr) -> Result<(), ExprError> {
    if l.ty == r.ty {
        return Ok(());
    }
    Err(ExprError::new(
        ErrorKind::Incomparable {
            left: l.ty.name(),
            right: r.ty.name(),
        },
        expr.span.clone(),
    ))
}

/// The error for a column the table lacks, with the closest name.
fn unknown_column(name: &str, table: &Table, expr: &Expr) -> ExprError {
    let suggestion = crate::text::closest(table.columns.iter().map(|c| c.name.as_str()), name)
        .map(str::to_string);
    let columns = table
        .columns
        .iter()
        .map(|c| super::ast::column(&c.name))
        .collect::<Vec<_>>()
        .join(", ");
    ExprError::new(
        ErrorKind::UnknownColumn {
            name: name.to_string(),
            suggestion,
            columns,
        },
        expr.span.clone(),
    )
}
