//! Discounting of costs to the start of the measured window.
//!
//! A cost at time t (days) is worth `(1 + r)^-(t - start)/365` of its face value; a cost that
//! accrues at a steady daily rate over an interval is integrated exactly.

#[derive(Debug, Clone, Copy)]
pub struct Discount {
    /// Continuous rate per day, ln(1 + r) / 365.
    per_day: f64,
    start: f64,
}

impl Discount {
    pub fn new(annual_rate: f64, start: f64) -> Self {
        Self { per_day: annual_rate.ln_1p() / 365.0, start }
    }

    /// The present value of 1 at time `t`.
    pub fn factor(&self, t: f64) -> f64 {
        (-self.per_day * (t - self.start)).exp()
    }

    /// The present value of 1 a day from `a` to `b`.
    pub fn integral(&self, a: f64, b: f64) -> f64 {
        if self.per_day == 0.0 { b - a } else { (self.factor(a) - self.factor(b)) / self.per_day }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_year_at_3_5_percent() {
        let d = Discount::new(0.035, 100.0);
        assert!((d.factor(465.0) - 1.0 / 1.035).abs() < 1e-12);
        assert_eq!(d.factor(100.0), 1.0);
    }

    #[test]
    fn integral_matches_a_fine_sum_and_is_plain_length_undiscounted() {
        let d = Discount::new(0.035, 0.0);
        let n = 100_000;
        let step = 730.0 / n as f64;
        let sum: f64 = (0..n).map(|i| d.factor((i as f64 + 0.5) * step) * step).sum();
        assert!((d.integral(0.0, 730.0) - sum).abs() < 1e-6);
        assert_eq!(Discount::new(0.0, 0.0).integral(3.0, 10.0), 7.0);
    }
}
