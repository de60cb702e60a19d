//! Reading a CSV file into rows by column name, the same way for every
//! import: UTF-8 only (a byte-order mark is fine), comma or semicolon, no
//! unknown or missing column, every problem reported with its line.

use std::collections::HashMap;

use serde::Serialize;

use crate::domain::Rule;
use crate::strings;

/// One refusal: where, and which rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    pub line: u64,
    pub column: Option<&'static str>,
    pub rule: Rule,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.column {
            Some(c) => write!(
                f,
                "línea {}, columna {c}: {}",
                self.line,
                strings::rule_text(&self.rule)
            ),
            None => write!(f, "línea {}: {}", self.line, strings::rule_text(&self.rule)),
        }
    }
}

/// A row as text, with its line number.
pub struct Row {
    pub line: u64,
    pub cells: HashMap<&'static str, String>,
}

impl Row {
    pub fn get(&self, col: &'static str) -> &str {
        self.cells.get(col).map(|s| s.trim()).unwrap_or("")
    }
}

/// Reads the CSV into rows, refusing bytes that are not UTF-8, unknown or
/// missing columns, and an empty file.
pub fn read_rows(bytes: &[u8], known: &'static [&'static str]) -> Result<Vec<Row>, Vec<RowError>> {
    read_rows_as(bytes, known, known, &[])
}

/// The header's name of a column, compared as people write it: case,
/// accents, spaces and hyphens aside («Fecha de pago» is `fecha_de_pago`).
fn header_key(name: &str) -> String {
    crate::domain::text::fold(name).replace([' ', '-'], "_")
}

/// A CSV reader as people's files need it: a UTF-8 byte-order mark
/// skipped, `;` as the separator when the header uses it and no `,` (Excel
/// in a Spanish locale), rows of any length.
pub fn csv_reader(bytes: &[u8]) -> csv::Reader<&[u8]> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let delimiter = if first_line.contains(&b';') && !first_line.contains(&b',') {
        b';'
    } else {
        b','
    };
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(bytes)
}

/// [`read_rows`] where only `required` columns must be present (the others
/// read as empty) and each column may also be named by its `aliases`
/// (column, other names).
pub fn read_rows_as(
    bytes: &[u8],
    known: &'static [&'static str],
    required: &[&'static str],
    aliases: &[(&'static str, &[&str])],
) -> Result<Vec<Row>, Vec<RowError>> {
    let file_error = |rule| {
        vec![RowError {
            line: 1,
            column: None,
            rule,
        }]
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(file_error(Rule::EmptyFile));
    }
    let mut reader = csv_reader(bytes);
    let header = reader
        .byte_headers()
        .map_err(|e| {
            file_error(Rule::CsvMalformed {
                detail: crate::strings::words::csv_error(&e),
            })
        })?
        .clone();
    let mut columns: Vec<Option<&'static str>> = Vec::new();
    let mut errors = Vec::new();
    for name in header.iter() {
        let name = header_key(&String::from_utf8_lossy(name));
        let by_alias = aliases
            .iter()
            .find(|(_, names)| names.iter().any(|n| header_key(n) == name))
            .map(|(c, _)| c);
        match known.iter().find(|c| **c == name).or(by_alias) {
            Some(c) => columns.push(Some(c)),
            None => {
                errors.push(RowError {
                    line: 1,
                    column: None,
                    rule: Rule::UnknownColumn {
                        name: name.chars().take(40).collect(),
                    },
                });
                columns.push(None);
            }
        }
    }
    let missing: Vec<&str> = required
        .iter()
        .filter(|c| !columns.contains(&Some(**c)))
        .copied()
        .collect();
    if !missing.is_empty() {
        errors.push(RowError {
            line: 1,
            column: None,
            rule: Rule::MissingColumns {
                names: missing.join(", "),
            },
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut rows = Vec::new();
    for record in reader.byte_records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                errors.push(RowError {
                    line,
                    column: None,
                    rule: Rule::CsvMalformed {
                        detail: crate::strings::words::csv_error(&e),
                    },
                });
                continue;
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record
            .iter()
            .all(|f| f.iter().all(|b| b.is_ascii_whitespace()))
        {
            continue;
        }
        let mut cells = HashMap::new();
        for (i, raw) in record.iter().enumerate() {
            let Some(Some(col)) = columns.get(i) else {
                continue;
            };
            match std::str::from_utf8(raw) {
                Ok(s) => {
                    cells.insert(*col, s.to_string());
                }
                Err(_) => errors.push(RowError {
                    line,
                    column: Some(col),
                    rule: Rule::NotUtf8,
                }),
            }
        }
        rows.push(Row { line, cells });
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(RowError {
            line: 2,
            column: None,
            rule: Rule::EmptyFile,
        });
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}
