//! Which charts a result folder gets, in the order the report shows them, each with the file
//! stem of its image files and its caption.
//!
//! A `run` folder gets cost by payer, the discharge pathway mix and bed occupancy; a `compare`
//! folder first gets the paired changes and net saving by payer, then the same charts with every
//! scenario. A sweep gets, for each metric of interest: a tornado (one-way designs), a response
//! curve and, for two crossed parameters, a heatmap (grids of one or two numeric parameters), or
//! one response per parameter (points and Latin hypercube designs).

use super::build;
use super::draw::Chart;
use crate::experiment::plan::DesignKind;
use crate::results::cohorts::{cohort_label, cohort_names, without_it_label};
use crate::results::headline::{self, BY_YEAR, CHANGES, capitalised, without_period};
use crate::results::parameters;
use crate::results::read::{ResultFolder, RunFolder, ScenarioChanges, SweepFolder};
use crate::results::schema::{Metric, Unit, folder_name};

/// One chart of the report.
pub struct Entry {
    /// The file stem of its image files in `plots/`.
    pub name: String,
    /// Its caption, and the alt text of its image.
    pub caption: String,
    pub chart: Chart,
}

fn entry(name: impl Into<String>, caption: impl Into<String>, chart: Chart) -> Entry {
    Entry { name: name.into(), caption: caption.into(), chart }
}

/// Every chart for this folder.
pub fn charts(folder: &ResultFolder) -> Vec<Entry> {
    match folder {
        ResultFolder::Sweep(s) => sweep(s),
        ResultFolder::Compare { baseline, changes, scenarios: what_ifs, .. } => {
            let mut list = vec![entry(
                "futures",
                "Each paired future as a point: its change in emergency bed days and in total cost. Bottom left: \
                 fewer bed days and money saved; the cloud's spread is the uncertainty of the answer",
                build::run::plane(baseline, what_ifs),
            )];
            list.extend(comparison(baseline, changes));
            list.extend(BY_YEAR.iter().map(|&metric| {
                entry(
                    format!("by-year-change-{}", metric.name().replace('_', "-")),
                    format!(
                        "Change in {} in each measured year, paired by future: how the answer moves with the \
                         horizon",
                        without_period(metric.short_label())
                    ),
                    build::by_year::changes(baseline, changes, metric),
                )
            }));
            list.extend(cohorts(changes));
            list.extend(changes.iter().filter_map(|c| {
                let chart = build::places::covered_clusters(c, baseline.replications)?;
                Some(entry(
                    format!("clusters-{}", stem(&c.scenario)),
                    format!(
                        "The paired change in {} in each cluster of {}: the clusters its teams cover against those \
                         they do not",
                        build::places::METRIC.short_label(),
                        c.scenario
                    ),
                    chart,
                ))
            }));
            list.extend(scenarios(&folder.runs()));
            list
        }
        ResultFolder::Run(_) => {
            let mut list = scenarios(&folder.runs());
            list.extend(BY_YEAR.iter().map(|&metric| {
                entry(
                    format!("by-year-{}", metric.name().replace('_', "-")),
                    format!(
                        "{} in each measured year: how the answer moves with the horizon",
                        capitalised(without_period(metric.short_label()))
                    ),
                    build::by_year::values(&folder.runs(), metric),
                )
            }));
            list
        }
    }
}

/// The months after a first contact the cohort charts show, as the PICT evaluation reported.
pub const COHORT_CHART_MONTHS: u32 = 6;

/// A name as part of a file stem: safe, and words joined by hyphens.
fn stem(name: &str) -> String {
    folder_name(name).replace(['.', '_'], "-")
}

/// One chart per cohort of each scenario: naive change, regression to the mean and effect.
fn cohorts(changes: &[ScenarioChanges]) -> Vec<Entry> {
    let mut list: Vec<Entry> = Vec::new();
    for c in changes {
        for name in cohort_names(&c.cohorts) {
            // Names that differ only in punctuation share a stem: number the later ones.
            let base = format!("cohort-{}-{}", stem(&c.scenario), stem(name));
            let taken = |stem: &str| list.iter().any(|e| e.name == stem);
            let file =
                (1..).map(|k| if k == 1 { base.clone() } else { format!("{base}-{k}") }).find(|s| !taken(s));
            list.push(entry(
                file.expect("some number is free"),
                format!(
                    "The people {} served in {}: the change an uncontrolled before/after evaluation would \
                     report over {COHORT_CHART_MONTHS} months, how much of it the same people show without it in \
                     the paired futures ({}), and the effect, which is the difference",
                    cohort_label(name),
                    c.scenario,
                    without_it_label(name)
                ),
                build::cohorts::cohort(&c.scenario, &c.cohorts, name, COHORT_CHART_MONTHS),
            ));
        }
    }
    list
}

/// The chart of the paired change in `metric`, worded from the metric table. Its file stem is
/// the short label without "a year" (`change-care-home-admissions`).
fn change_chart(baseline: &RunFolder, changes: &[ScenarioChanges], metric: Metric) -> Entry {
    let noun = without_period(metric.short_label());
    let name = format!("change-{}", noun.replace(' ', "-"));
    let what = if metric.unit() == Unit::Pounds { metric.short_label() } else { metric.label() };
    entry(
        name,
        format!(
            "Change in {what}, drawn as a share of the baseline's so its size is seen against the whole (each \
             row gives the change itself): mean, and the range that holds 95% of the paired futures"
        ),
        build::run::change(baseline, changes, metric, what),
    )
}

/// The headline changes of a comparison, then the net saving by payer.
fn comparison(baseline: &RunFolder, changes: &[ScenarioChanges]) -> Vec<Entry> {
    let mut list: Vec<Entry> =
        headline::in_report(&CHANGES).map(|metric| change_chart(baseline, changes, metric)).collect();
    list.push(entry(
        "net-saving",
        "Net saving by payer: mean, and the range that holds 95% of the paired futures",
        build::run::net_saving(baseline, changes),
    ));
    for c in changes {
        if let Some(chart) = build::run::value_of_information(c) {
            list.push(entry(
                format!("value-of-information-{}", folder_name(&c.scenario)),
                format!(
                    "{}: the expected value of knowing each uncertain value before deciding to adopt it, by the \
                     regression method (Strong, Oakley & Brennan 2014), largest first",
                    c.scenario
                ),
                chart,
            ));
        }
    }
    list
}

/// The charts of each scenario's own results (the baseline first).
fn scenarios(runs: &[&RunFolder]) -> Vec<Entry> {
    let mut list = vec![
        entry("costs", "Cost a year by payer and the interventions' own cost", build::run::costs(runs)),
        entry("pathways", "Discharge pathway mix", build::run::pathways(runs)),
    ];
    for run in runs {
        list.push(entry(
            format!("occupancy-{}", folder_name(&run.scenario)),
            format!("Places occupied over time in {}", run.scenario),
            build::run::occupancy(run),
        ));
    }
    list
}

fn sweep(s: &SweepFolder) -> Vec<Entry> {
    let m = &s.manifest;
    let points = build::sweep::design_points(s);
    let mut list = Vec::new();
    for metric in &m.metrics {
        let stem = folder_name(metric);
        let label = build::sweep::metric_label(metric);
        match (m.design, m.parameters.first()) {
            (DesignKind::OneWay, _) => list.push(entry(
                format!("tornado-{stem}"),
                format!(
                    "One-way sensitivity of the change in {label}: each parameter alone at the low and the high end \
                     of its range (given after its name), the others as in the scenario. Bars are means of paired \
                     replications; a bar smaller than the simulation precision may be chance"
                ),
                build::sweep::tornado(s, metric),
            )),
            (DesignKind::Grid, Some(x_key))
                if m.parameters.len() <= 2
                    && points.iter().all(|p| build::sweep::number(p, x_key).is_some()) =>
            {
                list.push(entry(
                    format!("response-{stem}"),
                    format!("Response of the change in {label} to {}", parameters::label(x_key)),
                    build::sweep::grid_response(s, metric, x_key),
                ));
                if let Some(y_key) = m.parameters.get(1) {
                    list.push(entry(
                        format!("heatmap-{stem}"),
                        format!("Mean change in {label} for every combination"),
                        build::sweep::heatmap(s, metric, x_key, y_key),
                    ));
                }
            }
            (DesignKind::Points | DesignKind::LatinHypercube, Some(_)) => {
                for key in &m.parameters {
                    list.push(entry(
                        format!("response-{stem}-{}", folder_name(key)),
                        format!("Change in {label} against {}", parameters::label(key)),
                        build::sweep::point_response(s, metric, key),
                    ));
                }
            }
            _ => {}
        }
    }
    list
}
