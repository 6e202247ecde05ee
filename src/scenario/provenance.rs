//! Where each key of a scenario was written (`file:line`, or `--set`), so every problem names
//! the place to fix it. Finding a key's line is a binary search in the file's line starts, so
//! loading stays linear in the file's size.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use toml_edit::{Item, Table, Value};

/// Where each dotted key was last set: `file:line` or `--set`.
pub type Provenance = BTreeMap<String, String>;

pub fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() || prefix == "." { key.to_string() } else { format!("{prefix}.{key}") }
}

/// The byte offsets at which the lines of a text start.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn of(text: &str) -> LineStarts {
        LineStarts(std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }

    /// The 1-based line holding byte `offset`.
    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset)
    }
}

struct Recorder<'a> {
    starts: LineStarts,
    file: &'a str,
    out: Provenance,
}

impl Recorder<'_> {
    fn note(&mut self, key: String, span: Option<Range<usize>>) {
        if let Some(span) = span {
            let place = format!("{}:{}", self.file, self.starts.line(span.start));
            self.out.insert(key, place);
        }
    }

    fn table(&mut self, table: &Table, prefix: &str) {
        for (key, value) in table.iter() {
            let full = join(prefix, key);
            self.note(full.clone(), table.key(key).and_then(|k| k.span()).or_else(|| value.span()));
            match value {
                Item::Table(t) => self.table(t, &full),
                Item::ArrayOfTables(tables) => {
                    for (i, t) in tables.iter().enumerate() {
                        let element = format!("{full}[{i}]");
                        self.note(element.clone(), t.span());
                        self.table(t, &element);
                    }
                }
                Item::Value(Value::InlineTable(t)) => {
                    for (k, v) in t.iter() {
                        self.note(join(&full, k), t.key(k).and_then(|k| k.span()).or_else(|| v.span()));
                    }
                }
                _ => {}
            }
        }
    }
}

/// The line of every key (and every table header) of one file's text; empty if the text does
/// not parse (the caller reports the syntax error).
pub fn lines_of_keys(text: &str, file: &str) -> Provenance {
    let mut recorder = Recorder { starts: LineStarts::of(text), file, out: Provenance::new() };
    if let Ok(doc) = toml_edit::Document::parse(text) {
        recorder.table(doc.as_table(), "");
    }
    recorder.out
}

/// The location of `key`, or of its nearest enclosing table, or the file itself.
pub fn locate(provenance: &Provenance, key: &str, path: &Path) -> String {
    let mut k = key;
    loop {
        if let Some(place) = provenance.get(k) {
            return place.clone();
        }
        // `shares[2]` was written on the line of `shares`; `a.b` inside `a`.
        k = match (k.strip_suffix(']').and_then(|s| s.rsplit_once('[')), k.rsplit_once('.')) {
            (Some((array, _)), _) => array,
            (None, Some((parent, _))) => parent,
            (None, None) => return path.display().to_string(),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_recorded_for_nested_keys() {
        let text =
            "name = \"x\"\n\n[acute]\nbeds = 3\ncost = { gbp = 1, payer = \"nhs\" }\n[[teams]]\nfte = 1\n";
        let out = lines_of_keys(text, "f.toml");
        assert_eq!(out["name"], "f.toml:1");
        assert_eq!(out["acute.beds"], "f.toml:4");
        assert_eq!(out["acute.cost.payer"], "f.toml:5");
        assert_eq!(out["teams[0]"], "f.toml:6");
        assert_eq!(out["teams[0].fte"], "f.toml:7");
    }

    #[test]
    fn line_starts_find_every_line() {
        let starts = LineStarts::of("a\nbc\n\nd");
        let lines: Vec<usize> = (0..8).map(|i| starts.line(i)).collect();
        assert_eq!(lines, [1, 1, 2, 2, 2, 3, 4, 4]);
    }
}
