//! The result-folder round trip: a folder written from a run or a comparison reads back with
//! every replication's values, every summary figure and every change exactly as written.

use caresim::experiment::{ScenarioRun, run_comparison};
use caresim::model::world::{SERIES, series_in_use, series_times};
use caresim::results::Summary;
use caresim::results::budget::{budget_changes, budget_rows};
use caresim::results::compare::{changes, money};
use caresim::results::read::{ResultFolder, RunFolder, read};
use caresim::results::schema::{Metric, folder_name, metric_names};
use caresim::results::write::{write_comparison_folder, write_run_folder};

use crate::support::{run, scenario_file, small_area};

const SETTINGS: [&str; 3] = ["simulation.replications=3", "simulation.years=1", "simulation.warmup_years=0"];

/// Everything `run` holds comes back from `folder`: each replication's metrics and draws,
/// each metric's summary, and each point of each occupancy series.
fn assert_reads_back(folder: &RunFolder, run: &ScenarioRun) {
    let sim = &run.inputs.simulation;
    assert_eq!(folder.scenario, run.inputs.name);
    assert_eq!(
        (folder.replications, folder.years, folder.warmup_years, folder.seed),
        (run.outputs.len() as u64, u64::from(sim.years), u64::from(sim.warmup_years), sim.seed)
    );
    let table = &folder.per_replication;
    assert_eq!(table.metrics, metric_names());
    assert_eq!(table.rows.len(), run.outputs.len());
    for (r, (row, out)) in table.rows.iter().zip(&run.outputs).enumerate() {
        assert_eq!(row.replication, r as u64);
        for m in Metric::ALL {
            assert_eq!(row.metrics[m.index()], out.metrics[m.index()], "replication {r}, {}", m.name());
        }
        let keys: Vec<&str> = out.draws.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(table.draws, keys);
        assert_eq!(row.draws, out.draws.iter().map(|(_, v)| *v).collect::<Vec<_>>(), "replication {r}");
    }
    assert_eq!(folder.metrics.keys().collect::<Vec<_>>(), metric_names());
    for m in Metric::ALL {
        assert_eq!(folder.metrics[m.name()], Summary::of(&run.metric(m.index())), "{}", m.name());
    }
    let times = series_times(&run.inputs);
    assert_eq!(folder.budget, budget_rows(run));
    let in_use = series_in_use(&run.inputs);
    let written = in_use.iter().filter(|u| **u).count();
    assert_eq!(folder.series.len(), times.len() * written);
    for (s, name) in SERIES.iter().enumerate() {
        for (k, row) in folder.series(name).iter().enumerate() {
            let values: Vec<f64> = run.outputs.iter().map(|o| o.series[k][s]).collect();
            let summary = Summary::of(&values);
            assert_eq!(row.day, times[k]);
            assert_eq!(
                (row.mean, row.p05, row.p50, row.p95),
                (summary.mean, summary.p05, summary.p50, summary.p95)
            );
        }
    }
}

#[test]
fn a_run_folder_reads_back_exactly_as_written() {
    // A preset with uncertain effects, so replications.csv also holds the values drawn.
    let run = run(&scenario_file("models/social-worker-every-cluster.toml", &SETTINGS));
    assert!(!run.outputs[0].draws.is_empty());
    let tmp = tempfile::tempdir().unwrap();
    write_run_folder(tmp.path(), &run, "# sources\n").unwrap();
    let ResultFolder::Run(folder) = read(tmp.path()).unwrap() else { panic!("not read as a run folder") };
    assert_reads_back(&folder, &run);
    assert_eq!(folder.sources.as_deref(), Some("# sources\n"));
}

#[test]
fn a_comparison_folder_reads_back_exactly_as_written() {
    let baseline = small_area(&SETTINGS);
    let scenario = scenario_file("models/d2a.toml", &SETTINGS);
    let cmp = run_comparison(&baseline, &[scenario], None, &|| {}).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    write_comparison_folder(tmp.path(), &cmp, &["a".into(), "b".into()]).unwrap();
    let ResultFolder::Compare { baseline, scenarios, changes: read_changes, .. } = read(tmp.path()).unwrap()
    else {
        panic!("not read as a comparison folder")
    };
    assert_reads_back(&baseline, &cmp.baseline);
    assert_eq!(baseline.dir, tmp.path().join(folder_name(&cmp.baseline.inputs.name)));
    assert_eq!(scenarios.len(), 1);
    assert_reads_back(&scenarios[0], &cmp.scenarios[0]);
    let expected = changes(&cmp.baseline, &cmp.scenarios[0]);
    let read_back = &read_changes[0];
    assert_eq!(read_back.scenario, cmp.scenarios[0].inputs.name);
    assert_eq!(read_back.metrics.0.len(), expected.len());
    for change in &expected {
        assert_eq!(&read_back.metrics[&change.metric], change);
    }
    assert_eq!(read_back.money, money(&cmp.baseline, &cmp.scenarios[0]));
    assert_eq!(read_back.budget_impact, budget_changes(&cmp.baseline, &cmp.scenarios[0]));
    assert!(!read_back.budget_impact.is_empty());
    assert_eq!(
        read_back.per_case,
        caresim::results::compare::per_case_figures(&cmp.baseline, &cmp.scenarios[0])
    );
}
