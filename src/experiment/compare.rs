//! Paired comparisons: every scenario runs on the baseline's seed, replications and years, so
//! replication r of each scenario meets the same people and chance events as replication r of
//! the baseline (common random numbers).

use crate::model::Inputs;

use super::runner::{ScenarioRun, run_scenario};

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

/// The baseline and each scenario, run one after another with the same settings.
pub struct Comparison {
    pub baseline: ScenarioRun,
    pub scenarios: Vec<ScenarioRun>,
}

/// Run the baseline and every (aligned) scenario. `on_done` is called after each replication.
pub fn run_comparison(
    baseline: &Inputs,
    scenarios: &[Inputs],
    threads: Option<usize>,
    on_done: &(dyn Fn() + Sync),
) -> Result<Comparison, rayon::ThreadPoolBuildError> {
    let base = run_scenario(baseline, threads, on_done)?;
    let mut runs = Vec::new();
    for scenario in scenarios {
        let mut aligned = scenario.clone();
        align(baseline, &mut aligned);
        runs.push(run_scenario(&aligned, threads, on_done)?);
    }
    Ok(Comparison { baseline: base, scenarios: runs })
}
