//! Shared helpers: load the bundled baseline with overrides, run it, read metrics.

use std::path::{Path, PathBuf};

use caresim::experiment::{ScenarioRun, run_scenario};
use caresim::model::{Inputs, metric_names};
use caresim::results::stats::t_975;
use caresim::scenario::{load, parse_override};

/// Run the built `caresim` binary.
pub fn caresim(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_caresim")).args(args).output().unwrap()
}

pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The bundled baseline with `key=value` overrides.
pub fn baseline(overrides: &[&str]) -> Inputs {
    let overrides: Vec<_> = overrides.iter().map(|o| parse_override(o).unwrap()).collect();
    load(&repo_path("models/baseline.toml"), &overrides).unwrap_or_else(|e| panic!("{e}")).inputs
}

/// Overrides that shrink the bundled area to about 8,000 people aged 65+ with capacities sized
/// as the baseline's are (mean use in the last year with unlimited capacity, over 0.92 for acute
/// beds and 0.90 for the rest), for quick runs.
pub const SMALL_AREA: [&str; 6] = [
    "area.registered_population=50000",
    "acute.beds=60",
    "d2a.beds=7",
    "home_support.slots=27",
    "care_home.residential_beds=94",
    "care_home.nursing_beds=97",
];

/// The bundled baseline shrunk to [`SMALL_AREA`], with more overrides.
pub fn small_area(extra: &[&str]) -> Inputs {
    scenario_file("models/baseline.toml", extra)
}

/// A scenario file (relative to the repository) shrunk to [`SMALL_AREA`], with more overrides.
pub fn scenario_file(relative: &str, extra: &[&str]) -> Inputs {
    let overrides: Vec<_> = SMALL_AREA.iter().chain(extra).map(|o| parse_override(o).unwrap()).collect();
    load(&repo_path(relative), &overrides).unwrap_or_else(|e| panic!("{e}")).inputs
}

pub fn run(inputs: &Inputs) -> ScenarioRun {
    run_scenario(inputs, None, &|| {}).unwrap()
}

pub fn metric(run: &ScenarioRun, name: &str) -> Vec<f64> {
    let index = metric_names().iter().position(|n| n == name).unwrap_or_else(|| panic!("no metric {name}"));
    run.metric(index)
}

/// Mean and the half-width of its two-sided confidence interval at `level` (Student's t).
pub fn mean_and_half_width(values: &[f64], level: f64) -> (f64, f64) {
    use statrs::distribution::{ContinuousCDF, StudentsT};
    let n = values.len();
    assert!(n >= 2);
    let mean = values.iter().sum::<f64>() / n as f64;
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
    let t = if level == 0.95 {
        t_975(n)
    } else {
        StudentsT::new(0.0, 1.0, (n - 1) as f64).unwrap().inverse_cdf(1.0 - (1.0 - level) / 2.0)
    };
    (mean, t * (var / n as f64).sqrt())
}

/// Assert that `expected` lies in the 99.9% confidence interval of the mean of `values`.
pub fn assert_consistent(what: &str, values: &[f64], expected: f64) {
    let (mean, half) = mean_and_half_width(values, 0.999);
    // Shown with --nocapture, so the figures can be quoted.
    eprintln!("{what}: simulated {mean:.5} +/- {half:.5}, expected {expected:.5}");
    assert!(
        (mean - expected).abs() <= half,
        "{what}: simulated mean {mean:.5} +/- {half:.5} (99.9% interval over {} replications) excludes {expected:.5}",
        values.len()
    );
}
