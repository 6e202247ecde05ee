//! Value ranges every chart can draw. plotters works out an axis's ticks from its range in a
//! loop that never ends on an infinite range, panics on NaN, and can spin when the range is too
//! narrow or too wide for f64 arithmetic; values far outside the range become pixel positions
//! no backend should meet. So a chart refuses values it cannot show ([`check`]), takes each axis
//! through [`span`] and places each value with [`Span::place`], whatever it is handed.

use std::ops::Range;

/// The largest magnitude a chart draws: far beyond any figure caresim gives in the units its
/// charts use (£ million, beds, days, people, parameter values), and far inside what plotters'
/// tick arithmetic handles.
pub const LIMIT: f64 = 1e15;

/// The narrowest range, relative to its largest magnitude (at least 1), that ticks are drawn
/// on: wider than f64's last digits by far.
const NARROWEST: f64 = 1e-9;

/// `Ok` if every value can be drawn: finite and within [`LIMIT`]; else what is wrong.
pub fn check(values: impl IntoIterator<Item = f64>) -> Result<(), String> {
    for v in values {
        if !v.is_finite() {
            return Err(format!("it has a value that is not a finite number ({v})"));
        }
        if v.abs() > LIMIT {
            return Err(format!("it has a value too large to draw ({v:e}; a chart shows up to {LIMIT:e})"));
        }
    }
    Ok(())
}

/// An axis range that plotters can draw.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    pub lo: f64,
    pub hi: f64,
}

/// The range from `lo` to `hi` made drawable: NaN taken as 0, ends kept within [`LIMIT`], in
/// order, and a range too narrow for its magnitude (one value, say) widened around its middle.
pub fn span(lo: f64, hi: f64) -> Span {
    let clean = |v: f64| if v.is_nan() { 0.0 } else { v.clamp(-LIMIT, LIMIT) };
    let (a, b) = (clean(lo), clean(hi));
    let (lo, hi) = (a.min(b), a.max(b));
    let size = lo.abs().max(hi.abs()).max(1.0);
    if hi - lo >= NARROWEST * size {
        return Span { lo, hi };
    }
    let middle = lo + (hi - lo) / 2.0;
    let half = (0.05 * middle.abs()).max(0.5);
    Span { lo: middle - half, hi: middle + half }
}

impl Span {
    pub fn range(self) -> Range<f64> {
        self.lo..self.hi
    }

    /// `v` where the chart can draw it: inside the range (NaN at its start). Values a checked
    /// chart draws are inside already.
    pub fn place(self, v: f64) -> f64 {
        if v.is_nan() { self.lo } else { v.clamp(self.lo, self.hi) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_finite_ordered_and_never_empty() {
        let cases = [
            (0.0, 1.0),
            (1.0, 0.0),
            (5.0, 5.0),
            (0.0, 0.0),
            (f64::NAN, f64::NAN),
            (f64::NEG_INFINITY, f64::INFINITY),
            (-1e308, 1e308),
            (1e300, 1e300),
            (1e14, 1e14 + 1e-3),
            (-0.0, 0.0),
            (f64::MIN_POSITIVE, 2.0 * f64::MIN_POSITIVE),
        ];
        for (lo, hi) in cases {
            let s = span(lo, hi);
            assert!(s.lo.is_finite() && s.hi.is_finite() && s.lo < s.hi, "{lo}..{hi} gave {s:?}");
            assert!(s.hi - s.lo >= NARROWEST * s.lo.abs().max(s.hi.abs()).max(1.0), "{lo}..{hi} gave {s:?}");
            assert!(s.lo.abs() <= 1.1 * LIMIT && s.hi.abs() <= 1.1 * LIMIT);
            for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 0.0, 1e308] {
                let p = s.place(v);
                assert!(p >= s.lo && p <= s.hi);
            }
        }
        assert_eq!(span(0.0, 2.0), Span { lo: 0.0, hi: 2.0 }, "a sound range is left as it is");
    }

    #[test]
    fn values_that_cannot_be_drawn_are_named() {
        assert!(check([0.0, -3.5, LIMIT]).is_ok());
        assert!(check([1.0, f64::NAN]).unwrap_err().contains("NaN"));
        assert!(check([f64::INFINITY]).unwrap_err().contains("not a finite number"));
        assert!(check([-1e308]).unwrap_err().contains("too large"));
    }
}
