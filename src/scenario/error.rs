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

#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    #[error("cannot read scenario file {}: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{}: not valid TOML: {message}", path.display())]
    Syntax { path: PathBuf, message: String },
    #[error("{}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid { problems: Vec<Problem> },
}

impl ScenarioError {
    pub fn single(location: impl Into<String>, key: impl Into<String>, message: impl Into<String>) -> Self {
        ScenarioError::Invalid {
            problems: vec![Problem { location: location.into(), key: key.into(), message: message.into() }],
        }
    }
}
