//! Uncertainty shown as uncertainty: the uncertainty interval of a paired difference is the
//! percentile interval of the paired replications, wider than the simulation precision when an
//! effect is drawn; more replications shrink only the precision; the probability of saving is
//! the share of replications that save.

use caresim::experiment::run_comparison;
use caresim::results::Summary;
use caresim::results::compare::{changes, money};
use caresim::results::schema::Metric;
use statrs::distribution::{ContinuousCDF, FisherSnedecor};

use crate::support::scenario_file;

fn quick(replications: u32) -> [String; 3] {
    [
        format!("simulation.replications={replications}"),
        "simulation.years=1".into(),
        "simulation.warmup_years=1".into(),
    ]
}

fn compare(preset: &str, replications: u32) -> caresim::experiment::Comparison {
    let settings = quick(replications);
    let settings: Vec<&str> = settings.iter().map(String::as_str).collect();
    let baseline = scenario_file("models/baseline.toml", &settings);
    let scenario = scenario_file(preset, &settings);
    run_comparison(&baseline, &[scenario], None, &|| {}).unwrap()
}

fn paired(cmp: &caresim::experiment::Comparison, metric: Metric, sign: f64) -> Vec<f64> {
    let base = cmp.baseline.metric(metric.index());
    let scen = cmp.scenarios[0].metric(metric.index());
    base.iter().zip(&scen).map(|(b, s)| sign * (s - b)).collect()
}

#[test]
fn a_drawn_effect_gives_an_uncertainty_interval_that_more_replications_do_not_shrink() {
    // Crisis response: the share of crises it manages is drawn from 3-13% in each replication.
    let few = compare("models/crisis-response.toml", 10);
    let many = compare("models/crisis-response.toml", 40);
    let bed_days = |cmp: &caresim::experiment::Comparison| {
        changes(&cmp.baseline, &cmp.scenarios[0])[Metric::AcuteBedDays.index()].clone()
    };
    let (few, many) = (bed_days(&few), bed_days(&many));
    let width = |lo: f64, hi: f64| hi - lo;
    let precision = |c: &caresim::results::compare::Change| {
        width(c.difference.ci95_low.unwrap(), c.difference.ci95_high.unwrap())
    };
    let uncertainty = |c: &caresim::results::compare::Change| width(c.difference.p025, c.difference.p975);
    for c in [&few, &many] {
        assert!(uncertainty(c) > precision(c), "{} vs {}", uncertainty(c), precision(c));
    }
    // Four times the replications: the precision narrows, and the futures spread as before. The
    // spread's estimates from 40 and from 10 replications must pass a two-sided F-test at 1%
    // (the first 10 are among the 40, which only makes the test easier to pass if they agree).
    assert!(precision(&many) < precision(&few), "{} vs {}", precision(&many), precision(&few));
    let variance_ratio = (many.difference.sd.unwrap() / few.difference.sd.unwrap()).powi(2);
    let f = FisherSnedecor::new(39.0, 9.0).unwrap();
    let (low, high) = (f.inverse_cdf(0.005), f.inverse_cdf(0.995));
    assert!((low..high).contains(&variance_ratio), "variance ratio {variance_ratio} outside {low}..{high}");
    // With 40 replications the futures spread several times wider than the precision of the mean
    // (about 3.9 sd against 0.65 sd).
    assert!(uncertainty(&many) > 2.0 * precision(&many));
}

#[test]
fn the_uncertainty_interval_and_probabilities_are_those_of_the_paired_replications() {
    let cmp = compare("models/social-worker-every-cluster.toml", 20);
    let all = changes(&cmp.baseline, &cmp.scenarios[0]);
    for metric in [Metric::AcuteBedDays, Metric::CareHomeAdmissions, Metric::CostTotal] {
        let diffs = paired(&cmp, metric, 1.0);
        let expected = Summary::of(&diffs);
        let c = &all[metric.index()];
        assert_eq!((c.difference.p025, c.difference.p975), (expected.p025, expected.p975));
        let lower = diffs.iter().filter(|d| **d < 0.0).count() as f64 / diffs.len() as f64;
        assert_eq!(c.probability_lower, lower, "{}", metric.name());
    }
    let m = money(&cmp.baseline, &cmp.scenarios[0]);
    for (metric, probability) in [
        (Metric::CostNhs, m.probability_saving.nhs),
        (Metric::CostCouncil, m.probability_saving.council),
        (Metric::CostTotal, m.probability_saving.total),
    ] {
        let savings = paired(&cmp, metric, -1.0);
        let share = savings.iter().filter(|s| **s > 0.0).count() as f64 / savings.len() as f64;
        assert_eq!(probability, share, "{}", metric.name());
    }
}

#[test]
fn inner_replications_share_a_draw_and_split_the_spread() {
    let settings = ["simulation.replications=12", "simulation.inner_replications=4", "simulation.years=1"];
    let baseline = scenario_file("models/baseline.toml", &settings);
    let scenario = scenario_file("models/crisis-response.toml", &settings);
    let cmp = run_comparison(&baseline, &[scenario], None, &|| {}).unwrap();
    let outputs = &cmp.scenarios[0].outputs;
    assert!(!outputs[0].draws.is_empty());
    for group in outputs.chunks(4) {
        assert!(group.iter().all(|o| o.draws == group[0].draws), "one draw per group of 4");
    }
    assert_ne!(outputs[0].draws, outputs[4].draws, "each group draws anew");
    assert_ne!(outputs[0].metrics, outputs[1].metrics, "chance differs within a group");
    let all = changes(&cmp.baseline, &cmp.scenarios[0]);
    let share = all[Metric::AcuteBedDays.index()].share_from_parameters.unwrap();
    assert!((0.0..=1.0).contains(&share));
    // With one replication per draw (the default) there is no split.
    let plain = compare("models/crisis-response.toml", 4);
    assert_eq!(changes(&plain.baseline, &plain.scenarios[0])[0].share_from_parameters, None);
}

/// Ranks of `values` (no ties in continuous draws).
fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|a, b| values[*a].total_cmp(&values[*b]));
    let mut r = vec![0.0; values.len()];
    for (rank, i) in order.into_iter().enumerate() {
        r[i] = rank as f64;
    }
    r
}

fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let (ra, rb) = (ranks(a), ranks(b));
    let m = (a.len() as f64 - 1.0) / 2.0;
    let cov: f64 = ra.iter().zip(&rb).map(|(x, y)| (x - m) * (y - m)).sum();
    let var: f64 = ra.iter().map(|x| (x - m).powi(2)).sum();
    cov / var
}

/// Draws of a team's crisis and care-home effects over `n` replications.
fn team_effect_draws(correlation: Option<&str>, n: u32) -> (Vec<f64>, Vec<f64>) {
    let mut extra = vec![];
    if let Some(rho) = correlation {
        extra.push(format!("teams[0].effects.correlation={rho}"));
    }
    let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
    let inputs = scenario_file("models/pict.toml", &extra);
    (0..n)
        .map(|r| {
            let p = caresim::model::realise::realise(&inputs, 7, r).params;
            (p.teams[0].effects.crisis_rate, p.teams[0].effects.care_home_entry)
        })
        .unzip()
}

#[test]
fn a_team_s_effects_can_share_one_factor_and_keep_their_own_ranges() {
    let n = 400;
    let (crisis, care_home) = team_effect_draws(Some("1.0"), n);
    assert!((spearman(&crisis, &care_home) - 1.0).abs() < 1e-12, "a shared factor alone moves them together");
    // Each keeps its own range (PERT 0.78-1.09 and 0.85-1.02 in the preset).
    assert!(crisis.iter().all(|v| (0.78..=1.09).contains(v)));
    assert!(care_home.iter().all(|v| (0.85..=1.02).contains(v)));
    // Half shared: Spearman's rho of a Gaussian copula with correlation 0.5 is (6 / pi) asin(1 / 4)
    // = 0.483; with 400 draws its standard error is about 1.06 / sqrt(397) (Fieller, Hartley &
    // Pearson 1957), and the bound is 3 of them.
    let (crisis, care_home) = team_effect_draws(Some("0.5"), n);
    let expected = 6.0 / std::f64::consts::PI * (0.25f64).asin();
    let bound = 3.0 * 1.06 / ((n - 3) as f64).sqrt();
    assert!((spearman(&crisis, &care_home) - expected).abs() < bound, "{}", spearman(&crisis, &care_home));
    // Without a correlation the draws are independent, as before.
    let (crisis, care_home) = team_effect_draws(None, n);
    assert!(spearman(&crisis, &care_home).abs() < bound);
}
