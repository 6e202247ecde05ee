//! A comparison's folder: `comparison.json`, each scenario's own folder (which must be of the
//! same run: names, replications, years and seed), and `comparison.csv` row for row.

use std::collections::HashSet;
use std::path::Path;

use super::check::{agrees, budget_keys, every_metric, once_each, summary_of};
use super::files::{Table, malformed, versioned_json};
use super::run::read_run;
use super::{ReadError, ResultFolder, RunFolder, ScenarioChanges};
use crate::results::Summary;
use crate::results::compare::Money;
use crate::results::headline::PER_CASE;
use crate::results::schema::{
    BY_PLACE_CHANGE_CSV, BY_YEAR_CHANGE_CSV, COHORT_CSV, COMPARISON_COLUMNS, COMPARISON_CSV, COMPARISON_JSON,
    ComparisonFile, SUMMARY_JSON, ScenarioEntry, folder_name,
};

pub fn read_compare(dir: &Path) -> Result<ResultFolder, ReadError> {
    let path = dir.join(COMPARISON_JSON);
    let file: ComparisonFile = versioned_json(&path)?;
    check_file(&file).map_err(|m| malformed(&path, m))?;
    let baseline = scenario_folder(dir, &file, &file.baseline)?;
    let mut scenarios = Vec::new();
    for (name, _) in &file.scenarios.0 {
        scenarios.push(scenario_folder(dir, &file, name)?);
    }
    check_csv(&dir.join(COMPARISON_CSV), &file)?;
    let names: Vec<&str> = file.scenarios.0.iter().map(|(name, _)| name.as_str()).collect();
    let by_year = super::by_year::changes(&dir.join(BY_YEAR_CHANGE_CSV), &file.baseline, &names, file.years)?;
    let cohorts = super::cohorts::rows(&dir.join(COHORT_CSV), &file.baseline, &names, file.replications)?;
    let by_place =
        super::by_place::changes(&dir.join(BY_PLACE_CHANGE_CSV), &file.baseline, &names, file.years)?;
    let changes = file
        .scenarios
        .0
        .into_iter()
        .zip(by_year)
        .zip(cohorts)
        .zip(by_place)
        .map(|((((scenario, entry), by_year), cohorts), by_place)| {
            let ScenarioEntry { metrics, money, value_of_information, budget_impact, per_case } = entry;
            ScenarioChanges {
                scenario,
                metrics,
                money,
                value_of_information,
                budget_impact,
                per_case,
                by_year,
                cohorts,
                by_place,
            }
        })
        .collect();
    Ok(ResultFolder::Compare { dir: dir.to_path_buf(), baseline, scenarios, changes })
}

fn check_file(file: &ComparisonFile) -> Result<(), String> {
    let n = file.replications;
    if n == 0 {
        return Err("it has 0 replications: a run has one at least".into());
    }
    if file.scenarios.0.is_empty() {
        return Err("it has no scenarios to compare with the baseline".into());
    }
    let mut folders = HashSet::from([folder_name(&file.baseline)]);
    for (name, entry) in &file.scenarios.0 {
        let folder = folder_name(name);
        if !folders.insert(folder.clone()) {
            return Err(format!("scenario {name:?} has the folder {folder} of another scenario"));
        }
        let within = |e: String| format!("scenario {name}: {e}");
        every_metric(&entry.metrics).map_err(within)?;
        for (metric, change) in &entry.metrics.0 {
            agrees(change.metric.as_str(), metric.as_str(), "metric", "its key").map_err(within)?;
            summary_of(&change.difference, n, &format!("the change in {metric}")).map_err(within)?;
        }
        for (what, summary) in money_summaries(&entry.money) {
            summary_of(summary, n, what).map_err(within)?;
        }
        let labels: Vec<&str> = entry.per_case.keys().collect();
        once_each(&labels, "per-case figure").map_err(within)?;
        if let Some(unknown) = labels.iter().find(|l| !PER_CASE.iter().any(|f| f.label == **l)) {
            return Err(within(format!(
                "it has a per-case figure `{unknown}`, which caresim does not write"
            )));
        }
        let rows = &entry.budget_impact;
        budget_keys(rows.iter().map(|r| (r.year, r.line.as_str(), r.measure.as_str())), file.years)
            .map_err(within)?;
        for r in rows {
            let what = format!("the change in budget row {} {} {}", r.year, r.line, r.measure);
            summary_of(&r.difference, n, &what).map_err(within)?;
            if !(0.0..=1.0).contains(&r.probability_lower) {
                return Err(within(format!(
                    "{what} has probability_lower {}, not a share",
                    r.probability_lower
                )));
            }
        }
    }
    Ok(())
}

fn money_summaries(m: &Money) -> [(&'static str, &Summary); 6] {
    [
        ("net_saving_nhs", &m.net_saving_nhs),
        ("net_saving_council", &m.net_saving_council),
        ("net_saving_total", &m.net_saving_total),
        ("net_saving_self_funders", &m.net_saving_self_funders),
        ("added_intervention_cost", &m.added_intervention_cost),
        ("gross_service_saving", &m.gross_service_saving),
    ]
}

/// The folder of scenario `name`, which must be of the run `file` describes.
fn scenario_folder(dir: &Path, file: &ComparisonFile, name: &str) -> Result<RunFolder, ReadError> {
    let run = read_run(&dir.join(folder_name(name)))?;
    let facts = [
        ("replications", run.replications, file.replications),
        ("years", run.years, file.years),
        ("warm-up years", run.warmup_years, file.warmup_years),
        ("seed", run.seed, file.seed),
    ];
    let same = agrees(run.scenario.as_str(), name, "scenario", COMPARISON_JSON)
        .and_then(|()| facts.iter().try_for_each(|&(what, a, b)| agrees(a, b, what, COMPARISON_JSON)));
    same.map_err(|m| malformed(&run.dir.join(SUMMARY_JSON), m))?;
    Ok(run)
}

/// `comparison.csv`: a row per scenario and metric, in the order of `comparison.json`.
fn check_csv(path: &Path, file: &ComparisonFile) -> Result<(), ReadError> {
    let table = Table::read(path)?;
    table.expect_columns(&COMPARISON_COLUMNS.map(String::from))?;
    let expected: Vec<(&str, &str)> = file
        .scenarios
        .0
        .iter()
        .flat_map(|(name, entry)| entry.metrics.keys().map(move |metric| (name.as_str(), metric)))
        .collect();
    agrees(table.len(), expected.len(), "number of rows", "comparison.json (a row per scenario and metric)")
        .map_err(|m| table.malformed(m))?;
    for (row, (scenario, metric)) in table.rows().zip(expected) {
        let replications = file.replications.to_string();
        let names = [(file.baseline.as_str(), "baseline"), (scenario, "scenario"), (metric, "metric")];
        for (column, (name, what)) in names.into_iter().enumerate() {
            agrees(row.text(column)?, name, what, COMPARISON_JSON).map_err(|m| row.malformed(m))?;
        }
        agrees(row.text(3)?, replications.as_str(), "replications", COMPARISON_JSON)
            .map_err(|m| row.malformed(m))?;
        for column in 4..7 {
            row.number(column)?;
        }
        for column in 7..COMPARISON_COLUMNS.len() {
            row.optional(column)?;
        }
    }
    Ok(())
}
