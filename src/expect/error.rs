//! Why an expectation cannot be evaluated: its text does not parse, or it does not fit
//! the table (an unknown column, a type mismatch).

use std::ops::Range;

/// An invalid expectation, with the byte range of the expectation text at fault.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{kind}")]
pub struct ExprError {
    /// What is wrong.
    pub kind: ErrorKind,
    /// Where, as byte offsets into the expectation text.
    pub span: Range<usize>,
    /// Advice that depends on the table (which cell makes a column text), given before
    /// the advice of the kind.
    pub hint: Option<String>,
}

impl ExprError {
    /// An error of `kind` at `span`.
    pub fn new(kind: ErrorKind, span: Range<usize>) -> Self {
        ExprError {
            kind,
            span,
            hint: None,
        }
    }

    /// The text that mends the error in place of its span, when it is a slip.
    pub fn replacement(&self) -> Option<String> {
        match &self.kind {
            ErrorKind::Syntax { slip: Some(s), .. } => Some(s.replacement.clone()),
            _ => None,
        }
    }

    /// Advice, when there is some.
    pub fn help(&self) -> Option<String> {
        if let Some(hint) = &self.hint {
            return Some(hint.clone());
        }
        match &self.kind {
            ErrorKind::UnknownColumn {
                suggestion: Some(s),
                ..
            } => Some(format!("did you mean `{}`?", super::ast::column(s))),
            ErrorKind::UnknownColumn { columns, .. } => Some(format!("the columns are: {columns}")),
            ErrorKind::ColumnOutsideRows { name } => Some(format!(
                "a column has a value in each row: write all(...), any(...), an aggregate such as max({name}), or a lookup `{name} where KEY == VALUE`"
            )),
            ErrorKind::Syntax { slip: Some(s), .. } => Some(s.help()),
            ErrorKind::Empty => Some(
                "write a condition on the artifact's columns, such as `sum(revenue) > 0` or \
                 `all(share <= 1)`"
                    .into(),
            ),
            ErrorKind::NotTrueOrFalse { .. } => {
                Some("compare it with something, e.g. `... > 0`".into())
            }
            _ => None,
        }
    }
}

/// The kinds of invalid expectation.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ErrorKind {
    /// The text does not parse.
    #[error("expected {expected}, found {found}")]
    Syntax {
        /// What would have fitted.
        expected: String,
        /// What was there.
        found: String,
        /// Notation of another language, when that is what was there.
        slip: Option<Box<super::slip::Slip>>,
    },
    /// The text holds nothing but spaces.
    #[error("the expectation is empty")]
    Empty,
    /// A number literal out of range.
    #[error("this number is out of range")]
    BadNumber,
    /// The text is too long.
    #[error("the expression is longer than {max} bytes")]
    TooLong {
        /// The limit.
        max: usize,
    },
    /// The tree is too deep.
    #[error("the expression nests deeper than {max} levels")]
    TooDeep {
        /// The limit.
        max: usize,
    },
    /// The tree is too large.
    #[error("the expression has more than {max} parts")]
    TooLarge {
        /// The limit.
        max: usize,
    },
    /// A column the table does not have.
    #[error("the table has no column `{name}`")]
    UnknownColumn {
        /// The name as written.
        name: String,
        /// The closest column name, if one is close.
        suggestion: Option<String>,
        /// Every column, comma-separated.
        columns: String,
    },
    /// A column used where there is no row.
    #[error("column `{name}` is used outside an aggregate or a lookup, where there is no row")]
    ColumnOutsideRows {
        /// The column.
        name: String,
    },
    /// An operand of the wrong type.
    #[error("{what} needs {expected}, but this is {found}")]
    TypeMismatch {
        /// The operator or function.
        what: String,
        /// The type it takes.
        expected: &'static str,
        /// The type it got.
        found: &'static str,
    },
    /// A comparison of two types that do not compare.
    #[error("cannot compare {left} with {right}")]
    Incomparable {
        /// The left type.
        left: &'static str,
        /// The right type.
        right: &'static str,
    },
    /// A function called without what it needs.
    #[error("{function}(...) needs {needs}")]
    MissingArgument {
        /// The function.
        function: &'static str,
        /// What is missing.
        needs: &'static str,
    },
    /// The whole expression is not true or false.
    #[error("an expectation must be true or false, but this is {found}")]
    NotTrueOrFalse {
        /// Its type.
        found: &'static str,
    },
}
