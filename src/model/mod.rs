//! The care system: people, their risks, the care pathway and what it costs.
//!
//! Consumes validated [`params::Params`] only; does no I/O and cannot fail on user input.

pub mod hazards;
pub mod interventions;
pub mod ledger;
pub mod metrics;
pub mod params;
pub mod person;
pub mod population;
pub mod services;
pub mod uncertain;
pub mod world;

/// Days in a model year.
pub const DAYS_PER_YEAR: f64 = 365.0;

pub use metrics::metric_names;
pub use params::Params;
pub use world::{ReplicationOutput, run_replication};
