//! `caresim run SCENARIO`: replications of one scenario, a result folder, and a short summary.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::cli::args::{RunArgs, RunOptions};
use crate::cli::{labels, progress};
use crate::experiment::{ScenarioRun, run_scenario, trace};
use crate::model::Inputs;
use crate::report::format;
use crate::results::Summary;
use crate::results::folder::Staging;
use crate::results::headline::{self, SCENARIO};
use crate::results::schema::folder_name;
use crate::results::write::{write_run_folder, write_trace};
use crate::scenario::{self, Override, Scenario, parse_override};

/// Turn the run options into scenario overrides, so the usual validation covers them.
pub fn overrides(options: &RunOptions) -> Result<Vec<Override>> {
    let mut list = Vec::new();
    let numeric = [
        ("simulation.replications", options.reps.map(i64::from)),
        ("simulation.years", options.years.map(i64::from)),
        ("simulation.warmup_years", options.warmup_years.map(i64::from)),
        ("simulation.inner_replications", options.inner_reps.map(i64::from)),
    ];
    for (key, value) in numeric {
        if let Some(v) = value {
            list.push(Override { key: key.into(), value: toml::Value::Integer(v) });
        }
    }
    if let Some(seed) = options.seed {
        // TOML integers are signed 64-bit; the argument parser keeps seeds in that range.
        list.push(Override { key: "simulation.seed".into(), value: toml::Value::Integer(seed as i64) });
    }
    for text in &options.set {
        let parsed =
            parse_override(text).map_err(|message| scenario::ScenarioError::single("--set", "", message))?;
        list.push(parsed);
    }
    Ok(list)
}

/// Load a scenario with the command-line overrides applied.
pub fn load(path: &Path, options: &RunOptions) -> Result<Scenario> {
    Ok(scenario::load(path, &overrides(options)?)?)
}

/// `output/<name>/`, with the name made safe for a folder.
pub fn default_out_dir(name: &str) -> PathBuf {
    Path::new("output").join(folder_name(name))
}

/// The replication `--trace` asks for, if it is one of the run's `replications`.
pub fn traced(options: &RunOptions, replications: u32) -> Result<Option<u32>> {
    match options.trace {
        Some(r) if r >= replications => Err(scenario::ScenarioError::single(
            "--trace",
            "",
            format!(
                "replication {r} is not one of the run's: they are numbered 0 to {}",
                replications.saturating_sub(1)
            ),
        )
        .into()),
        other => Ok(other),
    }
}

/// Write `trace.csv` of replication `replication` of `inputs` into the scenario folder `dir`.
pub fn write_trace_of(dir: &Path, inputs: &Inputs, replication: u32) -> Result<()> {
    write_trace(dir, replication, &trace(inputs, replication))
        .with_context(|| format!("cannot write the trace to {}", dir.display()))?;
    Ok(())
}

/// Run all replications of `scenario` with a progress bar.
pub fn simulate(scenario: &Scenario, threads: Option<u32>) -> Result<ScenarioRun> {
    let inputs = &scenario.inputs;
    let bar = progress::bar(u64::from(inputs.simulation.replications), &inputs.name);
    let run = run_scenario(inputs, threads.map(|t| t as usize), &|| bar.inc(1))
        .context("cannot start worker threads")?;
    bar.finish_and_clear();
    Ok(run)
}

pub fn run(args: RunArgs) -> Result<()> {
    let scenario = load(&args.scenario, &args.options)?;
    let dir = args.options.out.clone().unwrap_or_else(|| default_out_dir(&scenario.inputs.name));
    // Checked before simulating, so a bad --out or --trace costs nothing.
    let traced = traced(&args.options, scenario.inputs.simulation.replications)?;
    let staging = Staging::begin(&dir)?;
    let run = simulate(&scenario, args.options.threads)?;
    write_run_folder(staging.path(), &run, &scenario.sources_text())
        .with_context(|| format!("cannot write results to {}", dir.display()))?;
    if let Some(replication) = traced {
        write_trace_of(staging.path(), &run.inputs, replication)?;
    }
    let _lock = staging.commit()?;
    print_summary(&run);
    println!("\nResults written to {}", dir.display());
    if args.options.report {
        let report = crate::cli::commands::report::write(&dir, crate::report::ImageFormat::Svg)?;
        println!("Report written to {}", report.display());
    }
    Ok(())
}

/// The headline figures: the mean, and the range that holds 95% of the replications.
fn print_summary(run: &ScenarioRun) {
    let sim = &run.inputs.simulation;
    println!(
        "{}: {} replications of {} year(s) after a {}-year warm-up (seed {})",
        run.inputs.name, sim.replications, sim.years, sim.warmup_years, sim.seed
    );
    println!("{:<42} {:>12}   95% of futures", "", "mean");
    for h in headline::in_terminal(&SCENARIO) {
        let show = format::for_unit(h.metric.unit());
        let label = labels::heading(h.metric);
        let s = Summary::of(&run.metric(h.metric.index()));
        let range = match s.sd {
            Some(_) => format!("{} to {}", show(s.p025), show(s.p975)),
            None => "(one replication: no range)".into(),
        };
        println!("{label:<42} {:>12}   {range}", show(s.mean));
    }
    let fixed = run.inputs.fixed_effects();
    if !fixed.is_empty() {
        println!("\nAssumed, not uncertain (these results hold only if these values hold):");
        for (key, value) in fixed {
            println!("  {}", labels::fixed_effect(&key, value));
        }
    }
}
