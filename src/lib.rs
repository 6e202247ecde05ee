//! caresim: a discrete-event simulation of older people moving between home, A&E, acute beds,
//! discharge-to-assess beds and care homes, with parallel Monte Carlo replications.
//!
//! Dependencies point one way: `engine` ← `model` ← `scenario`, `experiment` ← `results` ← `cli`.
//! See ARCHITECTURE.md for the map.

pub mod cli;
pub mod engine;
pub mod experiment;
pub mod model;
pub mod report;
pub mod results;
pub mod scenario;
