//! Paired comparisons: every scenario runs on the baseline's seed, replications and years, so
//! replication r of each scenario meets the same people and chance events as replication r of
//! the baseline (common random numbers).

use crate::model::{Inputs, run_replication_recorded};

use super::cohorts::{Followed, ScenarioCohorts, counterfactuals, follow};
use super::runner::{ScenarioRun, for_each_replication};

/// Give `scenario` the baseline's run settings. Returns the names of settings that differed.
pub fn align(baseline: &Inputs, scenario: &mut Inputs) -> Vec<&'static str> {
    let (b, s) = (&baseline.simulation, &mut scenario.simulation);
    let mut changed = Vec::new();
    if s.years != b.years {
        changed.push("years");
    }
    if s.warmup_years != b.warmup_years {
        changed.push("warmup_years");
    }
    if s.replications != b.replications {
        changed.push("replications");
    }
    if s.seed != b.seed {
        changed.push("seed");
    }
    if s.inner_replications != b.inner_replications {
        changed.push("inner_replications");
    }
    if s.timeseries_interval_days != b.timeseries_interval_days {
        changed.push("timeseries_interval_days");
    }
    *s = b.clone();
    changed
}

/// The baseline and each scenario, run with the same settings, and the cohorts each
/// scenario's interventions served.
pub struct Comparison {
    pub baseline: ScenarioRun,
    pub scenarios: Vec<ScenarioRun>,
    /// One entry per scenario, in the same order.
    pub cohorts: Vec<ScenarioCohorts>,
}

/// Run every (aligned) scenario, then the baseline, whose replications measure the
/// scenarios' cohorts as they would have fared without them. `on_done` is called after each
/// replication.
pub fn run_comparison(
    baseline: &Inputs,
    scenarios: &[Inputs],
    threads: Option<usize>,
    on_done: &(dyn Fn() + Sync),
) -> Result<Comparison, rayon::ThreadPoolBuildError> {
    let (seed, reps) = (baseline.simulation.seed, baseline.simulation.replications);
    let mut runs = Vec::new();
    let mut followed: Vec<Vec<Followed>> = Vec::new();
    for scenario in scenarios {
        let mut aligned = scenario.clone();
        align(baseline, &mut aligned);
        let (outputs, cohorts): (Vec<_>, Vec<_>) = for_each_replication(0..reps, threads, on_done, |r| {
            let (output, recording) = run_replication_recorded(&aligned, seed, r);
            (output, follow(&aligned, &recording))
        })?
        .into_iter()
        .unzip();
        runs.push(ScenarioRun { inputs: aligned, outputs });
        followed.push(cohorts);
    }
    let (outputs, counterfactual): (Vec<_>, Vec<_>) = for_each_replication(0..reps, threads, on_done, |r| {
        let (output, recording) = run_replication_recorded(baseline, seed, r);
        let paired: Vec<&Followed> = followed.iter().map(|f| &f[r as usize]).collect();
        (output, counterfactuals(baseline, &recording, &paired))
    })?
    .into_iter()
    .unzip();
    let cohorts = followed
        .into_iter()
        .enumerate()
        .map(|(s, replications)| {
            let names = replications.first().map(|f| f.names.clone()).unwrap_or_default();
            let same_people = counterfactual.iter().all(|base: &Vec<_>| base[s].is_some());
            let replications = replications
                .into_iter()
                .zip(&counterfactual)
                .map(|(f, base)| {
                    let mut sums = f.sums;
                    for (cohort, cf) in sums.iter_mut().zip(base[s].iter().flatten()) {
                        cohort.counterfactual = *cf;
                    }
                    sums
                })
                .collect();
            ScenarioCohorts { names, replications, same_people }
        })
        .collect();
    Ok(Comparison { baseline: ScenarioRun { inputs: baseline.clone(), outputs }, scenarios: runs, cohorts })
}
