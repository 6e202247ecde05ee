//! `caresim check FILE... [--set KEY=VALUE]...`: validate scenarios without running them.

use anyhow::Result;

use crate::cli::args::CheckArgs;
use crate::scenario::{self, ScenarioError, parse_override};

pub fn run(args: CheckArgs) -> Result<()> {
    let overrides = args
        .set
        .iter()
        .map(|text| parse_override(text).map_err(|message| ScenarioError::single("--set", "", message)))
        .collect::<Result<Vec<_>, _>>()?;
    let mut failures = Vec::new();
    for path in &args.scenarios {
        match scenario::load(path, &overrides) {
            Ok(s) => println!("ok: {} ({})", path.display(), s.inputs.name),
            Err(e) => failures.push(e),
        }
    }
    match failures.len() {
        0 => Ok(()),
        1 => Err(failures.remove(0).into()),
        _ => {
            let problems = failures
                .into_iter()
                .flat_map(|e| match e {
                    ScenarioError::Invalid { problems } => problems,
                    other => vec![crate::scenario::Problem {
                        location: String::new(),
                        key: String::new(),
                        message: other.to_string(),
                    }],
                })
                .collect();
            Err(ScenarioError::Invalid { problems }.into())
        }
    }
}
