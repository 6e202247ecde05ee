//! `caresim sweep EXPERIMENT` and `caresim merge DIR...`.
//!
//! Glue and words only: this reads the experiment file, loads each scenario the sweep asks for
//! (the command line is the layer that uses `scenario`), lets `experiment::sweep` decide and run
//! the work and `results::sweep` keep the unit files and assemble the results, chooses the
//! default output folder, and says what happened.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::cli::args::{MergeArgs, SweepArgs};
use crate::cli::progress;
use crate::experiment::plan::{self, ExperimentFile, Group};
use crate::experiment::sweep::{self, Setting, Sweep};
use crate::model::Inputs;
use crate::results;
use crate::results::schema::folder_name;
use crate::results::sweep::Manifest;
use crate::scenario::{self, FileKind, Override, Problem, ScenarioError};

fn invalid(file: &Path, key: &str, message: impl Into<String>) -> anyhow::Error {
    let problem = Problem { location: file.display().to_string(), key: key.into(), message: message.into() };
    ScenarioError::InvalidExperiment { problems: vec![problem] }.into()
}

/// Read and check the experiment file, with the command line's quick-look overrides.
fn read_experiment(path: &Path, args: &SweepArgs) -> Result<(ExperimentFile, String)> {
    let text = scenario::read_input(path, FileKind::Experiment)?;
    let syntax = |message: String| ScenarioError::Syntax { path: path.to_path_buf(), message };
    let table: toml::Table =
        toml::from_str(&text).map_err(|err| syntax(err.to_string().trim_end().into()))?;
    if table.contains_key("simulation") && !table.contains_key("design") {
        return Err(invalid(
            path,
            "",
            "this is a scenario file, not an experiment: run it with `caresim run`, or name it as the \
             `scenario` of an experiment file",
        ));
    }
    let mut e: ExperimentFile =
        toml::from_str(&text).map_err(|err| syntax(err.to_string().trim_end().into()))?;
    if let Some(reps) = args.reps {
        e.replications = reps;
    }
    if let Some(years) = args.years {
        e.years = Some(years);
    }
    if let Some((key, message)) = sweep::problem(&e) {
        return Err(invalid(path, key, message));
    }
    Ok((e, text))
}

/// Load the scenario for one group of the sweep from `experiment`. A bad value at a point is
/// blamed on the experiment and its point, not on the command line.
fn load_scenario(
    experiment: &Path,
    file: &Path,
    settings: &[Setting],
    group: Group,
) -> Result<Inputs, ScenarioError> {
    let overrides: Vec<Override> =
        settings.iter().map(|(key, value)| Override { key: key.clone(), value: value.clone() }).collect();
    let loaded = scenario::load(file, &overrides);
    // The overrides come from the experiment: its run settings, or the point's values.
    let blame = |key: &str| match group {
        Group::Point(i) if !key.starts_with("simulation.") => {
            format!("{}: point {i} of the design", experiment.display())
        }
        _ => format!("{}: the experiment's replications, seed or years", experiment.display()),
    };
    let renamed = loaded.map_err(|err| match err {
        ScenarioError::Invalid { problems } if problems.iter().any(|p| p.location == "--set") => {
            ScenarioError::InvalidExperiment {
                problems: problems
                    .into_iter()
                    .map(|mut p| {
                        if p.location == "--set" {
                            p.location = blame(&p.key);
                        }
                        p
                    })
                    .collect(),
            }
        }
        other => other,
    });
    Ok(renamed?.inputs)
}

pub fn run(args: SweepArgs) -> Result<()> {
    let path = &args.experiment;
    let (e, text) = read_experiment(path, &args)?;
    let (shard, shards) = args.shard.unwrap_or((1, 1));
    let size = plan::design_size(&e);
    if size >= 1_000 {
        eprintln!("Checking each of the design's {size} points as a scenario before running anything...");
    }
    let sweep = Sweep::load(path, e, &text, shards, |file, settings, group| {
        load_scenario(path, file, settings, group)
    })?;
    let name = &sweep.experiment.name;
    let manifest = Manifest::of(&sweep);
    let out = args.out.clone().unwrap_or_else(|| Path::new("output").join(folder_name(name)));
    // Held to the end: two sweeps into one folder would overwrite each other's units.
    let _lock = results::folder::open_sweep_folder(&out)?;
    results::sweep::prepare(&out, &manifest)?;

    let pending = sweep.pending(shard, shards, |unit| results::sweep::is_done(&out, unit, &sweep.hash))?;
    let skipped = pending.skipped();
    if skipped > 0 {
        eprintln!(
            "{skipped} of {} units already finished in {}: skipping them",
            pending.assigned,
            out.display()
        );
    }
    let bar = progress::bar(pending.replications(), name);
    let threads = args.threads.map(|t| t as usize);
    sweep.run(&pending.todo, threads, &|| bar.inc(1), |unit, values| {
        results::sweep::write_unit(&out, unit, &sweep.hash, values)
    })?;
    bar.finish_and_clear();
    println!(
        "{}: {} points x {} replications; this run did {} of {} units ({} already done).",
        name,
        sweep.points.len(),
        sweep.experiment.replications,
        pending.todo.len(),
        pending.assigned,
        skipped
    );
    if shards == 1 {
        let csv = results::sweep::finish(&out, std::slice::from_ref(&out), &manifest, &sweep.units)?;
        println!("Results written to {}", csv.display());
        if args.report {
            let report = crate::cli::commands::report::write(&out, crate::report::ImageFormat::Svg)?;
            println!("Report written to {}", report.display());
        }
    } else {
        println!(
            "Shard {shard}/{shards} written to {}. When every shard has finished: caresim merge DIR... (each shard's --out)",
            out.display()
        );
    }
    Ok(())
}

pub fn merge(args: MergeArgs) -> Result<()> {
    let manifest = results::sweep::read_shards(&args.dirs)?;
    let out: PathBuf = args.out.clone().unwrap_or_else(|| args.dirs[0].clone());
    let _lock = results::folder::open_sweep_folder(&out)?;
    let csv = results::sweep::finish(&out, &args.dirs, &manifest, &manifest.units)?;
    println!(
        "Merged {} folders of {}: results written to {}",
        args.dirs.len(),
        manifest.experiment,
        csv.display()
    );
    if args.report {
        let report = crate::cli::commands::report::write(&out, crate::report::ImageFormat::Svg)?;
        println!("Report written to {}", report.display());
    }
    Ok(())
}
