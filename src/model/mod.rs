//! The care system: people, their risks, the care pathway and what it costs.
//!
//! Takes a scenario's validated [`inputs::Inputs`], draws each replication's plain
//! [`params::Params`] from them ([`realise`]), and simulates; does no I/O and cannot fail on
//! user input.

pub mod assumptions;
pub mod budget;
pub mod clocks;
pub mod funding;
pub mod hazards;
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

pub use inputs::Inputs;
pub use metrics::{Metric, metric_names};
pub use params::Params;
pub use world::{ReplicationOutput, run_replication};
