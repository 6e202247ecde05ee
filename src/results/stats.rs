//! Summaries across replications: mean, standard deviation, a 95% confidence interval for the
//! mean (Student's t with n - 1 degrees of freedom), and quantiles of the replication values
//! (R's type 8, median-unbiased, as statrs computes them).
//!
//! The two intervals answer different questions. The t-interval is the *simulation precision*:
//! how well the replications pin down the mean; it shrinks as replications are added. The
//! 2.5-97.5% quantiles are the *uncertainty interval*: where 95% of the replications fall, each
//! a possible future with its own draws of the uncertain parameters and its own chance events;
//! more replications estimate it better but do not shrink it.

use serde::{Deserialize, Serialize};
use statrs::distribution::{ContinuousCDF, StudentsT};
use statrs::statistics::{Data, OrderStatistics};

use super::schema::exact;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    #[serde(deserialize_with = "exact::number")]
    pub mean: f64,
    /// `None` (null in JSON) with fewer than two replications: there is no spread to report.
    #[serde(deserialize_with = "exact::optional")]
    pub sd: Option<f64>,
    #[serde(deserialize_with = "exact::optional")]
    pub ci95_low: Option<f64>,
    #[serde(deserialize_with = "exact::optional")]
    pub ci95_high: Option<f64>,
    /// The 2.5% and 97.5% quantiles of the replication values: the uncertainty interval.
    #[serde(deserialize_with = "exact::number")]
    pub p025: f64,
    #[serde(deserialize_with = "exact::number")]
    pub p05: f64,
    #[serde(deserialize_with = "exact::number")]
    pub p50: f64,
    #[serde(deserialize_with = "exact::number")]
    pub p95: f64,
    #[serde(deserialize_with = "exact::number")]
    pub p975: f64,
}

/// The 97.5th percentile of Student's t with `n - 1` degrees of freedom (n >= 2).
pub fn t_975(n: usize) -> f64 {
    StudentsT::new(0.0, 1.0, (n - 1) as f64).expect("degrees of freedom are positive").inverse_cdf(0.975)
}

/// The share of `values` below zero: for paired differences, the probability (over the futures
/// the replications stand for) that the scenario's value is below the baseline's.
pub fn share_below_zero(values: &[f64]) -> f64 {
    values.iter().filter(|v| **v < 0.0).count() as f64 / values.len() as f64
}

/// The variance of values in groups of equal size (replications sharing one draw of the
/// parameters), split into the part between groups (parameter uncertainty) and within them
/// (chance): the one-way random-effects ANOVA of O'Hagan, Stevenson & Madan (2007).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VarianceSplit {
    pub parameters: f64,
    pub chance: f64,
}

impl VarianceSplit {
    pub fn share_from_parameters(&self) -> f64 {
        let total = self.parameters + self.chance;
        if total > 0.0 { self.parameters / total } else { 0.0 }
    }
}

/// Split the variance of `values`, taken in groups of `inner` consecutive values. `None` unless
/// there are two groups at least, each of two values at least.
pub fn variance_split(values: &[f64], inner: usize) -> Option<VarianceSplit> {
    if inner < 2 || !values.len().is_multiple_of(inner) || values.len() / inner < 2 {
        return None;
    }
    let groups = values.len() / inner;
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    let means: Vec<f64> = values.chunks(inner).map(|g| g.iter().sum::<f64>() / inner as f64).collect();
    let within: f64 =
        values.chunks(inner).zip(&means).flat_map(|(g, m)| g.iter().map(move |v| (v - m).powi(2))).sum();
    let between: f64 = means.iter().map(|m| (m - mean).powi(2)).sum::<f64>() * inner as f64;
    let ms_within = within / (groups * (inner - 1)) as f64;
    let ms_between = between / (groups - 1) as f64;
    // The between-draw variance of the true means; negative estimates are truncated at 0.
    let parameters = ((ms_between - ms_within) / inner as f64).max(0.0);
    Some(VarianceSplit { parameters, chance: ms_within })
}

impl Summary {
    /// Summarise `values` (one per replication). Panics on an empty slice: a run always has
    /// at least one replication.
    pub fn of(values: &[f64]) -> Self {
        assert!(!values.is_empty(), "no replications to summarise");
        let n = values.len();
        let mean = values.iter().sum::<f64>() / n as f64;
        let (sd, ci95_low, ci95_high) = if n >= 2 {
            let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
            let sd = var.sqrt();
            let half = t_975(n) * sd / (n as f64).sqrt();
            (Some(sd), Some(mean - half), Some(mean + half))
        } else {
            (None, None, None)
        };
        let mut data = Data::new(values.to_vec());
        Summary {
            mean,
            sd,
            ci95_low,
            ci95_high,
            p025: data.quantile(0.025),
            p05: data.quantile(0.05),
            p50: data.quantile(0.5),
            p95: data.quantile(0.95),
            p975: data.quantile(0.975),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_quantile_matches_tables() {
        // Standard t tables: t(0.975; 9) = 2.262, t(0.975; 99) = 1.984.
        assert!((t_975(10) - 2.262).abs() < 1e-3);
        assert!((t_975(100) - 1.984).abs() < 1e-3);
    }

    #[test]
    fn summary_of_known_values() {
        let s = Summary::of(&[1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(s.mean, 3.0);
        let sd = 2.5f64.sqrt();
        assert!((s.sd.unwrap() - sd).abs() < 1e-12);
        let half = t_975(5) * sd / 5f64.sqrt();
        assert!((s.ci95_high.unwrap() - (3.0 + half)).abs() < 1e-12);
        assert_eq!(s.p50, 3.0);
        // Type 8 quantiles: position (n + 1/3) p + 1/3, interpolated between order statistics.
        // The values are 1..5, so the quantile is the position itself.
        let at = |p: f64| ((5.0 + 1.0 / 3.0) * p + 1.0 / 3.0).clamp(1.0, 5.0);
        assert!((s.p025 - at(0.025)).abs() < 1e-12 && (s.p975 - at(0.975)).abs() < 1e-12);
    }

    #[test]
    fn variance_splits_into_parameters_and_chance() {
        // Two draws with means 0 and 10, chance of +-1 around each.
        let values = [-1.0, 1.0, -1.0, 1.0, 9.0, 11.0, 9.0, 11.0];
        let v = variance_split(&values, 4).unwrap();
        // Within: 8 squares of 1 over 2 x 3 degrees of freedom; between: 4 x (25 + 25) over 1.
        assert!((v.chance - 8.0 / 6.0).abs() < 1e-12);
        assert!((v.parameters - (200.0 - 8.0 / 6.0) / 4.0).abs() < 1e-12);
        // No parameter effect: identical group means give a share of 0.
        let flat = variance_split(&[-1.0, 1.0, -1.0, 1.0], 2).unwrap();
        assert_eq!(flat.share_from_parameters(), 0.0);
        assert_eq!(variance_split(&values, 1), None);
        assert_eq!(variance_split(&values, 3), None);
    }

    #[test]
    fn one_replication_has_no_interval() {
        let s = Summary::of(&[7.0]);
        assert_eq!((s.mean, s.sd, s.ci95_low), (7.0, None, None));
    }
}
