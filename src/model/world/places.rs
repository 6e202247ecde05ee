//! Results by place: the ledger's book of each practice (every tally of its people, for the
//! window and each measured year) and of what is no one person's (fixed costs), which add up to
//! the area's, and whether a case-finding team covers each practice.

use super::World;
use crate::model::interventions::case_finding::build_units;
use crate::model::ledger::Book;

/// A replication's tallies by place.
#[derive(Debug, Clone, Default)]
pub struct ByPlace {
    /// Each practice's book, in practice order.
    pub practices: Vec<Book>,
    /// What is no one person's: fixed costs (a team's staff, a scheme's block-booked beds).
    pub no_one: Option<Book>,
    /// For each practice, whether a team's unit covers it.
    pub covered: Vec<bool>,
    /// Clusters are runs of this many practices, in practice order.
    pub practices_per_cluster: u32,
}

impl World<'_> {
    /// The ledger's books by place.
    pub(super) fn by_place(&self) -> ByPlace {
        let books = self.ledger.books_by_place();
        let (practices, no_one) = books.split_at(books.len() - 1);
        let mut covered = vec![false; practices.len()];
        for unit in build_units(self.params) {
            for p in unit.practices {
                covered[p as usize] = true;
            }
        }
        ByPlace {
            practices: practices.to_vec(),
            no_one: no_one.first().cloned(),
            covered,
            practices_per_cluster: self.params.area.practices_per_cluster,
        }
    }
}
