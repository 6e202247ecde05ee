//! A replication's history, person by person: every move (when, who, from where, to where and
//! why) and every cost a person's care incurred (who paid, over which days). Kept only when
//! asked for (a comparison's cohorts, a trace); keeping it changes nothing the model does.

use super::params::Payer;
use super::person::Place;

/// Why a person moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// Joined the population (at the start, or turning 65), at home or in a care home.
    Joined,
    /// A crisis took them to A&E.
    Crisis,
    /// A crisis an intervention had kept out of hospital came back.
    CameBack,
    /// A&E admitted them; they wait for a bed.
    Admitted,
    /// A&E did not admit them (or an intervention sent them home).
    NotAdmitted,
    /// An acute bed was theirs.
    BedGiven,
    /// Medically ready to leave, waiting for the next place.
    MedicallyReady,
    /// Left hospital for home, or back to their care home.
    Discharged,
    /// Into a short-term bed (usual step-down or a D2A scheme's).
    ShortTermBed,
    /// The assessment in a short-term bed sent them home or to wait for a care home.
    Assessed,
    /// A permanent care-home place.
    CareHomeAdmission,
    Died,
}

impl Cause {
    pub fn name(self) -> &'static str {
        match self {
            Cause::Joined => "joined",
            Cause::Crisis => "crisis",
            Cause::CameBack => "came_back",
            Cause::Admitted => "admitted",
            Cause::NotAdmitted => "not_admitted",
            Cause::BedGiven => "bed_given",
            Cause::MedicallyReady => "medically_ready",
            Cause::Discharged => "discharged",
            Cause::ShortTermBed => "short_term_bed",
            Cause::Assessed => "assessed",
            Cause::CareHomeAdmission => "care_home_admission",
            Cause::Died => "died",
        }
    }
}

/// A person's move. `from` is `None` when they joined.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Move {
    pub time: f64,
    pub person: u32,
    pub from: Option<Place>,
    pub to: Place,
    pub cause: Cause,
}

/// Who pays a cost of a person's care: the NHS, the council, or the person (a self-funder's
/// care-home fees, their share of council-supported fees).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purse {
    Nhs,
    Council,
    Resident,
}

impl Purse {
    pub const COUNT: usize = 3;

    pub fn of(payer: Payer) -> Self {
        match payer {
            Payer::Nhs => Purse::Nhs,
            Payer::Council => Purse::Council,
        }
    }
}

/// A cost of a person's care: `gbp` spread evenly over [`from`, `to`] (at once when equal),
/// undiscounted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PersonCost {
    pub person: u32,
    pub from: f64,
    pub to: f64,
    pub purse: Purse,
    pub gbp: f64,
}

impl PersonCost {
    /// The part of this cost that falls in [a, b) (a cost at once counts where it happens).
    pub fn within(&self, a: f64, b: f64) -> f64 {
        if self.to > self.from {
            let overlap = self.to.min(b) - self.from.max(a);
            if overlap > 0.0 { self.gbp * overlap / (self.to - self.from) } else { 0.0 }
        } else if (a..b).contains(&self.from) {
            self.gbp
        } else {
            0.0
        }
    }
}

/// Everything that happened to everyone in one replication, in time order.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub moves: Vec<Move>,
    pub costs: Vec<PersonCost>,
}

/// One person's part of a [`History`]: their moves (the first is their joining) and their costs.
#[derive(Debug, Clone, Copy)]
pub struct Life<'a> {
    pub moves: &'a [Move],
    pub costs: &'a [PersonCost],
}

/// A history regrouped person by person (each person's records keep their time order).
pub struct Lives {
    moves: Vec<Move>,
    move_starts: Vec<usize>,
    costs: Vec<PersonCost>,
    cost_starts: Vec<usize>,
}

/// Records grouped by person: a stable counting sort, so each person's keep their order.
fn group<T: Copy>(records: &[T], people: usize, person: impl Fn(&T) -> u32) -> (Vec<T>, Vec<usize>) {
    let mut starts = vec![0usize; people + 1];
    for r in records {
        starts[person(r) as usize + 1] += 1;
    }
    for i in 0..people {
        starts[i + 1] += starts[i];
    }
    let mut next = starts.clone();
    let mut grouped = vec![None; records.len()];
    for &r in records {
        let slot = &mut next[person(&r) as usize];
        grouped[*slot] = Some(r);
        *slot += 1;
    }
    (grouped.into_iter().map(|r| r.expect("every slot filled")).collect(), starts)
}

impl Lives {
    pub fn new(history: &History) -> Self {
        let people = history.moves.iter().map(|m| m.person as usize + 1).max().unwrap_or(0);
        let (moves, move_starts) = group(&history.moves, people, |m| m.person);
        let (costs, cost_starts) = group(&history.costs, people, |c| c.person);
        Self { moves, move_starts, costs, cost_starts }
    }

    /// The person's life; empty for someone who never joined.
    pub fn of(&self, person: u32) -> Life<'_> {
        let p = person as usize;
        if p + 1 >= self.move_starts.len() {
            return Life { moves: &[], costs: &[] };
        }
        Life {
            moves: &self.moves[self.move_starts[p]..self.move_starts[p + 1]],
            costs: &self.costs[self.cost_starts[p]..self.cost_starts[p + 1]],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mv(time: f64, person: u32, to: Place) -> Move {
        Move { time, person, from: None, to, cause: Cause::Joined }
    }

    #[test]
    fn a_cost_falls_in_a_window_by_its_share_of_days_or_where_it_happens() {
        let spread = PersonCost { person: 0, from: 10.0, to: 20.0, purse: Purse::Nhs, gbp: 100.0 };
        assert_eq!(spread.within(15.0, 30.0), 50.0);
        assert_eq!(spread.within(0.0, 10.0), 0.0);
        let once = PersonCost { to: 10.0, ..spread };
        assert_eq!(once.within(10.0, 11.0), 100.0);
        assert_eq!(once.within(0.0, 10.0), 0.0);
    }

    #[test]
    fn lives_keep_each_person_s_records_in_order() {
        let history = History {
            moves: vec![
                mv(0.0, 1, Place::Home),
                mv(0.0, 0, Place::Home),
                mv(3.0, 1, Place::Ae),
                mv(4.0, 1, Place::Home),
            ],
            costs: vec![PersonCost { person: 1, from: 3.0, to: 3.0, purse: Purse::Nhs, gbp: 5.0 }],
        };
        let lives = Lives::new(&history);
        let times: Vec<f64> = lives.of(1).moves.iter().map(|m| m.time).collect();
        assert_eq!(times, [0.0, 3.0, 4.0]);
        assert_eq!(lives.of(1).costs.len(), 1);
        assert_eq!(lives.of(0).moves.len(), 1);
        assert!(lives.of(0).costs.is_empty());
        assert!(lives.of(7).moves.is_empty());
    }
}
