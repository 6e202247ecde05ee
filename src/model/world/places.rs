//! Results by place: the tallies of each cluster (its practices' books added up) and, when a
//! team works practice by practice or the replication is recorded for a comparison, of each
//! practice; and of what is no one person's (fixed costs). With it the places add up to the
//! area. Each place also says how much of it a case-finding team covers.

use super::World;
use crate::model::interventions::case_finding::build_units;
use crate::model::ledger::Book;
use crate::model::metrics::Tallies;
use crate::model::params::Scope;

/// A place's tallies, for the window and each measured year.
#[derive(Debug, Clone, Default)]
pub struct PlaceBook {
    pub window: Tallies,
    pub by_year: Vec<Tallies>,
    /// The share of its practices a team covers.
    pub covered: f64,
}

impl PlaceBook {
    fn of(books: &[Book], covered: &[bool]) -> Self {
        let mut place = PlaceBook {
            window: Tallies::default(),
            by_year: vec![Tallies::default(); books.first().map_or(0, |b| b.by_year.len())],
            covered: covered.iter().filter(|&&c| c).count() as f64 / covered.len().max(1) as f64,
        };
        for book in books {
            place.window.add_all(&book.window);
            for (year, more) in place.by_year.iter_mut().zip(&book.by_year) {
                year.add_all(more);
            }
        }
        place
    }
}

/// A replication's tallies by place.
#[derive(Debug, Clone, Default)]
pub struct ByPlace {
    /// Each cluster's: a run of `practices_per_cluster` practices, in practice order.
    pub clusters: Vec<PlaceBook>,
    /// Each practice's, when kept (see the module's description); else none.
    pub practices: Vec<PlaceBook>,
    /// What is no one person's: fixed costs (a team's staff, a scheme's block-booked beds).
    pub no_one: PlaceBook,
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
        let per_cluster = self.params.area.practices_per_cluster.max(1) as usize;
        let by_practice = self.params.teams.iter().any(|t| t.scope == Scope::Practice);
        let keep_practices = by_practice || self.moves.is_some();
        ByPlace {
            clusters: practices
                .chunks(per_cluster)
                .zip(covered.chunks(per_cluster))
                .map(|(books, covered)| PlaceBook::of(books, covered))
                .collect(),
            practices: if keep_practices {
                practices
                    .iter()
                    .zip(&covered)
                    .map(|(book, c)| PlaceBook::of(std::slice::from_ref(book), &[*c]))
                    .collect()
            } else {
                Vec::new()
            },
            no_one: PlaceBook::of(no_one, &[false]),
            practices_per_cluster: self.params.area.practices_per_cluster,
        }
    }
}
