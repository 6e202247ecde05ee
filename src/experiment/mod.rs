//! Many runs: replications of a scenario in parallel, in a fixed order.
//!
//! Never prints, draws or chooses file names.

mod runner;

pub use runner::{ScenarioRun, run_scenario};
