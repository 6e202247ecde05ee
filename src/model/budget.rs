//! Money as budgets see it: undiscounted cash by measured year, budget line and payer, beside
//! the discounted economic costs of the ledger.
//!
//! Beds a scenario keeps whether or not they are used (acute beds, the step-down beds of the
//! usual discharge-to-assess service) cost their budget the same whatever their use: their cash
//! is their capacity times their price a day, and a bed day they no longer need is capacity
//! released, counted in days, not cash. Everything bought per use (A&E attendances, care-home
//! weeks, home support) is cash when used; interventions are cash as they are charged.

use super::params::Payer;
use super::years::Years;

/// Who pays, as an index into a year's cash.
pub const PAYERS: [Payer; 2] = [Payer::Nhs, Payer::Council];

/// Where money goes in a budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetLine {
    AeAttendances,
    AcuteBeds,
    StepDownBeds,
    CareHomes,
    HomeSupport,
    LongTermCare,
    Interventions,
}

impl BudgetLine {
    pub const ALL: [BudgetLine; 7] = [
        BudgetLine::AeAttendances,
        BudgetLine::AcuteBeds,
        BudgetLine::StepDownBeds,
        BudgetLine::CareHomes,
        BudgetLine::HomeSupport,
        BudgetLine::LongTermCare,
        BudgetLine::Interventions,
    ];

    /// The name in result files.
    pub fn name(self) -> &'static str {
        match self {
            BudgetLine::AeAttendances => "ae_attendances",
            BudgetLine::AcuteBeds => "acute_beds",
            BudgetLine::StepDownBeds => "step_down_beds",
            BudgetLine::CareHomes => "care_homes",
            BudgetLine::HomeSupport => "home_support",
            BudgetLine::LongTermCare => "long_term_care",
            BudgetLine::Interventions => "interventions",
        }
    }

    /// Paid for by capacity, whatever the use: using fewer of its days releases capacity, not cash.
    pub fn by_capacity(self) -> bool {
        matches!(self, BudgetLine::AcuteBeds | BudgetLine::StepDownBeds)
    }
}

fn payer_index(payer: Payer) -> usize {
    match payer {
        Payer::Nhs => 0,
        Payer::Council => 1,
    }
}

/// One measured year: cash by line and payer, and days of use by line.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct YearBudget {
    pub cash: [[f64; PAYERS.len()]; BudgetLine::ALL.len()],
    pub days_used: [f64; BudgetLine::ALL.len()],
}

impl YearBudget {
    pub fn cash(&self, line: BudgetLine, payer: Payer) -> f64 {
        self.cash[line as usize][payer_index(payer)]
    }

    pub fn days_used(&self, line: BudgetLine) -> f64 {
        self.days_used[line as usize]
    }
}

/// The measured window's years.
#[derive(Debug, Clone)]
pub struct Budget {
    window: Years,
    years: Vec<YearBudget>,
}

impl Budget {
    pub fn new(window: Years) -> Self {
        Self { window, years: vec![YearBudget::default(); window.count()] }
    }

    pub fn years(&self) -> &[YearBudget] {
        &self.years
    }

    /// Cash paid once at `t`.
    pub fn pay(&mut self, t: f64, line: BudgetLine, payer: Payer, gbp: f64) {
        if let Some(k) = self.window.of(t) {
            self.years[k].cash[line as usize][payer_index(payer)] += gbp;
        }
    }

    /// Use of `line` from `a` to `b` (inside the window), at `gbp_per_day` to `payer` unless the
    /// line is paid by capacity; split at year ends.
    pub fn use_days(&mut self, a: f64, b: f64, line: BudgetLine, payer: Payer, gbp_per_day: f64) {
        self.count_days(a, b, line);
        if !line.by_capacity() {
            self.pay_steadily(a, b, line, payer, gbp_per_day);
        }
    }

    /// Use of `line` from `a` to `b`, its cash charged separately; split at year ends.
    pub fn count_days(&mut self, a: f64, b: f64, line: BudgetLine) {
        self.for_each_year(a, b, |year, days| year.days_used[line as usize] += days);
    }

    /// Cash paid at a steady `gbp_per_day` from `a` to `b`, whatever the use (capacity, fixed
    /// yearly costs); split at year ends.
    pub fn pay_steadily(&mut self, a: f64, b: f64, line: BudgetLine, payer: Payer, gbp_per_day: f64) {
        self.for_each_year(a, b, |year, days| {
            year.cash[line as usize][payer_index(payer)] += gbp_per_day * days;
        });
    }

    /// Calls `add` for each year [a, b] overlaps, with the days of the overlap.
    fn for_each_year(&mut self, a: f64, b: f64, mut add: impl FnMut(&mut YearBudget, f64)) {
        for (k, lo, hi) in self.window.split(a, b) {
            add(&mut self.years[k], hi - lo);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DAYS_PER_YEAR;

    #[test]
    fn use_is_split_at_year_ends_and_capacity_lines_count_days_only() {
        let mut budget = Budget::new(Years::new(100.0, 2));
        budget.use_days(100.0 + 360.0, 100.0 + 370.0, BudgetLine::CareHomes, Payer::Council, 2.0);
        budget.use_days(100.0 + 360.0, 100.0 + 370.0, BudgetLine::AcuteBeds, Payer::Nhs, 400.0);
        let [y1, y2] = budget.years() else { panic!("two years") };
        assert!((y1.cash(BudgetLine::CareHomes, Payer::Council) - 10.0).abs() < 1e-9);
        assert!((y2.cash(BudgetLine::CareHomes, Payer::Council) - 10.0).abs() < 1e-9);
        assert!((y1.days_used(BudgetLine::AcuteBeds) - 5.0).abs() < 1e-9);
        assert_eq!(y1.cash(BudgetLine::AcuteBeds, Payer::Nhs), 0.0);
    }

    #[test]
    fn payments_land_in_their_year_and_the_horizon_in_the_last() {
        let mut budget = Budget::new(Years::new(0.0, 2));
        budget.pay(10.0, BudgetLine::AeAttendances, Payer::Nhs, 280.0);
        budget.pay(2.0 * DAYS_PER_YEAR, BudgetLine::AeAttendances, Payer::Nhs, 1.0);
        budget.pay(-1.0, BudgetLine::AeAttendances, Payer::Nhs, 1e9);
        budget.pay_steadily(0.0, 2.0 * DAYS_PER_YEAR, BudgetLine::AcuteBeds, Payer::Nhs, 1.0);
        let [y1, y2] = budget.years() else { panic!("two years") };
        assert_eq!(y1.cash(BudgetLine::AeAttendances, Payer::Nhs), 280.0);
        assert_eq!(y2.cash(BudgetLine::AeAttendances, Payer::Nhs), 1.0);
        assert_eq!(y2.cash(BudgetLine::AcuteBeds, Payer::Nhs), DAYS_PER_YEAR);
    }
}
