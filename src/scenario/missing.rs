//! Every problem at once. Serde stops at the first key a scenario lacks, misspells or gives the
//! wrong type; to name them all, each problem found is recorded, a stand-in put in the missing
//! or wrong value's place (an unknown key is left out), and the scenario read again. A stand-in only lets reading go on: when it has the wrong type it is swapped for
//! another kind of value, and keys missing inside it are not reported (its own key already is).
//! The stand-ins never reach a simulation: a scenario with a missing key is refused.

use serde_path_to_error::Segment;
use toml::{Table, Value};

use crate::model::Inputs;

type Path = Vec<String>;

/// The kinds of stand-in tried in turn, how many attempts reading may take in all, and how
/// many problems are worth listing at once (each costs a reading of the whole scenario).
const KINDS: usize = 5;
const MAX_ATTEMPTS: usize = 150;
const MAX_PROBLEMS: usize = 50;

fn stand_in(kind: usize) -> Value {
    match kind {
        0 => Value::Integer(0),
        1 => Value::Table(Table::new()),
        2 => Value::Array(Vec::new()),
        3 => Value::String(String::new()),
        _ => Value::Boolean(false),
    }
}

/// The error's path as keys (a list entry as its number).
fn keys_of(e: &serde_path_to_error::Error<toml::de::Error>) -> Path {
    e.path()
        .iter()
        .filter_map(|s| match s {
            Segment::Map { key } => Some(key.clone()),
            Segment::Seq { index } => Some(index.to_string()),
            _ => None,
        })
        .collect()
}

/// The value at `path` in `table`, if there is one.
fn at<'a>(table: &'a mut Table, path: &[String]) -> Option<&'a mut Value> {
    let (first, rest) = path.split_first()?;
    let mut value = table.get_mut(first)?;
    for key in rest {
        value = match value {
            Value::Table(t) => t.get_mut(key)?,
            Value::Array(items) => items.get_mut(key.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(value)
}

/// Put `value` at `path`: a key of a table, or an entry of a list (its parent must exist).
fn put(table: &mut Table, path: &[String], value: Value) -> bool {
    let Some((field, parent)) = path.split_last() else { return false };
    if parent.is_empty() {
        table.insert(field.clone(), value);
        return true;
    }
    match at(table, parent) {
        Some(Value::Table(t)) => {
            t.insert(field.clone(), value);
            true
        }
        Some(Value::Array(items)) => match field.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
            Some(entry) => {
                *entry = value;
                true
            }
            None => false,
        },
        _ => false,
    }
}

/// The problems found, in the order found, and whether they are all there are (reading stops
/// after [`MAX_PROBLEMS`], or where it cannot go on).
pub type Found = (Vec<serde_path_to_error::Error<toml::de::Error>>, bool);

/// Read `table` as a scenario, or every problem found in it, in the order found: each missing
/// key, each unknown key (then left out) and each value of the wrong type (then stood in for).
pub fn read_reporting_every_problem(mut table: Table) -> Result<Inputs, Found> {
    let mut problems = Vec::new();
    let mut stand_ins: Vec<(Path, usize)> = Vec::new();
    for _ in 0..MAX_ATTEMPTS {
        if problems.len() >= MAX_PROBLEMS {
            break;
        }
        let e = match serde_path_to_error::deserialize::<_, Inputs>(Value::Table(table.clone())) {
            Ok(inputs) if problems.is_empty() => return Ok(inputs),
            Ok(_) => return Err((problems, true)),
            Err(e) => e,
        };
        let path = keys_of(&e);
        let message = e.inner().to_string();
        let inside_stand_in = |path: &Path| stand_ins.iter().any(|(s, _)| path.starts_with(s));
        if let Some(field) = message.strip_prefix("missing field `").and_then(|r| r.split('`').next()) {
            let mut key = path.clone();
            key.push(field.to_string());
            let reported = !inside_stand_in(&path);
            if !put(&mut table, &key, stand_in(0)) {
                problems.push(e);
                return Err((problems, false));
            }
            stand_ins.push((key, 0));
            if reported {
                problems.push(e);
            }
            continue;
        }
        if let Some(index) = stand_ins.iter().position(|(s, _)| *s == path) {
            // A stand-in of the wrong kind: try the next (an enum takes the first value it allows).
            let first_allowed = message
                .strip_prefix("unknown variant")
                .and_then(|m| m.split_once("expected "))
                .and_then(|(_, allowed)| allowed.split('`').nth(1))
                .map(|v| Value::String(v.to_string()));
            let (_, kind) = &mut stand_ins[index];
            *kind += 1;
            let value = match first_allowed {
                Some(v) => v,
                None if *kind < KINDS => stand_in(*kind),
                None => return Err((problems, false)),
            };
            if put(&mut table, &path, value) {
                continue;
            }
            return Err((problems, false));
        }
        let unknown =
            message.strip_prefix("unknown field `").and_then(|r| r.split('`').next()).map(String::from);
        let reported = !inside_stand_in(&path);
        let went_on = match unknown {
            // Leave the unknown key out and read on.
            Some(field) => {
                // The path may end at the key itself, or at its table.
                let table_path =
                    if path.last() == Some(&field) { &path[..path.len() - 1] } else { &path[..] };
                let parent = if table_path.is_empty() {
                    Some(&mut table)
                } else {
                    at(&mut table, table_path).and_then(Value::as_table_mut)
                };
                parent.and_then(|t| t.remove(&field)).is_some()
            }
            // Stand in for the wrong value and read on.
            None => {
                let placed = put(&mut table, &path, stand_in(0));
                stand_ins.push((path, 0));
                placed
            }
        };
        if reported {
            problems.push(e);
        }
        if !went_on {
            return Err((problems, false));
        }
    }
    Err((problems, false))
}
