//! `caresim compare BASELINE SCENARIO...`: paired comparison on common random numbers.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::cli::args::CompareArgs;
use crate::cli::commands::run::load;
use crate::cli::{labels, progress};
use crate::experiment::{ScenarioRun, align, run_comparison};
use crate::model::DAYS_PER_YEAR;
use crate::model::Inputs;
use crate::report::format;
use crate::results::Summary;
use crate::results::budget::{self, BudgetChange, budget_changes};
use crate::results::by_place::same_places;
use crate::results::compare::{Change, changes, money, per_case, value_of_information_of};
use crate::results::folder::{FolderError, Staging};
use crate::results::headline::{self, ACTIVITY, CHANGES, PER_CASE};
use crate::results::schema::Metric;
use crate::results::schema::{COMPARISON_JSON, COMPARISON_OWN_NAMES, folder_name};
use crate::results::write::write_comparison_folder;
use crate::scenario::{MAX_FILE_BYTES, ScenarioError, differences, is_area_key};

/// Refuse a what-if whose area differs from the baseline's, naming every key that differs,
/// unless allowed: its people are other people, so its changes are not the what-if's alone.
fn check_same_area(path: &Path, baseline: &Inputs, scenario: &Inputs, allowed: bool) -> Result<()> {
    let differ = differences(baseline, scenario, is_area_key);
    if differ.is_empty() || allowed {
        return Ok(());
    }
    let listed: Vec<String> = differ
        .iter()
        .map(|d| {
            let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".into());
            format!("{} is {} here and {} in the baseline", d.key, show(&d.second), show(&d.first))
        })
        .collect();
    Err(ScenarioError::single(
        path.display().to_string(),
        "area",
        format!(
            "its area or population differs from the baseline's ({}): the two would simulate different people, so \
             every change would mix the what-if with the area. Give it the baseline's area (or compare it against a baseline of \
             its own area), or pass --allow-different-area",
            listed.join("; ")
        ),
    )
    .into())
}

pub fn run(args: CompareArgs) -> Result<()> {
    let baseline_scenario = load(&args.baseline, &args.options)?;
    let mut sources = vec![baseline_scenario.sources_text()];
    let baseline = baseline_scenario.inputs;
    let mut scenarios = Vec::new();
    check_name_is_free(&args.baseline, &baseline.name)?;
    let mut names = BTreeSet::from([folder_name(&baseline.name)]);
    for path in &args.scenarios {
        let scenario = load(path, &args.options)?;
        sources.push(scenario.sources_text());
        let mut inputs = scenario.inputs;
        check_name_is_free(path, &inputs.name)?;
        if !names.insert(folder_name(&inputs.name)) {
            return Err(ScenarioError::single(
                path.display().to_string(),
                "name",
                format!(
                    "another scenario in this comparison is also named \"{}\": give each its own `name`",
                    inputs.name
                ),
            )
            .into());
        }
        check_same_area(path, &baseline, &inputs, args.allow_different_area)?;
        let differed = align(&baseline, &mut inputs);
        if !differed.is_empty() {
            eprintln!(
                "note: {} runs with the baseline's simulation settings ({} differed)",
                inputs.name,
                differed.join(", ")
            );
        }
        scenarios.push(inputs);
    }
    let dir = args.options.out.clone().unwrap_or_else(|| default_dir(&baseline, &scenarios));
    // Checked before simulating, so a bad --out or --trace costs nothing.
    check_holds_no_other_comparison(&dir, &baseline, &scenarios)?;
    let traced = super::run::traced(&args.options, baseline.simulation.replications)?;
    let staging = Staging::begin(&dir)?;
    let reps = u64::from(baseline.simulation.replications);
    let bar = progress::bar(reps * (1 + scenarios.len() as u64), "compare");
    let threads = args.options.threads.map(|t| t as usize);
    let cmp = run_comparison(&baseline, &scenarios, threads, &|| bar.inc(1))
        .context("cannot start worker threads")?;
    bar.finish_and_clear();
    for run in cmp.scenarios.iter().filter(|run| !same_places(&cmp.baseline, run)) {
        eprintln!(
            "note: {}: no changes by place (by_place_change.csv has none): it divides the area into other practices \
             or clusters than the baseline",
            run.inputs.name
        );
    }
    for (run, cohorts) in cmp.scenarios.iter().zip(&cmp.cohorts) {
        if !cohorts.same_people && !cohorts.names.is_empty() {
            eprintln!(
                "note: {}: the people its interventions served are not followed (cohort.csv has none): its area's \
                 people are not the baseline's, so there is no counterfactual for them",
                run.inputs.name
            );
        }
    }

    write_comparison_folder(staging.path(), &cmp, &sources)
        .with_context(|| format!("cannot write results to {}", dir.display()))?;
    if let Some(replication) = traced {
        for run in std::iter::once(&cmp.baseline).chain(&cmp.scenarios) {
            let folder = staging.path().join(folder_name(&run.inputs.name));
            super::run::write_trace_of(&folder, &run.inputs, replication)?;
        }
    }
    let _lock = staging.commit()?;

    let sim = &baseline.simulation;
    println!(
        "Compared with {}: {} paired replications of {} year(s) after a {}-year warm-up (seed {}).",
        baseline.name, sim.replications, sim.years, sim.warmup_years, sim.seed
    );
    println!(
        "Changes are per year, scenario minus baseline: the mean over {} paired futures, the range \
         that holds 95% of them\n(uncertain effects and chance together) and how often the scenario \
         comes out lower. The\nsimulation's precision for each mean is in comparison.csv.",
        sim.replications
    );
    let fixed = fixed_intervention_parameters(&baseline, &scenarios);
    if !fixed.is_empty() {
        println!("\nAssumed, not uncertain (each result holds only if these values hold):");
        for (scenario, key, value) in &fixed {
            println!("  {scenario}: {}", labels::fixed_effect(key, *value));
        }
    }
    for run in &cmp.scenarios {
        let all = changes(&cmp.baseline, run);
        let get = |m: Metric| &all[m.index()];
        println!("\n{}", run.inputs.name);
        for h in headline::in_terminal(&CHANGES) {
            let label = labels::change_heading(h);
            println!("  {label:<42} {}", describe(get(h.metric), format::for_unit(h.metric.unit())));
        }
        let m = money(&cmp.baseline, run);
        println!("  {:<42} {}", "Cost of the intervention", format::pounds(m.added_intervention_cost.mean));
        let p = m.probability_saving;
        for (label, saving, probability) in [
            ("Net saving to the NHS", &m.net_saving_nhs, p.nhs),
            ("Net saving to the council", &m.net_saving_council, p.council),
            ("Net saving in total (NHS and council)", &m.net_saving_total, p.total),
            ("Saving to residents paying themselves", &m.net_saving_self_funders, p.self_funders),
        ] {
            println!(
                "  {label:<42} {}; saves money in {} of futures",
                futures(saving, format::pounds),
                percent(probability)
            );
        }
        if let Some(roi) = m.return_on_investment {
            let range = match (m.roi_p025, m.roi_p975) {
                (Some(lo), Some(hi)) if m.net_saving_total.sd.is_some() => {
                    format!(" ({} to {})", format::pence(lo), format::pence(hi))
                }
                _ => String::new(),
            };
            println!(
                "  {:<42} {} saved in services per £1 spent{range}",
                "Return on investment",
                format::pence(roi)
            );
        }
        if let Some(voi) = value_of_information_of(&cmp.baseline, run) {
            let top: Vec<String> = voi
                .evppi
                .0
                .iter()
                .take(3)
                .map(|(key, v)| format!("{} {}", labels::parameter(key), format::pounds(*v)))
                .collect();
            println!(
                "  {:<42} all uncertainty {}; one value alone: {}",
                "Worth knowing before deciding (a year)",
                format::pounds(voi.evpi),
                top.join(", ")
            );
        }
        print_budget_impact(&budget_changes(&cmp.baseline, run));
        let mean_of = |m: Metric| get(m).scenario_mean;
        if mean_of(Metric::TeamPlaces) > 0.0 {
            println!(
                "  {:<42} {} enrolled on average, {:.0}% of {} places; {} enrolments a year",
                "Case-finding teams",
                format::number(mean_of(Metric::TeamEnrolledMean)),
                100.0 * mean_of(Metric::TeamUtilisation),
                format::number(mean_of(Metric::TeamPlaces)),
                format::number(mean_of(Metric::TeamEnrolments)),
            );
        }
        for metric in ACTIVITY {
            if mean_of(metric) > 0.0 {
                let show = format::for_unit(metric.unit());
                println!("  {:<42} {}", labels::heading(metric), show(mean_of(metric)));
            }
        }
        print_per_case(&cmp.baseline, run);
    }
    println!("\nResults written to {}", dir.display());
    if args.options.report {
        let report = crate::cli::commands::report::write(&dir, crate::report::ImageFormat::Svg)?;
        println!("Report written to {}", report.display());
    }
    Ok(())
}

/// Each saving per case of an intervention the scenario used: the mean, and the range that holds
/// the replications' own ratios.
fn print_per_case(baseline: &ScenarioRun, scenario: &ScenarioRun) {
    for figure in PER_CASE {
        let Some(p) = per_case(baseline, scenario, figure.saved, figure.cases) else { continue };
        let show = format::for_unit(figure.saved.unit());
        let range = match (p.p025, p.p975) {
            (Some(low), Some(high)) if p.ci95_low.is_some() => format!(" ({} to {})", show(low), show(high)),
            _ => String::new(),
        };
        println!("  {:<42} {}{range}", labels::capitalised(figure.label), show(p.mean));
    }
}

/// A comparison's default folder, `output/compare-<baseline>-<what-if>...`: named from all its
/// scenarios (a long list cut short), with `-2`, `-3`... when that name holds a comparison of
/// other scenarios, so comparisons of other scenarios do not share one.
fn default_dir(baseline: &Inputs, scenarios: &[Inputs]) -> PathBuf {
    let mut name = format!("compare-{}", folder_name(&baseline.name));
    for (k, s) in scenarios.iter().enumerate() {
        let next = folder_name(&s.name);
        if name.len() + next.len() > 100 {
            name.push_str(&format!("-and-{}-more", scenarios.len() - k));
            break;
        }
        name.push('-');
        name.push_str(&next);
    }
    let candidates = std::iter::once(name.clone()).chain((2..).map(|k| format!("{name}-{k}")));
    candidates
        .map(|candidate| Path::new("output").join(candidate))
        .take(1000)
        .find(|dir| other_comparison(dir, baseline, scenarios).is_none())
        .unwrap_or_else(|| Path::new("output").join(name))
}

/// The comparison `dir` holds, as "what-ifs against baseline", if it is not of these scenarios
/// (the same baseline and what-ifs, in any order).
fn other_comparison(dir: &Path, baseline: &Inputs, scenarios: &[Inputs]) -> Option<String> {
    let file = dir.join(COMPARISON_JSON);
    // A file caresim cannot read as its own is left to the checks of the folder as a whole.
    let text = std::fs::read_to_string(file).ok().filter(|t| t.len() as u64 <= MAX_FILE_BYTES)?;
    let held: serde_json::Value = serde_json::from_str(&text).ok()?;
    let held_baseline = held["baseline"].as_str()?;
    let mut held_scenarios: Vec<&str> = held["scenarios"].as_object()?.keys().map(String::as_str).collect();
    let mut these: Vec<&str> = scenarios.iter().map(|s| s.name.as_str()).collect();
    held_scenarios.sort_unstable();
    these.sort_unstable();
    (held_baseline != baseline.name || held_scenarios != these)
        .then(|| format!("{} against {held_baseline}", held_scenarios.join(", ")))
}

/// Refuse to replace a folder that holds a comparison of other scenarios: rerunning a
/// comparison replaces its own results, never another's.
fn check_holds_no_other_comparison(dir: &Path, baseline: &Inputs, scenarios: &[Inputs]) -> Result<()> {
    match other_comparison(dir, baseline, scenarios) {
        None => Ok(()),
        Some(held) => {
            let these: Vec<&str> = scenarios.iter().map(|s| s.name.as_str()).collect();
            let this = format!("{} against {}", these.join(", "), baseline.name);
            Err(FolderError::HoldsOtherComparison { dir: dir.to_path_buf(), held, this }.into())
        }
    }
}

/// A scenario's folder in the comparison must not take the name of one of the comparison's own
/// files.
fn check_name_is_free(path: &Path, name: &str) -> Result<(), ScenarioError> {
    let folder = folder_name(name);
    if COMPARISON_OWN_NAMES.iter().any(|own| own.eq_ignore_ascii_case(&folder)) {
        return Err(ScenarioError::single(
            path.display().to_string(),
            "name",
            format!(
                "a scenario in a comparison cannot be named \"{name}\": the comparison folder uses that name \
                 for its own files ({}); give it another `name`",
                COMPARISON_OWN_NAMES.join(", ")
            ),
        ));
    }
    Ok(())
}

/// Each what-if's intervention effects that are fixed numbers, as (scenario, key, value),
/// leaving out those the baseline has too (the comparison does not test them).
fn fixed_intervention_parameters(baseline: &Inputs, scenarios: &[Inputs]) -> Vec<(String, String, f64)> {
    let shared = baseline.fixed_effects();
    scenarios
        .iter()
        .flat_map(|s| {
            s.fixed_effects()
                .into_iter()
                .filter(|fixed| !shared.contains(fixed))
                .map(|(key, value)| (s.name.clone(), key, value))
        })
        .collect()
}

/// Cash by measured year and payer as budgets see it, and the bed days released where beds
/// are paid for whatever their use.
fn print_budget_impact(changes: &[BudgetChange]) {
    println!("  Cash spent, change by year (not discounted; beds kept open cost the same used or not):");
    for year in budget::years_of(changes) {
        let cell = |measure: &str| match budget::find(changes, year, budget::TOTAL_LINE, measure) {
            Some(c) => futures(&c.difference, format::signed_pounds),
            None => "none".into(),
        };
        println!(
            "    year {year:<3} NHS {}; council {}; total {}",
            cell("nhs_cash"),
            cell("council_cash"),
            cell("total_cash")
        );
    }
    for line in budget::capacity_lines() {
        let released: Vec<String> = budget::years_of(changes)
            .into_iter()
            .filter_map(|year| {
                budget::find(changes, year, line, "days_used").map(|c| (year, -c.difference.mean))
            })
            .map(|(year, days)| {
                let beds = days / DAYS_PER_YEAR;
                let beds = if beds.abs() >= 0.05 { format!(", {beds:.1} beds") } else { String::new() };
                format!("{} in year {year}{beds}", format::number(days))
            })
            .collect();
        if !released.is_empty() {
            println!(
                "    {}, bed days released (capacity, not cash): {}",
                budget::line_label(line),
                released.join("; ")
            );
        }
    }
}

/// The mean and the range that holds 95% of the replications.
fn futures(s: &Summary, show: fn(f64) -> String) -> String {
    if s.sd.is_none() {
        return show(s.mean);
    }
    format!("{} ({} to {})", show(s.mean), show(s.p025), show(s.p975))
}

fn percent(share: f64) -> String {
    format!("{:.0}%", 100.0 * share)
}

fn describe(c: &Change, show: fn(f64) -> String) -> String {
    let pct = match c.percent_change {
        Some(p) if p.abs() >= 0.05 => format!(", {p:+.1}%"),
        _ => String::new(),
    };
    if c.difference.sd.is_none() {
        return format!("{}{pct}", show(c.difference.mean));
    }
    let split = c
        .share_from_parameters
        .map(|share| format!(" ({} of the spread from uncertain values)", percent(share)))
        .unwrap_or_default();
    format!(
        "{}{pct}; lower in {} of futures{split}",
        futures(&c.difference, show),
        percent(c.probability_lower)
    )
}
