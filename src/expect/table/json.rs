//! JSON tables: an array of flat objects, read with each object's keys in the order
//! written, so that the columns come in the order they first appear.

use super::{Raw, Table, TableError, column};

impl Table {
    /// Reads a JSON array of flat objects: numbers, strings, booleans and nulls. The
    /// columns are the keys in the order they first appear; a key twice in one object
    /// is an error.
    pub fn from_json(bytes: &[u8]) -> Result<Table, TableError> {
        // A byte order mark is no part of the JSON: editors on Windows write one.
        let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        let value: Json =
            serde_json::from_slice(bytes).map_err(|e| TableError::Json(e.to_string()))?;
        let Json::Array(items) = value else {
            return Err(TableError::Json("the top level is not an array".into()));
        };
        let mut names: Vec<String> = Vec::new();
        let mut raw: Vec<Vec<Raw>> = Vec::new();
        for (row, item) in items.into_iter().enumerate() {
            let Json::Object(fields) = item else {
                return Err(TableError::Json(format!(
                    "item {} is not an object",
                    row + 1
                )));
            };
            for (key, value) in fields {
                let Json::Cell(cell) = value else {
                    return Err(TableError::Json(format!(
                        "`{key}` of item {} is an array or object, not a value",
                        row + 1
                    )));
                };
                let i = match names.iter().position(|n| *n == key) {
                    Some(i) => i,
                    None => {
                        names.push(key);
                        raw.push(Vec::new());
                        names.len() - 1
                    }
                };
                let cells = &mut raw[i];
                if cells.len() > row {
                    return Err(TableError::Json(format!(
                        "item {} names `{}` twice; a column is read by its name",
                        row + 1,
                        names[i]
                    )));
                }
                while cells.len() < row {
                    cells.push(Raw::Empty);
                }
                cells.push(cell);
            }
            for cells in &mut raw {
                while cells.len() <= row {
                    cells.push(Raw::Empty);
                }
            }
        }
        let rows = raw.first().map_or(0, Vec::len);
        let columns = names
            .into_iter()
            .zip(raw)
            .map(|(n, c)| column(n, c))
            .collect();
        Ok(Table { columns, rows })
    }
}

/// A JSON value as a table reads it: objects keep their keys in the order written
/// (`serde_json::Value` sorts them), and a number, string, boolean or null is a cell.
enum Json {
    Cell(Raw),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl<'de> serde::Deserialize<'de> for Json {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Json, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> serde::de::Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Cell(Raw::Empty))
    }
    fn visit_bool<E>(self, b: bool) -> Result<Json, E> {
        Ok(Json::Cell(Raw::Bool(b)))
    }
    fn visit_i64<E>(self, x: i64) -> Result<Json, E> {
        Ok(Json::Cell(Raw::Number(x as f64)))
    }
    fn visit_u64<E>(self, x: u64) -> Result<Json, E> {
        Ok(Json::Cell(Raw::Number(x as f64)))
    }
    fn visit_f64<E>(self, x: f64) -> Result<Json, E> {
        Ok(Json::Cell(Raw::Number(x)))
    }
    fn visit_str<E>(self, s: &str) -> Result<Json, E> {
        Ok(Json::Cell(Raw::Text(s.to_string())))
    }
    fn visit_string<E>(self, s: String) -> Result<Json, E> {
        Ok(Json::Cell(Raw::Text(s)))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut fields = Vec::new();
        while let Some(field) = map.next_entry()? {
            fields.push(field);
        }
        Ok(Json::Object(fields))
    }
}
