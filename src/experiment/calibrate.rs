//! Calibration: the factors on scenario parameters whose simulated means come nearest to target
//! rates.
//!
//! The misfit of a set of factors is `sum(((mean - value) / sd)^2)` over the targets, each mean
//! taken over the same replications on the same seed whatever the factors (common random
//! numbers). The misfit is then a deterministic function of the factors, the sample-average
//! approximation of Kleywegt, Shapiro & Homem-de-Mello (2002), which an optimiser for
//! deterministic functions can minimise: here Nelder–Mead (Nelder & Mead 1965), over the
//! logarithms of the factors (a factor is a ratio: halving is as far from 1 as doubling), each
//! kept in its range.
//!
//! Scenarios reach this module through a loader the caller passes (factors to validated
//! `Inputs`, or why those factors give no valid scenario), so it never uses `scenario`; it prints
//! nothing and writes no files.

use super::nelder_mead::{Search, Stop, minimise};
use super::runner::run_scenario;
use crate::model::{Inputs, Metric};

/// The method, named as the result files name it.
pub const METHOD: &str = "sample-average approximation with common random numbers (Kleywegt, Shapiro & \
     Homem-de-Mello 2002, SIAM J Optim 12(2)), minimised by Nelder-Mead (Nelder & Mead 1965, Comput J 7(4)) \
     over the logarithms of the factors, clamped to their ranges, restarted from the best point until a \
     restart no longer improves it (a restart check after O'Neill 1971, Appl Stat 20(3))";

/// One factor to fit: it multiplies every real number under each of `keys`.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// The `name` given in the targets file, or its keys.
    pub name: String,
    pub keys: Vec<String>,
    /// The factor's allowed range, `0 < low < high`.
    pub low: f64,
    pub high: f64,
}

impl Parameter {
    /// The scenario as it is (factor 1), or the end of the range nearest it.
    pub fn start(&self) -> f64 {
        1.0_f64.clamp(self.low, self.high)
    }
}

/// A rate to fit: the metric's mean over the replications should be `value`, give or take `sd`.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub metric: Metric,
    pub value: f64,
    pub sd: f64,
    /// Where the value comes from, carried into the results.
    pub source: String,
}

/// What to fit, to what, and how long to try.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub parameters: Vec<Parameter>,
    pub targets: Vec<Target>,
    /// At least one more than the number of parameters.
    pub max_evaluations: u32,
    /// The search has converged when the misfits at the simplex's vertices agree within this
    /// (their standard deviation) and a fresh start improves on the best by no more.
    pub tolerance: f64,
}

/// One evaluation: a set of factors and what it gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub factors: Vec<f64>,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The scenario ran: each target's metric in every replication (`values[target][replication]`),
    /// its mean, and the misfit.
    Ran { values: Vec<Vec<f64>>, means: Vec<f64>, misfit: f64 },
    /// These factors give no valid scenario (why, in the loader's words); treated as out of range.
    Invalid(String),
}

impl Evaluation {
    pub fn misfit(&self) -> Option<f64> {
        match &self.outcome {
            Outcome::Ran { misfit, .. } => Some(*misfit),
            Outcome::Invalid(_) => None,
        }
    }
}

/// Every evaluation in the order made, the best of them, and why the search stopped.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    pub evaluations: Vec<Evaluation>,
    /// The index of the evaluation with the lowest misfit.
    pub best: usize,
    pub converged: bool,
}

impl Fit {
    pub fn best(&self) -> &Evaluation {
        &self.evaluations[self.best]
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CalibrationError {
    #[error("cannot start worker threads")]
    Threads(#[source] rayon::ThreadPoolBuildError),
    #[error("no factors the search tried gave a valid scenario; the first problem: {0}")]
    NothingValid(String),
}

/// `sum(((mean - value) / sd)^2)` over the targets; the largest number if it is not finite.
pub fn misfit(targets: &[Target], means: &[f64]) -> f64 {
    let m: f64 = targets.iter().zip(means).map(|(t, mean)| ((mean - t.value) / t.sd).powi(2)).sum();
    if m.is_finite() { m } else { f64::MAX }
}

/// Fit `settings.parameters` to `settings.targets`. `load` turns factors (one per parameter, in
/// order) into a validated scenario or says why they give none; each scenario runs on
/// `threads` threads (all cores when `None`), calling `on_replication` after each replication and
/// `on_evaluation(evaluation, best so far)` after each evaluation.
pub fn calibrate(
    settings: &Settings,
    threads: Option<usize>,
    mut load: impl FnMut(&[f64]) -> Result<Inputs, String>,
    on_replication: &(dyn Fn() + Sync),
    mut on_evaluation: impl FnMut(&Evaluation, &Evaluation),
) -> Result<Fit, CalibrationError> {
    let search = Search {
        start: settings.parameters.iter().map(|p| p.start().ln()).collect(),
        bounds: settings.parameters.iter().map(|p| (p.low.ln(), p.high.ln())).collect(),
        max_evaluations: settings.max_evaluations as usize,
        tolerance: settings.tolerance,
    };
    let mut evaluations: Vec<Evaluation> = Vec::new();
    let mut best: Option<usize> = None;
    let mut cost = |log_factors: &[f64]| -> Result<f64, CalibrationError> {
        // Clamped again, so a bound is the bound itself, not its logarithm's exponential.
        let factors: Vec<f64> =
            log_factors.iter().zip(&settings.parameters).map(|(x, p)| x.exp().clamp(p.low, p.high)).collect();
        let outcome = match load(&factors) {
            Err(problem) => Outcome::Invalid(problem),
            Ok(inputs) => {
                let run =
                    run_scenario(&inputs, threads, on_replication).map_err(CalibrationError::Threads)?;
                let values: Vec<Vec<f64>> =
                    settings.targets.iter().map(|t| run.metric(t.metric.index())).collect();
                let means: Vec<f64> = values.iter().map(|v| v.iter().sum::<f64>() / v.len() as f64).collect();
                let misfit = misfit(&settings.targets, &means);
                Outcome::Ran { values, means, misfit }
            }
        };
        evaluations.push(Evaluation { factors, outcome });
        let index = evaluations.len() - 1;
        let cost = evaluations[index].misfit();
        if cost.is_some() && best.is_none_or(|b| cost < evaluations[b].misfit()) {
            best = Some(index);
        }
        on_evaluation(&evaluations[index], &evaluations[best.unwrap_or(index)]);
        // Factors that give no valid scenario are treated as beyond the range: the worst misfit.
        Ok(cost.unwrap_or(f64::MAX))
    };
    let stop = minimise(&search, &mut cost)?;
    let best = best.ok_or_else(|| {
        let first = evaluations.iter().find_map(|e| match &e.outcome {
            Outcome::Invalid(problem) => Some(problem.clone()),
            Outcome::Ran { .. } => None,
        });
        CalibrationError::NothingValid(first.unwrap_or_default())
    })?;
    Ok(Fit { evaluations, best, converged: stop == Stop::Converged })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_misfit_is_the_sum_of_squared_standardised_differences() {
        let target =
            |value: f64, sd: f64| Target { metric: Metric::Deaths, value, sd, source: String::new() };
        let targets = [target(400.0, 20.0), target(10.0, 0.5)];
        assert_eq!(misfit(&targets, &[440.0, 9.0]), 4.0 + 4.0);
        assert_eq!(misfit(&targets, &[400.0, 10.0]), 0.0);
        assert_eq!(misfit(&[target(1.0, 1e-300)], &[1e10]), f64::MAX);
    }

    #[test]
    fn a_parameter_starts_at_1_or_the_nearest_end_of_its_range() {
        let p = |low, high| Parameter { name: "p".into(), keys: vec![], low, high };
        assert_eq!(p(0.5, 2.0).start(), 1.0);
        assert_eq!(p(1.5, 2.0).start(), 1.5);
        assert_eq!(p(0.2, 0.8).start(), 0.8);
    }
}
