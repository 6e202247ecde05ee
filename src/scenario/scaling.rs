//! A scenario whose keys are scaled by factors, for calibration.
//!
//! Every real number under a key is multiplied by the key's factor; whole numbers (beds, slots,
//! practices) are decisions or structure and stay as they are. A distribution is scaled as the
//! values it draws are: its `low`, `mode`, `high` and `median` are multiplied, its shape (a
//! lognormal's `sigma`, a beta's `alpha` and `beta`) is not, so every replication's draw is the
//! same draw scaled. One share of a list that must add up to 1
//! (`discharge.pathway_shares.fit[3]`) is scaled and the list's other shares take up the
//! difference, keeping their proportions, as the model does with drawn shares; a key that holds a
//! whole list of shares is refused, since one factor on every share cannot keep them adding up
//! to 1.
//!
//! The values are scaled as written (before validation, so a lognormal without bounds stays
//! without), and the scaled scenario is loaded and validated as any other; factors that make it
//! invalid are the caller's to treat as out of range. Each key's range is checked at both ends
//! before anything runs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use toml::Value;

use super::error::{Problem, ScenarioError};
use super::load::{Chain, Override, Scenario, key_and_index, key_holds};
use super::targets::{Parameter, Targets};
use super::validate::share_lists;

/// A list of shares some of whose entries are scaled: which, and every share as written.
#[derive(Debug, Clone)]
struct NamedShares {
    named: BTreeSet<usize>,
    before: Vec<f64>,
}

/// A scenario read once, ready to be loaded with its parameters scaled by any factors.
#[derive(Debug, Clone)]
pub struct ScaledScenario {
    pub(super) chain: Chain,
    /// The run settings of the targets file, then the command line's overrides.
    pub(super) base: Vec<Override>,
    /// The keys the command line set.
    pub(super) command_line: Vec<String>,
    /// The scenario with `base` applied, as written (serialised from its types, so a real
    /// number is a float even where the file wrote `275`).
    pub(super) as_written: Value,
    pub(super) parameters: Vec<Parameter>,
    /// Each list of shares the parameters scale entries of.
    shares_named: BTreeMap<String, NamedShares>,
    /// The scenario with every factor at its start.
    start: Scenario,
}

/// The problems of an invalid scenario as one line, without their locations (which would say
/// `--set` for every scaled key).
pub fn problems_text(err: &ScenarioError) -> String {
    match err {
        ScenarioError::Invalid { problems } => {
            problems.iter().map(|p| format!("{}: {}", p.key, p.message)).collect::<Vec<_>>().join("; ")
        }
        other => other.to_string(),
    }
}

/// The value at a dotted key (with list entries by position, `fit[3]`).
pub(super) fn value_at<'a>(root: &'a mut Value, key: &str) -> Result<&'a mut Value, String> {
    let mut current = root;
    for part in key.split('.') {
        let (name, index) =
            key_and_index(part).ok_or_else(|| format!("`{part}` has an index that is not a number"))?;
        let table =
            current.as_table_mut().ok_or_else(|| format!("`{name}` is inside a value, not a section"))?;
        current = table.get_mut(name).ok_or_else(|| format!("the scenario has no `{name}` there"))?;
        if let Some(i) = index {
            let list = current.as_array_mut().ok_or_else(|| format!("`{name}` is not a list"))?;
            let len = list.len();
            current = list
                .get_mut(i)
                .ok_or_else(|| format!("`{part}` is past the end of the list ({len} entries)"))?;
        }
    }
    Ok(current)
}

/// Multiply every real number under `value` by `factor`; returns how many there were.
fn scale(value: &mut Value, factor: f64) -> Result<usize, String> {
    let scaled = match value {
        Value::Float(x) => {
            *x *= factor;
            1
        }
        Value::Array(items) => items.iter_mut().map(|v| scale(v, factor)).sum::<Result<usize, _>>()?,
        Value::Table(table) => match table.get("dist").and_then(Value::as_str) {
            // A cost: its price.
            None if table.contains_key("gbp") => table.get_mut("gbp").map_or(Ok(0), |v| scale(v, factor))?,
            // A section mixes levels (rates, days, prices) with shapes and structure (spreads,
            // relative rates, coverage, the discount rate), which one factor must not scale.
            None => {
                return Err("names a section, whose numbers are not all levels one factor may scale: \
                            name the keys of the rates, days or prices inside it"
                    .into());
            }
            Some("dirichlet") => {
                return Err(
                    "holds a list of shares drawn jointly (dirichlet), which one factor cannot scale \
                            and keep adding up to 1"
                        .into(),
                );
            }
            // A distribution: its values, not its shape.
            Some(_) => ["low", "mode", "high", "median"]
                .into_iter()
                .filter_map(|field| table.get_mut(field).map(|v| scale(v, factor)))
                .sum::<Result<usize, _>>()?,
        },
        _ => 0,
    };
    Ok(scaled)
}

/// `list[3]` as `("list", 3)`.
fn list_entry(key: &str) -> Option<(&str, usize)> {
    let (list, index) = key.strip_suffix(']')?.rsplit_once('[')?;
    Some((list, index.parse().ok()?))
}

impl ScaledScenario {
    /// Read the scenario at `path` with the targets file's run settings and the command line's
    /// `overrides`, and check every key the targets file names: that the scenario has it, that it
    /// holds real numbers that can be scaled, and that the scenario is valid at both ends of its
    /// range. Problems are reported at the targets file's lines.
    pub fn new(
        path: &Path,
        targets: &Targets,
        overrides: &[Override],
    ) -> Result<ScaledScenario, ScenarioError> {
        let chain = Chain::read(path)?;
        let base: Vec<Override> = targets.run_settings.iter().chain(overrides).cloned().collect();
        let command_line: Vec<String> = overrides.iter().map(|o| o.key.clone()).collect();
        let unscaled = chain.resolve(&base).map_err(|e| blame_run_settings(e, targets, &command_line))?;
        let (inputs, _) = chain.as_written(&base)?;
        let as_written = Value::try_from(&inputs).expect("a scenario's parameters serialise");
        let lists = share_lists(&unscaled.inputs);
        let mut problems = Vec::new();
        if unscaled.inputs.simulation.replications < 2 {
            problems.push(targets.problem(
                "replications",
                "a calibration needs at least 2 replications, so each fitted mean has an interval",
            ));
        }
        let mut shares_named: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
        for (i, p) in targets.parameters.iter().enumerate() {
            for key in &p.keys {
                match key_problem(&as_written, key, &lists) {
                    Err(message) => problems.push(targets.problem(&format!("parameter[{i}].key"), message)),
                    Ok(Some((list, index))) => {
                        shares_named.entry(list).or_default().insert(index);
                    }
                    Ok(None) => {}
                }
            }
        }
        let mut named_shares = BTreeMap::new();
        for (list, named) in shares_named {
            match share_problem(&as_written, &list, &named) {
                Ok(before) => {
                    named_shares.insert(list, NamedShares { named, before });
                }
                Err(message) => problems.push(targets.problem("", message)),
            }
        }
        if !problems.is_empty() {
            return Err(ScenarioError::InvalidTargets { problems });
        }
        let mut scaled = ScaledScenario {
            chain,
            base,
            command_line,
            as_written,
            parameters: targets.parameters.clone(),
            shares_named: named_shares,
            start: unscaled,
        };
        let starts: Vec<f64> = scaled.parameters.iter().map(|p| 1.0_f64.clamp(p.low, p.high)).collect();
        scaled.start = scaled.load(&starts).map_err(|e| ScenarioError::InvalidTargets {
            problems: vec![targets.problem(
                "",
                format!(
                    "at the factors the search starts from, {starts:?}, the scenario is not valid: {}",
                    problems_text(&e)
                ),
            )],
        })?;
        let ends = scaled.range_end_problems(targets, &starts);
        if !ends.is_empty() {
            return Err(ScenarioError::InvalidTargets { problems: ends });
        }
        Ok(scaled)
    }

    /// The scenario with every factor where the search starts (1, or the end of its range nearest 1).
    pub fn start(&self) -> &Scenario {
        &self.start
    }

    /// Each parameter alone at each end of its range, the others at their start, must give a
    /// valid scenario: so the range is one the search may roam.
    fn range_end_problems(&self, targets: &Targets, starts: &[f64]) -> Vec<Problem> {
        let mut problems = Vec::new();
        for (i, p) in self.parameters.iter().enumerate() {
            for end in [p.low, p.high] {
                let mut factors = starts.to_vec();
                factors[i] = end;
                if let Err(e) = self.load(&factors) {
                    problems.push(targets.problem(
                        &format!("parameter[{i}].factor"),
                        format!(
                            "at {end}, an end of this range, the scenario is not valid ({}): narrow the range",
                            problems_text(&e)
                        ),
                    ));
                }
            }
        }
        problems
    }

    /// The keys the factors change, as overrides of the scenario write them: each parameter's
    /// keys, a share by its whole list.
    pub(super) fn written_keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = Vec::new();
        for key in self.parameters.iter().flat_map(|p| &p.keys) {
            let written = match list_entry(key) {
                Some((list, _)) if self.shares_named.contains_key(list) => list.to_string(),
                _ => key.clone(),
            };
            if !keys.contains(&written) {
                keys.push(written);
            }
        }
        keys
    }

    /// The scenario as written with every parameter scaled by its factor (in parameter order)
    /// and every list of shares made to add up to 1 again.
    pub(super) fn scaled(&self, factors: &[f64]) -> Value {
        let mut table = self.as_written.clone();
        for (p, &factor) in self.parameters.iter().zip(factors) {
            for key in &p.keys {
                let value = value_at(&mut table, key).expect("keys are checked when the scenario is read");
                scale(value, factor).expect("keys are checked when the scenario is read");
            }
        }
        for (list, NamedShares { named, before }) in &self.shares_named {
            let entries = value_at(&mut table, list).expect("checked").as_array_mut().expect("checked");
            let named_now: f64 = named.iter().map(|&i| entries[i].as_float().expect("checked")).sum();
            let named_before: f64 = named.iter().map(|&i| before[i]).sum();
            // Unchanged shares stay exactly as written, so factors of 1 give the scenario itself.
            if named_now == named_before {
                continue;
            }
            let others_before: f64 =
                (0..before.len()).filter(|i| !named.contains(i)).map(|i| before[i]).sum();
            let ratio = (1.0 - named_now) / others_before;
            for (i, entry) in entries.iter_mut().enumerate().filter(|(i, _)| !named.contains(i)) {
                *entry = Value::Float(before[i] * ratio);
            }
        }
        table
    }

    /// The overrides that give the scenario at `factors`: the run settings and the command line's,
    /// then every scaled key.
    pub fn overrides(&self, factors: &[f64]) -> Vec<Override> {
        let mut table = self.scaled(factors);
        let mut list = self.base.clone();
        for key in self.written_keys() {
            let value = value_at(&mut table, &key).expect("checked").clone();
            list.push(Override { key, value });
        }
        list
    }

    /// The scenario with each parameter scaled by its factor, validated.
    pub fn load(&self, factors: &[f64]) -> Result<Scenario, ScenarioError> {
        self.chain.resolve(&self.overrides(factors))
    }
}

/// Why `key` cannot be scaled, or the list of shares and entry it names if it is one share.
fn key_problem(as_written: &Value, key: &str, lists: &[String]) -> Result<Option<(String, usize)>, String> {
    let mut probe = as_written.clone();
    let value =
        value_at(&mut probe, key).map_err(|why| format!("`{key}` is not a key of the scenario: {why}"))?;
    if let Some(list) = lists.iter().find(|list| key_holds(key, list)) {
        return Err(format!(
            "`{key}` holds the shares `{list}`, which must add up to 1, so one factor cannot scale them all: name one \
             share, such as `{list}[3]`, and the others take up the rest"
        ));
    }
    let numbers = scale(value, 2.0).map_err(|why| format!("`{key}` {why}"))?;
    if numbers == 0 {
        return Err(format!(
            "`{key}` holds no real numbers to scale (whole numbers, such as beds, are decisions, not fitted)"
        ));
    }
    Ok(list_entry(key).filter(|(list, _)| lists.iter().any(|l| l == list)).map(|(l, i)| (l.to_string(), i)))
}

/// The shares of `list` as written, if the `named` ones can be scaled with the others taking up
/// the rest; why not, if they cannot.
fn share_problem(as_written: &Value, list: &str, named: &BTreeSet<usize>) -> Result<Vec<f64>, String> {
    let mut probe = as_written.clone();
    let entries = value_at(&mut probe, list).ok().and_then(|v| v.as_array()).cloned().unwrap_or_default();
    let before: Vec<f64> = entries.iter().filter_map(Value::as_float).collect();
    if before.len() != entries.len() {
        return Err(format!(
            "the shares `{list}` include a distribution: one of them can be scaled only when every share of the \
             list is a fixed number"
        ));
    }
    let others: f64 = before.iter().enumerate().filter(|(i, _)| !named.contains(i)).map(|(_, v)| v).sum();
    if others <= 0.0 {
        return Err(format!(
            "the shares of `{list}` that are not scaled are all 0 (or there are none), so none can take up the change"
        ));
    }
    Ok(before)
}

/// A problem with the targets file's run settings is the targets file's, not the command line's.
fn blame_run_settings(err: ScenarioError, targets: &Targets, command_line: &[String]) -> ScenarioError {
    let ScenarioError::Invalid { problems } = err else { return err };
    let from_targets = |p: &Problem| {
        p.location == "--set"
            && targets.run_settings.iter().any(|o| o.key == p.key)
            && !command_line.contains(&p.key)
    };
    if !problems.iter().any(from_targets) {
        return ScenarioError::Invalid { problems };
    }
    let problems = problems
        .into_iter()
        .map(|p| {
            if from_targets(&p) {
                targets.problem(p.key.trim_start_matches("simulation."), p.message)
            } else {
                p
            }
        })
        .collect();
    ScenarioError::InvalidTargets { problems }
}

#[cfg(test)]
pub(super) mod tests;
