//! `caresim calibrate SCENARIO --targets FILE`: fit factors on scenario keys to target rates,
//! write the calibrated scenario and the fit, and say how close it came.
//!
//! Glue and words only: `scenario` reads the targets file and loads the scenario at any factors,
//! `experiment::calibrate` searches, `results::calibrate` writes the folder.

use anyhow::{Context, Result};

use crate::cli::args::CalibrateArgs;
use crate::cli::commands::run::default_out_dir;
use crate::cli::{labels, progress};
use crate::experiment::calibrate::{self, METHOD, Settings, Target};
use crate::report::format;
use crate::results::calibrate::{Origin, calibration_file, write_calibration_folder};
use crate::results::folder::Staging;
use crate::results::schema::{CALIBRATED_TOML, CalibrationFile, Metric};
use crate::scenario::{
    self, FitNote, Override, ScaledScenario, ScenarioError, Targets, parse_override, problems_text,
};

/// The command line's overrides: `--set`, then `--reps` and `--years`.
fn overrides(args: &CalibrateArgs) -> Result<Vec<Override>> {
    let mut list = Vec::new();
    for text in &args.set {
        list.push(parse_override(text).map_err(|message| ScenarioError::single("--set", "", message))?);
    }
    for (key, value) in [("simulation.replications", args.reps), ("simulation.years", args.years)] {
        if let Some(v) = value {
            list.push(Override { key: key.into(), value: toml::Value::Integer(i64::from(v)) });
        }
    }
    Ok(list)
}

/// What to fit to what, as the search takes it.
fn settings(targets: &Targets) -> Settings {
    Settings {
        parameters: targets.parameters.clone(),
        targets: targets.targets.clone(),
        max_evaluations: targets.max_evaluations,
        tolerance: targets.tolerance,
    }
}

/// `ae_attendances_per_1000 = 420 (sd 20; IAU 2019)`.
fn target_line(t: &Target) -> String {
    let source = if t.source.is_empty() { String::new() } else { format!("; {}", t.source) };
    format!("{} = {} (sd {}{source})", t.metric.name(), t.value, t.sd)
}

pub fn run(args: CalibrateArgs) -> Result<()> {
    let targets = scenario::read_targets(&args.targets)?;
    let scaled = ScaledScenario::new(&args.scenario, &targets, &overrides(&args)?)?;
    let start = &scaled.start().inputs;
    let (name, simulation) = (start.name.clone(), start.simulation.clone());
    let dir = args.out.clone().unwrap_or_else(|| default_out_dir(&format!("calibrate-{name}")));
    // Checked before simulating, so a bad --out costs nothing.
    let staging = Staging::begin(&dir)?;
    let settings = settings(&targets);
    if settings.targets.len() < settings.parameters.len() {
        eprintln!(
            "Note: {} factors and {} target(s): many sets of factors may fit equally well, and the one found \
             depends on where the search starts.",
            settings.parameters.len(),
            settings.targets.len()
        );
    }
    let bar = progress::bar(u64::from(settings.max_evaluations) * u64::from(simulation.replications), &name);
    let mut count = 0;
    let fit = calibrate::calibrate(
        &settings,
        args.threads.map(|t| t as usize),
        |factors| scaled.load(factors).map(|s| s.inputs).map_err(|e| problems_text(&e)),
        &|| bar.inc(1),
        |_, best| {
            count += 1;
            let misfit = best.misfit().map_or("none yet".to_string(), |m| format!("{m:.3}"));
            bar.set_message(format!(
                "{name}: evaluation {count} of at most {}, best misfit {misfit}",
                settings.max_evaluations
            ));
        },
    )?;
    bar.finish_and_clear();
    let origin = Origin {
        scenario: &name,
        scenario_file: &args.scenario,
        targets_file: &args.targets,
        simulation: &simulation,
    };
    let document = calibration_file(&fit, &settings, &origin);
    let note = FitNote {
        targets: settings.targets.iter().map(target_line).collect(),
        targets_file: args.targets.display().to_string(),
        method: METHOD.to_string(),
        misfit: document.misfit,
        evaluations: fit.evaluations.len(),
        converged: fit.converged,
    };
    let text = scaled.calibrated_toml(&fit.best().factors, &note);
    write_calibration_folder(staging.path(), &document, &fit, &settings, &text)
        .with_context(|| format!("cannot write results to {}", dir.display()))?;
    let _lock = staging.commit()?;
    print_summary(&document);
    println!("\nCalibrated scenario written to {}", dir.join(CALIBRATED_TOML).display());
    Ok(())
}

/// The factors found and each target against its fitted mean, as `calibration.json` has them.
fn print_summary(c: &CalibrationFile) {
    let state = if c.converged {
        "the search converged".to_string()
    } else {
        format!("the search stopped at its cap of {} evaluations, before it converged", c.max_evaluations)
    };
    println!(
        "{}: {} evaluations of {} replications of {} year(s) after a {}-year warm-up (seed {}); {state}.",
        c.scenario, c.evaluations, c.replications, c.years, c.warmup_years, c.seed
    );
    println!("\n{:<52} {:>10}   allowed", "", "factor");
    for (name, p) in &c.parameters.0 {
        let edge = if p.at_bound { "   at an end of its range: the best fit may lie beyond it" } else { "" };
        println!("{name:<52} {:>10.4}   {} to {}{edge}", p.factor, p.low, p.high);
    }
    println!("\n{:<52} {:>10}   {:<28} {:>8}", "", "target", "fitted (95% interval)", "off (sd)");
    for (metric, t) in &c.targets.0 {
        let Some(metric) = Metric::from_name(metric) else { continue };
        let show = format::for_unit(metric.unit());
        let fitted = match (t.ci95_low, t.ci95_high) {
            (Some(low), Some(high)) => format!("{} ({} to {})", show(t.mean), show(low), show(high)),
            _ => show(t.mean),
        };
        println!(
            "{:<52} {:>10}   {fitted:<28} {:>+8.2}",
            labels::heading(metric),
            show(t.value),
            t.standardised
        );
    }
    println!("\nMisfit {:.3}: the sum over the targets of (fitted - target)^2 / sd^2.", c.misfit);
}
