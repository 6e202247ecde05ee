//! caresim: a discrete-event simulation of older people moving between home, A&E, acute beds,
//! discharge-to-assess beds and care homes, with parallel Monte Carlo replications.
//!
//! Dependencies point one way: `engine` ← `model` ← `scenario`, `experiment` ← `results` ← `cli`.
//! See ARCHITECTURE.md for the map.

pub mod engine;
pub mod model;
pub mod scenario;
pub mod experiment;
pub mod results;
pub mod cli;
