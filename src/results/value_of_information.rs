//! Which uncertain value the decision hinges on: the expected value of perfect information
//! (EVPI) and of partial perfect information about each uncertain parameter (EVPPI), by the
//! regression method of Strong, Oakley & Brennan (2014).
//!
//! The decision is whether to adopt the scenario instead of the baseline, judged by the net
//! saving in total (money only: no health gain is valued). Each replication is one draw of the
//! uncertain values with its own chance events; its net saving is one sample of the incremental
//! net benefit. EVPI = mean(max(0, INB)) - max(0, mean(INB)). For a parameter, the expected INB
//! given the parameter is estimated by regressing the replications' INB on its drawn value; where
//! Strong et al. fit a generalised additive model, this fits a cubic polynomial in the
//! standardised value by least squares (a documented equivalent for one smooth parameter; a
//! linear fit with fewer than 40 replications). EVPPI = mean(max(0, fitted)) - max(0, mean(INB)),
//! kept within 0 and the EVPI. The fitted values carry sampling noise, which biases EVPPI up by
//! about sd(INB) x sqrt(terms / replications) at most; read small values as "about nothing".

use nalgebra::{DMatrix, DVector};
use serde::{Deserialize, Serialize};

use super::schema::{Keyed, exact};

/// The fewest replications the estimate is made from.
pub const MIN_REPLICATIONS: usize = 20;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueOfInformation {
    /// £ a year: what knowing every uncertain value (and every chance event) would be worth.
    #[serde(deserialize_with = "exact::number")]
    pub evpi: f64,
    /// £ a year, per uncertain parameter (by dotted key), largest first.
    pub evppi: Keyed<f64>,
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

fn expected_gain(inb: &[f64]) -> f64 {
    mean(&inb.iter().map(|v| v.max(0.0)).collect::<Vec<_>>())
}

/// Least-squares fitted values of `y` on a polynomial in `x` of the given degree.
fn polynomial_fit(x: &[f64], y: &[f64], degree: usize) -> Option<Vec<f64>> {
    let (mx, n) = (mean(x), x.len());
    let sd = (x.iter().map(|v| (v - mx).powi(2)).sum::<f64>() / n as f64).sqrt();
    if sd.is_nan() || sd <= 0.0 {
        return None;
    }
    let z: Vec<f64> = x.iter().map(|v| (v - mx) / sd).collect();
    let design = DMatrix::from_fn(n, degree + 1, |i, j| z[i].powi(j as i32));
    let target = DVector::from_column_slice(y);
    let coefficients = design.clone().svd(true, true).solve(&target, 1e-12).ok()?;
    Some((design * coefficients).iter().copied().collect())
}

/// EVPI and each parameter's EVPPI from the replications' incremental net benefit `inb` and
/// each parameter's drawn values (one per replication, in the same order). `None` with fewer
/// than [`MIN_REPLICATIONS`] replications or no uncertain parameter.
pub fn value_of_information(inb: &[f64], draws: &[(String, Vec<f64>)]) -> Option<ValueOfInformation> {
    if inb.len() < MIN_REPLICATIONS || draws.is_empty() {
        return None;
    }
    let adopt_now = mean(inb).max(0.0);
    let evpi = (expected_gain(inb) - adopt_now).max(0.0);
    let degree = if inb.len() >= 40 { 3 } else { 1 };
    let mut evppi: Vec<(String, f64)> = draws
        .iter()
        .map(|(key, values)| {
            let value = polynomial_fit(values, inb, degree)
                .map_or(0.0, |fitted| (expected_gain(&fitted) - adopt_now).clamp(0.0, evpi));
            (key.clone(), value)
        })
        .collect();
    evppi.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Some(ValueOfInformation { evpi, evppi: evppi.into_iter().collect() })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fixed, evenly spread sample of [-1, 1] in a scrambled order.
    fn spread(n: usize, step: usize) -> Vec<f64> {
        (0..n).map(|i| -1.0 + 2.0 * ((i * step) % n) as f64 / (n - 1) as f64).collect()
    }

    #[test]
    fn the_only_uncertain_parameter_is_worth_the_evpi_and_an_idle_one_about_nothing() {
        let n = 4000;
        let theta = spread(n, 1);
        let idle = spread(n, 1237);
        // The net benefit is a line through zero in theta: the decision turns on theta alone.
        let inb: Vec<f64> = theta.iter().map(|t| 10.0 * t + 1.0).collect();
        let v = value_of_information(&inb, &[("theta".into(), theta), ("idle".into(), idle)]).unwrap();
        let evpi = expected_gain(&inb) - mean(&inb).max(0.0);
        assert!((v.evpi - evpi).abs() < 1e-9);
        assert!((v.evppi.get("theta").unwrap() - evpi).abs() < 1e-6, "{v:?}");
        // The fitting noise bound: sd(INB) x sqrt(4 terms / n).
        let sd = (inb.iter().map(|x| (x - mean(&inb)).powi(2)).sum::<f64>() / n as f64).sqrt();
        assert!(*v.evppi.get("idle").unwrap() < sd * (4.0 / n as f64).sqrt(), "{v:?}");
        assert_eq!(v.evppi.keys().next(), Some("theta"), "largest first");
    }

    #[test]
    fn a_decision_no_draw_can_change_is_worth_nothing() {
        let theta = spread(100, 7);
        let inb: Vec<f64> = theta.iter().map(|t| 50.0 + t).collect();
        let v = value_of_information(&inb, &[("theta".into(), theta)]).unwrap();
        assert_eq!((v.evpi, *v.evppi.get("theta").unwrap()), (0.0, 0.0));
    }

    #[test]
    fn too_few_replications_give_no_estimate() {
        assert_eq!(value_of_information(&[1.0; 10], &[("a".into(), vec![0.0; 10])]), None);
    }
}
