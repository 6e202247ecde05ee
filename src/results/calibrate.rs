//! A calibration's result folder, in the shape [`super::schema`] defines: the calibrated scenario
//! (`calibrated.toml`, its text made by the caller, who knows scenario files), every evaluation
//! (`fit.csv`) and the fit to each target with its precision (`calibration.json`). Written into a
//! staging folder that [`super::folder::Staging`] swaps in whole.

use std::path::{Path, PathBuf};

use super::folder::write_file;
use super::schema::{
    CALIBRATED_TOML, CALIBRATION_JSON, CalibrationFile, FIT_COLUMNS, FIT_CSV, FIT_EVALUATION_COLUMN,
    FIT_FACTOR_PREFIX, FIT_MEAN_PREFIX, FittedParameter, FittedTarget, VERSION,
};
use super::stats::Summary;
use crate::experiment::calibrate::{Fit, METHOD, Outcome, Settings};
use crate::model::inputs::Simulation;

/// Where a fit comes from: the scenario (its name and file), the targets file, the run settings
/// every evaluation used.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    pub scenario: &'a str,
    pub scenario_file: &'a Path,
    pub targets_file: &'a Path,
    pub simulation: &'a Simulation,
}

/// `calibration.json`'s document: the factors found, and each target against the best
/// evaluation's mean with its t-interval over the replications.
pub fn calibration_file(fit: &Fit, settings: &Settings, origin: &Origin) -> CalibrationFile {
    let best = fit.best();
    let Outcome::Ran { values, means, misfit } = &best.outcome else {
        unreachable!("the best evaluation is one that ran")
    };
    let sim = origin.simulation;
    CalibrationFile {
        scenario: origin.scenario.to_string(),
        scenario_file: origin.scenario_file.display().to_string(),
        targets_file: origin.targets_file.display().to_string(),
        caresim_version: VERSION.to_string(),
        method: METHOD.to_string(),
        replications: u64::from(sim.replications),
        years: u64::from(sim.years),
        warmup_years: u64::from(sim.warmup_years),
        seed: sim.seed,
        evaluations: fit.evaluations.len() as u64,
        max_evaluations: u64::from(settings.max_evaluations),
        invalid_evaluations: fit.evaluations.iter().filter(|e| e.misfit().is_none()).count() as u64,
        converged: fit.converged,
        tolerance: settings.tolerance,
        best_evaluation: fit.best as u64 + 1,
        misfit: *misfit,
        parameters: settings
            .parameters
            .iter()
            .zip(&best.factors)
            .map(|(p, &factor)| {
                let fitted = FittedParameter {
                    keys: p.keys.clone(),
                    factor,
                    low: p.low,
                    high: p.high,
                    at_bound: factor <= p.low || factor >= p.high,
                };
                (p.name.clone(), fitted)
            })
            .collect(),
        targets: settings
            .targets
            .iter()
            .zip(values.iter().zip(means))
            .map(|(t, (values, &mean))| {
                let summary = Summary::of(values);
                let standardised = (mean - t.value) / t.sd;
                let fitted = FittedTarget {
                    value: t.value,
                    sd: t.sd,
                    source: t.source.clone(),
                    mean,
                    ci95_low: summary.ci95_low,
                    ci95_high: summary.ci95_high,
                    standardised,
                    misfit: standardised * standardised,
                };
                (t.metric.name().to_string(), fitted)
            })
            .collect(),
    }
}

/// `fit.csv`: one row per evaluation, in the order made.
pub fn fit_csv(fit: &Fit, settings: &Settings) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec![FIT_EVALUATION_COLUMN.to_string()];
    header.extend(settings.parameters.iter().map(|p| format!("{FIT_FACTOR_PREFIX}{}", p.name)));
    header.extend(settings.targets.iter().map(|t| format!("{FIT_MEAN_PREFIX}{}", t.metric.name())));
    header.extend(FIT_COLUMNS.map(String::from));
    w.write_record(&header).expect("writing CSV to memory cannot fail");
    for (i, evaluation) in fit.evaluations.iter().enumerate() {
        let mut row = vec![(i + 1).to_string()];
        row.extend(evaluation.factors.iter().map(f64::to_string));
        match &evaluation.outcome {
            Outcome::Ran { means, misfit, .. } => {
                row.extend(means.iter().map(f64::to_string));
                row.extend([misfit.to_string(), String::new()]);
            }
            Outcome::Invalid(problem) => {
                row.extend(settings.targets.iter().map(|_| String::new()));
                row.extend([String::new(), problem.clone()]);
            }
        }
        w.write_record(&row).expect("writing CSV to memory cannot fail");
    }
    w.into_inner().expect("flushing to memory cannot fail")
}

/// Write a calibration's folder into `dir` (a staging folder); returns the files written.
pub fn write_calibration_folder(
    dir: &Path,
    document: &CalibrationFile,
    fit: &Fit,
    settings: &Settings,
    calibrated_toml: &str,
) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let json = serde_json::to_string_pretty(document).expect("JSON serialises") + "\n";
    let mut written = Vec::new();
    for (name, bytes) in [
        (CALIBRATED_TOML, calibrated_toml.as_bytes().to_vec()),
        (FIT_CSV, fit_csv(fit, settings)),
        (CALIBRATION_JSON, json.into_bytes()),
    ] {
        let path = dir.join(name);
        write_file(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}
