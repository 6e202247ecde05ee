//! The files of a result folder as text, JSON documents and CSV tables, each refused with its
//! path named when it is not as caresim writes it. A JSON document's version is checked before
//! its shape, so a folder of another caresim version is refused as that, whatever its shape.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::ReadError;
use crate::results::schema::VERSION;

pub fn malformed(path: &Path, message: impl ToString) -> ReadError {
    ReadError::Malformed { path: path.to_path_buf(), message: message.to_string() }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ReadError + '_ {
    move |source| ReadError::Io { path: path.to_path_buf(), source }
}

/// Open a result file, which must be a file: reading a pipe or a device (`/dev/zero`) named
/// like one would never end.
fn open(path: &Path) -> Result<File, ReadError> {
    if !std::fs::metadata(path).map_err(io(path))?.is_file() {
        return Err(malformed(path, "it is not a file"));
    }
    File::open(path).map_err(io(path))
}

pub fn text(path: &Path) -> Result<String, ReadError> {
    let mut text = String::new();
    open(path)?.read_to_string(&mut text).map_err(io(path))?;
    Ok(text)
}

/// A JSON document, with where in it the first problem is (`metrics.cost_total.mean: ...`).
pub fn json<T: DeserializeOwned>(path: &Path) -> Result<T, ReadError> {
    parse(path, &text(path)?)
}

fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, ReadError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| malformed(path, e))?;
    deserializer.end().map_err(|e| malformed(path, e))?;
    Ok(value)
}

/// A JSON document stamped with the caresim version that wrote it, which must be this one.
pub fn versioned_json<T: DeserializeOwned>(path: &Path) -> Result<T, ReadError> {
    #[derive(Deserialize)]
    struct Stamp {
        caresim_version: String,
    }
    let text = text(path)?;
    if let Ok(Stamp { caresim_version }) = serde_json::from_str::<Stamp>(&text)
        && caresim_version != VERSION
    {
        return Err(ReadError::OtherVersion { path: path.to_path_buf(), found: caresim_version });
    }
    parse(path, &text)
}

/// A CSV file read whole: its header and its rows, every row as long as the header.
pub struct Table {
    pub path: PathBuf,
    pub header: Vec<String>,
    rows: Vec<csv::StringRecord>,
}

/// One row of a [`Table`], for reading its cells by column.
pub struct Row<'a> {
    table: &'a Table,
    record: &'a csv::StringRecord,
    line: u64,
}

impl Table {
    pub fn read(path: &Path) -> Result<Table, ReadError> {
        // Rows of another length are read, to be refused after the header (in `expect_columns`).
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(open(path)?);
        let header = reader.headers().map_err(|e| malformed(path, e))?.iter().map(String::from).collect();
        let rows = reader.records().collect::<Result<_, _>>().map_err(|e| malformed(path, e))?;
        Ok(Table { path: path.to_path_buf(), header, rows })
    }

    /// Refuse the table unless its columns are `expected`, naming the first that is not, and
    /// every row has a field for each.
    pub fn expect_columns(&self, expected: &[String]) -> Result<(), ReadError> {
        if self.header == expected {
            let width = expected.len();
            return match self.rows().find(|row| row.record.len() != width) {
                Some(row) => Err(row.malformed(format!("it has {} fields, not {width}", row.record.len()))),
                None => Ok(()),
            };
        }
        let i = self.header.iter().zip(expected).position(|(h, e)| h != e);
        let i = i.unwrap_or(self.header.len().min(expected.len()));
        let message = match (expected.get(i), self.header.get(i)) {
            (Some(e), Some(h)) => format!("column {} is `{h}`, not `{e}`", i + 1),
            (Some(e), None) => format!("it has no column {} (`{e}`)", i + 1),
            (None, Some(h)) => format!("it has a column {} (`{h}`) it should not have", i + 1),
            (None, None) => "its columns are not as expected".into(),
        };
        Err(self.malformed(message))
    }

    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().enumerate().map(move |(i, record)| Row {
            table: self,
            record,
            // The header is line 1; a quoted field may span lines, so ask the reader where it can.
            line: record.position().map_or(i as u64 + 2, |p| p.line()),
        })
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn malformed(&self, message: impl ToString) -> ReadError {
        malformed(&self.path, message)
    }
}

impl Row<'_> {
    /// The text in `column` (by position).
    pub fn text(&self, column: usize) -> Result<&str, ReadError> {
        self.record.get(column).ok_or_else(|| self.problem(column, "is missing"))
    }

    /// The finite number in `column`.
    pub fn number(&self, column: usize) -> Result<f64, ReadError> {
        self.optional(column)?.ok_or_else(|| self.problem(column, "is empty, not a number"))
    }

    /// The finite number in `column`, or `None` where it is empty.
    pub fn optional(&self, column: usize) -> Result<Option<f64>, ReadError> {
        let text = self.text(column)?;
        if text.is_empty() {
            return Ok(None);
        }
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(Some(v)),
            Ok(_) => Err(self.problem(column, &format!("is {text}, not a finite number"))),
            Err(_) => Err(self.problem(column, &format!("is {text:?}, not a number"))),
        }
    }

    /// In a comparison's file whose first two columns are the baseline and the scenario: the
    /// scenario's position in `scenarios`, checked against the comparison's `baseline`.
    pub fn comparison_scenario(&self, baseline: &str, scenarios: &[&str]) -> Result<usize, ReadError> {
        if self.text(0)? != baseline {
            return Err(self.malformed(format!("its baseline is {:?}, not {baseline:?}", self.text(0)?)));
        }
        let scenario = self.text(1)?;
        scenarios
            .iter()
            .position(|s| *s == scenario)
            .ok_or_else(|| self.malformed(format!("scenario {scenario:?} is not one of the comparison's")))
    }

    /// An error about this row: "line 5: ...".
    pub fn malformed(&self, message: impl std::fmt::Display) -> ReadError {
        self.table.malformed(format!("line {}: {message}", self.line))
    }

    /// The name of `column`.
    pub fn name(&self, column: usize) -> &str {
        self.table.header.get(column).map_or("?", String::as_str)
    }

    fn problem(&self, column: usize, what: &str) -> ReadError {
        self.malformed(format_args!("{} {what}", self.name(column)))
    }
}
