//! The care system: people, their risks, the care pathway and what it costs.
//!
//! Takes a scenario's validated [`inputs::Inputs`], draws each replication's plain
//! [`params::Params`] from them ([`realise`]), and simulates; does no I/O and cannot fail on
//! user input.

pub mod assumptions;
pub mod budget;
pub mod clocks;
pub mod cohorts;
pub mod funding;
pub mod hazards;
pub mod history;
pub mod inputs;
pub mod interventions;
pub mod ledger;
pub mod metrics;
pub mod params;
pub mod person;
pub mod population;
pub mod realise;
pub mod services;
pub mod shares;
pub mod uncertain;
pub mod world;
pub mod years;

/// Days in a model year.
pub const DAYS_PER_YEAR: f64 = 365.0;

/// The measured window, in days from the start: after `warmup_years`, for `years`.
pub fn measured_window(warmup_years: u32, years: u32) -> (f64, f64) {
    let start = f64::from(warmup_years) * DAYS_PER_YEAR;
    (start, start + f64::from(years) * DAYS_PER_YEAR)
}

pub use inputs::Inputs;
pub use metrics::{Metric, metric_names};
pub use params::Params;
pub use world::{Recording, ReplicationOutput, run_replication, run_replication_recorded};
