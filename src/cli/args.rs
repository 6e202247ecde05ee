//! Every command-line flag and its help text, in one place.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "caresim",
    version,
    about = "Simulate older people's journeys between home, A&E, hospital beds, discharge-to-assess beds and care homes, and what changes cost and save."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Run replications of one scenario and write a result folder.
    Run(RunArgs),
    /// Run a baseline and what-ifs on common random numbers and report paired differences.
    Compare(CompareArgs),
    /// Run an experiment: a sweep, Latin hypercube, one-way sensitivity or PSA (shardable).
    Sweep(SweepArgs),
    /// Combine the result folders of a sharded sweep into the results one run would give.
    Merge(MergeArgs),
    /// Draw the charts and write report.html for a result folder.
    Report(ReportArgs),
    /// Check scenario files without running them.
    Check(CheckArgs),
    /// List every value that differs between two scenarios once resolved.
    Diff(DiffArgs),
    /// Write a new what-if that extends a scenario, every key listed and commented, ready to edit.
    New(NewArgs),
    /// Fit factors on scenario keys to target rates and write the calibrated scenario.
    Calibrate(CalibrateArgs),
}

/// Options shared by every command that runs a scenario.
#[derive(Args, Clone)]
pub struct RunOptions {
    /// Number of replications (default: the scenario's `simulation.replications`).
    #[arg(long, value_name = "N")]
    pub reps: Option<u32>,
    /// Simulated years measured after the warm-up (default: `simulation.years`).
    #[arg(long, value_name = "Y")]
    pub years: Option<u32>,
    /// Warm-up years simulated and discarded (default: `simulation.warmup_years`).
    #[arg(long, value_name = "W")]
    pub warmup_years: Option<u32>,
    /// Replications per draw of the uncertain parameters (default: `simulation.inner_replications`,
    /// 1). With K > 1, each draw runs K times with its own chance events, and each difference's
    /// spread is split into parameter uncertainty and chance. --reps must be a multiple of K.
    #[arg(long, value_name = "K")]
    pub inner_reps: Option<u32>,
    /// Master random seed (default: `simulation.seed`). Same seed, same results, on any number of threads.
    #[arg(long, value_name = "S", value_parser = clap::value_parser!(u64).range(0..=i64::MAX as u64))]
    pub seed: Option<u64>,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "T", value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub threads: Option<u32>,
    /// Result folder (default: output/<scenario name>/).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Override one parameter, e.g. --set acute.beds=320 (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Also draw the charts and write report.html in the result folder.
    #[arg(long)]
    pub report: bool,
    /// Also write trace.csv (in each scenario's folder): every move of everyone in replication
    /// R (from 0), with the time, the places and why, to check the model against your own code.
    #[arg(long, value_name = "R")]
    pub trace: Option<u32>,
}

#[derive(Args)]
pub struct RunArgs {
    /// Scenario file (TOML), e.g. models/baseline.toml.
    pub scenario: PathBuf,
    #[command(flatten)]
    pub options: RunOptions,
}

#[derive(Args)]
pub struct CompareArgs {
    /// The baseline scenario, e.g. models/baseline.toml.
    pub baseline: PathBuf,
    /// One or more what-if scenarios. Each runs with the baseline's seed, replications and years.
    #[arg(required = true)]
    pub scenarios: Vec<PathBuf>,
    /// Compare scenarios whose area differs from the baseline's (its people are then other
    /// people: the people served and the results by place are not compared).
    #[arg(long)]
    pub allow_different_area: bool,
    /// Options as for `run`; --set applies to the baseline and every scenario.
    #[command(flatten)]
    pub options: RunOptions,
}

#[derive(Args)]
pub struct SweepArgs {
    /// Experiment file (TOML), e.g. experiments/social-workers-x-d2a-beds.toml.
    pub experiment: PathBuf,
    /// Result folder (default: output/<experiment name>/). Rerunning into the same folder
    /// skips the work already finished there.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Run share I of N (1 <= I <= N), e.g. one task of a Slurm array; then `caresim merge`.
    #[arg(long, value_name = "I/N", value_parser = parse_shard)]
    pub shard: Option<(u32, u32)>,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "T", value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub threads: Option<u32>,
    /// Replications per point (default: the experiment's), for a quick look.
    #[arg(long, value_name = "N")]
    pub reps: Option<u32>,
    /// Simulated years (default: the experiment's or the scenario's), for a quick look.
    #[arg(long, value_name = "Y")]
    pub years: Option<u32>,
    /// Also draw the charts and write report.html (when the sweep is complete).
    #[arg(long)]
    pub report: bool,
}

fn parse_shard(text: &str) -> Result<(u32, u32), String> {
    let bad = || format!("expected I/N with 1 <= I <= N, e.g. 2/8; got {text:?}");
    let (i, n) = text.split_once('/').ok_or_else(bad)?;
    let (i, n): (u32, u32) = (i.trim().parse().map_err(|_| bad())?, n.trim().parse().map_err(|_| bad())?);
    if i == 0 || i > n {
        return Err(bad());
    }
    Ok((i, n))
}

#[derive(Args)]
pub struct MergeArgs {
    /// Result folders of the shards of one sweep.
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// Where to write the merged results (default: the first folder).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Also draw the charts and write report.html.
    #[arg(long)]
    pub report: bool,
}

#[derive(Args)]
pub struct ReportArgs {
    /// A result folder from `run` or `compare`.
    pub dir: PathBuf,
    /// Chart files to write in DIR/plots/ (the report always has the charts inline).
    #[arg(long, value_enum, default_value = "svg")]
    pub format: crate::report::ImageFormat,
}

#[derive(Args)]
pub struct CheckArgs {
    /// Scenario files to check.
    #[arg(required = true)]
    pub scenarios: Vec<PathBuf>,
    /// Override one parameter in every scenario checked, as for `run` (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
}

#[derive(Args)]
pub struct DiffArgs {
    /// The first scenario, e.g. models/baseline.toml.
    pub first: PathBuf,
    /// The second scenario, e.g. models/pict.toml.
    pub second: PathBuf,
    /// Override one parameter in both, as for `run` (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
}

#[derive(Args)]
pub struct NewArgs {
    /// The what-if's name (letters, digits, - and _), e.g. more-d2a-beds: the file is NAME.toml.
    pub name: String,
    /// The scenario it extends, e.g. models/baseline.toml.
    #[arg(long, value_name = "SCENARIO")]
    pub from: PathBuf,
    /// Where to write it (default: NAME.toml beside the scenario it extends). An existing file is
    /// never replaced.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Args)]
pub struct CalibrateArgs {
    /// The scenario to calibrate, e.g. models/baseline.toml.
    pub scenario: PathBuf,
    /// Targets file (TOML): the keys to fit with each factor's range, the rates to fit them to,
    /// replications, years and the cap on evaluations, e.g. experiments/calibrate-baseline.toml.
    #[arg(long, value_name = "FILE")]
    pub targets: PathBuf,
    /// Result folder (default: output/calibrate-<scenario name>/).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Override one parameter of the scenario, as for `run` (repeatable); kept in the calibrated scenario.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Replications of each evaluation (default: the targets file's, else the scenario's), for a quick look.
    #[arg(long, value_name = "N")]
    pub reps: Option<u32>,
    /// Simulated years (default: the targets file's, else the scenario's), for a quick look.
    #[arg(long, value_name = "Y")]
    pub years: Option<u32>,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "T", value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub threads: Option<u32>,
}
