//! The result-folder contract: summaries of replications, and the files scripts and reports read.
//! `schema` defines the folder once for `write` (and `sweep`) and `read`; `headline` lists the
//! figures the terminal and the report lead with; `parameters` the plain words for parameter keys;
//! `calibrate` a calibration's folder.
//!
//! Computes statistics of model outputs but never model quantities themselves.

pub mod budget;
pub mod by_place;
pub mod by_year;
pub mod calibrate;
pub mod cohorts;
pub mod compare;
pub mod folder;
pub mod headline;
pub mod keyed;
pub mod parameters;
pub mod read;
pub mod schema;
pub mod stats;
pub mod sweep;
pub mod value_of_information;
pub mod write;

pub use stats::Summary;
