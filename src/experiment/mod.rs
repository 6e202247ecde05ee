//! Many runs: replications of a scenario in parallel, in a fixed order.
//!
//! Never prints, draws or chooses file names.

pub mod compare;
pub mod plan;
mod runner;

pub use compare::{Comparison, align, run_comparison};
pub use runner::{ScenarioRun, run_replications, run_scenario};
