//! Generated hostile inputs: `--set` texts, and bundled scenarios with values replaced by
//! hostile ones, lines deleted or doubled, or the file cut short. Loading never panics; a
//! scenario that loads runs a short replication without panicking or hanging; a damaged
//! experiment file is refused or makes the points it says it has.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use caresim::experiment::plan::{self, ExperimentFile};
use caresim::experiment::{run_scenario, sweep};
use caresim::scenario::{load, parse_override};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;

use crate::support::repo_path;

/// Values a careful tester puts in place of a number.
const HOSTILE_VALUES: [&str; 18] = [
    "-1",
    "0",
    "1e308",
    "-1e308",
    "nan",
    "inf",
    "-inf",
    "\"text\"",
    "[]",
    "[1, 2]",
    "{}",
    "18446744073709551615",
    "true",
    "0.5",
    "{ dist = \"pert\", low = 5, mode = 1, high = 0 }",
    "{ dist = \"lognormal\", median = 1e300, sigma = 50 }",
    "{ dist = \"uniform\", low = -1e308, high = 1e308 }",
    "{ dist = \"dirichlet\", alpha = [1e-300, 1e300] }",
];

#[derive(Debug, Clone)]
enum Mutation {
    /// Replace the value on the n-th `key = value` line.
    Replace(usize, usize),
    Delete(usize),
    Double(usize),
    /// Multiply each plain number on the n-th `key = value` line by one of [`FACTORS`], keeping
    /// whole numbers whole: valid but extreme values that reach the model.
    Scale(usize, usize),
    /// Cut the file at this share of its length.
    Cut(f64),
}

const FACTORS: [f64; 7] = [0.0, 1e-3, 0.5, 2.0, 10.0, 1e3, 1e6];

/// `value` with each plain number in it (alone or in a list) multiplied by `factor`.
fn scaled(value: &str, factor: f64) -> String {
    let scale = |token: &str| -> String {
        let t = token.trim();
        if let Ok(n) = t.parse::<i64>() {
            ((n as f64 * factor).round() as i64).to_string()
        } else if let Ok(x) = t.parse::<f64>() {
            format!("{:?}", x * factor)
        } else {
            token.to_string()
        }
    };
    let (body, comment) = value.split_once('#').map_or((value, ""), |(b, c)| (b, c));
    let body = body.trim();
    let out = match body.strip_prefix('[').and_then(|b| b.strip_suffix(']')) {
        Some(list) => format!("[{}]", list.split(',').map(scale).collect::<Vec<_>>().join(", ")),
        None => scale(body),
    };
    if comment.is_empty() { out } else { format!("{out} #{comment}") }
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<usize>(), 0..HOSTILE_VALUES.len()).prop_map(|(line, v)| Mutation::Replace(line, v)),
        4 => (any::<usize>(), 0..FACTORS.len()).prop_map(|(line, f)| Mutation::Scale(line, f)),
        1 => any::<usize>().prop_map(Mutation::Delete),
        1 => any::<usize>().prop_map(Mutation::Double),
        1 => (0.0..1.0f64).prop_map(Mutation::Cut),
    ]
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    for m in mutations {
        let assignments: Vec<usize> = (0..lines.len())
            .filter(|&i| !lines[i].trim_start().starts_with('#') && lines[i].contains(" = "))
            .collect();
        if assignments.is_empty() {
            break;
        }
        let pick = |n: usize| assignments[n % assignments.len()];
        match *m {
            Mutation::Replace(n, v) => {
                let i = pick(n);
                let key = lines[i].split(" = ").next().unwrap_or("").to_string();
                lines[i] = format!("{key} = {}", HOSTILE_VALUES[v]);
            }
            Mutation::Scale(n, f) => {
                let i = pick(n);
                let (key, value) = lines[i].split_once(" = ").unwrap_or_default();
                lines[i] = format!("{key} = {}", scaled(value, FACTORS[f]));
            }
            Mutation::Delete(n) => {
                lines.remove(pick(n));
            }
            Mutation::Double(n) => {
                let i = pick(n);
                lines.insert(i, lines[i].clone());
            }
            Mutation::Cut(share) => {
                let keep = (lines.len() as f64 * share) as usize;
                lines.truncate(keep);
            }
        }
    }
    lines.join("\n")
}

/// Load `path` for one short replication in a small area; if it loads, run it on a thread and
/// fail if it panics or has not finished within a minute (a hang detector, not a speed target).
fn load_and_run(path: &Path) -> Result<(), String> {
    let quick: Vec<_> = [
        "simulation.replications=1",
        "simulation.years=1",
        "simulation.warmup_years=0",
        "area.registered_population=3000",
    ]
    .iter()
    .map(|o| parse_override(o).unwrap())
    .collect();
    let Ok(scenario) = load(path, &quick) else { return Ok(()) };
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let ran = std::panic::catch_unwind(|| run_scenario(&scenario.inputs, Some(1), &|| {}).is_ok());
        let _ = send.send(ran);
    });
    match receive.recv_timeout(Duration::from_secs(60)) {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(_)) => Err("the run panicked".into()),
        Err(_) => Err("the run did not finish within a minute".into()),
    }
}

const EXPERIMENTS: [&str; 3] = [
    "experiments/psa-social-worker.toml",
    "experiments/social-workers-x-d2a-beds.toml",
    "experiments/tornado-baseline.toml",
];

/// The bundled scenarios the damage is done to: the baseline and presets with teams, a D2A
/// scheme, crisis response and a GP in A&E.
const SCENARIOS: [&str; 5] = [
    "models/baseline.toml",
    "models/social-worker-and-d2a.toml",
    "models/pict.toml",
    "models/crisis-response.toml",
    "models/gp-in-ae.toml",
];

proptest! {
    // A fixed seed: the same cases on every machine and every run.
    #![proptest_config(ProptestConfig {
        cases: 600,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(20261203),
        ..ProptestConfig::default()
    })]

    #[test]
    fn set_texts_never_panic(text in ".{0,60}") {
        let _ = parse_override(&text);
    }

    #[test]
    fn set_texts_of_hostile_values_load_or_are_refused(key in 0usize..40, v in 0..HOSTILE_VALUES.len()) {
        let keys = ["acute.beds", "acute.los_mean_days_by_frailty[1]", "area.registered_population",
            "area.practices", "population.age_band_shares", "simulation.seed", "name", "teams[0].name",
            "care_home.relative_death", "d2a.beds", "after_discharge", "acute.beds[0]", "a..b", "[x]"];
        let text = format!("{}={}", keys[key % keys.len()], HOSTILE_VALUES[v]);
        if let Ok(o) = parse_override(&text) {
            let _ = load(&repo_path("models/baseline.toml"), &[o]);
        }
    }

    #[test]
    fn a_damaged_scenario_loads_and_runs_or_is_refused(
        file in 0..SCENARIOS.len(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let text = std::fs::read_to_string(repo_path(SCENARIOS[file])).unwrap();
        let baseline = repo_path("models/baseline.toml");
        let text = text.replace("extends = \"baseline.toml\"", &format!("extends = {baseline:?}"));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("damaged.toml");
        std::fs::write(&path, apply(&text, &mutations)).unwrap();
        prop_assert_eq!(load_and_run(&path), Ok(()));
    }

    #[test]
    fn a_damaged_experiment_is_refused_or_makes_its_points(
        file in 0..EXPERIMENTS.len(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let text = std::fs::read_to_string(repo_path(EXPERIMENTS[file])).unwrap();
        let damaged = apply(&text, &mutations);
        if let Ok(e) = toml::from_str::<ExperimentFile>(&damaged)
            && sweep::problem(&e).is_none()
        {
            prop_assert_eq!(plan::points(&e).len() as u64, plan::design_size(&e));
        }
    }
}
