//! Discounting costs to the measured window's start, and a cost charged by the day.

use crate::model::budget::BudgetLine;
use crate::model::params::{Cost, Payer};

#[derive(Debug, Clone, Copy)]
pub struct Discount {
    /// Continuous rate per day, ln(1 + r) / 365.
    per_day: f64,
    start: f64,
}

impl Discount {
    /// No discounting.
    pub(super) const NONE: Discount = Discount { per_day: 0.0, start: 0.0 };

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

/// A cost charged per day of some use, who pays it and the budget line it belongs to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DailyCost {
    pub payer: Payer,
    pub gbp: f64,
    /// Days per unit of `gbp` (1/7 for a weekly price).
    pub per_day: f64,
    pub line: BudgetLine,
}

impl DailyCost {
    /// A realised scenario cost charged at `per_day` of its price a day.
    pub fn of(cost: &Cost, per_day: f64, line: BudgetLine) -> Self {
        Self { payer: cost.payer, gbp: cost.gbp, per_day, line }
    }
}
