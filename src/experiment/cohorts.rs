//! The cohorts of a comparison: in each what-if replication, the people each intervention
//! served (first served in the measured window), measured before and after that first contact;
//! in the paired baseline replication, the same people over the same days after it, which is
//! what would have happened to them without the what-if (common random numbers: every person
//! exists, with the same chance events, in both).

use crate::model::cohorts::{Member, Sums, WINDOW_MONTHS, measure, members, window_days};
use crate::model::history::Lives;
use crate::model::{Inputs, Recording, measured_window};

/// One cohort in one replication, one entry per window of [`WINDOW_MONTHS`]: its sums before
/// and after the first contact in the what-if, and over the same days after it in the paired
/// baseline replication.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CohortSums {
    pub before: [Sums; WINDOW_MONTHS.len()],
    pub after: [Sums; WINDOW_MONTHS.len()],
    pub counterfactual: [Sums; WINDOW_MONTHS.len()],
}

/// Every cohort of one what-if: their names, and each replication's sums, cohort by cohort.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScenarioCohorts {
    pub names: Vec<String>,
    pub replications: Vec<Vec<CohortSums>>,
    /// Whether every member was found in the paired baseline replication (joined at the same
    /// time): not so when the what-if changes who lives in the area, and then the cohorts have
    /// no counterfactual.
    pub same_people: bool,
}

/// A what-if replication's cohorts: who is in each, and their sums in the what-if (the
/// counterfactual is filled in from the paired baseline replication).
pub(super) struct Followed {
    pub names: Vec<String>,
    pub members: Vec<Vec<Member>>,
    pub sums: Vec<CohortSums>,
}

fn window(inputs: &Inputs) -> (f64, f64) {
    measured_window(inputs.simulation.warmup_years, inputs.simulation.years)
}

/// The members of `cohort` whose windows of `months` lie within the run.
fn observed(cohort: &[Member], months: u32, horizon: f64) -> impl Iterator<Item = &Member> {
    let days = window_days(months);
    cohort.iter().filter(move |m| m.observed(days, horizon))
}

/// The cohorts of a recorded what-if replication.
pub(super) fn follow(inputs: &Inputs, recording: &Recording) -> Followed {
    let (start, horizon) = window(inputs);
    let lives = Lives::new(&recording.history);
    let members = members(&recording.contacts, recording.cohorts.len(), (start, horizon), &lives);
    let sums = members
        .iter()
        .map(|cohort| {
            let mut sums = CohortSums::default();
            for (k, &months) in WINDOW_MONTHS.iter().enumerate() {
                let days = window_days(months);
                sums.before[k] = measure(&lives, observed(cohort, months, horizon), (-days, 0.0), horizon);
                sums.after[k] = measure(&lives, observed(cohort, months, horizon), (0.0, days), horizon);
            }
            sums
        })
        .collect();
    Followed { names: recording.cohorts.clone(), members, sums }
}

/// The counterfactual sums of one what-if replication's cohorts: per cohort, one per window.
pub(super) type Counterfactual = Vec<[Sums; WINDOW_MONTHS.len()]>;

/// In the recorded baseline replication, each followed cohort over the days after its
/// members' first contacts, one entry per window; `None` for a what-if some of whose members
/// are not the baseline's people.
pub(super) fn counterfactuals(
    inputs: &Inputs,
    recording: &Recording,
    followed: &[&Followed],
) -> Vec<Option<Counterfactual>> {
    let (_, horizon) = window(inputs);
    let lives = Lives::new(&recording.history);
    followed
        .iter()
        .map(|f| {
            let same_people = f.members.iter().flatten().all(|m| m.is_in(&lives));
            same_people.then(|| {
                f.members
                    .iter()
                    .map(|cohort| {
                        WINDOW_MONTHS.map(|months| {
                            let days = window_days(months);
                            measure(&lives, observed(cohort, months, horizon), (0.0, days), horizon)
                        })
                    })
                    .collect()
            })
        })
        .collect()
}
