//! Interventions and paired comparisons: a team with no effects changes nothing but cost,
//! common random numbers shrink the standard error, capacity binds, and more D2A beds never
//! make delays worse.

use caresim::experiment::{Comparison, run_comparison};
use caresim::model::{Inputs, metric_names};
use caresim::results::compare::{changes, money};

use crate::support::{mean_and_half_width, metric, repo_path, run, scenario_file, small_area};

/// A social-worker-like team with every effect exactly 1 (written to a temporary file).
fn null_team(extra: &[&str]) -> Inputs {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("null.toml");
    let text = std::fs::read_to_string(repo_path("models/social-worker-every-cluster.toml")).unwrap();
    let start = text.find("[teams.effects]").unwrap();
    let mut text = text[..start].to_string()
        + "[teams.effects]\ncrisis_rate = 1.0\nadmission_given_ae = 1.0\nlength_of_stay = 1.0\n\
           discharge_to_care_home = 1.0\ncare_home_entry = 1.0\n";
    text = text.replace(
        "extends = \"baseline.toml\"",
        &format!("extends = {:?}", repo_path("models/baseline.toml")),
    );
    std::fs::write(&path, text).unwrap();
    scenario_file(path.to_str().unwrap(), extra)
}

fn compare(baseline: &Inputs, scenarios: &[Inputs]) -> Comparison {
    run_comparison(baseline, scenarios, None, &|| {}).unwrap()
}

#[test]
fn a_team_without_effects_changes_nothing_but_its_cost() {
    let settings = ["simulation.replications=6", "simulation.years=2", "simulation.warmup_years=1"];
    let base = small_area(&settings);
    let cmp = compare(&base, &[null_team(&settings)]);
    let (b, s) = (&cmp.baseline, &cmp.scenarios[0]);
    assert!(metric(s, "team_enrolments").iter().all(|&v| v > 0.0), "the team did enrol people");
    let money_metrics = ["cost_nhs", "cost_council", "cost_total", "intervention_cost"];
    for (i, name) in metric_names().iter().enumerate() {
        if money_metrics.iter().any(|m| name.starts_with(m)) || name.starts_with("team_") || name == "events"
        {
            continue;
        }
        assert_eq!(b.metric(i), s.metric(i), "{name} changed although the team has no effect");
    }
    // The only cost added is the staff: 6 social workers at £55,000 a year, discounted at 3.5%
    // from the end of the warm-up over the measured 2 years.
    let delta = (1.0f64 + 0.035).ln();
    let discounted_years = (1.0 - (-2.0 * delta).exp()) / delta;
    let staff = 6.0 * 55_000.0 * discounted_years / 2.0;
    for (cost_b, cost_s) in metric(b, "cost_council").iter().zip(metric(s, "cost_council")) {
        assert!((cost_s - cost_b - staff).abs() < 1e-6 * staff, "{} vs {staff}", cost_s - cost_b);
    }
    assert_eq!(metric(b, "cost_nhs"), metric(s, "cost_nhs"));
    let m = money(b, s);
    assert!((m.added_intervention_cost.mean - staff).abs() < 1e-6 * staff);
    assert!(m.gross_service_saving.mean.abs() < 1e-6, "no service cost changes");
}

#[test]
fn common_random_numbers_shrink_the_standard_error() {
    let settings = ["simulation.replications=20", "simulation.years=3"];
    let cmp = compare(
        &small_area(&settings),
        &[scenario_file("models/social-worker-every-cluster.toml", &settings)],
    );
    for name in ["acute_bed_days", "care_home_admissions", "cost_total"] {
        let (b, s) = (metric(&cmp.baseline, name), metric(&cmp.scenarios[0], name));
        let n = b.len() as f64;
        let var = |v: &[f64]| {
            let m = v.iter().sum::<f64>() / n;
            v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1.0)
        };
        let diffs: Vec<f64> = s.iter().zip(&b).map(|(x, y)| x - y).collect();
        let paired = (var(&diffs) / n).sqrt();
        let unpaired = ((var(&b) + var(&s)) / n).sqrt();
        eprintln!("{name}: paired SE {paired:.1}, unpaired SE {unpaired:.1}, ratio {:.1}", unpaired / paired);
        assert!(unpaired >= 3.0 * paired, "{name}: pairing should cut the standard error at least threefold");
    }
}

#[test]
fn a_full_team_enrols_up_to_its_capacity_and_no_further() {
    // Two places per cluster against hundreds of eligible people, weekly reviews, long episodes.
    let r = run(&scenario_file(
        "models/social-worker-every-cluster.toml",
        &[
            "simulation.replications=3",
            "simulation.years=2",
            "simulation.warmup_years=1",
            "teams[0].staff[0].caseload_per_fte=2",
            "teams[0].finding.review_interval_days=7",
            "teams[0].enrolment_days=365",
        ],
    ));
    let places = metric(&r, "team_places");
    let enrolled = metric(&r, "team_enrolled_mean");
    for (p, e) in places.iter().zip(&enrolled) {
        assert!(*e <= *p && *e >= 0.95 * p, "enrolled {e} of {p} places");
    }
}

#[test]
fn without_beds_the_d2a_scheme_is_the_baseline() {
    let settings = ["simulation.replications=3", "simulation.years=2", "simulation.warmup_years=1"];
    let mut d2a_settings = settings.to_vec();
    d2a_settings.push("d2a_scheme.beds=0");
    let cmp = compare(&small_area(&settings), &[scenario_file("models/d2a.toml", &d2a_settings)]);
    for (i, name) in metric_names().iter().enumerate() {
        assert_eq!(cmp.baseline.metric(i), cmp.scenarios[0].metric(i), "{name} differs with 0 D2A beds");
    }
    for (base, scheme) in cmp.baseline.outputs.iter().zip(&cmp.scenarios[0].outputs) {
        assert_eq!(base.budget, scheme.budget, "the budget differs with 0 D2A beds");
    }
}

#[test]
fn one_scheme_bed_does_at_most_what_one_bed_can() {
    // Each person a scheme bed takes can shorten or lengthen the delays by at most a stay's
    // length (42 days at most in the preset); the rest follow the usual path.
    let settings = ["simulation.replications=24", "simulation.years=2", "simulation.warmup_years=1"];
    let mut one_bed = settings.to_vec();
    one_bed.push("d2a_scheme.beds=1");
    let cmp = compare(&small_area(&settings), &[scenario_file("models/d2a.toml", &one_bed)]);
    let max_stay = cmp.scenarios[0].inputs.d2a_scheme.as_ref().unwrap().max_stay_days.value();
    let delayed = |run| metric(run, "delayed_discharge_days");
    let users = metric(&cmp.scenarios[0], "d2a_scheme_admissions");
    let excess: Vec<f64> = delayed(&cmp.scenarios[0])
        .iter()
        .zip(delayed(&cmp.baseline))
        .zip(&users)
        .map(|((s, b), u)| (s - b).abs() - u * max_stay)
        .collect();
    let (mean, half) = mean_and_half_width(&excess, 0.999);
    eprintln!("one scheme bed: |change in delayed days| - users x longest stay = {mean:.0} +/- {half:.0}");
    assert!(users.iter().sum::<f64>() > 0.0, "the bed is used");
    assert!(
        mean - half <= 0.0,
        "one bed changed delays by more than its users' stays: {mean:.0} +/- {half:.0}"
    );
}

#[test]
fn more_d2a_beds_never_lengthen_delays_beyond_sampling_error() {
    let settings = ["simulation.replications=12", "simulation.years=2", "simulation.warmup_years=1"];
    let with_beds = |beds: u32| {
        let mut s = settings.to_vec();
        let set = format!("d2a_scheme.beds={beds}");
        s.push(&set);
        scenario_file("models/d2a.toml", &s)
    };
    let runs = [0, 2, 5, 10].map(with_beds);
    for pair in runs.windows(2) {
        let cmp = compare(&pair[0], &pair[1..]);
        let c = changes(&cmp.baseline, &cmp.scenarios[0]);
        let delayed = c.iter().find(|c| c.metric == "delayed_discharge_days").unwrap();
        eprintln!(
            "D2A beds {} -> {}: delayed days {:.0} (95% interval {:.0} to {:.0})",
            pair[0].d2a_scheme.as_ref().unwrap().beds,
            pair[1].d2a_scheme.as_ref().unwrap().beds,
            delayed.difference.mean,
            delayed.difference.ci95_low.unwrap(),
            delayed.difference.ci95_high.unwrap()
        );
        assert!(delayed.difference.ci95_low.unwrap() <= 0.0, "more beds, significantly more delays");
    }
}

/// Values drawn for a scenario: one for each value given as a distribution (an inline table
/// with `dist`), one for each share of a Dirichlet, and one for each fixed outcome of a group of
/// three in which another is drawn (scaled to take up the rest, and recorded).
fn distributions(value: &toml::Value) -> usize {
    let is_dist = |v: &toml::Value| v.as_table().is_some_and(|t| t.contains_key("dist"));
    match value {
        toml::Value::Table(t) if t.get("dist").and_then(|d| d.as_str()) == Some("dirichlet") => {
            t["mean"].as_array().map_or(0, Vec::len)
        }
        toml::Value::Table(t) if t.contains_key("dist") => 1,
        toml::Value::Table(t) => {
            let outcomes: Vec<&toml::Value> = ["outcome_home", "outcome_care_home", "outcome_death"]
                .iter()
                .filter_map(|k| t.get(*k))
                .collect();
            let scaled = if outcomes.iter().any(|v| is_dist(v)) {
                outcomes.iter().filter(|v| !is_dist(v)).count()
            } else {
                0
            };
            scaled + t.values().map(distributions).sum::<usize>()
        }
        toml::Value::Array(a) => a.iter().map(distributions).sum(),
        _ => 0,
    }
}

#[test]
fn every_preset_runs_and_records_its_draws() {
    let presets = std::fs::read_dir(repo_path("models")).unwrap();
    let mut count = 0;
    for entry in presets {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        count += 1;
        let relative = format!("models/{}", path.file_name().unwrap().to_str().unwrap());
        let r = run(&scenario_file(
            &relative,
            &["simulation.replications=2", "simulation.years=1", "simulation.warmup_years=1"],
        ));
        let uncertain = distributions(&toml::Value::try_from(&r.inputs).unwrap());
        assert_eq!(r.outputs[0].draws.len(), uncertain, "{relative}: one draw per uncertain parameter");
        if uncertain > 0 {
            assert_ne!(
                r.outputs[0].draws, r.outputs[1].draws,
                "{relative}: draws differ between replications"
            );
        }
    }
    assert!(count >= 10, "the baseline and nine presets");
}

#[test]
fn only_people_kept_from_a_care_home_get_long_term_home_care() {
    let settings = ["simulation.replications=3", "simulation.years=2", "simulation.warmup_years=1"];
    let packages = |extra: &[&str]| {
        let results = run(&scenario_file("models/d2a.toml", &[&settings[..], extra].concat()));
        metric(&results, "long_term_care_starts").iter().sum::<f64>()
    };
    let nobody_home =
        ["d2a_scheme.outcome_home=0", "d2a_scheme.outcome_care_home=0.95", "d2a_scheme.outcome_death=0.05"];
    assert_eq!(packages(&nobody_home), 0.0, "nobody leaves the scheme for home, nobody needs a package");
    assert!(packages(&[]) > 0.0, "scheme users who go home get a package");
    let baseline = run(&small_area(&settings));
    assert!(metric(&baseline, "long_term_care_starts").iter().all(|&v| v == 0.0));
}

#[test]
fn the_d2a_preset_puts_about_150_a_year_through_its_beds() {
    // Warwickshire: about 150 people a year through 30 beds (seed report); the range
    // 120-180 must hold the mean's 99.9% confidence interval on the bundled area.
    let results = run(&caresim::scenario::load(
        &repo_path("models/d2a.toml"),
        &["simulation.replications=20", "simulation.years=2", "simulation.warmup_years=1"]
            .map(|o| caresim::scenario::parse_override(o).unwrap()),
    )
    .unwrap()
    .inputs);
    let (mean, half) = mean_and_half_width(&metric(&results, "d2a_scheme_admissions"), 0.999);
    eprintln!("D2A scheme admissions a year: {mean:.0} +/- {half:.0}");
    assert!(mean - half >= 120.0 && mean + half <= 180.0, "{mean:.0} +/- {half:.0} a year");
    let stay = metric(&results, "d2a_scheme_mean_stay_days");
    assert!(stay.iter().all(|&s| s <= 42.0), "stays up to six weeks: {stay:?}");
}

#[test]
fn each_discharge_a_team_moves_from_a_care_home_to_home_gets_a_package() {
    let settings = ["simulation.replications=12", "simulation.years=2", "simulation.warmup_years=1"];
    let mut moving = settings.to_vec();
    moving.push("teams[0].effects.discharge_to_care_home=0");
    let cmp = compare(&small_area(&settings), &[null_team(&moving)]);
    let p3 = |run| metric(run, "discharges_p3");
    let packages = metric(&cmp.scenarios[0], "long_term_care_starts");
    let difference: Vec<f64> = packages
        .iter()
        .zip(p3(&cmp.baseline).iter().zip(p3(&cmp.scenarios[0])))
        .map(|(started, (before, after))| started - (before - after))
        .collect();
    assert!(packages.iter().sum::<f64>() > 0.0, "moved discharges get packages");
    crate::support::assert_consistent(
        "packages minus care-home discharges avoided, a year",
        &difference,
        0.0,
    );
}
