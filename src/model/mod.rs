//! The care system: people, their risks, the care pathway and what it costs.
//!
//! Consumes validated [`params::Params`] only; does no I/O and cannot fail on user input.

pub mod costs;
pub mod hazards;
pub mod interventions;
pub mod metrics;
pub mod params;
pub mod person;
pub mod population;
pub mod replication;
pub mod uncertain;

pub use metrics::metric_names;
pub use params::Params;
pub use replication::{ReplicationOutput, run_replication};
