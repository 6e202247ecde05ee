//! `caresim diff A B [--set KEY=VALUE]...`: every value that differs between two scenarios once
//! each is resolved (`extends` followed, overrides applied), by dotted key.

use anyhow::Result;

use crate::cli::args::DiffArgs;
use crate::scenario::{self, ScenarioError, differences, parse_override};

pub fn run(args: DiffArgs) -> Result<()> {
    let overrides = args
        .set
        .iter()
        .map(|text| parse_override(text).map_err(|message| ScenarioError::single("--set", "", message)))
        .collect::<Result<Vec<_>, _>>()?;
    let first = scenario::load(&args.first, &overrides)?.inputs;
    let second = scenario::load(&args.second, &overrides)?.inputs;
    let differ = differences(&first, &second, |_| true);
    if differ.is_empty() {
        println!("{} and {} are the same once resolved.", args.first.display(), args.second.display());
        return Ok(());
    }
    println!(
        "{} key(s) differ between {} (first) and {} (second), once resolved:",
        differ.len(),
        args.first.display(),
        args.second.display()
    );
    let width = differ.iter().map(|d| d.key.len()).max().unwrap_or(0);
    for d in &differ {
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".into());
        println!("  {:<width$}  {}  ->  {}", d.key, show(&d.first), show(&d.second));
    }
    Ok(())
}
