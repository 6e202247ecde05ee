//! What can be wrong with a scenario, said so that a planner can fix it.

use std::fmt;
use std::path::PathBuf;

/// One problem with one key.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// `file:line`, or `--set` for a command-line override.
    pub location: String,
    /// The dotted key, e.g. `acute.beds`.
    pub key: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_empty() {
            write!(f, "{}", self.message)
        } else if self.key.is_empty() {
            write!(f, "{}: {}", self.location, self.message)
        } else {
            write!(f, "{}: {}: {}", self.location, self.key, self.message)
        }
    }
}

/// Which kind of input file a message is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Scenario,
    Experiment,
    /// Target rates for `caresim calibrate`.
    Targets,
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileKind::Scenario => "scenario file",
            FileKind::Experiment => "experiment file",
            FileKind::Targets => "targets file",
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    #[error("cannot read {kind} {}: {source}", path.display())]
    Read { kind: FileKind, path: PathBuf, source: std::io::Error },
    #[error("cannot read {kind} {}: {problem}", path.display())]
    NotReadable { kind: FileKind, path: PathBuf, problem: String },
    #[error("{}: not valid TOML: {message}", path.display())]
    Syntax { path: PathBuf, message: String },
    #[error("{}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid { problems: Vec<Problem> },
    /// Problems with an experiment file (or with the scenarios it makes).
    #[error("{}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    InvalidExperiment { problems: Vec<Problem> },
    /// Problems with a targets file (or with the scenario keys it names).
    #[error("{}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    InvalidTargets { problems: Vec<Problem> },
}

impl ScenarioError {
    pub fn single(location: impl Into<String>, key: impl Into<String>, message: impl Into<String>) -> Self {
        ScenarioError::Invalid {
            problems: vec![Problem { location: location.into(), key: key.into(), message: message.into() }],
        }
    }
}
