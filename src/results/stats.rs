//! Summaries across replications: mean, standard deviation, a 95% confidence interval for the
//! mean (Student's t with n - 1 degrees of freedom), and quantiles of the replication values
//! (R's type 8, median-unbiased, as statrs computes them).

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
    #[serde(deserialize_with = "exact::number")]
    pub p05: f64,
    #[serde(deserialize_with = "exact::number")]
    pub p50: f64,
    #[serde(deserialize_with = "exact::number")]
    pub p95: f64,
}

/// The 97.5th percentile of Student's t with `n - 1` degrees of freedom (n >= 2).
pub fn t_975(n: usize) -> f64 {
    StudentsT::new(0.0, 1.0, (n - 1) as f64).expect("degrees of freedom are positive").inverse_cdf(0.975)
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
            p05: data.quantile(0.05),
            p50: data.quantile(0.5),
            p95: data.quantile(0.95),
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
    }

    #[test]
    fn one_replication_has_no_interval() {
        let s = Summary::of(&[7.0]);
        assert_eq!((s.mean, s.sd, s.ci95_low), (7.0, None, None));
    }
}
