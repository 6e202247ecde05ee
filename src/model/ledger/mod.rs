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

mod discount;

pub use discount::{DailyCost, Discount};

use super::DAYS_PER_YEAR;
use super::budget::{Budget, BudgetLine};
use super::history::{PersonCost, Purse};
use super::metrics::{Tallies, Tally};
use super::params::{Cost, Payer};
use super::years::Years;

/// A cost that runs whatever happens (staff, block-booked beds): so much a year to a payer,
/// from a simulation day on (the day an intervention starts).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FixedCost {
    pub payer: Payer,
    pub gbp_per_year: f64,
    pub from: f64,
}

/// Tallies and costs of the measured window [`Ledger::window_start`, `Ledger::horizon`].
#[derive(Debug, Clone)]
pub struct Ledger {
    window_start: f64,
    horizon: f64,
    discount: Discount,
    years: Years,
    /// The area's book, then one per practice (everything that is a person's is kept in the
    /// area's and in their practice's), then one for what is no one person's (fixed costs).
    books: Vec<Book>,
    /// Each person's practice.
    practice_of: Vec<u16>,
    /// Undiscounted cash by measured year.
    budget: Budget,
    /// Each person's costs, whenever they fall (warm-up included), when kept.
    personal: Option<Vec<PersonCost>>,
}

/// The tallies of the area, a practice, or what is no one person's.
#[derive(Debug, Clone)]
pub struct Book {
    /// The whole window's, costs discounted.
    pub window: Tallies,
    /// The same by measured year, costs undiscounted.
    pub by_year: Vec<Tallies>,
    /// How many people are alive and how many of them frail, and since when each number has
    /// held (for person-days).
    levels: [Level; 2],
}

impl Book {
    fn new(years: usize) -> Self {
        Self {
            window: Tallies::default(),
            by_year: vec![Tallies::default(); years],
            levels: [
                Level { people: 0, since: 0.0, tally: Tally::PersonDays },
                Level { people: 0, since: 0.0, tally: Tally::FrailPersonDays },
            ],
        }
    }
}

/// The area's book.
const AREA: usize = 0;

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
    /// A ledger for an area of `practices` practices.
    pub fn new(window_start: f64, horizon: f64, discount_rate: f64, practices: usize) -> Self {
        let years = Years::new(window_start, ((horizon - window_start) / DAYS_PER_YEAR).round() as usize);
        Self {
            window_start,
            horizon,
            discount: Discount::new(discount_rate, window_start),
            years,
            books: vec![Book::new(years.count()); practices + 2],
            practice_of: Vec::new(),
            budget: Budget::new(years),
            personal: None,
        }
    }

    /// Person `person` (numbered in the order they join) joins, registered with `practice`.
    pub fn join(&mut self, person: u32, practice: u16) {
        debug_assert_eq!(person as usize, self.practice_of.len(), "people join in number order");
        self.practice_of.push(practice);
    }

    /// Each person's practice, in the order they joined.
    pub fn practices_of_people(&self) -> &[u16] {
        &self.practice_of
    }

    /// The book of `person`'s practice.
    fn book_of(&self, person: u32) -> usize {
        1 + usize::from(self.practice_of[person as usize])
    }

    /// The book of what is no one person's.
    fn no_one(&self) -> usize {
        self.books.len() - 1
    }

    /// Keep every person's costs from now on (see [`Ledger::take_personal_costs`]).
    pub fn keep_personal_costs(&mut self) {
        self.personal = Some(Vec::new());
    }

    /// The person-by-person costs kept, in the order they were charged.
    pub fn take_personal_costs(&mut self) -> Vec<PersonCost> {
        self.personal.take().unwrap_or_default()
    }

    /// `person` used a place paid for as a block ([`Ledger::charge_fixed_yearly`]) over
    /// [a, b]: its price for those days is kept in their own costs (if kept), and charged to
    /// no one again.
    pub fn keep_block_use(&mut self, person: u32, (a, b): (f64, f64), cost: &Cost, per_day: f64) {
        self.personal(person, (a, b), Purse::of(cost.payer), cost.gbp * per_day * (b - a));
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
        &self.books[AREA].window
    }

    /// The tallies of each measured year (costs undiscounted).
    pub fn tallies_by_year(&self) -> &[Tallies] {
        &self.books[AREA].by_year
    }

    /// Each practice's book, in practice order, then the book of what is no one person's: their
    /// tallies add up to the area's.
    pub fn books_by_place(&self) -> &[Book] {
        &self.books[1..]
    }

    pub fn years(&self) -> Years {
        self.years
    }

    pub fn budget(&self) -> &Budget {
        &self.budget
    }

    /// Apply `record` to the whole window's tallies and to those of the year holding `now`, of
    /// the area and of `book`, with the discount factor each applies to a cost at `now` (1 for
    /// a year).
    fn at(&mut self, book: usize, now: f64, record: impl Fn(&mut Tallies, f64), discounted: bool) {
        if self.in_window(now) {
            let factor = if discounted { self.discount.factor(now) } else { 1.0 };
            let year = self.years.of(now);
            for b in [AREA, book] {
                let book = &mut self.books[b];
                record(&mut book.window, factor);
                if let Some(k) = year {
                    record(&mut book.by_year[k], 1.0);
                }
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

    /// Count one of `tally` happening to `person` at `now`.
    pub fn count(&mut self, person: u32, now: f64, tally: Tally) {
        self.at(self.book_of(person), now, |t, _| t.count(tally), false);
    }

    /// Add `amount` to `tally` for something that happened to `person` at `now`.
    pub fn add(&mut self, person: u32, now: f64, tally: Tally, amount: f64) {
        self.at(self.book_of(person), now, |t, _| t.add(tally, amount), false);
    }

    /// Charge a one-off cost of `person`'s care at `now`, paid from `line`.
    pub fn charge_once(&mut self, person: u32, now: f64, cost: &Cost, line: BudgetLine) {
        self.personal(person, (now, now), Purse::of(cost.payer), cost.gbp);
        if self.in_window(now) {
            self.at(self.book_of(person), now, |t, factor| t.add_cost(cost.payer, cost.gbp * factor), true);
            self.budget.pay(now, line, cost.payer, cost.gbp);
        }
    }

    /// Charge a one-off intervention cost for `person` at `now` (also counted as intervention
    /// cost).
    pub fn charge_intervention_once(&mut self, person: u32, now: f64, cost: &Cost) {
        self.personal(person, (now, now), Purse::of(cost.payer), cost.gbp);
        if self.in_window(now) {
            let book = self.book_of(person);
            self.at(book, now, |t, factor| t.add_intervention_cost(cost.payer, cost.gbp * factor), true);
            self.budget.pay(now, BudgetLine::Interventions, cost.payer, cost.gbp);
        }
    }

    /// Apply `record` to the whole window's tallies of the area and of `book` with the whole of
    /// [a, b] (inside the window) and its discounting, and to each year's with its part of it,
    /// undiscounted.
    fn over(&mut self, book: usize, a: f64, b: f64, record: impl Fn(&mut Tallies, f64, f64, &Discount)) {
        let (discount, years) = (self.discount, self.years);
        let (area, other) = self.area_and(book);
        record(&mut area.window, a, b, &discount);
        record(&mut other.window, a, b, &discount);
        // The window is split at year ends once for both books.
        for (k, lo, hi) in years.split(a, b) {
            record(&mut area.by_year[k], lo, hi, &Discount::NONE);
            record(&mut other.by_year[k], lo, hi, &Discount::NONE);
        }
    }

    /// The area's book and book `book` (not the area's), both to change.
    fn area_and(&mut self, book: usize) -> (&mut Book, &mut Book) {
        debug_assert!(book != AREA, "a person's book is not the area's");
        let (area, rest) = self.books.split_at_mut(AREA + 1);
        (&mut area[AREA], &mut rest[book - AREA - 1])
    }

    /// Add the in-window part of `person`'s [a, b] to each of `days`.
    pub fn accrue_days(&mut self, person: u32, a: f64, b: f64, days: &[Tally]) {
        self.charge_days(person, (a, b), days, None, None);
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
        self.charge_days(person, (a, b), days, Some(cost), cost_tally);
    }

    fn charge_days(
        &mut self,
        person: u32,
        (a, b): (f64, f64),
        days: &[Tally],
        cost: Option<DailyCost>,
        cost_tally: Option<Tally>,
    ) {
        let Some((a, b)) = self.clip(a, b) else {
            return;
        };
        self.over(self.book_of(person), a, b, |t, a, b, discount| {
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
        self.over(self.book_of(person), a, b, |t, a, b, discount| {
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

    /// Add the in-window hours of `person`'s [a, b] to `tally`.
    pub fn accrue_hours(&mut self, person: u32, a: f64, b: f64, tally: Tally) {
        if let Some((a, b)) = self.clip(a, b) {
            self.over(self.book_of(person), a, b, |t, a, b, _| t.add(tally, (b - a) * 24.0));
        }
    }

    /// `person` is counted in `which` from `now` (`delta` 1) or no longer (-1): the area's and
    /// their practice's person-days of `which` since its number last changed are added first.
    pub fn count_people(&mut self, person: u32, now: f64, which: Counted, delta: i32) {
        for b in [AREA, self.book_of(person)] {
            self.settle_level(b, now, which, delta);
        }
    }

    /// Add every book's person-days up to the horizon.
    pub fn settle_people(&mut self) {
        let now = self.horizon;
        for b in 0..self.books.len() {
            for which in [Counted::Alive, Counted::Frail] {
                self.settle_level(b, now, which, 0);
            }
        }
    }

    fn settle_level(&mut self, b: usize, now: f64, which: Counted, delta: i32) {
        let level = self.books[b].levels[which as usize];
        if let Some((lo, hi)) = self.clip(level.since, now) {
            let people = f64::from(level.people);
            let years = self.years;
            let book = &mut self.books[b];
            book.window.add(level.tally, people * (hi - lo));
            for (k, lo, hi) in years.split(lo, hi) {
                book.by_year[k].add(level.tally, people * (hi - lo));
            }
        }
        let level = &mut self.books[b].levels[which as usize];
        level.since = now;
        level.people = level.people.checked_add_signed(delta).expect("fewer people than none");
    }

    /// Charge yearly fixed intervention costs (payer, £ a year) over the whole window.
    pub fn charge_fixed_yearly(&mut self, yearly: &[FixedCost]) {
        let no_one = self.no_one();
        for &FixedCost { payer, gbp_per_year: gbp, from } in yearly {
            // Paid from the window's start, or from the day the intervention starts if later.
            let (start, horizon) = (self.window_start.max(from), self.horizon);
            if start >= horizon {
                continue;
            }
            self.over(no_one, start, horizon, |t, a, b, discount| {
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
mod tests;
