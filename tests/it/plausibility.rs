//! The bundled baseline against published figures (see README "How plausible is the baseline").
//! Each check asks that the whole 95% interval of the simulated mean lies inside the published
//! range, so a pass is not an accident of one replication.

use crate::support::{baseline, mean_and_half_width, metric, run};

fn assert_within(what: &str, values: &[f64], low: f64, high: f64) {
    let (mean, half) = mean_and_half_width(values, 0.95);
    eprintln!(
        "{what}: {mean:.1} (95% interval {:.1} to {:.1}), published range {low} to {high}",
        mean - half,
        mean + half
    );
    assert!(
        mean - half >= low && mean + half <= high,
        "{what}: {mean:.1} +/- {half:.1} outside {low}..{high}"
    );
}

#[test]
fn baseline_rates_match_published_figures() {
    let r = run(&baseline(&["simulation.replications=8", "simulation.years=3"]));
    // Torbay 2,025 and its region 2,778 emergency bed days per 1,000 aged 65+ (seed report).
    assert_within("emergency bed days per 1,000", &metric(&r, "emergency_bed_days_per_1000"), 2025.0, 2778.0);
    // A&E attendances 330-450 per 1,000 65+ a year ([derived] from IAU 2019).
    assert_within("A&E attendances per 1,000", &metric(&r, "ae_attendances_per_1000"), 330.0, 450.0);
    // Emergency admissions 200-270 per 1,000 65+ a year ([derived] from IAU 2019).
    assert_within(
        "emergency admissions per 1,000",
        &metric(&r, "emergency_admissions_per_1000"),
        200.0,
        270.0,
    );
    // Medically fit patients occupy 9%-17% of beds by region (House of Commons Library 2024).
    let share: Vec<f64> = metric(&r, "delayed_discharge_days")
        .iter()
        .zip(metric(&r, "acute_bed_days"))
        .map(|(d, b)| 100.0 * d / b)
        .collect();
    assert_within("delayed discharge % of bed days", &share, 9.0, 17.0);
    // Mean emergency stay 7.9 (all ages, 2019) to 12.5 days (85+, 2022), Health Foundation 2024.
    assert_within("mean acute stay, days", &metric(&r, "acute_mean_stay_days"), 7.9, 12.5);
}

#[test]
fn baseline_population_care_homes_and_memory_match_published_figures() {
    let r = run(&baseline(&["simulation.replications=8", "simulation.years=3"]));
    // Permanent care-home admissions: 5.8 per 1,000 aged 65+ council-supported (ASCOF 2A,
    // 2019-20), more with self-funders; the range the evidence table allows, 5.0-9.0.
    assert_within("care-home admissions per 1,000", &metric(&r, "care_home_admissions_per_1000"), 5.0, 9.0);
    // Care-home residents 2.5% of people 65+ (ONS Census 2021; 3.2% in 2011), 2.0% [assumption]
    // allowing for areas with fewer homes.
    assert_within("care-home residents share", &metric(&r, "care_home_residents_share"), 0.020, 0.032);
    // 55% of new residents survive their first year (Forder 2011, nursing-heavy); 35-50% die.
    assert_within(
        "care-home first-year mortality",
        &metric(&r, "care_home_first_year_mortality"),
        0.35,
        0.50,
    );
    // Any eFI frailty 43.7% of people 65+ (Fogg 2022), range 35%-50%.
    assert_within("any frailty share", &metric(&r, "any_frailty_share"), 0.35, 0.50);
    // Emergency readmission within 30 days: 13.7% all ages (NHS Digital 2017/18), 16% at 75+.
    assert_within("30-day readmission share", &metric(&r, "readmission_30d_share"), 0.10, 0.20);
    // One-year mortality after emergency admission: 22% at 70+ (London 2016; Scotland 2018 all
    // ages), 42% at 85+.
    assert_within(
        "one-year mortality after admission",
        &metric(&r, "mortality_1y_after_admission"),
        0.20,
        0.42,
    );
    // Deaths per 1,000 aged 65+ a year: about 41 (2019) to 44 (2022), ONS deaths registered over
    // mid-year population estimates [derived]; 38-48.
    assert_within("deaths per 1,000", &metric(&r, "deaths_per_1000"), 38.0, 48.0);
}

#[test]
fn no_yearly_step_in_acute_occupancy() {
    // Ageing, frailty and newcomers run in continuous time: the four weeks after each model
    // year boundary look like the four weeks before (within 3%), with the seasons switched off.
    // 24 replications: the standard error of each 4-week mean is well under 1%.
    let r = run(&baseline(&[
        "simulation.replications=24",
        "simulation.years=3",
        "simulation.warmup_years=2",
        "seasonality.amplitude=0",
    ]));
    let weeks = |from: usize, to: usize| {
        let values: Vec<f64> =
            r.outputs.iter().flat_map(|o| o.series[from..to].iter().map(|row| row[0])).collect();
        values.iter().sum::<f64>() / values.len() as f64
    };
    // Weekly samples from the end of the warm-up (itself a year boundary): week 52 is day 364.
    for boundary in [52, 104] {
        let (before, after) = (weeks(boundary - 4, boundary), weeks(boundary + 1, boundary + 5));
        eprintln!("acute occupied: {before:.1} in the 4 weeks before day {}, {after:.1} after", boundary * 7);
        assert!((after / before - 1.0).abs() < 0.03, "{before:.1} before, {after:.1} after");
    }
}
