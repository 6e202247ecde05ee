//! The ledger of one replication: every tally and every cost, counted only inside the measured
//! window (after the warm-up, up to the horizon), with costs discounted to the window's start.
//!
//! A cost at time t (days) is worth `(1 + r)^-(t - start)/365` of its face value; a cost that
//! accrues at a steady daily rate over an interval is integrated exactly.
//!
//! Every tally is also kept by measured year (split at year ends), for results by year; the
//! whole window's tallies are added to exactly as they would be without them. A year's costs
//! are its own, undiscounted: discounted to the window's start, later years would look
//! cheaper only because they are later.

use super::DAYS_PER_YEAR;
use super::budget::{Budget, BudgetLine};
use super::history::{PersonCost, Purse};
use super::metrics::{Tallies, Tally};
use super::params::{Cost, Payer};
use super::years::Years;

#[derive(Debug, Clone, Copy)]
pub struct Discount {
    /// Continuous rate per day, ln(1 + r) / 365.
    per_day: f64,
    start: f64,
}

impl Discount {
    /// No discounting.
    const NONE: Discount = Discount { per_day: 0.0, start: 0.0 };

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

/// Tallies and costs of the measured window [`Ledger::window_start`, `Ledger::horizon`].
#[derive(Debug, Clone)]
pub struct Ledger {
    window_start: f64,
    horizon: f64,
    discount: Discount,
    tallies: Tallies,
    years: Years,
    /// The same tallies by measured year, costs undiscounted.
    by_year: Vec<Tallies>,
    /// Undiscounted cash by measured year.
    budget: Budget,
    /// How many people are alive and how many of them frail, and since when each number has
    /// held (for person-days).
    levels: [Level; 2],
    /// Each person's costs, whenever they fall (warm-up included), when kept.
    personal: Option<Vec<PersonCost>>,
}

/// A count of people whose days are tallied (alive, frail).
#[derive(Debug, Clone, Copy)]
struct Level {
    people: u32,
    since: f64,
    tally: Tally,
}

/// Which count of people changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    Alive = 0,
    Frail = 1,
}

impl Ledger {
    pub fn new(window_start: f64, horizon: f64, discount_rate: f64) -> Self {
        let years = Years::new(window_start, ((horizon - window_start) / DAYS_PER_YEAR).round() as usize);
        Self {
            window_start,
            horizon,
            discount: Discount::new(discount_rate, window_start),
            tallies: Tallies::default(),
            years,
            by_year: vec![Tallies::default(); years.count()],
            budget: Budget::new(years),
            levels: [
                Level { people: 0, since: 0.0, tally: Tally::PersonDays },
                Level { people: 0, since: 0.0, tally: Tally::FrailPersonDays },
            ],
            personal: None,
        }
    }

    /// Keep every person's costs from now on (see [`Ledger::take_personal_costs`]).
    pub fn keep_personal_costs(&mut self) {
        self.personal = Some(Vec::new());
    }

    /// The person-by-person costs kept, in the order they were charged.
    pub fn take_personal_costs(&mut self) -> Vec<PersonCost> {
        self.personal.take().unwrap_or_default()
    }

    /// Keep `gbp` of `person`'s care over [from, to] (at once when equal), if costs are kept.
    fn personal(&mut self, person: u32, (from, to): (f64, f64), purse: Purse, gbp: f64) {
        if let Some(costs) = &mut self.personal
            && gbp != 0.0
        {
            costs.push(PersonCost { person, from, to, purse, gbp });
        }
    }

    pub fn window_start(&self) -> f64 {
        self.window_start
    }

    pub fn horizon(&self) -> f64 {
        self.horizon
    }

    pub fn tallies(&self) -> &Tallies {
        &self.tallies
    }

    /// The tallies of each measured year (costs undiscounted).
    pub fn tallies_by_year(&self) -> &[Tallies] {
        &self.by_year
    }

    pub fn years(&self) -> Years {
        self.years
    }

    pub fn budget(&self) -> &Budget {
        &self.budget
    }

    /// Apply `record` to the whole window's tallies and to those of the year holding `now`,
    /// with the discount factor each applies to a cost at `now` (1 for a year).
    fn at(&mut self, now: f64, record: impl Fn(&mut Tallies, f64), discounted: bool) {
        if self.in_window(now) {
            record(&mut self.tallies, if discounted { self.discount.factor(now) } else { 1.0 });
            if let Some(k) = self.years.of(now) {
                record(&mut self.by_year[k], 1.0);
            }
        }
    }

    /// The part of [a, b] inside the measured window.
    pub fn clip(&self, a: f64, b: f64) -> Option<(f64, f64)> {
        let (a, b) = (a.max(self.window_start), b.min(self.horizon));
        (b > a).then_some((a, b))
    }

    pub fn in_window(&self, now: f64) -> bool {
        now >= self.window_start
    }

    /// Count one of `tally` happening at `now`.
    pub fn count(&mut self, now: f64, tally: Tally) {
        self.at(now, |t, _| t.count(tally), false);
    }

    /// Add `amount` to `tally` for something that happened at `now`.
    pub fn add(&mut self, now: f64, tally: Tally, amount: f64) {
        self.at(now, |t, _| t.add(tally, amount), false);
    }

    /// Charge a one-off cost of `person`'s care at `now`, paid from `line`.
    pub fn charge_once(&mut self, person: u32, now: f64, cost: &Cost, line: BudgetLine) {
        self.personal(person, (now, now), Purse::of(cost.payer), cost.gbp);
        if self.in_window(now) {
            self.at(now, |t, factor| t.add_cost(cost.payer, cost.gbp * factor), true);
            self.budget.pay(now, line, cost.payer, cost.gbp);
        }
    }

    /// Charge a one-off intervention cost for `person` at `now` (also counted as intervention
    /// cost).
    pub fn charge_intervention_once(&mut self, person: u32, now: f64, cost: &Cost) {
        self.personal(person, (now, now), Purse::of(cost.payer), cost.gbp);
        if self.in_window(now) {
            self.at(now, |t, factor| t.add_intervention_cost(cost.payer, cost.gbp * factor), true);
            self.budget.pay(now, BudgetLine::Interventions, cost.payer, cost.gbp);
        }
    }

    /// Apply `record` to the whole window's tallies with the whole of [a, b] (inside the
    /// window) and its discounting, and to each year's with its part of it, undiscounted.
    fn over(&mut self, a: f64, b: f64, record: impl Fn(&mut Tallies, f64, f64, &Discount)) {
        record(&mut self.tallies, a, b, &self.discount);
        for (k, lo, hi) in self.years.split(a, b) {
            record(&mut self.by_year[k], lo, hi, &Discount::NONE);
        }
    }

    /// Add the in-window part of [a, b] to each of `days`.
    pub fn accrue_days(&mut self, a: f64, b: f64, days: &[Tally]) {
        self.charge_days((a, b), days, None, None);
    }

    /// [`Ledger::accrue_days`] for days of `person`'s care, charging `cost` for each day, and
    /// adding the (discounted) amount charged to `cost_tally` if there is one.
    pub fn accrue_days_charged(
        &mut self,
        person: u32,
        (a, b): (f64, f64),
        days: &[Tally],
        cost: DailyCost,
        cost_tally: Option<Tally>,
    ) {
        self.personal(person, (a, b), Purse::of(cost.payer), cost.gbp * cost.per_day * (b - a));
        self.charge_days((a, b), days, Some(cost), cost_tally);
    }

    fn charge_days(
        &mut self,
        (a, b): (f64, f64),
        days: &[Tally],
        cost: Option<DailyCost>,
        cost_tally: Option<Tally>,
    ) {
        let Some((a, b)) = self.clip(a, b) else {
            return;
        };
        self.over(a, b, |t, a, b, discount| {
            for &tally in days {
                t.add(tally, b - a);
            }
            if let Some(cost) = cost {
                let gbp = cost.gbp * cost.per_day * discount.integral(a, b);
                t.add_cost(cost.payer, gbp);
                if let Some(cost_tally) = cost_tally {
                    t.add(cost_tally, gbp);
                }
            }
        });
        if let Some(cost) = cost {
            self.budget.use_days(a, b, cost.line, cost.payer, cost.gbp * cost.per_day);
        }
    }

    /// Add the in-window part of [a, b] to each of `days`, charging each payer's daily amount
    /// of `person`'s care to `line` and the resident's own to the private tally.
    pub fn accrue_shared(
        &mut self,
        person: u32,
        (a, b): (f64, f64),
        days: &[Tally],
        line: BudgetLine,
        public: &[(Payer, f64)],
        private_per_day: f64,
    ) {
        for &(payer, per_day) in public {
            self.personal(person, (a, b), Purse::of(payer), per_day * (b - a));
        }
        self.personal(person, (a, b), Purse::Resident, private_per_day * (b - a));
        let Some((a, b)) = self.clip(a, b) else {
            return;
        };
        self.over(a, b, |t, a, b, discount| {
            for &tally in days {
                t.add(tally, b - a);
            }
            let discounted_days = discount.integral(a, b);
            for &(payer, per_day) in public {
                t.add_cost(payer, per_day * discounted_days);
            }
            t.add(Tally::CostSelfFunders, private_per_day * discounted_days);
        });
        self.budget.count_days(a, b, line);
        for &(payer, per_day) in public {
            self.budget.pay_steadily(a, b, line, payer, per_day);
        }
    }

    /// Add the in-window hours of [a, b] to `tally`.
    pub fn accrue_hours(&mut self, a: f64, b: f64, tally: Tally) {
        if let Some((a, b)) = self.clip(a, b) {
            self.over(a, b, |t, a, b, _| t.add(tally, (b - a) * 24.0));
        }
    }

    /// Add the person-days of `which` since its number last changed, then apply `delta`.
    pub fn count_people(&mut self, now: f64, which: Counted, delta: i32) {
        let level = self.levels[which as usize];
        if let Some((a, b)) = self.clip(level.since, now) {
            let people = f64::from(level.people);
            self.over(a, b, |t, a, b, _| t.add(level.tally, people * (b - a)));
        }
        let level = &mut self.levels[which as usize];
        level.since = now;
        level.people = level.people.checked_add_signed(delta).expect("fewer people than none");
    }

    /// Charge yearly fixed intervention costs (payer, £ a year) over the whole window.
    pub fn charge_fixed_yearly(&mut self, yearly: &[(Payer, f64)]) {
        let (start, horizon) = (self.window_start, self.horizon);
        for &(payer, gbp) in yearly {
            self.over(start, horizon, |t, a, b, discount| {
                t.add_intervention_cost(payer, gbp * (discount.integral(a, b) / DAYS_PER_YEAR));
            });
            self.budget.pay_steadily(start, horizon, BudgetLine::Interventions, payer, gbp / DAYS_PER_YEAR);
        }
    }

    /// The budget of a line paid by capacity: `places` at `cost`'s price over the whole window
    /// (the economic cost of their use is charged as they are used).
    pub fn budget_capacity(&mut self, places: u32, cost: &DailyCost) {
        let gbp_per_day = f64::from(places) * cost.gbp * cost.per_day;
        self.budget.pay_steadily(self.window_start, self.horizon, cost.line, cost.payer, gbp_per_day);
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

    #[test]
    fn only_the_window_is_counted() {
        let mut ledger = Ledger::new(10.0, 20.0, 0.0);
        ledger.count(5.0, Tally::Deaths);
        ledger.count(15.0, Tally::Deaths);
        ledger.accrue_days(0.0, 30.0, &[Tally::DaysAtHome]);
        assert_eq!(ledger.tallies().get(Tally::Deaths), 1.0);
        assert_eq!(ledger.tallies().get(Tally::DaysAtHome), 10.0);
    }

    #[test]
    fn each_year_holds_its_part_and_the_years_add_up_to_the_window() {
        let mut ledger = Ledger::new(10.0, 10.0 + 2.0 * DAYS_PER_YEAR, 0.0);
        ledger.count(20.0, Tally::Deaths);
        ledger.count(10.0 + DAYS_PER_YEAR, Tally::Deaths);
        let cost = DailyCost { payer: Payer::Nhs, gbp: 100.0, per_day: 1.0, line: BudgetLine::AcuteBeds };
        ledger.accrue_days_charged(
            0,
            (300.0, 500.0),
            &[Tally::AcuteBedDays],
            cost,
            Some(Tally::CostLongTermCare),
        );
        ledger.charge_fixed_yearly(&[(Payer::Council, 365.0)]);
        let [y1, y2] = ledger.tallies_by_year() else { panic!("two years") };
        assert_eq!((y1.get(Tally::Deaths), y2.get(Tally::Deaths)), (1.0, 1.0));
        assert_eq!(y1.get(Tally::AcuteBedDays), 75.0);
        assert_eq!(y2.get(Tally::AcuteBedDays), 125.0);
        for tally in [Tally::CostNhs, Tally::CostCouncil, Tally::CostLongTermCare, Tally::InterventionCost] {
            let sum = y1.get(tally) + y2.get(tally);
            assert!((sum - ledger.tallies().get(tally)).abs() < 1e-9 * sum, "{tally:?}");
        }
    }

    #[test]
    fn a_year_s_costs_are_its_own_undiscounted() {
        let mut ledger = Ledger::new(0.0, 2.0 * DAYS_PER_YEAR, 0.035);
        let cost = Cost { gbp: 70.0, payer: Payer::Nhs };
        ledger.charge_once(0, 10.0, &cost, BudgetLine::AeAttendances);
        ledger.charge_once(0, 10.0 + DAYS_PER_YEAR, &cost, BudgetLine::AeAttendances);
        ledger.charge_fixed_yearly(&[(Payer::Council, 365.0)]);
        let [y1, y2] = ledger.tallies_by_year() else { panic!("two years") };
        assert_eq!((y1.get(Tally::CostNhs), y2.get(Tally::CostNhs)), (70.0, 70.0));
        assert!(
            (y1.get(Tally::CostCouncil) - 365.0).abs() < 1e-9
                && (y2.get(Tally::CostCouncil) - 365.0).abs() < 1e-9
        );
        // The window's total is discounted: the second year's charge is worth less.
        let whole = ledger.tallies().get(Tally::CostNhs);
        let expected = 70.0 * (1.035f64.powf(-10.0 / 365.0) + 1.035f64.powf(-375.0 / 365.0));
        assert!((whole - expected).abs() < 1e-9, "{whole} against {expected}");
    }
}
