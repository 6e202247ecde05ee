//! Competing-risk clocks. Each clock holds a unit-exponential budget that is used up at the
//! clock's rate; the clock fires when its budget runs out. A rate may be raised for a while
//! after a person's discharge from hospital ([`Raised`]): the budget is then used up faster
//! over those days, which is exact for rates that are constant between known times, so the
//! step down needs no event of its own. A rate may also follow the seasons ([`Season`]): its
//! integral has a closed form, so the budget is used up exactly and the clock's due time is
//! found by solving for it, again with no events of its own.

use std::f64::consts::TAU;

use super::DAYS_PER_YEAR;

/// A yearly cycle on a rate: a multiplier `1 + amplitude * cos(2 pi (t - peak_day) / 365)`,
/// which averages 1 over any whole year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Season {
    /// Below 1, so the multiplier is always positive.
    pub amplitude: f64,
    pub peak_day: f64,
}

impl Season {
    /// No cycle: a multiplier of 1 at all times.
    pub const NONE: Season = Season { amplitude: 0.0, peak_day: 0.0 };

    const OMEGA: f64 = TAU / DAYS_PER_YEAR;

    /// The multiplier at time `t`.
    pub fn factor(&self, t: f64) -> f64 {
        1.0 + self.amplitude * (Self::OMEGA * (t - self.peak_day)).cos()
    }

    /// The integral of the multiplier from `a` to `b` (a <= b).
    pub fn integral(&self, a: f64, b: f64) -> f64 {
        if self.amplitude == 0.0 {
            return b - a;
        }
        let phase = |t: f64| (Self::OMEGA * (t - self.peak_day)).sin();
        (b - a) + self.amplitude / Self::OMEGA * (phase(b) - phase(a))
    }

    /// The time `t >= from` at which the integral from `from` reaches `amount`, or a time no
    /// later than it if that is already `until` or later. The integral rises at a rate between
    /// `1 - amplitude` and `1 + amplitude`, which brackets the answer; Newton's method
    /// converges in a few steps and bisection keeps it inside the bracket. Most clocks are due
    /// years ahead, beyond the next yearly sweep (`until`): they need no solving at all.
    pub fn time_to(&self, from: f64, amount: f64, until: f64) -> f64 {
        if self.amplitude == 0.0 || amount == 0.0 {
            return from + amount;
        }
        let (mut low, mut high) =
            (from + amount / (1.0 + self.amplitude), from + amount / (1.0 - self.amplitude));
        if low >= until {
            return low;
        }
        // The integral from `from` to t is (t - from) + scale * (sin(phase(t)) - sin_from): one
        // sine and cosine of t per step give both it and its slope.
        let scale = self.amplitude / Self::OMEGA;
        let phase = |t: f64| Self::OMEGA * (t - self.peak_day);
        let sin_from = phase(from).sin();
        let mut t = from + amount;
        for _ in 0..60 {
            let (sin_t, cos_t) = phase(t).sin_cos();
            let excess = (t - from) + scale * (sin_t - sin_from) - amount;
            // Far into a run the spacing of representable times may exceed a relative 1e-12.
            let tolerance = (1e-12 * amount.max(1.0)).max(4.0 * f64::EPSILON * t.abs());
            if excess.abs() <= tolerance {
                break;
            }
            if excess > 0.0 {
                high = t;
            } else {
                low = t;
            }
            let newton = t - excess / (1.0 + self.amplitude * cos_t);
            t = if newton > low && newton < high { newton } else { 0.5 * (low + high) };
        }
        t
    }
}

/// A multiplier on a rate for the days after `from`: `first` for the first `first_days`,
/// `rest` until `until_days`, 1 after that (and before `from`); all times the `season`'s.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Raised {
    pub from: f64,
    pub first: f64,
    pub rest: f64,
    pub first_days: f64,
    pub until_days: f64,
    pub season: Season,
}

impl Raised {
    /// No raised rate at all.
    pub const NONE: Raised = Raised {
        from: f64::NEG_INFINITY,
        first: 1.0,
        rest: 1.0,
        first_days: 0.0,
        until_days: 0.0,
        season: Season::NONE,
    };

    /// The multiplier's pieces as (start, end, value), in time order, covering all time.
    fn pieces(&self) -> [(f64, f64, f64); 4] {
        let (a, b, c) = (self.from, self.from + self.first_days, self.from + self.until_days);
        [(f64::NEG_INFINITY, a, 1.0), (a, b, self.first), (b, c, self.rest), (c, f64::INFINITY, 1.0)]
    }

    /// The integral of the multiplier from `a` to `b` (a <= b).
    pub fn integral(&self, a: f64, b: f64) -> f64 {
        if self.from == f64::NEG_INFINITY || a >= self.from + self.until_days {
            return self.season.integral(a, b);
        }
        self.pieces()
            .iter()
            .map(|&(lo, hi, value)| {
                let (lo, hi) = (lo.max(a), hi.min(b));
                if hi > lo { value * self.season.integral(lo, hi) } else { 0.0 }
            })
            .sum()
    }

    /// The time at which the integral from `from` reaches `amount` (infinity if never), or, if
    /// that is `until` or later, a time no later than it and no earlier than `until`.
    pub fn time_to(&self, from: f64, amount: f64, until: f64) -> f64 {
        if self.from == f64::NEG_INFINITY || from >= self.from + self.until_days {
            return self.season.time_to(from, amount, until);
        }
        let mut left = amount;
        for (lo, hi, value) in self.pieces() {
            let start = lo.max(from);
            if hi <= start {
                continue;
            }
            if start >= until {
                return start;
            }
            if value > 0.0 {
                // No piece runs faster than the largest multiplier: a due time surely past
                // `until` needs no sines.
                let fastest = self.first.max(self.rest).max(1.0) * (1.0 + self.season.amplitude);
                let soonest = start + left / fastest;
                if soonest >= until {
                    return soonest;
                }
                if hi == f64::INFINITY {
                    return self.season.time_to(start, left / value, until);
                }
                let piece = value * self.season.integral(start, hi);
                if piece >= left {
                    return self.season.time_to(start, left / value, until);
                }
                left -= piece;
            }
        }
        f64::INFINITY
    }
}

/// A group of `N` clocks rescheduled together: the earliest one due is the one scheduled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Clocks<const N: usize> {
    /// Remaining unit-exponential budget of each clock, as of `at`.
    pub budget: [f64; N],
    /// Each clock's rate per day, before any raised multiplier.
    pub rate: [f64; N],
    pub at: f64,
    /// Which clock the scheduled event is for.
    pub next: u8,
}

impl<const N: usize> Clocks<N> {
    pub fn new(budget: [f64; N], at: f64) -> Self {
        Self { budget, rate: [0.0; N], at, next: 0 }
    }

    /// Use up each clock's budget from the last update to `now`, clock `k` at its rate times
    /// `raised[k]`.
    pub fn use_until(&mut self, now: f64, raised: &[Raised; N]) {
        let at = self.at;
        for ((budget, &rate), raised) in self.budget.iter_mut().zip(&self.rate).zip(raised) {
            if rate > 0.0 {
                *budget = (*budget - rate * raised.integral(at, now)).max(0.0);
            }
        }
        self.at = now;
    }

    /// The earliest clock to run out from `at` on, and when: `None` if none will. Due times at
    /// `until` or later may be given as any time from `until` to the true one (they are not
    /// scheduled).
    pub fn earliest(&self, raised: &[Raised; N], until: f64) -> Option<(f64, usize)> {
        (0..N)
            .filter(|&k| self.rate[k] > 0.0)
            .map(|k| (raised[k].time_to(self.at, self.budget[k] / self.rate[k], until), k))
            .filter(|(t, _)| t.is_finite())
            .min_by(|a, b| a.0.total_cmp(&b.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raised() -> Raised {
        Raised {
            from: 10.0,
            first: 3.0,
            rest: 2.0,
            first_days: 30.0,
            until_days: 365.0,
            season: Season::NONE,
        }
    }

    #[test]
    fn a_season_averages_one_over_a_year_and_time_to_inverts_it() {
        let season = Season { amplitude: 0.3, peak_day: 280.0 };
        assert!((season.integral(17.0, 17.0 + 365.0) - 365.0).abs() < 1e-9);
        // Around the peak the rate is higher than average, half a year later lower.
        assert!(season.integral(265.0, 295.0) > 30.0 && season.integral(82.5, 112.5) < 30.0);
        let fine: f64 =
            (0..100_000).map(|i| season.factor(40.0 + (i as f64 + 0.5) * 1e-3)).sum::<f64>() * 1e-3;
        assert!((season.integral(40.0, 140.0) - fine).abs() < 1e-6);
        let raised = Raised { season, ..raised() };
        for from in [0.0, 9.0, 15.0, 39.0, 100.0, 374.0, 400.0] {
            for amount in [1e-6, 0.1, 1.0, 25.0, 90.0, 500.0, 2000.0] {
                let t = season.time_to(from, amount, f64::INFINITY);
                assert!(
                    (season.integral(from, t) - amount).abs() < 1e-9 * amount.max(1.0),
                    "{from} {amount} {t}"
                );
                let t = raised.time_to(from, amount, f64::INFINITY);
                assert!(
                    (raised.integral(from, t) - amount).abs() < 1e-9 * amount.max(1.0),
                    "{from} {amount} {t}"
                );
                // With a limit, a due time before it is exact; one at or after it is at most late.
                for until in [from, from + 0.5 * amount, t, from + 2.0 * amount + 400.0] {
                    let bounded = raised.time_to(from, amount, until);
                    let exact_or_not_before_until = if t < until { bounded == t } else { bounded >= until };
                    assert!(
                        exact_or_not_before_until && bounded <= t,
                        "{from} {amount} {until}: {bounded} {t}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_integral_counts_each_piece_at_its_multiplier() {
        let r = raised();
        assert_eq!(r.integral(0.0, 10.0), 10.0);
        assert_eq!(r.integral(0.0, 20.0), 10.0 + 30.0);
        assert_eq!(r.integral(30.0, 50.0), 3.0 * 10.0 + 2.0 * 10.0);
        assert_eq!(r.integral(370.0, 380.0), 2.0 * 5.0 + 5.0);
        assert_eq!(Raised::NONE.integral(3.0, 7.5), 4.5);
    }

    #[test]
    fn time_to_inverts_the_integral() {
        let r = raised();
        for from in [0.0, 9.0, 15.0, 39.0, 100.0, 374.0, 400.0] {
            for amount in [0.1, 1.0, 25.0, 90.0, 500.0, 2000.0] {
                let t = r.time_to(from, amount, f64::INFINITY);
                assert!((r.integral(from, t) - amount).abs() < 1e-9, "{from} {amount} {t}");
            }
        }
        let zero = Raised {
            from: 0.0,
            first: 0.0,
            rest: 0.0,
            first_days: 30.0,
            until_days: 365.0,
            season: Season::NONE,
        };
        assert_eq!(zero.time_to(5.0, 1.0, f64::INFINITY), 366.0);
    }

    #[test]
    fn a_raised_clock_fires_sooner_and_its_budget_is_kept_across_updates() {
        let r = [raised(), Raised::NONE];
        let mut clocks = Clocks::new([60.0, 60.0], 0.0);
        clocks.rate = [1.0, 1.0];
        let (t, k) = clocks.earliest(&r, f64::INFINITY).unwrap();
        assert_eq!(k, 0);
        assert_eq!(t, 10.0 + 50.0 / 3.0);
        clocks.use_until(20.0, &r);
        assert_eq!(clocks.budget, [60.0 - 10.0 - 30.0, 40.0]);
        assert_eq!(clocks.earliest(&r, f64::INFINITY).unwrap(), (t, 0));
    }
}
