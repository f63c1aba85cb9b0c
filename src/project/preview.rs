//! Previews of CSV artifacts: the header, the first rows and the numeric columns, for
//! the HTML page's tables and charts.
//!
//! Phase: input (file IO lives in `project`). Reads a bounded prefix of the file, only
//! through [`ArtifactFile`] (so never outside the project, never a pipe or a device),
//! and never fails loudly: an unreadable, binary or malformed file simply has no
//! preview.

use std::path::Path;

use super::artifact::{ArtifactFile, Location, locate};
use crate::model::ArtifactRef;
use serde::Serialize;

/// What a map may show of an artifact.
#[derive(Clone, Debug, PartialEq)]
pub enum ArtifactAccess {
    /// Outside the project (absolute, climbing out, or a link leading out): the path as
    /// text only, with no link and nothing read.
    Outside,
    /// Inside the project: a link, and the preview of a CSV file that could be read.
    Inside(Option<CsvPreview>),
}

/// The start of a CSV file.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct CsvPreview {
    /// Column names.
    pub header: Vec<String>,
    /// The first rows.
    pub rows: Vec<Vec<String>>,
    /// How many data rows the file has.
    pub total_rows: usize,
    /// Columns whose every non-empty cell is a number, with their values (first rows
    /// up to a limit), for a chart.
    pub numeric: Vec<NumericColumn>,
}

/// A numeric CSV column.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct NumericColumn {
    /// Column name.
    pub name: String,
    /// Values in row order (`None` for an empty cell).
    pub values: Vec<Option<f64>>,
}

/// At most this many bytes of a file are read.
pub const MAX_BYTES: u64 = 1 << 20;

/// Rows shown in the table.
pub const TABLE_ROWS: usize = 10;

/// Rows whose numbers are kept for a chart.
pub const CHART_ROWS: usize = 200;

/// What a map may show of an artifact: nothing but its path when it is outside the
/// artifact root `root` (after resolving symbolic links), else a link, and a preview
/// when it is a CSV file.
pub fn access(artifact: &ArtifactRef, root: &Path) -> ArtifactAccess {
    let location = locate(artifact, root);
    if !location.is_inside() {
        return ArtifactAccess::Outside;
    }
    let written = Path::new(&artifact.path);
    let preview = match location {
        Location::File(file) if is_csv(written) => csv_preview(&file),
        _ => None,
    };
    ArtifactAccess::Inside(preview)
}

fn is_csv(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("csv"))
}

/// The preview of a CSV file, or `None` when it cannot be read, is not UTF-8 text or
/// has no header. Files larger than [`MAX_BYTES`] are previewed from their start, and
/// `total_rows` then counts the rows in that start only.
pub fn csv_preview(file: &ArtifactFile) -> Option<CsvPreview> {
    let mut bytes = file.read_prefix(MAX_BYTES + 1).ok()?;
    let truncated = bytes.len() as u64 > MAX_BYTES;
    if truncated {
        // Drop the last (probably cut) line.
        bytes.truncate(MAX_BYTES as usize);
        let end = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        bytes.truncate(end);
    }
    parse(&bytes)
}

/// The preview of CSV text (see [`csv_preview`]).
pub fn parse(bytes: &[u8]) -> Option<CsvPreview> {
    if bytes.contains(&0) {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .ok()?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if header.iter().all(String::is_empty) {
        return None;
    }
    let width = header.len();
    let mut rows = Vec::new();
    let mut cells: Vec<Vec<Option<f64>>> = vec![Vec::new(); width];
    let mut numeric = vec![true; width];
    let mut total_rows = 0;
    for record in reader.records() {
        // A malformed record (never the case with `flexible`, but an IO-level error is
        // possible) ends the preview rather than failing it.
        let Ok(record) = record else { break };
        if total_rows < TABLE_ROWS {
            let mut row: Vec<String> = record.iter().take(width).map(str::to_string).collect();
            row.resize(width, String::new());
            rows.push(row);
        }
        if total_rows < CHART_ROWS {
            for (c, column) in cells.iter_mut().enumerate() {
                let cell = record.get(c).unwrap_or("");
                match number(cell) {
                    Ok(v) => column.push(v),
                    Err(()) => numeric[c] = false,
                }
            }
        }
        total_rows += 1;
    }
    let numeric = header
        .iter()
        .zip(cells)
        .zip(numeric)
        .filter(|((_, values), is_number)| *is_number && values.iter().any(Option::is_some))
        .map(|((name, values), _)| NumericColumn {
            name: name.clone(),
            values,
        })
        .collect();
    Some(CsvPreview {
        header,
        rows,
        total_rows,
        numeric,
    })
}

/// A cell as a number: `Ok(None)` for an empty or "not available" cell, `Err` for text.
fn number(cell: &str) -> Result<Option<f64>, ()> {
    let t = cell.trim();
    if t.is_empty() || ["-", "—", "na", "n/a", "null"].contains(&t.to_ascii_lowercase().as_str())
    {
        return Ok(None);
    }
    // Rust also parses `inf` and `NaN`; a chart wants finite numbers only.
    let looks_numeric = t
        .bytes()
        .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b));
    match t.parse::<f64>() {
        Ok(v) if looks_numeric && v.is_finite() => Ok(Some(v)),
        _ => Err(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_header_rows_and_numeric_columns() {
        let p = parse(b"year,name,usd\n2017,a,4.06\n2018,\"b, c\",\n2019,d,-\n").unwrap();
        assert_eq!(p.header, ["year", "name", "usd"]);
        assert_eq!(p.rows[1], ["2018", "b, c", ""]);
        assert_eq!(p.total_rows, 3);
        let names: Vec<_> = p.numeric.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["year", "usd"]);
        assert_eq!(p.numeric[1].values, [Some(4.06), None, None]);
    }

    #[test]
    fn keeps_ten_rows_for_the_table_and_counts_all() {
        let mut csv = String::from("n\n");
        for i in 0..250 {
            csv.push_str(&format!("{i}\n"));
        }
        let p = parse(csv.as_bytes()).unwrap();
        assert_eq!((p.rows.len(), p.total_rows), (TABLE_ROWS, 250));
        assert_eq!(p.numeric[0].values.len(), CHART_ROWS);
    }

    #[test]
    fn bad_input_has_no_preview_or_a_partial_one() {
        assert_eq!(parse(b""), None);
        assert_eq!(parse(b"\x00\x01binary"), None);
        assert_eq!(parse(b"\xff\xfe"), None);
        // Ragged rows and a stray quote never panic.
        let p = parse(b"a,b\n1\n1,2,3\n\"unclosed,4\n").unwrap();
        assert_eq!(p.rows[0], ["1", ""]);
        assert_eq!(p.rows[1], ["1", "2"]);
        assert!(parse(b"x\ninf\nNaN\n").unwrap().numeric.is_empty());
        assert!(is_csv(Path::new("a/B.CSV")) && !is_csv(Path::new("Cargo.toml")));
    }
}
