//! One module per subcommand: glue from scenario to experiment to results.

pub mod calibrate;
pub mod check;
pub mod compare;
pub mod diff;
pub mod new;
pub mod report;
pub mod run;
pub mod sweep;
