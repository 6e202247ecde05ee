//! `caresim sweep EXPERIMENT` and `caresim merge DIR...`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};

use crate::cli::args::{MergeArgs, SweepArgs};
use crate::cli::progress;
use crate::experiment::plan::{self, ExperimentFile, Group, Point};
use crate::experiment::run_replications;
use crate::model::{Inputs, metric_names};
use crate::results::sweep::{self, Manifest};
use crate::results::write::folder_name;
use crate::scenario::{self, Override, ScenarioError};

fn invalid(file: &Path, key: &str, message: impl Into<String>) -> anyhow::Error {
    ScenarioError::single(file.display().to_string(), key, message).into()
}

/// Read and check the experiment file, with the command line's quick-look overrides.
fn read_experiment(path: &Path, args: &SweepArgs) -> Result<(ExperimentFile, String)> {
    let text = std::fs::read_to_string(path)
        .map_err(|source| ScenarioError::Read { path: path.to_path_buf(), source })?;
    let mut e: ExperimentFile = toml::from_str(&text).map_err(|err| ScenarioError::Syntax {
        path: path.to_path_buf(),
        message: err.to_string().trim_end().to_string(),
    })?;
    if let Some(reps) = args.reps {
        e.replications = reps;
    }
    if let Some(years) = args.years {
        e.years = Some(years);
    }
    let problems = plan::design_problems(&e);
    if let Some(first) = problems.first() {
        return Err(invalid(path, "", first.clone()));
    }
    let names = metric_names();
    if let Some(unknown) = e.metrics.iter().find(|m| !names.contains(m)) {
        return Err(invalid(
            path,
            "metrics",
            format!("unknown metric `{unknown}`; allowed: {}", names.join(", ")),
        ));
    }
    Ok((e, text))
}

fn simulation_overrides(e: &ExperimentFile) -> Vec<Override> {
    let int = |key: &str, v: i64| Override { key: key.into(), value: toml::Value::Integer(v) };
    let mut list = vec![
        int("simulation.replications", i64::from(e.replications)),
        int("simulation.seed", e.seed as i64),
    ];
    if let Some(y) = e.years {
        list.push(int("simulation.years", i64::from(y)));
    }
    if let Some(w) = e.warmup_years {
        list.push(int("simulation.warmup_years", i64::from(w)));
    }
    list
}

/// The reference and every point as validated parameters.
fn load_groups(path: &Path, e: &ExperimentFile, points: &[Point]) -> Result<(Inputs, Vec<Inputs>)> {
    let base = simulation_overrides(e);
    let reference_file = plan::relative_to(path, e.reference.as_ref().unwrap_or(&e.scenario));
    let reference = scenario::load(&reference_file, &base)?.inputs;
    let scenario_file = plan::relative_to(path, &e.scenario);
    let mut loaded = Vec::new();
    for (i, point) in points.iter().enumerate() {
        let mut overrides = base.clone();
        overrides.extend(
            point.values.iter().map(|(key, value)| Override { key: key.clone(), value: value.clone() }),
        );
        let inputs = scenario::load(&scenario_file, &overrides)
            .map_err(|err| match err {
                // Name the experiment and its point, not the command line, as where the value came from.
                ScenarioError::Invalid { problems } => ScenarioError::Invalid {
                    problems: problems
                        .into_iter()
                        .map(|mut p| {
                            if p.location == "--set" {
                                p.location = format!("{}: point {i} of the design", path.display());
                            }
                            p
                        })
                        .collect(),
                },
                other => other,
            })?
            .inputs;
        loaded.push(inputs);
    }
    Ok((reference, loaded))
}

/// SHA-256 of the caresim version, the experiment file and every resolved scenario: any change is caught.
fn fingerprint(text: &str, reference: &Inputs, points: &[Inputs]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(crate::results::write::VERSION.as_bytes());
    hasher.update(text.as_bytes());
    for inputs in std::iter::once(reference).chain(points) {
        hasher.update(toml::to_string(inputs).expect("parameters serialise").as_bytes());
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

pub fn run(args: SweepArgs) -> Result<()> {
    let path = &args.experiment;
    let (e, text) = read_experiment(path, &args)?;
    let points = plan::points(&e);
    let (reference, groups) = load_groups(path, &e, &points)?;
    let (shard, shards) = args.shard.unwrap_or((1, 1));
    let units = plan::units(points.len(), e.replications, shards);
    let manifest = Manifest {
        experiment: e.name.clone(),
        design: e.design.kind,
        hash: fingerprint(&text, &reference, &groups),
        replications: e.replications,
        seed: e.seed,
        reference: reference.name.clone(),
        metrics: e.metrics.clone(),
        parameters: e.parameters.iter().map(|p| p.key.clone()).collect(),
        // One column per parameter; a point that leaves a parameter as it is (one-way designs)
        // has an empty cell there.
        points: points
            .iter()
            .map(|point| {
                e.parameters
                    .iter()
                    .map(|p| {
                        point
                            .values
                            .iter()
                            .find(|(k, _)| *k == p.key)
                            .map(|(_, v)| v.to_string())
                            .unwrap_or_default()
                    })
                    .collect()
            })
            .collect(),
        units: units.clone(),
    };
    let out = args.out.clone().unwrap_or_else(|| Path::new("output").join(folder_name(&e.name)));
    sweep::prepare(&out, &manifest)?;

    let mine = plan::shard(&units, shard - 1, shards);
    let mut todo = Vec::new();
    for unit in &mine {
        if !sweep::is_done(&out, unit, &manifest.hash)? {
            todo.push(unit.clone());
        }
    }
    let skipped = mine.len() - todo.len();
    if skipped > 0 {
        eprintln!("{skipped} of {} units already finished in {}: skipping them", mine.len(), out.display());
    }
    let total: u64 = todo.iter().map(|u| u64::from(u.end_rep - u.first_rep)).sum();
    let bar = progress::bar(total, &e.name);
    let threads = args.threads.map(|t| t as usize);
    for unit in &todo {
        let inputs = match unit.group {
            Group::Reference => &reference,
            Group::Point(i) => &groups[i],
        };
        let outputs = run_replications(inputs, unit.first_rep..unit.end_rep, threads, &|| bar.inc(1))
            .context("cannot start worker threads")?;
        sweep::write_unit(&out, unit, &manifest.hash, outputs.into_iter().map(|o| o.metrics).collect())?;
    }
    bar.finish_and_clear();
    println!(
        "{}: {} points x {} replications; this run did {} of {} units ({} already done).",
        e.name,
        points.len(),
        e.replications,
        todo.len(),
        mine.len(),
        skipped
    );
    if shards == 1 {
        let csv = sweep::finish(&out, std::slice::from_ref(&out), &manifest, &units)?;
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
    let manifests: Vec<Manifest> =
        args.dirs.iter().map(|d| sweep::read_manifest(d)).collect::<Result<_, _>>()?;
    let first = &manifests[0];
    if let Some((dir, _)) =
        args.dirs.iter().zip(&manifests).find(|(_, m)| m.hash != first.hash || m.units != first.units)
    {
        anyhow::bail!(
            "{} holds a different sweep (or a changed experiment) from {}: only shards of one sweep can be merged",
            dir.display(),
            args.dirs[0].display()
        );
    }
    let out: PathBuf = args.out.clone().unwrap_or_else(|| args.dirs[0].clone());
    let csv = sweep::finish(&out, &args.dirs, first, &first.units)?;
    println!(
        "Merged {} folders of {}: results written to {}",
        args.dirs.len(),
        first.experiment,
        csv.display()
    );
    if args.report {
        let report = crate::cli::commands::report::write(&out, crate::report::ImageFormat::Svg)?;
        println!("Report written to {}", report.display());
    }
    Ok(())
}
