//! The tables expectations read: a CSV file with a header line, or a JSON array of
//! objects, parsed from bytes (reading the file is the project layer's job).
//!
//! Each column gets one type from its cells: `number` when every non-empty cell is a
//! number, `boolean` when every one is `true` or `false`, `text` otherwise. Empty
//! cells (a CSV cell that is blank or a lone `-`, JSON `null` or a missing key) are
//! empty in any column.

mod json;

/// The type of a column or a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    /// A number (floating point).
    Number,
    /// A string.
    Text,
    /// `true` or `false`.
    Bool,
}

impl Type {
    /// The type as an error message names it.
    pub fn name(self) -> &'static str {
        match self {
            Type::Number => "a number",
            Type::Text => "text",
            Type::Bool => "true or false",
        }
    }
}

/// The cells of one column, `None` where a cell is empty.
#[derive(Clone, Debug, PartialEq)]
pub enum Cells {
    /// A numeric column.
    Number(Vec<Option<f64>>),
    /// A text column.
    Text(Vec<Option<String>>),
    /// A boolean column.
    Bool(Vec<Option<bool>>),
}

/// One column: its header and its cells.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// The header.
    pub name: String,
    /// The cells, one per row.
    pub cells: Cells,
}

impl Column {
    /// The column's type.
    pub fn ty(&self) -> Type {
        match self.cells {
            Cells::Number(_) => Type::Number,
            Cells::Text(_) => Type::Text,
            Cells::Bool(_) => Type::Bool,
        }
    }
}

/// A table: named, typed columns of equal length.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// The columns, in file order (JSON: in order of first appearance).
    pub columns: Vec<Column>,
    /// The number of rows.
    pub rows: usize,
}

/// Why bytes are not a table.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum TableError {
    /// Not valid CSV (the csv crate's message, with its line).
    #[error("not a valid CSV table: {0}")]
    Csv(String),
    /// Not a JSON array of objects.
    #[error("not a JSON array of objects: {0}")]
    Json(String),
    /// Neither CSV nor JSON by its name.
    #[error("expectations read CSV (.csv) or JSON (.json) files, not `{0}`")]
    Format(String),
}

/// A raw cell before the column's type is known.
enum Raw {
    Empty,
    Number(f64),
    Bool(bool),
    Text(String),
}

/// A trimmed cell's number, when it reads as one: decimal notation only (`nan` and
/// `inf` are text).
pub(super) fn number(cell: &str) -> Option<f64> {
    let numeric = cell
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
        && cell.bytes().any(|b| b.is_ascii_digit());
    numeric.then(|| cell.parse::<f64>().ok()).flatten()
}

impl Raw {
    /// A CSV cell: a number when it reads as one (decimal notation only: `nan` and
    /// `inf` are text), `true`/`false`, empty (nothing, or a lone `-`, which tables
    /// write for "no value"), or text.
    fn from_csv(cell: &str) -> Raw {
        let cell = cell.trim();
        if cell.is_empty() || cell == "-" {
            return Raw::Empty;
        }
        if let Some(x) = number(cell) {
            return Raw::Number(x);
        }
        match cell {
            "true" => Raw::Bool(true),
            "false" => Raw::Bool(false),
            _ => Raw::Text(cell.to_string()),
        }
    }

    /// The cell as text, for a column of mixed types.
    fn into_text(self) -> Option<String> {
        match self {
            Raw::Empty => None,
            Raw::Number(x) => Some(super::ast::number(x)),
            Raw::Bool(b) => Some(b.to_string()),
            Raw::Text(s) => Some(s),
        }
    }
}

/// Builds a typed column from raw cells.
fn column(name: String, raw: Vec<Raw>) -> Column {
    let all = |f: fn(&Raw) -> bool| raw.iter().all(|r| matches!(r, Raw::Empty) || f(r));
    let cells = if all(|r| matches!(r, Raw::Number(_))) {
        Cells::Number(
            raw.into_iter()
                .map(|r| match r {
                    Raw::Number(x) => Some(x),
                    _ => None,
                })
                .collect(),
        )
    } else if all(|r| matches!(r, Raw::Bool(_))) {
        Cells::Bool(
            raw.into_iter()
                .map(|r| match r {
                    Raw::Bool(b) => Some(b),
                    _ => None,
                })
                .collect(),
        )
    } else {
        Cells::Text(raw.into_iter().map(Raw::into_text).collect())
    };
    Column { name, cells }
}

impl Table {
    /// Reads a table by the file name's extension (`.csv` or `.json`).
    pub fn from_file_bytes(name: &str, bytes: &[u8]) -> Result<Table, TableError> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".csv") {
            Table::from_csv(bytes)
        } else if lower.ends_with(".json") {
            Table::from_json(bytes)
        } else {
            Err(TableError::Format(name.to_string()))
        }
    }

    /// Reads CSV with a header line. Every record must have as many fields as the header.
    pub fn from_csv(bytes: &[u8]) -> Result<Table, TableError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(bytes);
        let headers = reader
            .headers()
            .map_err(|e| TableError::Csv(e.to_string()))?
            .clone();
        // A column is read by its name: a name given twice would leave one unreachable.
        let names: Vec<&str> = headers.iter().map(str::trim).collect();
        for (i, name) in names.iter().enumerate() {
            if let Some(first) = names[..i].iter().position(|n| n == name) {
                return Err(TableError::Csv(format!(
                    "the header names `{name}` twice (columns {} and {}); a column is read \
                     by its name, so rename one",
                    first + 1,
                    i + 1
                )));
            }
        }
        let mut raw: Vec<Vec<Raw>> = headers.iter().map(|_| Vec::new()).collect();
        let mut record = csv::StringRecord::new();
        let mut rows = 0;
        loop {
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return Err(TableError::Csv(e.to_string())),
            }
            for (cells, cell) in raw.iter_mut().zip(record.iter()) {
                cells.push(Raw::from_csv(cell));
            }
            rows += 1;
        }
        let columns = headers
            .iter()
            .zip(raw)
            .map(|(name, cells)| column(name.trim().to_string(), cells))
            .collect();
        Ok(Table { columns, rows })
    }

    /// The index of a column by name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }
}
