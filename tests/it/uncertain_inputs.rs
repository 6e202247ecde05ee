//! Any real number of a scenario may be uncertain: given as a distribution, it is drawn once per
//! replication, recorded, and kept valid (shares still add up to 1, values stay in range).

use caresim::model::Inputs;
use caresim::model::realise::realise;
use caresim::scenario::load;
use toml::Value;

use crate::support::{SMALL_AREA, caresim, repo_path, run};

/// Shares that are drawn jointly when made uncertain (entries of one list add up to 1).
fn is_share_list(path: &str) -> bool {
    [
        "population.age_band_shares",
        "population.frailty_shares.",
        "population.ltc_shares.",
        "discharge.pathway_shares.",
    ]
    .iter()
    .any(|prefix| path.starts_with(prefix))
}

/// Replace every real number outside `[simulation]` by a distribution just around it, and
/// every list of shares by a Dirichlet with the same mean (one fixed outcome is left in each
/// group of three, to take up the rest, and is recorded as scaled; a group with a drawn outcome
/// already keeps all its fixed ones). Returns how many values
/// will be recorded.
fn make_uncertain(value: &mut Value, path: &str) -> usize {
    match value {
        // Already a distribution: drawn as it is.
        Value::Table(t) if t.contains_key("dist") => 1,
        Value::Table(t) => {
            // A group of outcomes in which one is drawn already keeps its fixed ones, scaled.
            let is_dist = |v: &Value| v.as_table().is_some_and(|d| d.contains_key("dist"));
            let outcomes = ["outcome_home", "outcome_care_home", "outcome_death"];
            let drawn_outcome = outcomes.iter().any(|k| t.get(*k).is_some_and(is_dist));
            let keep_fixed: Vec<&str> = match (t.contains_key("outcome_death"), drawn_outcome) {
                (false, _) => Vec::new(),
                (true, false) => vec!["outcome_death"],
                (true, true) => outcomes.into_iter().filter(|k| !t.get(*k).is_some_and(is_dist)).collect(),
            };
            keep_fixed.len()
                + t.iter_mut()
                    .filter(|(k, _)| {
                        let is_simulation = path.is_empty() && *k == "simulation";
                        !(is_simulation || keep_fixed.contains(&k.as_str()))
                    })
                    .map(|(k, v)| {
                        make_uncertain(v, &if path.is_empty() { k.clone() } else { format!("{path}.{k}") })
                    })
                    .sum::<usize>()
        }
        Value::Array(list)
            if is_share_list(path) && list.iter().all(|v| v.as_float().is_some_and(|f| f > 0.0)) =>
        {
            let n = list.len();
            let mut joint = toml::Table::new();
            joint.insert("dist".into(), Value::String("dirichlet".into()));
            joint.insert("mean".into(), Value::Array(list.clone()));
            joint.insert("concentration".into(), Value::Float(100.0));
            *value = Value::Table(joint);
            n
        }
        Value::Array(list) if is_share_list(path) => 0,
        Value::Array(list) => {
            list.iter_mut().enumerate().map(|(i, v)| make_uncertain(v, &format!("{path}[{i}]"))).sum()
        }
        Value::Float(f) if *f != 0.0 => {
            // Below the value where it may be a share or a probability, above it otherwise, so
            // every distribution stays inside the parameter's allowed range.
            let (low, high) = if *f <= 1.0 { (*f * 0.98, *f) } else { (*f, *f * 1.02) };
            let mut dist = toml::Table::new();
            dist.insert("dist".into(), Value::String("uniform".into()));
            dist.insert("low".into(), Value::Float(low));
            dist.insert("high".into(), Value::Float(high));
            *value = Value::Table(dist);
            1
        }
        _ => 0,
    }
}

#[test]
fn every_real_number_of_a_scenario_may_be_uncertain() {
    let tmp = tempfile::tempdir().unwrap();
    for preset in ["baseline", "social-worker-and-d2a", "crisis-response", "gp-in-ae"] {
        let inputs = load(&repo_path(&format!("models/{preset}.toml")), &[]).unwrap().inputs;
        let mut value = Value::try_from(&inputs).unwrap();
        let uncertain = make_uncertain(&mut value, "");
        let file = tmp.path().join(format!("{preset}.toml"));
        std::fs::write(&file, toml::to_string(&value).unwrap()).unwrap();

        let overrides: Vec<_> =
            SMALL_AREA.iter().map(|o| caresim::scenario::parse_override(o).unwrap()).collect();
        let loaded: Inputs = load(&file, &overrides)
            .unwrap_or_else(|e| panic!("{preset} with every value uncertain: {e}"))
            .inputs;
        let first = realise(&loaded, 1, 0);
        assert_eq!(first.draws.len(), uncertain, "{preset}: one draw per uncertain value");
        assert_ne!(first.draws, realise(&loaded, 1, 1).draws, "{preset}: draws differ between replications");
        let p = &first.params;
        for shares in p.discharge.pathway_shares.by_frailty() {
            assert!((shares.iter().sum::<f64>() - 1.0).abs() < 1e-9, "{preset}: {shares:?}");
        }
        let d2a = [p.d2a.outcome_home, p.d2a.outcome_care_home, p.d2a.outcome_death];
        assert!((d2a.iter().sum::<f64>() - 1.0).abs() < 1e-9, "{preset}: {d2a:?}");
        // Each recorded value is the one the model uses.
        let recorded = |key: &str| first.draws.iter().find(|(k, _)| k == key).map(|(_, v)| *v);
        assert_eq!(recorded("d2a.outcome_home"), Some(p.d2a.outcome_home));
        assert_eq!(recorded("d2a.outcome_death"), Some(p.d2a.outcome_death));
        assert_eq!(recorded("ae.mean_hours"), Some(p.ae.mean_hours));
        assert_eq!(recorded("acute.los_mean_days_by_frailty[2]"), Some(p.acute.los_mean_days_by_frailty[2]));
        assert_eq!(
            recorded("discharge.pathway_shares.severe[3]"),
            Some(p.discharge.pathway_shares.severe[3])
        );

        let mut short = loaded.clone();
        short.simulation.replications = 2;
        short.simulation.years = 1;
        short.simulation.warmup_years = 0;
        let r = run(&short);
        assert_eq!(r.outputs[1].draws.len(), uncertain);
    }
}

#[test]
fn check_accepts_an_uncertain_outcome_and_a_lognormal_effect_and_refuses_a_lognormal_out_of_range() {
    let d2a = repo_path("models/d2a.toml");
    let pert = caresim(&[
        "check",
        d2a.to_str().unwrap(),
        "--set",
        "d2a_scheme.outcome_home={dist=\"pert\",low=0.02,mode=0.12,high=0.20}",
    ]);
    assert!(pert.status.success(), "{}", String::from_utf8_lossy(&pert.stderr));
    let pict = repo_path("models/pict.toml");
    let lognormal = |median: &str| {
        caresim(&[
            "check",
            pict.to_str().unwrap(),
            "--set",
            &format!("teams[0].effects.crisis_rate={{dist=\"lognormal\",median={median},sigma=0.1}}"),
        ])
    };
    let fine = lognormal("0.9");
    assert!(fine.status.success(), "{}", String::from_utf8_lossy(&fine.stderr));
    let out_of_range = lognormal("12");
    assert_eq!(out_of_range.status.code(), Some(2));
    let message = String::from_utf8_lossy(&out_of_range.stderr);
    assert!(message.contains("teams[0].effects.crisis_rate") && message.contains("outside"), "{message}");
}

#[test]
fn a_run_records_the_draws_of_an_uncertain_outcome() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("d2a");
    let output = caresim(&[
        "run",
        repo_path("models/d2a.toml").to_str().unwrap(),
        "--reps",
        "3",
        "--years",
        "1",
        "--warmup-years",
        "0",
        "--set",
        "area.registered_population=20000",
        "--set",
        "d2a_scheme.outcome_home={dist=\"pert\",low=0.02,mode=0.12,high=0.20}",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let mut rows = csv::Reader::from_path(out.join("replications.csv")).unwrap();
    let column = rows.headers().unwrap().iter().position(|h| h == "draw:d2a_scheme.outcome_home").unwrap();
    let draws: Vec<f64> = rows.records().map(|r| r.unwrap()[column].parse().unwrap()).collect();
    assert_eq!(draws.len(), 3);
    assert!(draws.iter().all(|d| (0.02..=0.20).contains(d)), "{draws:?}");
    let resolved = std::fs::read_to_string(out.join("scenario.resolved.toml")).unwrap();
    assert!(resolved.contains("pert"), "the resolved scenario keeps the distribution");
}

#[test]
fn values_that_cannot_hold_are_refused_with_the_rule_named() {
    let cases = [
        (
            "acute.death_probability_by_frailty[0]={dist=\"lognormal\",median=0.1,sigma=0.6,low=1.2}",
            "low < high",
        ),
        (
            "acute.death_probability_by_frailty[0]={dist=\"lognormal\",median=0.3,sigma=0.3,high=5}",
            "probability",
        ),
        (
            "acute.death_probability_by_frailty[0]={dist=\"lognormal\",median=0.1,sigma=0.5,low=0.9}",
            "outside",
        ),
        ("discharge.pathway_shares.fit=[0.9,0.9,0.9,{dist=\"uniform\",low=0,high=0.1}]", "add up to 1"),
        (
            "population.age_band_shares={dist=\"dirichlet\",mean=[1e-200,0.5,0.5],concentration=1e-200}",
            "concentration",
        ),
        ("population.age_band_shares={dist=\"dirichlet\",mean=[0.5,0.3],concentration=50}", "needs 3 shares"),
        ("ae.mean_hours=\"four\"", "wrong type"),
        ("ae.mean_hours={dist=\"uniform\",low=1,hihg=5}", "unknown key `hihg`"),
        ("ae.mean_hours={dist=\"normal\",low=1,high=5}", "unknown variant `normal`"),
    ];
    for (set, expected) in cases {
        let error =
            load(&repo_path("models/baseline.toml"), &[caresim::scenario::parse_override(set).unwrap()])
                .err()
                .unwrap_or_else(|| panic!("{set} was accepted"))
                .to_string();
        assert!(error.contains(expected), "{set}: expected {expected:?} in {error}");
    }
    let outcomes = [
        "d2a.outcome_home={dist=\"uniform\",low=0,high=0.1}",
        "d2a.outcome_care_home=0.01",
        "d2a.outcome_death=0.01",
    ]
    .map(|o| caresim::scenario::parse_override(o).unwrap());
    let error = load(&repo_path("models/baseline.toml"), &outcomes).err().unwrap().to_string();
    assert!(error.contains("able to add up to 1"), "{error}");
}
