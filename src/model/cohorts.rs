//! The people an intervention served, and what happened to them: each intervention names its
//! cohorts (each team; the D2A scheme's users; the people a crisis response or a GP in A&E kept
//! out of hospital) and records a contact whenever it serves someone. A cohort is everyone
//! whose first contact falls in the measured window; their measures are summed over days
//! counted from that first contact, in any replication's [`History`] (the same person exists,
//! with the same chance events, in the paired baseline replication).

use super::DAYS_PER_YEAR;
use super::history::{Cause, Life, Lives, Purse};
use super::person::Place;

/// An intervention served `person` at `time`; `cohort` numbers the cohort across the
/// scenario's interventions (see [`super::world::Recording::cohorts`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Contact {
    pub cohort: u16,
    pub person: u32,
    pub time: f64,
}

/// A cohort member: who, when they joined the population and when they were first served.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Member {
    pub person: u32,
    pub joined: f64,
    pub since: f64,
}

impl Member {
    /// Whether both windows of `days` before and after the first contact lie within the run
    /// (from 0 to `horizon`): only such members are measured over them, so every window is whole.
    pub fn observed(&self, days: f64, horizon: f64) -> bool {
        self.since - days >= 0.0 && self.since + days <= horizon
    }

    /// Whether `lives` (of another replication) has the same person: joined at the same time.
    pub fn is_in(&self, lives: &Lives) -> bool {
        lives.of(self.person).moves.first().is_some_and(|m| m.time == self.joined)
    }
}

/// The windows after (and before) a first contact that cohorts are followed over, in months.
pub const WINDOW_MONTHS: [u32; 2] = [6, 12];

/// A window's length in days.
pub fn window_days(months: u32) -> f64 {
    DAYS_PER_YEAR * f64::from(months) / 12.0
}

/// What is measured for a cohort, each summed over its members' days in a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    AeAttendances,
    EmergencyAdmissions,
    AcuteBedDays,
    CareHomeAdmissions,
    Deaths,
    DaysAtHome,
    CostNhs,
    CostCouncil,
    CostResident,
    /// All three purses.
    CostTotal,
}

impl Measure {
    pub const ALL: [Measure; 10] = [
        Measure::AeAttendances,
        Measure::EmergencyAdmissions,
        Measure::AcuteBedDays,
        Measure::CareHomeAdmissions,
        Measure::Deaths,
        Measure::DaysAtHome,
        Measure::CostNhs,
        Measure::CostCouncil,
        Measure::CostResident,
        Measure::CostTotal,
    ];

    /// Its name in result files.
    pub fn name(self) -> &'static str {
        match self {
            Measure::AeAttendances => "ae_attendances",
            Measure::EmergencyAdmissions => "emergency_admissions",
            Measure::AcuteBedDays => "acute_bed_days",
            Measure::CareHomeAdmissions => "care_home_admissions",
            Measure::Deaths => "deaths",
            Measure::DaysAtHome => "days_at_home",
            Measure::CostNhs => "cost_nhs",
            Measure::CostCouncil => "cost_council",
            Measure::CostResident => "cost_resident",
            Measure::CostTotal => "cost_total",
        }
    }

    /// Its words for people (a rate per person-year).
    pub fn label(self) -> &'static str {
        match self {
            Measure::AeAttendances => "A&E attendances",
            Measure::EmergencyAdmissions => "emergency admissions",
            Measure::AcuteBedDays => "acute bed days",
            Measure::CareHomeAdmissions => "care-home admissions",
            Measure::Deaths => "deaths",
            Measure::DaysAtHome => "days at home",
            Measure::CostNhs => "NHS cost (£)",
            Measure::CostCouncil => "council cost (£)",
            Measure::CostResident => "residents' own cost (£)",
            Measure::CostTotal => "cost of care, all payers (£)",
        }
    }

    pub fn by_name(name: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.name() == name)
    }

    /// The cost measure of who pays.
    fn paid_by(purse: Purse) -> Measure {
        match purse {
            Purse::Nhs => Measure::CostNhs,
            Purse::Council => Measure::CostCouncil,
            Purse::Resident => Measure::CostResident,
        }
    }
}

/// A cohort's measures summed over its members' days in one window.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Sums {
    pub members: u32,
    /// Days members were alive (and had joined) in the window.
    pub person_days: f64,
    pub values: [f64; Measure::ALL.len()],
}

impl Sums {
    /// The measure as a rate per person-year; `None` without person-time.
    pub fn rate(&self, measure: Measure) -> Option<f64> {
        (self.person_days > 0.0).then(|| self.values[measure as usize] / self.person_days * DAYS_PER_YEAR)
    }
}

/// The members of each of `cohorts` cohorts: everyone whose first contact with it falls in
/// [`window_start`, `horizon`), in the order of those first contacts; `lives` says when each
/// joined.
pub fn members(
    contacts: &[Contact],
    cohorts: usize,
    (window_start, horizon): (f64, f64),
    lives: &Lives,
) -> Vec<Vec<Member>> {
    let mut seen = std::collections::HashSet::new();
    let mut out = vec![Vec::new(); cohorts];
    for c in contacts {
        if seen.insert((c.cohort, c.person)) && (window_start..horizon).contains(&c.time) {
            let joined = lives.of(c.person).moves.first().map_or(0.0, |m| m.time);
            out[usize::from(c.cohort)].push(Member { person: c.person, joined, since: c.time });
        }
    }
    out
}

/// The length of the overlap of [a, b) and [c, d).
fn overlap(a: f64, b: f64, c: f64, d: f64) -> f64 {
    (b.min(d) - a.max(c)).max(0.0)
}

/// Add one person's measures over [a, b) to `sums` (the run ends at `horizon`).
fn add_life(sums: &mut Sums, life: Life, (a, b): (f64, f64), horizon: f64) {
    let Some(joined) = life.moves.first() else { return };
    let died = life.moves.iter().find(|m| m.to == Place::Dead).map_or(horizon, |m| m.time);
    sums.members += 1;
    sums.person_days += overlap(a, b, joined.time, died);
    let v = &mut sums.values;
    for (i, m) in life.moves.iter().enumerate() {
        let until = life.moves.get(i + 1).map_or(horizon, |next| next.time);
        match m.to {
            Place::Home => v[Measure::DaysAtHome as usize] += overlap(a, b, m.time, until),
            Place::Acute | Place::AcuteDelayed => {
                v[Measure::AcuteBedDays as usize] += overlap(a, b, m.time, until)
            }
            _ => {}
        }
        if (a..b).contains(&m.time) {
            let counted = match (m.to, m.cause) {
                (Place::Ae, _) => Some(Measure::AeAttendances),
                (_, Cause::Admitted) => Some(Measure::EmergencyAdmissions),
                (_, Cause::CareHomeAdmission) => Some(Measure::CareHomeAdmissions),
                (Place::Dead, _) => Some(Measure::Deaths),
                _ => None,
            };
            if let Some(measure) = counted {
                v[measure as usize] += 1.0;
            }
        }
    }
    for cost in life.costs {
        let measure = Measure::paid_by(cost.purse);
        let within = cost.within(a, b);
        v[measure as usize] += within;
        v[Measure::CostTotal as usize] += within;
    }
}

/// A cohort's measures over the days from `start` to `end` after each member's first contact
/// (negative for days before it), within [0, `horizon`); callers pass members whose windows lie
/// within the run ([`Member::observed`]).
pub fn measure<'a>(
    lives: &Lives,
    members: impl IntoIterator<Item = &'a Member>,
    (start, end): (f64, f64),
    horizon: f64,
) -> Sums {
    let mut sums = Sums::default();
    for m in members {
        let (a, b) = ((m.since + start).max(0.0), (m.since + end).min(horizon));
        add_life(&mut sums, lives.of(m.person), (a, b), horizon);
    }
    sums
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::history::{History, Move, PersonCost};

    fn mv(time: f64, to: Place, cause: Cause) -> Move {
        Move { time, person: 0, from: None, to, cause }
    }

    #[test]
    fn only_first_contacts_in_the_window_make_members() {
        let c = |cohort, person, time| Contact { cohort, person, time };
        let contacts = [c(0, 1, 5.0), c(0, 2, 20.0), c(0, 1, 30.0), c(1, 1, 40.0), c(0, 3, 200.0)];
        let joined = |person| Move { time: 1.0, person, from: None, to: Place::Home, cause: Cause::Joined };
        let lives = Lives::new(&History { moves: (0..4).map(joined).collect(), costs: Vec::new() });
        let m = members(&contacts, 2, (10.0, 100.0), &lives);
        assert_eq!(m[0], [Member { person: 2, joined: 1.0, since: 20.0 }]);
        assert_eq!(m[1], [Member { person: 1, joined: 1.0, since: 40.0 }]);
    }

    #[test]
    fn a_life_is_measured_over_its_window_and_its_days_alive() {
        let history = History {
            moves: vec![
                mv(0.0, Place::Home, Cause::Joined),
                mv(100.0, Place::Ae, Cause::Crisis),
                mv(100.5, Place::Trolley, Cause::Admitted),
                mv(101.0, Place::Acute, Cause::BedGiven),
                mv(111.0, Place::Home, Cause::Discharged),
                mv(150.0, Place::Dead, Cause::Died),
            ],
            costs: vec![PersonCost { person: 0, from: 101.0, to: 111.0, purse: Purse::Nhs, gbp: 1000.0 }],
        };
        let lives = Lives::new(&history);
        let member = [Member { person: 0, joined: 0.0, since: 105.0 }];
        let after = measure(&lives, &member, (0.0, 365.0), 1000.0);
        assert_eq!(after.person_days, 45.0);
        assert_eq!(after.values[Measure::AcuteBedDays as usize], 6.0);
        assert_eq!(after.values[Measure::DaysAtHome as usize], 39.0);
        assert_eq!(after.values[Measure::Deaths as usize], 1.0);
        assert_eq!(after.values[Measure::CostNhs as usize], 600.0);
        let before = measure(&lives, &member, (-30.0, 0.0), 1000.0);
        assert_eq!(before.person_days, 30.0);
        assert_eq!(before.values[Measure::AeAttendances as usize], 1.0);
        assert_eq!(before.values[Measure::EmergencyAdmissions as usize], 1.0);
        assert_eq!(before.values[Measure::AcuteBedDays as usize], 4.0);
        assert_eq!(before.rate(Measure::AeAttendances), Some(365.0 / 30.0));
    }
}
