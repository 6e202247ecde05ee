//! Many runs: replications of a scenario in parallel, in a fixed order; paired comparisons;
//! experiment designs and the sweeps that run them, unit by unit; calibration to target rates.
//!
//! Never prints, draws or chooses file names, and does not use `scenario`: scenarios reach it
//! as validated `Inputs`, or through a loader the caller passes in.

pub mod calibrate;
pub mod cohorts;
pub mod compare;
pub mod nelder_mead;
pub mod plan;
mod runner;
pub mod sweep;

pub use compare::{Comparison, align, run_comparison};
pub use runner::{ScenarioRun, run_replications, run_scenario, trace};
