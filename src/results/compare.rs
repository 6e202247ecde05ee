//! Paired differences between a scenario and the baseline, replication by replication, and
//! the money view: net saving by payer and return on investment.

use serde::{Deserialize, Serialize};

use super::schema::exact;
use super::stats::{Summary, share_below_zero, variance_split};
use super::value_of_information::{ValueOfInformation, value_of_information};
use crate::experiment::ScenarioRun;
use crate::model::Metric;

/// One scenario's change in one metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub metric: String,
    #[serde(deserialize_with = "exact::number")]
    pub baseline_mean: f64,
    #[serde(deserialize_with = "exact::number")]
    pub scenario_mean: f64,
    /// Scenario minus baseline, summarised over paired replications: `p025`-`p975` is the
    /// uncertainty interval, `ci95_low`-`ci95_high` the simulation precision.
    pub difference: Summary,
    /// The share of paired replications in which the scenario's value is below the baseline's.
    #[serde(deserialize_with = "exact::number")]
    pub probability_lower: f64,
    /// The difference as a percentage of the baseline mean, with the difference's interval
    /// scaled the same way (the baseline mean taken as known). `None` when the baseline is 0.
    #[serde(deserialize_with = "exact::optional")]
    pub percent_change: Option<f64>,
    #[serde(deserialize_with = "exact::optional")]
    pub percent_ci95_low: Option<f64>,
    #[serde(deserialize_with = "exact::optional")]
    pub percent_ci95_high: Option<f64>,
    /// With several replications per parameter draw: the share of the difference's variance that
    /// comes from the uncertain parameters rather than chance (one-way ANOVA over the draws).
    #[serde(deserialize_with = "exact::optional")]
    pub share_from_parameters: Option<f64>,
    /// The uncertainty interval as a percentage of the baseline mean.
    #[serde(deserialize_with = "exact::optional")]
    pub percent_p025: Option<f64>,
    #[serde(deserialize_with = "exact::optional")]
    pub percent_p975: Option<f64>,
}

fn values(run: &ScenarioRun, metric: Metric) -> Vec<f64> {
    run.metric(metric.index())
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

/// The paired change from `base` to `scen` (replication by replication) in `metric`.
pub(super) fn change(metric: &str, base: &[f64], scen: &[f64], inner: usize) -> Change {
    let diffs: Vec<f64> = scen.iter().zip(base).map(|(s, b)| s - b).collect();
    let difference = Summary::of(&diffs);
    let baseline_mean = mean(base);
    let pct = |v: f64| (baseline_mean != 0.0).then(|| 100.0 * v / baseline_mean);
    Change {
        metric: metric.to_string(),
        baseline_mean,
        scenario_mean: mean(scen),
        percent_change: pct(difference.mean),
        percent_ci95_low: difference.ci95_low.and_then(pct),
        percent_ci95_high: difference.ci95_high.and_then(pct),
        percent_p025: pct(difference.p025),
        percent_p975: pct(difference.p975),
        probability_lower: share_below_zero(&diffs),
        share_from_parameters: variance_split(&diffs, inner).map(|v| v.share_from_parameters()),
        difference,
    }
}

/// Every metric's paired change, in metric order.
pub fn changes(baseline: &ScenarioRun, scenario: &ScenarioRun) -> Vec<Change> {
    let inner = scenario.inputs.simulation.inner_replications as usize;
    Metric::ALL.iter().map(|&m| change(m.name(), &values(baseline, m), &values(scenario, m), inner)).collect()
}

/// Who pays and who saves, per year: savings are baseline cost minus scenario cost, so a
/// positive number is money saved. The return on investment is the saving in service costs
/// (everything but the intervention) per pound of added intervention cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Money {
    pub net_saving_nhs: Summary,
    pub net_saving_council: Summary,
    pub net_saving_total: Summary,
    /// What care-home residents themselves save (self-funders' fees and contributions): in
    /// neither public budget, so not in the total.
    pub net_saving_self_funders: Summary,
    pub added_intervention_cost: Summary,
    pub gross_service_saving: Summary,
    /// Mean gross saving / mean added intervention cost, with the saving's interval divided
    /// by the mean cost. `None` when the intervention costs nothing.
    #[serde(deserialize_with = "exact::optional")]
    pub return_on_investment: Option<f64>,
    #[serde(deserialize_with = "exact::optional")]
    pub roi_ci95_low: Option<f64>,
    #[serde(deserialize_with = "exact::optional")]
    pub roi_ci95_high: Option<f64>,
    /// The uncertainty interval of the return: the 2.5-97.5% quantiles of each replication's own
    /// gross saving per pound. `None` when the intervention costs nothing in some replication.
    #[serde(deserialize_with = "exact::optional")]
    pub roi_p025: Option<f64>,
    #[serde(deserialize_with = "exact::optional")]
    pub roi_p975: Option<f64>,
    /// The share of paired replications in which each payer saves money (net saving > 0).
    pub probability_saving: ByPayer,
}

/// One number for each public payer, for both together, and for residents paying themselves.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ByPayer {
    #[serde(deserialize_with = "exact::number")]
    pub nhs: f64,
    #[serde(deserialize_with = "exact::number")]
    pub council: f64,
    #[serde(deserialize_with = "exact::number")]
    pub total: f64,
    #[serde(deserialize_with = "exact::number")]
    pub self_funders: f64,
}

pub fn money(baseline: &ScenarioRun, scenario: &ScenarioRun) -> Money {
    let saving = |metric: Metric| -> Vec<f64> {
        values(baseline, metric).iter().zip(values(scenario, metric)).map(|(b, s)| b - s).collect()
    };
    let added_values: Vec<f64> = saving(Metric::InterventionCost).iter().map(|v| -v).collect();
    let total = saving(Metric::CostTotal);
    let gross_values: Vec<f64> = total.iter().zip(&added_values).map(|(t, a)| t + a).collect();
    let added = Summary::of(&added_values);
    let gross = Summary::of(&gross_values);
    let (roi, low, high) = ratio_of_means(&gross_values, &added_values);
    let (nhs, council) = (saving(Metric::CostNhs), saving(Metric::CostCouncil));
    let self_funders = saving(Metric::CostSelfFunders);
    let each_return: Option<Vec<f64>> =
        gross_values.iter().zip(&added_values).map(|(g, a)| (*a > 0.0).then(|| g / a)).collect();
    let return_range = each_return.map(|r| Summary::of(&r));
    let share_saving = |v: &[f64]| v.iter().filter(|s| **s > 0.0).count() as f64 / v.len() as f64;
    Money {
        probability_saving: ByPayer {
            nhs: share_saving(&nhs),
            council: share_saving(&council),
            total: share_saving(&total),
            self_funders: share_saving(&self_funders),
        },
        net_saving_self_funders: Summary::of(&self_funders),
        net_saving_nhs: Summary::of(&nhs),
        net_saving_council: Summary::of(&council),
        net_saving_total: Summary::of(&total),
        return_on_investment: roi,
        roi_p025: return_range.map(|r| r.p025),
        roi_p975: return_range.map(|r| r.p975),
        roi_ci95_low: low,
        roi_ci95_high: high,
        added_intervention_cost: added,
        gross_service_saving: gross,
    }
}

/// What an intervention saved per case it took (a crisis managed at home, an admission
/// diverted), to set against local audit figures: the paired saving in a metric, baseline minus
/// scenario, over the scenario's count of cases, per year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PerCase {
    /// Mean saving over mean cases, with its 95% confidence interval (the delta method).
    #[serde(deserialize_with = "exact::number")]
    pub mean: f64,
    #[serde(deserialize_with = "exact::optional")]
    pub ci95_low: Option<f64>,
    #[serde(deserialize_with = "exact::optional")]
    pub ci95_high: Option<f64>,
    /// The range that holds 95% of the replications' own ratios; `None` if a replication had
    /// no cases.
    #[serde(deserialize_with = "exact::optional")]
    pub p025: Option<f64>,
    #[serde(deserialize_with = "exact::optional")]
    pub p975: Option<f64>,
}

/// Every per-case figure of [`super::headline::PER_CASE`] the scenario has cases for, by label.
pub fn per_case_figures(baseline: &ScenarioRun, scenario: &ScenarioRun) -> super::schema::Keyed<PerCase> {
    super::headline::PER_CASE
        .iter()
        .filter_map(|f| per_case(baseline, scenario, f.saved, f.cases).map(|p| (f.label.to_string(), p)))
        .collect()
}

/// The saving in `saved` per case counted by `cases`; `None` when the scenario had no cases.
pub fn per_case(
    baseline: &ScenarioRun,
    scenario: &ScenarioRun,
    saved: Metric,
    cases: Metric,
) -> Option<PerCase> {
    let savings: Vec<f64> =
        values(baseline, saved).iter().zip(values(scenario, saved)).map(|(b, s)| b - s).collect();
    per_case_of(&savings, &values(scenario, cases))
}

/// Savings per case from each replication's saving and count of cases.
fn per_case_of(savings: &[f64], counts: &[f64]) -> Option<PerCase> {
    let (mean, ci95_low, ci95_high) = ratio_of_means(savings, counts);
    let each: Option<Vec<f64>> = savings.iter().zip(counts).map(|(s, c)| (*c > 0.0).then(|| s / c)).collect();
    let range = each.map(|r| Summary::of(&r));
    Some(PerCase {
        mean: mean?,
        ci95_low,
        ci95_high,
        p025: range.map(|r| r.p025),
        p975: range.map(|r| r.p975),
    })
}

/// The value of information for adopting `scenario` instead of `baseline`, judged by each
/// paired replication's net saving in total, against every parameter drawn for the scenario.
pub fn value_of_information_of(baseline: &ScenarioRun, scenario: &ScenarioRun) -> Option<ValueOfInformation> {
    let inb: Vec<f64> = values(baseline, Metric::CostTotal)
        .iter()
        .zip(values(scenario, Metric::CostTotal))
        .map(|(b, s)| b - s)
        .collect();
    let keys = scenario.outputs.first()?.draws.iter().map(|(k, _)| k.clone());
    let draws: Vec<(String, Vec<f64>)> = keys
        .enumerate()
        .map(|(i, key)| (key, scenario.outputs.iter().map(|o| o.draws.get(i).map_or(0.0, |d| d.1)).collect()))
        .collect();
    value_of_information(&inb, &draws)
}

/// mean(g) / mean(c) with a 95% interval by the delta method: the ratio's standard error is
/// sd(g - R c) / (sqrt(n) mean(c)), so uncertainty in the cost (an uncertain price per FTE, say)
/// widens the interval as it should. `None` where the cost is 0.
fn ratio_of_means(g: &[f64], c: &[f64]) -> (Option<f64>, Option<f64>, Option<f64>) {
    let n = g.len();
    let (mg, mc) = (mean(g), mean(c));
    if mc <= 0.0 {
        return (None, None, None);
    }
    let r = mg / mc;
    if n < 2 {
        return (Some(r), None, None);
    }
    let residuals: Vec<f64> = g.iter().zip(c).map(|(g, c)| g - r * c).collect();
    let sd = Summary::of(&residuals).sd.unwrap_or(0.0);
    let half = super::stats::t_975(n) * sd / ((n as f64).sqrt() * mc);
    (Some(r), Some(r - half), Some(r + half))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change_of(base: &[f64], scen: &[f64]) -> Change {
        change("m", base, scen, 1)
    }

    #[test]
    fn percent_change_scales_the_paired_difference() {
        let c = change_of(&[100.0, 110.0, 90.0], &[90.0, 100.0, 80.0]);
        assert_eq!(c.difference.mean, -10.0);
        assert_eq!(c.difference.sd, Some(0.0));
        assert_eq!(c.percent_change, Some(-10.0));
        assert_eq!(c.percent_ci95_low, Some(-10.0));
    }

    #[test]
    fn per_case_is_the_mean_saving_over_the_mean_cases() {
        // Savings 10, 6, 8 bed days for 5, 3, 4 diversions: 24 / 12 = 2 a diversion.
        let p = per_case_of(&[10.0, 6.0, 8.0], &[5.0, 3.0, 4.0]).unwrap();
        assert!((p.mean - 2.0).abs() < 1e-12);
        assert_eq!((p.p025, p.p975), (Some(2.0), Some(2.0)));
        // A replication without cases has no ratio of its own; none at all, no figure.
        let p = per_case_of(&[10.0, 0.0], &[5.0, 0.0]).unwrap();
        assert_eq!((p.mean, p.p025), (2.0, None));
        assert_eq!(per_case_of(&[1.0, 2.0], &[0.0, 0.0]), None);
    }

    #[test]
    fn ratio_interval_is_the_delta_method_and_exact_for_a_fixed_cost() {
        // A fixed cost: the interval is the saving's interval divided by the cost.
        let (r, lo, _) = ratio_of_means(&[2.0, 4.0, 6.0], &[2.0, 2.0, 2.0]);
        assert_eq!(r, Some(2.0));
        let s = Summary::of(&[2.0, 4.0, 6.0]);
        assert!((lo.unwrap() - s.ci95_low.unwrap() / 2.0).abs() < 1e-12);
        // A varying cost widens it.
        let (_, lo2, _) = ratio_of_means(&[2.0, 4.0, 6.0], &[1.0, 2.0, 3.5]);
        let (r2, _, _) = ratio_of_means(&[2.0, 4.0, 6.0], &[1.0, 2.0, 3.5]);
        assert!(r2.unwrap() - lo2.unwrap() > 0.0);
        assert_eq!(ratio_of_means(&[1.0, 2.0], &[0.0, 0.0]), (None, None, None));
    }

    #[test]
    fn the_uncertainty_interval_is_the_percentile_interval_of_the_paired_differences() {
        let base: Vec<f64> = (0..41).map(|i| 100.0 + f64::from(i)).collect();
        let scen: Vec<f64> = base.iter().enumerate().map(|(i, b)| b - 20.0 + i as f64).collect();
        let c = change_of(&base, &scen);
        let diffs: Vec<f64> = (0..41).map(|i| f64::from(i) - 20.0).collect();
        let s = Summary::of(&diffs);
        assert_eq!((c.difference.p025, c.difference.p975), (s.p025, s.p975));
        // 20 of the 41 differences are below zero.
        assert_eq!(c.probability_lower, 20.0 / 41.0);
        assert!(
            c.difference.p975 - c.difference.p025
                > c.difference.ci95_high.unwrap() - c.difference.ci95_low.unwrap()
        );
    }

    #[test]
    fn zero_baseline_has_no_percent() {
        let c = change_of(&[0.0, 0.0], &[1.0, 2.0]);
        assert_eq!(c.percent_change, None);
    }
}
