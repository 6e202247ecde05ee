//! Sweep orchestration: from a checked experiment file to the units of work one shard runs.
//!
//! [`problem`] checks an experiment before anything runs. [`Sweep::load`] expands the design
//! into points, has the reference and every point loaded as a scenario (so every point is
//! validated before anything runs), fingerprints the whole, and splits the work into units
//! (`plan`). [`Sweep::pending`] picks the units of one shard that have not finished yet, and
//! [`Sweep::run`] runs them one after another, handing each unit's values over as it finishes.
//!
//! Scenario files are loaded by the caller, through a loader closure: `experiment` does not use
//! `scenario` (see ARCHITECTURE.md), so this module says which file to load with which overrides
//! for which group, and the caller (the command line) calls `scenario::load` and words its
//! errors. Likewise whether a unit has finished, and keeping its values, are the caller's
//! (`results::sweep`, where the unit files are): this module reads and writes no files and
//! prints nothing.

use std::path::Path;

use sha2::{Digest, Sha256};

use super::plan::{self, ExperimentFile, Group, Point, Unit};
use super::runner::run_replications;
use crate::model::{Inputs, metric_names};

/// The longest experiment name (it names the output folder) and description.
const MAX_NAME_CHARS: usize = 80;
const MAX_DESCRIPTION_CHARS: usize = 2_000;

/// An override of one scenario key, as the loader receives them: (dotted key, value).
pub type Setting = (String, toml::Value);

/// The first thing wrong with the experiment, as (key, message); the key is empty for the
/// design as a whole. Checked before anything is loaded or run.
pub fn problem(e: &ExperimentFile) -> Option<(&'static str, String)> {
    let length = e.name.chars().count();
    if e.name.trim().is_empty() || length > MAX_NAME_CHARS || e.name.chars().any(char::is_control) {
        return Some((
            "name",
            format!("must be one line of 1 to {MAX_NAME_CHARS} characters, got {length} characters"),
        ));
    }
    if e.description.chars().count() > MAX_DESCRIPTION_CHARS {
        return Some(("description", format!("must be at most {MAX_DESCRIPTION_CHARS} characters")));
    }
    if let Some(first) = plan::design_problems(e).into_iter().next() {
        return Some(("", first));
    }
    let names = metric_names();
    let unknown = e.metrics.iter().find(|m| !names.contains(m))?;
    Some(("metrics", format!("unknown metric `{unknown}`; allowed: {}", names.join(", "))))
}

/// The experiment's run settings, applied to the reference and to every point alike, so all of
/// them run the same replications on the same seed and years.
fn run_settings(e: &ExperimentFile) -> Vec<Setting> {
    let int = |key: &str, v: i64| (key.to_string(), toml::Value::Integer(v));
    let mut list = vec![
        int("simulation.replications", i64::from(e.replications)),
        int("simulation.seed", e.seed as i64),
    ];
    if let Some(y) = e.years {
        list.push(int("simulation.years", i64::from(y)));
    }
    if let Some(w) = e.warmup_years {
        list.push(int("simulation.warmup_years", i64::from(w)));
    }
    list
}

/// SHA-256 of the caresim version (as `results` writes it), the experiment file and every
/// resolved scenario: any change is caught.
fn fingerprint(text: &str, reference: &Inputs, points: &[Inputs]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    hasher.update(text.as_bytes());
    for inputs in std::iter::once(reference).chain(points) {
        hasher.update(toml::to_string(inputs).expect("parameters serialise").as_bytes());
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// A sweep ready to run: the experiment, its points loaded as validated parameters, its
/// fingerprint, and its work split into units for a number of shards.
#[derive(Debug, Clone)]
pub struct Sweep {
    pub experiment: ExperimentFile,
    /// The design's points, in order.
    pub points: Vec<Point>,
    /// The scenario differences are taken against.
    pub reference: Inputs,
    /// `point_params[i]`: the scenario with point `i`'s overrides.
    pub point_params: Vec<Inputs>,
    /// Fingerprint of the version, the experiment file and every resolved scenario.
    pub hash: String,
    /// Every unit of work, in order (the split depends on the number of shards).
    pub units: Vec<Unit>,
}

/// The units one shard still has to run.
#[derive(Debug, Clone)]
pub struct Pending {
    /// How many units the shard has in all.
    pub assigned: usize,
    /// Those not finished yet, in order.
    pub todo: Vec<Unit>,
}

impl Pending {
    /// Units already finished, which are skipped.
    pub fn skipped(&self) -> usize {
        self.assigned - self.todo.len()
    }

    /// Replications still to run.
    pub fn replications(&self) -> u64 {
        self.todo.iter().map(|u| u64::from(u.end_rep - u.first_rep)).sum()
    }
}

/// Why running the units stopped.
#[derive(Debug, thiserror::Error)]
pub enum SweepRunError<E> {
    #[error("cannot start worker threads")]
    Threads(#[source] rayon::ThreadPoolBuildError),
    /// The caller could not keep a finished unit's values.
    #[error(transparent)]
    Record(E),
}

impl Sweep {
    /// Expand the design of `experiment` (read from `path`, whose text is `text`), load the
    /// reference and then each point with `load(scenario file, overrides, group)`, stopping at the
    /// first error, and split the work for `shards` shards. Scenario paths in the experiment are
    /// taken relative to `path`. Call on an experiment without a [`problem`].
    pub fn load<E>(
        path: &Path,
        experiment: ExperimentFile,
        text: &str,
        shards: u32,
        mut load: impl FnMut(&Path, &[Setting], Group) -> Result<Inputs, E>,
    ) -> Result<Sweep, E> {
        let points = plan::points(&experiment);
        let settings = run_settings(&experiment);
        let reference_file =
            plan::relative_to(path, experiment.reference.as_ref().unwrap_or(&experiment.scenario));
        let reference = load(&reference_file, &settings, Group::Reference)?;
        let scenario_file = plan::relative_to(path, &experiment.scenario);
        let mut point_params = Vec::new();
        for (i, point) in points.iter().enumerate() {
            let mut overrides = settings.clone();
            overrides.extend(point.values.iter().cloned());
            point_params.push(load(&scenario_file, &overrides, Group::Point(i))?);
        }
        let hash = fingerprint(text, &reference, &point_params);
        let units = plan::units(points.len(), experiment.replications, shards);
        Ok(Sweep { experiment, points, reference, point_params, hash, units })
    }

    /// The parameters a group runs with.
    pub fn inputs(&self, group: Group) -> &Inputs {
        match group {
            Group::Reference => &self.reference,
            Group::Point(i) => &self.point_params[i],
        }
    }

    /// The units of shard `shard` (1-based) of `shards`, without those `is_done` says have
    /// already finished (an interrupted sweep resumes with only the missing work).
    pub fn pending<E>(
        &self,
        shard: u32,
        shards: u32,
        mut is_done: impl FnMut(&Unit) -> Result<bool, E>,
    ) -> Result<Pending, E> {
        let mine = plan::shard(&self.units, shard - 1, shards);
        let mut todo = Vec::new();
        for unit in &mine {
            if !is_done(unit)? {
                todo.push(unit.clone());
            }
        }
        Ok(Pending { assigned: mine.len(), todo })
    }

    /// Run `units` in order on `threads` threads (all cores when `None`), calling `on_done` after
    /// each replication and `record(unit, values)` as each unit finishes, where `values[r][m]`
    /// is metric `m` of the unit's replication `first_rep + r`.
    pub fn run<E>(
        &self,
        units: &[Unit],
        threads: Option<usize>,
        on_done: &(dyn Fn() + Sync),
        mut record: impl FnMut(&Unit, Vec<Vec<f64>>) -> Result<(), E>,
    ) -> Result<(), SweepRunError<E>> {
        for unit in units {
            let outputs =
                run_replications(self.inputs(unit.group), unit.first_rep..unit.end_rep, threads, on_done)
                    .map_err(SweepRunError::Threads)?;
            record(unit, outputs.into_iter().map(|o| o.metrics).collect()).map_err(SweepRunError::Record)?;
        }
        Ok(())
    }
}
