//! Scenario files: TOML → validated [`Params`].
//!
//! A scenario may say `extends = "other.toml"` (resolved relative to its own folder) and
//! override some keys; the command line may override more with `--set key.path=value`. Every
//! problem is reported with the file, line and dotted key where it was written, and all problems
//! are reported at once. Nothing here runs a simulation or knows about the command line.

mod error;
mod file;
mod load;
mod provenance;
mod rules;
mod validate;

pub use error::{FileKind, Problem, ScenarioError};
pub use file::{MAX_FILE_BYTES, read_input};
pub use load::{Override, Scenario, load, parse_override};
