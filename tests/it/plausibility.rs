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
