//! The command line: argument definitions, one module per subcommand, progress bars. The only
//! code that writes to the terminal.

mod args;
mod commands;
mod labels;
mod progress;

use std::process::ExitCode;

use clap::Parser;

use crate::results::folder::FolderError;
use crate::scenario::ScenarioError;

/// An argument the command cannot use, said so that the user can fix it (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadInput(pub String);

/// Parse arguments, run the subcommand, print any error once, and pick the exit code:
/// 0 success, 2 bad input (arguments or scenario files), 1 anything else.
pub fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let result = match cli.command {
        args::Command::Run(a) => commands::run::run(a),
        args::Command::Compare(a) => commands::compare::run(a),
        args::Command::Report(a) => commands::report::run(a),
        args::Command::Sweep(a) => commands::sweep::run(a),
        args::Command::Merge(a) => commands::sweep::merge(a),
        args::Command::Check(a) => commands::check::run(a),
        args::Command::Diff(a) => commands::diff::run(a),
        args::Command::New(a) => commands::new::run(a),
        args::Command::Calibrate(a) => commands::calibrate::run(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if let Some(scenario) = err.downcast_ref::<ScenarioError>() {
                match scenario {
                    ScenarioError::Invalid { .. } => {
                        eprintln!("error: the scenario is not valid:\n{scenario}")
                    }
                    ScenarioError::InvalidExperiment { .. } => {
                        eprintln!("error: the experiment is not valid:\n{scenario}")
                    }
                    ScenarioError::InvalidTargets { .. } => {
                        eprintln!("error: the targets file is not valid:\n{scenario}")
                    }
                    _ => eprintln!("error: {scenario}"),
                }
                return ExitCode::from(2);
            }
            eprintln!("error: {}", without_repeats(&err));
            let bad_out = err.downcast_ref::<FolderError>().is_some_and(FolderError::is_bad_input)
                || err.downcast_ref::<BadInput>().is_some();
            ExitCode::from(if bad_out { 2 } else { 1 })
        }
    }
}

/// The error and its causes, each cause left out when the message before already says it (many
/// messages quote the system's error they wrap).
fn without_repeats(err: &anyhow::Error) -> String {
    let mut text = err.to_string();
    for cause in err.chain().skip(1) {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            text = format!("{text}: {cause}");
        }
    }
    text
}
