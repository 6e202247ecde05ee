//! Nelder–Mead within bounds (Nelder & Mead 1965), through argmin's implementation of the method.
//!
//! This is a thin adapter around it:
//! - every coordinate is clamped into its range before the cost is asked, so the cost is only
//!   ever asked about points in range, and a minimum at a bound is found exactly there;
//! - points already evaluated (to 12 digits) are not evaluated again (clamping and the restarts
//!   below meet them), since each evaluation may be a whole simulation;
//! - the number of evaluations is capped (argmin caps iterations, and one iteration takes one
//!   evaluation or as many as n + 2) by ending the search when the cap is reached;
//! - a converged search is started again from its best point (a restart check, after O'Neill
//!   1971): the method's own test, costs at the vertices that agree, is met by a simplex
//!   straddling a minimum too, so the search ends only when a fresh start no longer improves on
//!   the best;
//! - any error the cost meets is handed back, not lost in argmin's run.

use std::cell::{Cell, RefCell};

use argmin::core::{CostFunction, Executor, State, TerminationReason};
use argmin::solver::neldermead::NelderMead;

/// The first simplex steps this share of each range's width away from the start.
const FIRST_STEP_SHARE: f64 = 0.1;
/// Calls of the cost answered from points already evaluated may not exceed this many times the
/// cap on evaluations (a simplex in a flat region could otherwise circle without spending any).
const CALLS_PER_EVALUATION: usize = 20;

/// A bounded search: where it starts, each coordinate's range, how many evaluations it may use,
/// and when the simplex counts as converged.
#[derive(Debug, Clone)]
pub struct Search {
    pub start: Vec<f64>,
    /// `(low, high)` for each coordinate, with `low < high`.
    pub bounds: Vec<(f64, f64)>,
    /// At least one more than the number of coordinates (the first simplex's vertices).
    pub max_evaluations: usize,
    /// Converged when the standard deviation of the costs at the simplex's vertices is below it
    /// and a fresh start from the best point improves on it by no more than this.
    pub tolerance: f64,
}

/// Why the search stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The costs at the simplex's vertices agreed within the tolerance, and starting again from
    /// the best point did not improve on it by more.
    Converged,
    /// The cap on evaluations was reached first.
    EvaluationsSpent,
}

/// The marker error that ends argmin's run when the cap is reached or the cost has failed.
#[derive(Debug, thiserror::Error)]
#[error("the search was ended by its caller")]
struct Ended;

/// What the search keeps across argmin's runs (argmin drops its objective when a run ends in an
/// error, so this lives in the caller's frame).
struct Memory<E> {
    /// Every point evaluated and its cost.
    seen: RefCell<Vec<(Vec<f64>, f64)>>,
    evaluations_left: Cell<usize>,
    calls_left: Cell<usize>,
    /// Calls made in the current run (its first simplex must never be refused: argmin unwraps it).
    calls_in_run: Cell<usize>,
    failure: RefCell<Option<E>>,
}

impl<E> Memory<E> {
    fn best(&self) -> Option<(Vec<f64>, f64)> {
        self.seen.borrow().iter().min_by(|a, b| a.1.total_cmp(&b.1)).cloned()
    }
}

/// The caller's cost of a point in range.
type Cost<'a, E> = dyn FnMut(&[f64]) -> Result<f64, E> + 'a;

/// The cost as argmin sees it: points clamped into range, evaluated once, counted.
struct Objective<'a, E> {
    bounds: &'a [(f64, f64)],
    cost: RefCell<&'a mut Cost<'a, E>>,
    memory: &'a Memory<E>,
}

impl<E> CostFunction for Objective<'_, E> {
    type Param = Vec<f64>;
    type Output = f64;

    fn cost(&self, z: &Vec<f64>) -> Result<f64, argmin::core::Error> {
        let m = self.memory;
        let first_simplex = m.calls_in_run.get() <= self.bounds.len();
        m.calls_in_run.set(m.calls_in_run.get() + 1);
        if m.failure.borrow().is_some() || m.calls_left.get() == 0 {
            // argmin unwraps the costs of the first simplex: the worst cost, and the next call ends it.
            return if first_simplex { Ok(f64::MAX) } else { Err(Ended.into()) };
        }
        m.calls_left.set(m.calls_left.get() - 1);
        let x: Vec<f64> = z.iter().zip(self.bounds).map(|(&z, &(low, high))| clamp(z, low, high)).collect();
        if let Some((_, c)) = m.seen.borrow().iter().find(|(seen, _)| same_point(seen, &x)) {
            return Ok(*c);
        }
        if m.evaluations_left.get() == 0 {
            return if first_simplex { Ok(f64::MAX) } else { Err(Ended.into()) };
        }
        m.evaluations_left.set(m.evaluations_left.get() - 1);
        match (self.cost.borrow_mut())(&x) {
            Ok(c) => {
                // NaN would leave the vertices unordered; the worst cost keeps the search going.
                let c = if c.is_nan() { f64::MAX } else { c };
                m.seen.borrow_mut().push((x, c));
                Ok(c)
            }
            Err(e) => {
                *m.failure.borrow_mut() = Some(e);
                Ok(f64::MAX)
            }
        }
    }
}

/// Whether two points are the same but for rounding (the simplex's arithmetic, a restart, can
/// arrive at a point evaluated before a bit or two away).
fn same_point(a: &[f64], b: &[f64]) -> bool {
    a.iter().zip(b).all(|(a, b)| (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0))
}

/// `z` clamped into `[low, high]`; a point that is not a number goes to `low`.
fn clamp(z: f64, low: f64, high: f64) -> f64 {
    if z.is_nan() { low } else { z.clamp(low, high) }
}

/// One run of argmin's Nelder–Mead from `start`, whose first simplex steps along each coordinate
/// towards its farther bound.
fn run_once<E>(search: &Search, start: &[f64], objective: Objective<'_, E>) -> Stop {
    let mut vertices = vec![start.to_vec()];
    for (j, &(low, high)) in search.bounds.iter().enumerate() {
        let mut vertex = start.to_vec();
        let step = FIRST_STEP_SHARE * (high - low);
        vertex[j] += if high - start[j] >= start[j] - low { step } else { -step };
        vertices.push(vertex);
    }
    objective.memory.calls_in_run.set(0);
    let solver =
        NelderMead::new(vertices).with_sd_tolerance(search.tolerance.max(0.0)).expect("tolerance >= 0");
    match Executor::new(objective, solver).run() {
        Ok(result) => match result.state().get_termination_reason() {
            Some(TerminationReason::SolverConverged) => Stop::Converged,
            _ => Stop::EvaluationsSpent,
        },
        Err(e) if e.is::<Ended>() => Stop::EvaluationsSpent,
        // The costs are never NaN, so argmin has nothing else to fail on.
        Err(e) => panic!("Nelder-Mead failed on costs that are numbers, a bug: {e}"),
    }
}

/// Minimise `cost` over the box `search.bounds` from `search.start`. `cost` is only called with
/// points in range, each point once, at most `search.max_evaluations` times; the caller keeps
/// what it needs of each evaluation (the best point is the one with the lowest cost). The first
/// error `cost` returns ends the search and is returned.
pub fn minimise<E>(search: &Search, cost: &mut dyn FnMut(&[f64]) -> Result<f64, E>) -> Result<Stop, E> {
    let n = search.start.len();
    assert!(n > 0 && search.bounds.len() == n, "one range for each coordinate");
    assert!(search.max_evaluations > n, "the first simplex needs {} evaluations", n + 1);
    let memory = Memory {
        seen: RefCell::new(Vec::new()),
        evaluations_left: Cell::new(search.max_evaluations),
        calls_left: Cell::new(search.max_evaluations.saturating_mul(CALLS_PER_EVALUATION)),
        calls_in_run: Cell::new(0),
        failure: RefCell::new(None),
    };
    let mut start: Vec<f64> =
        search.start.iter().zip(&search.bounds).map(|(&x, &(low, high))| clamp(x, low, high)).collect();
    let mut previous_best = f64::INFINITY;
    let stop = loop {
        // A fresh start needs its first simplex whole: n new points (the start is known).
        if memory.evaluations_left.get() < n && !memory.seen.borrow().is_empty() {
            break Stop::EvaluationsSpent;
        }
        let objective = Objective { bounds: &search.bounds, cost: RefCell::new(&mut *cost), memory: &memory };
        let stop = run_once(search, &start, objective);
        let Some((best_point, best_cost)) = memory.best() else { break stop };
        if stop == Stop::EvaluationsSpent || memory.failure.borrow().is_some() {
            break stop;
        }
        if previous_best - best_cost <= search.tolerance {
            break Stop::Converged;
        }
        previous_best = best_cost;
        start = best_point;
    };
    match memory.failure.into_inner() {
        Some(e) => Err(e),
        None => Ok(stop),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn search(start: &[f64], bounds: &[(f64, f64)], max_evaluations: usize) -> Search {
        Search { start: start.to_vec(), bounds: bounds.to_vec(), max_evaluations, tolerance: 1e-12 }
    }

    #[test]
    fn clamping_keeps_points_in_range() {
        assert_eq!(clamp(0.25, 0.0, 1.0), 0.25);
        assert_eq!(clamp(1.25, 0.0, 1.0), 1.0);
        assert_eq!(clamp(-3.0, 0.0, 1.0), 0.0);
        assert_eq!(clamp(f64::NAN, 0.0, 1.0), 0.0);
    }

    #[test]
    fn finds_the_minimum_of_a_smooth_function_inside_the_box() {
        let mut best = (f64::MAX, vec![]);
        let mut calls = 0;
        let mut cost = |x: &[f64]| -> Result<f64, ()> {
            calls += 1;
            // Rosenbrock's curved valley, with its minimum at (0.3, 0.09).
            let c = 100.0 * (x[1] - x[0] * x[0]).powi(2) + (x[0] - 0.3).powi(2);
            if c < best.0 {
                best = (c, x.to_vec());
            }
            Ok(c)
        };
        let stop = minimise(&search(&[-0.5, 0.5], &[(-1.0, 1.0), (-1.0, 1.0)], 2000), &mut cost).unwrap();
        assert_eq!(stop, Stop::Converged);
        assert!(calls <= 2000);
        assert!((best.1[0] - 0.3).abs() < 1e-3 && (best.1[1] - 0.09).abs() < 1e-3, "{best:?}");
    }

    #[test]
    fn a_minimum_outside_the_box_is_found_at_its_edge() {
        let mut seen = Vec::new();
        let mut cost = |x: &[f64]| -> Result<f64, ()> {
            assert!((0.0..=1.0).contains(&x[0]), "asked about {x:?}, out of range");
            seen.push(x[0]);
            Ok((x[0] - 5.0).powi(2))
        };
        let stop = minimise(&search(&[0.2], &[(0.0, 1.0)], 200), &mut cost).unwrap();
        assert_eq!(stop, Stop::Converged);
        assert!(seen.contains(&1.0), "the bound itself is tried: {seen:?}");
        let mut unique = seen.clone();
        unique.sort_by(f64::total_cmp);
        unique.dedup();
        assert_eq!(unique.len(), seen.len(), "each point is evaluated once: {seen:?}");
    }

    #[test]
    fn the_cap_on_evaluations_holds() {
        let mut calls = 0;
        let mut cost = |x: &[f64]| -> Result<f64, ()> {
            calls += 1;
            Ok(x.iter().map(|v| v * v).sum())
        };
        let stop = minimise(&search(&[0.9, 0.9, 0.9], &[(-1.0, 1.0); 3], 7), &mut cost).unwrap();
        assert_eq!((stop, calls), (Stop::EvaluationsSpent, 7));
    }

    #[test]
    fn an_error_of_the_cost_ends_the_search_and_is_returned() {
        for fail_at in [2, 6] {
            let mut calls = 0;
            let mut cost = |x: &[f64]| {
                calls += 1;
                if calls == fail_at { Err(format!("failed at {calls}")) } else { Ok(x[0] * x[0]) }
            };
            let out = minimise(&search(&[0.5, 0.5], &[(-1.0, 1.0); 2], 100), &mut cost);
            assert_eq!(out, Err(format!("failed at {fail_at}")));
            assert_eq!(calls, fail_at, "no evaluation after the failure");
        }
    }
}
