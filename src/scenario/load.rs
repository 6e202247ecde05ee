//! Reading scenario files: `extends` chains, `--set` overrides, and where each key was written.

use super::missing::read_reporting_every_problem;
use std::path::{Path, PathBuf};

use toml::{Table, Value};

use super::compose::read_composed;
use super::error::{Problem, ScenarioError};
use super::provenance::{Provenance, join, locate};
use super::validate::validate;
use crate::model::Inputs;

/// A validated scenario and what it was made from.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub inputs: Inputs,
    /// Every file of the `extends` chain as written (with its comments on sources), the file
    /// named on the command line first.
    pub sources: Vec<(PathBuf, String)>,
}

impl Scenario {
    /// The chain's files one after another, each under a heading line, for the result folder.
    pub fn sources_text(&self) -> String {
        self.sources
            .iter()
            .map(|(path, text)| format!("# ===== {} =====\n{text}\n", path.display()))
            .collect()
    }
}

/// A command-line override `key.path=value`.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    pub key: String,
    pub value: Value,
}

/// Parse `key.path=value`. The value is read as TOML (`3`, `0.5`, `[1, 2]`, `"text"`); a bare
/// word that is not TOML is taken as text.
pub fn parse_override(text: &str) -> Result<Override, String> {
    let (key, raw) = text
        .split_once('=')
        .ok_or_else(|| format!("--set {text}: expected KEY=VALUE, e.g. acute.beds=300"))?;
    let key = key.trim();
    if key.is_empty() || key.split('.').any(str::is_empty) {
        return Err(format!("--set {text}: the key must be a dotted path such as acute.beds"));
    }
    let raw = raw.trim();
    let value = toml::from_str::<Table>(&format!("v = {raw}"))
        .ok()
        .and_then(|mut t| t.remove("v"))
        .unwrap_or_else(|| Value::String(raw.to_string()));
    Ok(Override { key: key.to_string(), value })
}

/// Load, merge and validate a scenario file, then apply `overrides`.
pub fn load(path: &Path, overrides: &[Override]) -> Result<Scenario, ScenarioError> {
    Chain::read(path)?.resolve(overrides)
}

/// A scenario file and everything it extends, read and merged but not yet checked: resolved
/// again with other overrides without reading the files again (calibration does, at every
/// evaluation).
#[derive(Debug, Clone)]
pub(super) struct Chain {
    pub(super) path: PathBuf,
    table: Table,
    provenance: Provenance,
    pub(super) sources: Vec<(PathBuf, String)>,
}

impl Chain {
    pub(super) fn read(path: &Path) -> Result<Chain, ScenarioError> {
        let mut sources = Vec::new();
        let (table, provenance) = read_composed(path, &mut sources)?;
        if table.contains_key("design") && !table.contains_key("simulation") {
            return Err(ScenarioError::single(
                path.display().to_string(),
                "",
                "this is an experiment file, not a scenario: run it with `caresim sweep`",
            ));
        }
        Ok(Chain { path: path.to_path_buf(), table, provenance, sources })
    }

    /// The scenario with `overrides` applied, validated.
    pub(super) fn resolve(&self, overrides: &[Override]) -> Result<Scenario, ScenarioError> {
        let (mut inputs, provenance) = self.as_written(overrides)?;
        let problems: Vec<Problem> = validate(&mut inputs)
            .into_iter()
            .map(|(key, message)| Problem { location: locate(&provenance, &key, &self.path), key, message })
            .collect();
        if !problems.is_empty() {
            return Err(ScenarioError::Invalid { problems });
        }
        Ok(Scenario { inputs, sources: self.sources.clone() })
    }

    /// The scenario with `overrides` applied, as written: of the right types, but not validated
    /// (so a lognormal has only the bounds the file gives), and where each key was set.
    pub(super) fn as_written(&self, overrides: &[Override]) -> Result<(Inputs, Provenance), ScenarioError> {
        let mut table = self.table.clone();
        let mut provenance = self.provenance.clone();
        for o in overrides {
            apply_override(&mut table, o)?;
            // What the file wrote under the key is replaced: a problem there is the override's.
            provenance.retain(|k, _| !key_holds(&o.key, k));
            provenance.insert(o.key.clone(), "--set".to_string());
        }
        let inputs = read_reporting_every_problem(table).map_err(|(found, all)| {
            let mut problems: Vec<Problem> =
                found.iter().map(|e| serde_problem(e, &provenance, &self.path)).collect();
            if !all {
                problems.push(Problem {
                    location: self.path.display().to_string(),
                    key: String::new(),
                    message: format!(
                        "(the first {} problems found; there may be more: fix these and check again)",
                        problems.len()
                    ),
                });
            }
            ScenarioError::Invalid { problems }
        })?;
        Ok((inputs, provenance))
    }
}

/// A value of the wrong type or an unknown key, as a problem at the key's line.
pub(super) fn serde_problem(
    e: &serde_path_to_error::Error<toml::de::Error>,
    provenance: &Provenance,
    path: &Path,
) -> Problem {
    let key = e.path().to_string();
    let message = e.inner().to_string();
    // For an unknown key, name the key itself (serde's path may stop at its table).
    let key = if key == "." { String::new() } else { key };
    let full_key = match unknown_field(&message) {
        Some(field) if !key.ends_with(field) => join(&key, field),
        _ => key,
    };
    Problem { location: locate(provenance, &full_key, path), key: full_key, message: friendlier(&message) }
}

/// Whether the key `ancestor` is `key` itself or a section or list that holds it.
pub(super) fn key_holds(ancestor: &str, key: &str) -> bool {
    key == ancestor
        || key.strip_prefix(ancestor).is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

/// Split `staff[0]` into `("staff", Some(0))`; `None` if the index is not a number.
pub(super) fn key_and_index(part: &str) -> Option<(&str, Option<usize>)> {
    match part.strip_suffix(']').and_then(|p| p.split_once('[')) {
        Some((name, index)) => Some((name, Some(index.parse().ok()?))),
        None => Some((part, None)),
    }
}

/// Set `o.key` in `table`. A key names sections with dots and entries of a list of sections
/// (such as `[[teams]]`) by position: `teams[0].staff[1].fte`.
fn apply_override(table: &mut Table, o: &Override) -> Result<(), ScenarioError> {
    let parts: Vec<&str> = o.key.split('.').collect();
    let (last, parents) = parts.split_last().expect("keys are never empty");
    let fail = |i: usize, what: &str| {
        ScenarioError::single("--set", o.key.clone(), format!("`{}` {what}", parts[..=i].join(".")))
    };
    let mut current = table;
    for (i, part) in parents.iter().enumerate() {
        let (name, index) =
            key_and_index(part).ok_or_else(|| fail(i, "has an index that is not a number"))?;
        let value = current.get_mut(name).ok_or_else(|| fail(i, "is not a section of the scenario"))?;
        let value = match (value, index) {
            (Value::Array(list), Some(n)) => {
                let len = list.len();
                list.get_mut(n)
                    .ok_or_else(|| fail(i, &format!("is past the end of the list ({len} entries)")))?
            }
            (value, None) => value,
            (_, Some(_)) => return Err(fail(i, "is not a list")),
        };
        current = match value {
            Value::Table(t) => t,
            _ => return Err(fail(i, "is not a section of the scenario")),
        };
    }
    let last_at = parents.len();
    match key_and_index(last).ok_or_else(|| fail(last_at, "has an index that is not a number"))? {
        (name, None) => {
            current.insert(name.to_string(), o.value.clone());
        }
        // One entry of a list of values, such as `los_mean_days_by_frailty[2]`.
        (name, Some(n)) => match current.get_mut(name) {
            Some(Value::Array(list)) => {
                let len = list.len();
                let entry = list
                    .get_mut(n)
                    .ok_or_else(|| fail(last_at, &format!("is past the end of the list ({len} entries)")))?;
                *entry = o.value.clone();
            }
            Some(_) => return Err(fail(last_at, "is not a list")),
            None => return Err(fail(last_at, "is not a key of the scenario")),
        },
    }
    Ok(())
}

fn unknown_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown field `")?;
    rest.split('`').next()
}

/// Reword serde's messages where a planner would not follow them.
fn friendlier(message: &str) -> String {
    // The TOML deserializer appends "in `table`" lines; the key already says where.
    let message = message.lines().next().unwrap_or(message);
    if let Some(field) = unknown_field(message) {
        let allowed = message.split_once(", expected ").map(|(_, a)| a).unwrap_or("");
        return format!("unknown key `{field}` (a misspelling?); allowed here: {allowed}");
    }
    if let Some(field) = message.strip_prefix("missing field `").and_then(|r| r.split('`').next()) {
        return format!("missing key `{field}`: every parameter must be given (or inherited with `extends`)");
    }
    if message.contains("floating point")
        && (message.contains("expected u32") || message.contains("expected u64"))
    {
        return format!(
            "must be a whole number ({message}); in an experiment file, give the parameter `integer = true`"
        );
    }
    message.replace("invalid type: ", "wrong type: ").replace("invalid length", "wrong number of entries")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_parse_numbers_arrays_and_words() {
        assert_eq!(parse_override("acute.beds=300").unwrap().value, Value::Integer(300));
        assert_eq!(parse_override("a.b = 0.5").unwrap().value, Value::Float(0.5));
        assert!(matches!(parse_override("a=[1, 2]").unwrap().value, Value::Array(_)));
        assert_eq!(parse_override("name=Harrow").unwrap().value, Value::String("Harrow".into()));
        assert!(parse_override("acute.beds").is_err());
        assert!(parse_override("a..b=1").is_err());
    }

    #[test]
    fn overrides_reach_into_lists_of_sections() {
        let mut table: Table =
            toml::from_str("[[teams]]\nname = \"a\"\n[[teams.staff]]\nfte = 1.0\n").unwrap();
        apply_override(&mut table, &parse_override("teams[0].staff[0].fte=2.5").unwrap()).unwrap();
        assert_eq!(table["teams"][0]["staff"][0]["fte"], Value::Float(2.5));
        let past = apply_override(&mut table, &parse_override("teams[3].name=x").unwrap());
        assert!(past.unwrap_err().to_string().contains("past the end"));
        let not_list = apply_override(&mut table, &parse_override("teams[0].name[0].x=1").unwrap());
        assert!(not_list.is_err());
        let mut table: Table = toml::from_str("[acute]\nlos = [1.0, 2.0]\n").unwrap();
        apply_override(&mut table, &parse_override("acute.los[1]=5.0").unwrap()).unwrap();
        assert_eq!(table["acute"]["los"][1], Value::Float(5.0));
        let past = apply_override(&mut table, &parse_override("acute.los[2]=5.0").unwrap());
        assert!(past.unwrap_err().to_string().contains("past the end"));
    }
}
