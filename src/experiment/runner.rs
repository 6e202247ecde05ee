//! Replications in parallel with rayon. Each replication draws only from its own streams, and
//! results are collected in replication order (rayon's indexed collect), so the numbers do not
//! depend on the number of threads.

use rayon::prelude::*;

use crate::model::history::History;
use crate::model::{Inputs, ReplicationOutput, run_replication, run_replication_recorded};

/// All replications of one scenario.
#[derive(Debug, Clone)]
pub struct ScenarioRun {
    pub inputs: Inputs,
    pub outputs: Vec<ReplicationOutput>,
}

impl ScenarioRun {
    /// Metric `index` across replications.
    pub fn metric(&self, index: usize) -> Vec<f64> {
        self.outputs.iter().map(|o| o.metrics[index]).collect()
    }
}

/// Run replications `reps` of `inputs` (with seed `inputs.simulation.seed`) on `threads`
/// threads, in replication order, calling `on_done` after each.
pub fn run_replications(
    inputs: &Inputs,
    reps: std::ops::Range<u32>,
    threads: Option<usize>,
    on_done: &(dyn Fn() + Sync),
) -> Result<Vec<ReplicationOutput>, rayon::ThreadPoolBuildError> {
    let seed = inputs.simulation.seed;
    for_each_replication(reps, threads, on_done, |replication| run_replication(inputs, seed, replication))
}

/// `run(r)` for each replication r of `reps` on `threads` threads, collected in replication
/// order, calling `on_done` after each.
pub fn for_each_replication<T: Send>(
    reps: std::ops::Range<u32>,
    threads: Option<usize>,
    on_done: &(dyn Fn() + Sync),
    run: impl Fn(u32) -> T + Sync,
) -> Result<Vec<T>, rayon::ThreadPoolBuildError> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads.unwrap_or(0)).build()?;
    Ok(pool.install(|| {
        reps.into_par_iter()
            .map(|replication| {
                let out = run(replication);
                on_done();
                out
            })
            .collect()
    }))
}

/// Everything that happened to everyone in replication `replication` of `inputs` (with seed
/// `inputs.simulation.seed`): the same replication as in a run, recorded.
pub fn trace(inputs: &Inputs, replication: u32) -> History {
    run_replication_recorded(inputs, inputs.simulation.seed, replication).1.history
}

/// Run `inputs.simulation.replications` replications with seed `inputs.simulation.seed` on
/// `threads` threads (all cores when `None`), calling `on_done` after each replication.
pub fn run_scenario(
    inputs: &Inputs,
    threads: Option<usize>,
    on_done: &(dyn Fn() + Sync),
) -> Result<ScenarioRun, rayon::ThreadPoolBuildError> {
    let outputs = run_replications(inputs, 0..inputs.simulation.replications, threads, on_done)?;
    Ok(ScenarioRun { inputs: inputs.clone(), outputs })
}
