//! The measured window's years: from the end of the warm-up, each 365 days long. Results by
//! year and budgets both split what they count at year ends here.

use super::DAYS_PER_YEAR;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Years {
    start: f64,
    count: usize,
}

impl Years {
    pub fn new(start: f64, count: usize) -> Self {
        Self { start, count }
    }

    pub fn count(&self) -> usize {
        self.count
    }

    /// When measured year `k` (from 0) ends.
    pub fn end_of(&self, k: usize) -> f64 {
        self.start + (k + 1) as f64 * DAYS_PER_YEAR
    }

    /// The measured year holding time `t` (the horizon belongs to the last year); `None` before
    /// the window.
    pub fn of(&self, t: f64) -> Option<usize> {
        let k = ((t - self.start) / DAYS_PER_YEAR).floor();
        if k < 0.0 || self.count == 0 {
            return None;
        }
        Some((k as usize).min(self.count - 1))
    }

    /// Each year that [a, b] overlaps, with the overlap `(year, from, to)`; only those years
    /// are visited, since this runs at every segment a person closes.
    pub fn split(&self, a: f64, b: f64) -> impl Iterator<Item = (usize, f64, f64)> {
        let first = self.of(a.max(self.start));
        let last = self.of(b);
        let years = match (first, last) {
            (Some(first), Some(last)) => first..last + 1,
            _ => 0..0,
        };
        let start = self.start;
        years.filter_map(move |k| {
            let from = start + k as f64 * DAYS_PER_YEAR;
            let (lo, hi) = (a.max(from), b.min(from + DAYS_PER_YEAR));
            (hi > lo).then_some((k, lo, hi))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_is_split_at_year_ends_and_times_find_their_year() {
        let years = Years::new(100.0, 2);
        let pieces: Vec<_> = years.split(50.0, 100.0 + 370.0).collect();
        assert_eq!(pieces, vec![(0, 100.0, 465.0), (1, 465.0, 470.0)]);
        assert_eq!(years.split(0.0, 90.0).count(), 0);
        assert_eq!(years.of(99.0), None);
        assert_eq!(years.of(465.0), Some(1));
        assert_eq!(years.of(100.0 + 2.0 * DAYS_PER_YEAR), Some(1));
        assert_eq!(years.end_of(0), 465.0);
    }
}
