//! Scenario files: TOML → validated [`Params`].
//!
//! A scenario may say `extends = "other.toml"` or `extends = ["a.toml", "b.toml"]` (resolved
//! relative to its own folder; `compose`) and override some keys; the command line may override
//! more with `--set key.path=value`. Every problem is reported with the file, line and dotted
//! key where it was written, and all problems are reported at once. Nothing here runs a
//! simulation or knows about the command line.
//!
//! For calibration, a targets file names scenario keys and the rates to fit them to
//! (`targets`), and a scenario can be loaded with those keys scaled by factors (`scaling`).

mod calibrated;
mod compose;
mod diff;
mod error;
mod file;
mod load;
mod missing;
mod provenance;
mod rules;
mod scaling;
mod targets;
mod template;
mod validate;

pub use calibrated::FitNote;
pub use diff::{Difference, differences, is_area_key};
pub use error::{FileKind, Problem, ScenarioError};
pub use file::{MAX_FILE_BYTES, read_input};
pub use load::{Override, Scenario, load, parse_override};
pub use scaling::{ScaledScenario, problems_text};
pub use targets::{Parameter, Target, Targets, read_targets};
pub use template::what_if_template;
