use super::*;

/// A ledger of two practices, person 0 registered with the first, person 1 with the second.
fn two_practices(start: f64, horizon: f64, rate: f64) -> Ledger {
    let mut ledger = Ledger::new(start, horizon, rate, 2);
    ledger.join(0, 0);
    ledger.join(1, 1);
    ledger
}

#[test]
fn the_practices_and_what_is_no_one_s_add_up_to_the_area() {
    let mut ledger = two_practices(10.0, 10.0 + 2.0 * DAYS_PER_YEAR, 0.035);
    ledger.count_people(0, 0.0, Counted::Alive, 1);
    ledger.count_people(1, 50.0, Counted::Alive, 1);
    ledger.count(0, 20.0, Tally::Deaths);
    ledger.count(1, 400.0, Tally::AeAttendances);
    let cost = DailyCost { payer: Payer::Nhs, gbp: 100.0, per_day: 1.0, line: BudgetLine::AcuteBeds };
    ledger.accrue_days_charged(1, (300.0, 500.0), &[Tally::AcuteBedDays], cost, None);
    ledger.count_people(0, 600.0, Counted::Alive, -1);
    ledger.charge_fixed_yearly(&[FixedCost { payer: Payer::Council, gbp_per_year: 365.0, from: 0.0 }]);
    ledger.settle_people();
    let [first, second, no_one] = ledger.books_by_place() else { panic!("two practices and no one's") };
    assert_eq!(first.window.get(Tally::Deaths), 1.0);
    assert_eq!(second.window.get(Tally::AcuteBedDays), 200.0);
    assert_eq!(no_one.window.get(Tally::CostNhs), 0.0);
    for tally in [
        Tally::Deaths,
        Tally::AeAttendances,
        Tally::AcuteBedDays,
        Tally::PersonDays,
        Tally::CostNhs,
        Tally::CostCouncil,
    ] {
        let sum: f64 = ledger.books_by_place().iter().map(|b| b.window.get(tally)).sum();
        let area = ledger.tallies().get(tally);
        assert!((sum - area).abs() <= 1e-12 * area.abs(), "{tally:?}: {sum} against {area}");
        for (k, year) in ledger.tallies_by_year().iter().enumerate() {
            let sum: f64 = ledger.books_by_place().iter().map(|b| b.by_year[k].get(tally)).sum();
            assert!((sum - year.get(tally)).abs() <= 1e-12 * year.get(tally).abs(), "{tally:?} year {k}");
        }
    }
}

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
    let mut ledger = two_practices(10.0, 20.0, 0.0);
    ledger.count(0, 5.0, Tally::Deaths);
    ledger.count(0, 15.0, Tally::Deaths);
    ledger.accrue_days(0, 0.0, 30.0, &[Tally::DaysAtHome]);
    assert_eq!(ledger.tallies().get(Tally::Deaths), 1.0);
    assert_eq!(ledger.tallies().get(Tally::DaysAtHome), 10.0);
}

#[test]
fn each_year_holds_its_part_and_the_years_add_up_to_the_window() {
    let mut ledger = two_practices(10.0, 10.0 + 2.0 * DAYS_PER_YEAR, 0.0);
    ledger.count(0, 20.0, Tally::Deaths);
    ledger.count(1, 10.0 + DAYS_PER_YEAR, Tally::Deaths);
    let cost = DailyCost { payer: Payer::Nhs, gbp: 100.0, per_day: 1.0, line: BudgetLine::AcuteBeds };
    ledger.accrue_days_charged(
        0,
        (300.0, 500.0),
        &[Tally::AcuteBedDays],
        cost,
        Some(Tally::CostLongTermCare),
    );
    ledger.charge_fixed_yearly(&[FixedCost { payer: Payer::Council, gbp_per_year: 365.0, from: 0.0 }]);
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
    let mut ledger = two_practices(0.0, 2.0 * DAYS_PER_YEAR, 0.035);
    let cost = Cost { gbp: 70.0, payer: Payer::Nhs };
    ledger.charge_once(0, 10.0, &cost, BudgetLine::AeAttendances);
    ledger.charge_once(0, 10.0 + DAYS_PER_YEAR, &cost, BudgetLine::AeAttendances);
    ledger.charge_fixed_yearly(&[FixedCost { payer: Payer::Council, gbp_per_year: 365.0, from: 0.0 }]);
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
