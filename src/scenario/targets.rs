//! Targets files for `caresim calibrate`: which scenario keys to scale and within what range, the
//! rates to fit them to (published ones, or a place's own), and the run settings of the fit.
//!
//! Read with the limits of every input file. Unknown keys, unknown metrics, empty or inverted
//! ranges, an sd that is not above 0, no parameters or no targets: each is reported with the
//! file, line and key, all at once. Whether each key is in the scenario is checked when the
//! scenario is read (`scaling`), against this file's lines too.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use toml::{Table, Value};

use super::error::{FileKind, Problem, ScenarioError};
use super::file::read_input;
use super::load::{Override, key_holds, serde_problem};
use super::provenance::{self, Provenance, locate};
use super::rules::MAX_NAME_CHARS;
// The file's parameters and targets are the search's own, checked here.
pub use crate::experiment::calibrate::{Parameter, Target};
use crate::model::{Metric, metric_names};

/// Evaluations a calibration may use unless the file says otherwise.
pub const DEFAULT_MAX_EVALUATIONS: u32 = 60;
/// The largest cap on evaluations a file may ask for.
const MOST_EVALUATIONS: u32 = 10_000;
/// Converged when the misfits at the search's simplex agree within this (their sd), unless the
/// file says otherwise: a hundredth of a squared sd, far below what a target's sd can tell.
pub const DEFAULT_TOLERANCE: f64 = 0.01;

/// The file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetsFile {
    replications: Option<u32>,
    years: Option<u32>,
    warmup_years: Option<u32>,
    seed: Option<u64>,
    max_evaluations: Option<u32>,
    tolerance: Option<f64>,
    #[serde(default)]
    parameter: Vec<ParameterEntry>,
    #[serde(default)]
    target: Vec<TargetEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ParameterEntry {
    key: Keys,
    name: Option<String>,
    factor: [f64; 2],
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetEntry {
    metric: String,
    value: f64,
    sd: f64,
    #[serde(default)]
    source: String,
}

/// One key, or a list of keys scaled by the same factor.
#[derive(Debug)]
struct Keys(Vec<String>);

impl<'de> Deserialize<'de> for Keys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeysVisitor;
        impl<'de> Visitor<'de> for KeysVisitor {
            type Value = Keys;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a scenario key such as \"hazards.crisis.per_1000_per_year\", or a list of keys")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Keys, E> {
                Ok(Keys(vec![v.to_string()]))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Keys, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = seq.next_element::<String>()? {
                    keys.push(key);
                }
                Ok(Keys(keys))
            }
        }
        deserializer.deserialize_any(KeysVisitor)
    }
}

/// A checked targets file.
#[derive(Debug, Clone)]
pub struct Targets {
    pub path: PathBuf,
    /// The file's replications, years, warm-up and seed, as scenario overrides.
    pub run_settings: Vec<Override>,
    pub max_evaluations: u32,
    pub tolerance: f64,
    pub parameters: Vec<Parameter>,
    pub targets: Vec<Target>,
    lines: Provenance,
}

impl Targets {
    /// A problem with `key` of this file, at its line.
    pub(super) fn problem(&self, key: &str, message: impl Into<String>) -> Problem {
        Problem { location: locate(&self.lines, key, &self.path), key: key.into(), message: message.into() }
    }
}

fn invalid(problems: Vec<Problem>) -> ScenarioError {
    ScenarioError::InvalidTargets { problems }
}

/// Read and check the targets file at `path` (its scenario keys are checked against the scenario
/// by [`super::ScaledScenario::new`]).
pub fn read_targets(path: &Path) -> Result<Targets, ScenarioError> {
    let text = read_input(path, FileKind::Targets)?;
    let table: Table = toml::from_str(&text).map_err(|e| ScenarioError::Syntax {
        path: path.to_path_buf(),
        message: e.to_string().trim_end().to_string(),
    })?;
    let lines = provenance::lines_of_keys(&text, &path.display().to_string());
    let at = |key: &str, message: &str| Problem {
        location: locate(&lines, key, path),
        key: key.into(),
        message: message.into(),
    };
    if table.contains_key("simulation") {
        return Err(invalid(vec![at(
            "simulation",
            "this is a scenario file, not a targets file: give the scenario first and the targets file \
             with --targets",
        )]));
    }
    let single: Vec<Problem> = ["parameter", "target"]
        .into_iter()
        .filter(|key| table.get(*key).is_some_and(Value::is_table))
        .map(|key| at(key, &format!("write `[[{key}]]`, with two brackets: one such section for each {key}")))
        .collect();
    if !single.is_empty() {
        return Err(invalid(single));
    }
    let file: TargetsFile = serde_path_to_error::deserialize(Value::Table(table))
        .map_err(|e| invalid(vec![serde_problem(&e, &lines, path)]))?;
    let mut targets = Targets {
        path: path.to_path_buf(),
        run_settings: run_settings(&file),
        max_evaluations: file.max_evaluations.unwrap_or(DEFAULT_MAX_EVALUATIONS),
        tolerance: file.tolerance.unwrap_or(DEFAULT_TOLERANCE),
        parameters: Vec::new(),
        targets: Vec::new(),
        lines,
    };
    let mut problems = Vec::new();
    check_settings(&file, &targets, &mut problems);
    targets.parameters = parameters(&file, &targets, &mut problems);
    targets.targets = target_list(&file, &targets, &mut problems);
    if problems.is_empty() { Ok(targets) } else { Err(invalid(problems)) }
}

fn run_settings(file: &TargetsFile) -> Vec<Override> {
    let settings = [
        ("simulation.replications", file.replications.map(i64::from)),
        ("simulation.years", file.years.map(i64::from)),
        ("simulation.warmup_years", file.warmup_years.map(i64::from)),
        // TOML integers are signed; a larger seed is refused by the scenario's own check.
        ("simulation.seed", file.seed.map(|s| s.min(i64::MAX as u64) as i64)),
    ];
    settings
        .into_iter()
        .filter_map(|(key, v)| v.map(|v| Override { key: key.into(), value: Value::Integer(v) }))
        .collect()
}

fn check_settings(file: &TargetsFile, t: &Targets, problems: &mut Vec<Problem>) {
    if file.replications.is_some_and(|r| r < 2) {
        problems.push(t.problem("replications", "must be at least 2, so each fitted mean has an interval"));
    }
    let fewest = file.parameter.len() as u32 + 2;
    if !(fewest..=MOST_EVALUATIONS).contains(&t.max_evaluations) {
        problems.push(t.problem(
            "max_evaluations",
            format!(
                "must be between {fewest} (the parameters plus 2: the search's first simplex and a step) and \
                 {MOST_EVALUATIONS}, got {}",
                t.max_evaluations
            ),
        ));
    }
    if !(t.tolerance.is_finite() && t.tolerance > 0.0) {
        problems.push(t.problem("tolerance", format!("must be a number above 0, got {}", t.tolerance)));
    }
    if file.parameter.is_empty() {
        problems
            .push(t.problem("", "name at least one [[parameter]] to fit, with its `key` and `factor` range"));
    }
    if file.target.is_empty() {
        problems.push(
            t.problem("", "name at least one [[target]] to fit to, with its `metric`, `value` and `sd`"),
        );
    }
}

/// What is wrong with a key as a key to scale, if anything (whether the scenario has it is
/// checked later).
fn key_problem(key: &str) -> Option<String> {
    if key.trim().is_empty() || key.split('.').any(str::is_empty) {
        return Some(format!("`{key}` is not a dotted key such as hazards.crisis.per_1000_per_year"));
    }
    let first = key.split(['.', '[']).next().unwrap_or("");
    match first {
        "simulation" => Some(format!(
            "`{key}`: run settings are not fitted; give `replications`, `years`, `warmup_years` or `seed` at the \
             top of this file"
        )),
        "name" | "description" | "extends" => Some(format!("`{key}` holds no numbers to scale")),
        _ => None,
    }
}

fn parameters(file: &TargetsFile, t: &Targets, problems: &mut Vec<Problem>) -> Vec<Parameter> {
    let mut list: Vec<Parameter> = Vec::new();
    for (i, entry) in file.parameter.iter().enumerate() {
        let at = |field: &str| format!("parameter[{i}].{field}");
        let keys = entry.key.0.clone();
        if keys.is_empty() {
            problems.push(t.problem(&at("key"), "name at least one key"));
        }
        for (j, key) in keys.iter().enumerate() {
            if let Some(problem) = key_problem(key) {
                problems.push(t.problem(&at("key"), problem));
            }
            let earlier = list.iter().flat_map(|p| &p.keys).chain(&keys[..j]);
            if let Some(other) =
                earlier.into_iter().find(|other| key_holds(other, key) || key_holds(key, other))
            {
                problems.push(t.problem(
                    &at("key"),
                    format!("`{key}` is scaled already, through `{other}`: name each number once"),
                ));
            }
        }
        let [low, high] = entry.factor;
        if !(low.is_finite() && high.is_finite() && low > 0.0 && low < high) {
            problems.push(t.problem(
                &at("factor"),
                format!(
                    "must be [low, high] with 0 < low < high, the factor's allowed range; got [{low}, {high}]"
                ),
            ));
        }
        let name = entry.name.clone().unwrap_or_else(|| keys.join(", "));
        let length = name.chars().count();
        if entry.name.is_some()
            && (name.trim().is_empty() || length > MAX_NAME_CHARS || name.contains(char::is_control))
        {
            problems.push(t.problem(
                &at("name"),
                format!("must be one line of 1 to {MAX_NAME_CHARS} characters, got {length} characters"),
            ));
        }
        if list.iter().any(|p| p.name == name) {
            problems.push(t.problem(&at("name"), format!("`{name}` names two parameters")));
        }
        list.push(Parameter { name, keys, low, high });
    }
    list
}

fn target_list(file: &TargetsFile, t: &Targets, problems: &mut Vec<Problem>) -> Vec<Target> {
    let mut list: Vec<Target> = Vec::new();
    for (i, entry) in file.target.iter().enumerate() {
        let at = |field: &str| format!("target[{i}].{field}");
        let Some(metric) = Metric::from_name(&entry.metric) else {
            problems.push(t.problem(
                &at("metric"),
                format!("unknown metric `{}`; allowed: {}", entry.metric, metric_names().join(", ")),
            ));
            continue;
        };
        if !entry.value.is_finite() {
            problems.push(t.problem(&at("value"), format!("must be a number, got {}", entry.value)));
        }
        if !(entry.sd.is_finite() && entry.sd > 0.0) {
            problems.push(t.problem(
                &at("sd"),
                format!(
                    "must be above 0: how far from the value a fitted mean may be and still be acceptable; got {}",
                    entry.sd
                ),
            ));
        }
        if list.iter().any(|other| other.metric == metric) {
            problems.push(t.problem(&at("metric"), format!("`{}` has a target already", entry.metric)));
        }
        list.push(Target { metric, value: entry.value, sd: entry.sd, source: entry.source.clone() });
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Targets, String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.toml");
        std::fs::write(&path, text).unwrap();
        read_targets(&path).map_err(|e| e.to_string())
    }

    const GOOD: &str = "replications = 4\n[[parameter]]\nkey = \"hazards.crisis.per_1000_per_year\"\n\
                        factor = [0.5, 2]\n[[target]]\nmetric = \"ae_attendances_per_1000\"\nvalue = 420\nsd = 20\n";

    #[test]
    fn a_good_file_is_read_with_its_defaults() {
        let t = read(GOOD).unwrap();
        assert_eq!(t.max_evaluations, DEFAULT_MAX_EVALUATIONS);
        assert_eq!(t.parameters[0].name, "hazards.crisis.per_1000_per_year");
        assert_eq!((t.parameters[0].low, t.parameters[0].high), (0.5, 2.0));
        assert_eq!(t.targets[0].metric, Metric::AeAttendancesPer1000);
        assert_eq!(
            t.run_settings,
            vec![Override { key: "simulation.replications".into(), value: Value::Integer(4) }]
        );
    }

    #[test]
    fn every_problem_is_named_with_its_line() {
        let text = "[[parameter]]\nkey = [\"hazards.crisis\", \"hazards.crisis.per_1000_per_year\"]\n\
                    factor = [2, 1]\n[[target]]\nmetric = \"ae_attendance\"\nvalue = 1\nsd = 0\n\
                    [[target]]\nmetric = \"deaths\"\nvalue = 1\nsd = 0\n";
        let e = read(text).unwrap_err();
        assert!(
            e.contains("t.toml:2: parameter[0].key: `hazards.crisis.per_1000_per_year` is scaled already"),
            "{e}"
        );
        assert!(e.contains("t.toml:3: parameter[0].factor: must be [low, high] with 0 < low < high"), "{e}");
        assert!(e.contains("t.toml:5: target[0].metric: unknown metric `ae_attendance`"), "{e}");
        assert!(e.contains("t.toml:11: target[1].sd: must be above 0"), "{e}");
    }

    #[test]
    fn unknown_keys_and_empty_files_are_refused() {
        let e = read(&GOOD.replace("sd = 20", "sd = 20\nsauce = \"x\"")).unwrap_err();
        assert!(e.contains(":9: target[0].sauce: unknown key `sauce`"), "{e}");
        let e = read("").unwrap_err();
        assert!(
            e.contains("name at least one [[parameter]]") && e.contains("name at least one [[target]]"),
            "{e}"
        );
        let e = read("[simulation]\nyears = 1\n").unwrap_err();
        assert!(e.contains("this is a scenario file, not a targets file"), "{e}");
        let e = read(&GOOD.replace("hazards.crisis.per_1000_per_year", "simulation.years")).unwrap_err();
        assert!(e.contains("run settings are not fitted"), "{e}");
        let e = read(&GOOD.replace("[[target]]", "[target]")).unwrap_err();
        assert!(e.contains(":5: target: write `[[target]]`, with two brackets"), "{e}");
        let e = read(&format!("max_evaluations = 2\n{GOOD}")).unwrap_err();
        assert!(e.contains("max_evaluations: must be between 3"), "{e}");
    }
}
