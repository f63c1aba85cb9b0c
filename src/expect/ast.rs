//! The syntax tree of an expectation, and its printer.
//!
//! The printer writes the canonical form of an expression: minimal parentheses, one
//! space around binary operators, strings in double quotes, and lookups as
//! `value(COLUMN, where COND)`. Parsing what it prints gives the same tree (spans
//! aside).

use std::fmt;
use std::ops::Range;

/// An expression, with the byte range of the expectation text it was read from.
#[derive(Clone, Debug)]
pub struct Expr {
    /// What the expression is.
    pub kind: ExprKind,
    /// Byte offsets into the expectation text.
    pub span: Range<usize>,
}

/// The kinds of expression.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A number literal (never negative: `-2` is a negation of `2`).
    Number(f64),
    /// A string literal.
    Text(String),
    /// `true` or `false`.
    Bool(bool),
    /// A column's cell in the current row.
    Column(String),
    /// `-x` or `not x`.
    Unary(UnaryOp, Box<Expr>),
    /// `a OP b`.
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `f(argument where filter)`; a lookup `col where cond` is `value(col, where cond)`.
    Call {
        /// The aggregate.
        function: Function,
        /// What it reads of each row (absent for `count()` and `count(where c)`).
        argument: Option<Box<Expr>>,
        /// Which rows it reads (all when absent).
        filter: Option<Box<Expr>>,
    },
}

/// Equality ignores spans: two trees are equal when they say the same.
impl PartialEq for Expr {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
    }
}

/// A prefix operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-`
    Neg,
    /// `not`
    Not,
}

/// An infix operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    /// `or`
    Or,
    /// `and`
    And,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Rem,
}

/// The aggregates (each reads the rows of the table, or those its `where` keeps).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Function {
    /// True when the argument holds for every row.
    All,
    /// True when the argument holds for some row.
    Any,
    /// The number of rows (for which the argument holds).
    Count,
    /// The sum of a numeric argument.
    Sum,
    /// The smallest value.
    Min,
    /// The largest value.
    Max,
    /// The arithmetic mean.
    Mean,
    /// The median (the mean of the middle two for an even count).
    Median,
    /// The value in the first row.
    First,
    /// The value in the last row.
    Last,
    /// The value in the one row the filter keeps.
    Value,
}

impl Function {
    /// Every function with its name.
    pub const ALL: [(Function, &'static str); 11] = [
        (Function::All, "all"),
        (Function::Any, "any"),
        (Function::Count, "count"),
        (Function::Sum, "sum"),
        (Function::Min, "min"),
        (Function::Max, "max"),
        (Function::Mean, "mean"),
        (Function::Median, "median"),
        (Function::First, "first"),
        (Function::Last, "last"),
        (Function::Value, "value"),
    ];

    /// The function of a name.
    pub fn from_name(name: &str) -> Option<Function> {
        Self::ALL.iter().find(|(_, n)| *n == name).map(|(f, _)| *f)
    }

    /// The function's name.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(f, _)| *f == self)
            .map_or("", |(_, n)| n)
    }
}

impl BinaryOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Or => "or",
            BinaryOp::And => "and",
            BinaryOp::Eq => "==",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Rem => "%",
        }
    }

    /// The operator of a symbol.
    pub fn from_symbol(s: &str) -> Option<BinaryOp> {
        use BinaryOp::*;
        [Or, And, Eq, Ne, Lt, Le, Gt, Ge, Add, Sub, Mul, Div, Rem]
            .into_iter()
            .find(|op| op.symbol() == s)
    }

    /// Whether the operator compares two values.
    pub fn is_comparison(self) -> bool {
        use BinaryOp::*;
        matches!(self, Eq | Ne | Lt | Le | Gt | Ge)
    }

    /// The comparison that holds exactly when this one does not (`<` for `>=`).
    pub fn negated(self) -> BinaryOp {
        use BinaryOp::*;
        match self {
            Eq => Ne,
            Ne => Eq,
            Lt => Ge,
            Le => Gt,
            Gt => Le,
            Ge => Lt,
            other => other,
        }
    }

    /// Binding strength: higher binds tighter.
    fn precedence(self) -> u8 {
        use BinaryOp::*;
        match self {
            Or => 1,
            And => 2,
            Eq | Ne | Lt | Le | Gt | Ge => 4,
            Add | Sub => 5,
            Mul | Div | Rem => 6,
        }
    }
}

/// The precedence of `not` (between `and` and the comparisons).
const NOT: u8 = 3;
/// The precedence of unary minus.
const NEG: u8 = 7;
/// Atoms: literals, columns, calls.
const ATOM: u8 = 8;

impl Expr {
    /// How tightly the expression binds, for the printer.
    fn precedence(&self) -> u8 {
        match &self.kind {
            ExprKind::Unary(UnaryOp::Not, _) => NOT,
            ExprKind::Unary(UnaryOp::Neg, _) => NEG,
            ExprKind::Binary(op, _, _) => op.precedence(),
            _ => ATOM,
        }
    }

    /// The number of nodes in the tree.
    pub fn size(&self) -> usize {
        1 + self.children().map(Expr::size).sum::<usize>()
    }

    /// The depth of the tree (an atom is 1).
    pub fn depth(&self) -> usize {
        1 + self.children().map(Expr::depth).max().unwrap_or(0)
    }

    /// The direct subexpressions.
    pub fn children(&self) -> impl Iterator<Item = &Expr> {
        let (a, b): (Option<&Expr>, Option<&Expr>) = match &self.kind {
            ExprKind::Unary(_, x) => (Some(x), None),
            ExprKind::Binary(_, l, r) => (Some(l), Some(r)),
            ExprKind::Call {
                argument, filter, ..
            } => (argument.as_deref(), filter.as_deref()),
            _ => (None, None),
        };
        a.into_iter().chain(b)
    }
}

/// A number as the printer writes it: Rust's shortest form that reads back the same,
/// in exponent form (`8.3e302`, `1e-7`) when plain digits would run long.
pub fn number(x: f64) -> String {
    let size = x.abs();
    if size >= 1e16 || (size != 0.0 && size < 1e-5) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// Whether a column name can be written bare (else it is written in backquotes).
pub fn is_bare_column(name: &str) -> bool {
    let mut chars = name.chars();
    let head = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    head && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !matches!(name, "where" | "and" | "or" | "not" | "true" | "false")
}

/// A column name as written in an expression.
pub fn column(name: &str) -> String {
    if is_bare_column(name) {
        name.to_string()
    } else {
        format!("`{name}`")
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ExprKind::Number(x) => f.write_str(&number(*x)),
            ExprKind::Text(s) => {
                f.write_str("\"")?;
                for c in s.chars() {
                    if matches!(c, '"' | '\\') {
                        f.write_str("\\")?;
                    }
                    write!(f, "{c}")?;
                }
                f.write_str("\"")
            }
            ExprKind::Bool(b) => write!(f, "{b}"),
            ExprKind::Column(name) => f.write_str(&column(name)),
            ExprKind::Unary(op, x) => {
                let (word, prec) = match op {
                    UnaryOp::Neg => ("-", NEG),
                    UnaryOp::Not => ("not ", NOT),
                };
                f.write_str(word)?;
                // `--x` would still read back, but `- -x` is clearer; a number after
                // `-` never needs parentheses.
                if x.precedence() < prec {
                    write!(f, "({x})")
                } else if *op == UnaryOp::Neg && matches!(x.kind, ExprKind::Unary(UnaryOp::Neg, _))
                {
                    write!(f, " {x}")
                } else {
                    write!(f, "{x}")
                }
            }
            ExprKind::Binary(op, l, r) => {
                let prec = op.precedence();
                // Left-associative; comparisons do not chain, so both sides of a
                // comparison that are comparisons need parentheses.
                let left_paren =
                    l.precedence() < prec || (op.is_comparison() && l.precedence() == prec);
                let right_paren = r.precedence() <= prec;
                paren(f, l, left_paren)?;
                write!(f, " {} ", op.symbol())?;
                paren(f, r, right_paren)
            }
            ExprKind::Call {
                function,
                argument,
                filter,
            } => {
                write!(f, "{}(", function.name())?;
                if let Some(a) = argument {
                    write!(f, "{a}")?;
                }
                if let Some(c) = filter {
                    match (function, argument) {
                        (_, None) => write!(f, "where {c}")?,
                        (Function::Value, Some(_)) => write!(f, ", where {c}")?,
                        _ => write!(f, " where {c}")?,
                    }
                }
                f.write_str(")")
            }
        }
    }
}

/// Writes `x`, in parentheses when `wrap`.
fn paren(f: &mut fmt::Formatter<'_>, x: &Expr, wrap: bool) -> fmt::Result {
    if wrap {
        write!(f, "({x})")
    } else {
        write!(f, "{x}")
    }
}
