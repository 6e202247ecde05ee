//! Numbers for people: thousands separators and sensible precision, and which of the two
//! styles a metric's unit is shown in.

use crate::results::schema::Unit;

/// How values in `unit` are shown: pounds for money, plain numbers for everything else.
pub fn for_unit(unit: Unit) -> fn(f64) -> String {
    match unit {
        Unit::Pounds => pounds,
        _ => number,
    }
}

/// `12345.6` -> `12,346`; values under 100 keep one decimal.
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    if v.abs() < 0.05 {
        // Never "-0.0".
        return "0.0".into();
    }
    if v.abs() < 100.0 {
        return format!("{v:.1}");
    }
    let rounded = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, c) in rounded.chars().enumerate() {
        if i > 0 && (rounded.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 { format!("-{out}") } else { out }
}

/// Pounds: `£1.23m` for millions, else `£12,345`.
pub fn pounds(v: f64) -> String {
    let sign = if v < 0.0 { "-" } else { "" };
    if v.abs() >= 1.0e6 {
        format!("{sign}£{:.2}m", v.abs() / 1.0e6)
    } else {
        format!("{sign}£{}", number(v.abs()))
    }
}

/// Pounds with a sign for a change: `+£1.23m`, `-£12,345`, `£0`.
pub fn signed_pounds(v: f64) -> String {
    if v > 0.0 { format!("+{}", pounds(v)) } else { pounds(v) }
}

/// Pounds and pence for small sums: `£0.45`.
pub fn pence(v: f64) -> String {
    if v < 0.0 { format!("-£{:.2}", -v) } else { format!("£{v:.2}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands() {
        assert_eq!(number(1234567.4), "1,234,567");
        assert_eq!(number(-1234.0), "-1,234");
        assert_eq!(number(999.0), "999");
        assert_eq!(number(12.34), "12.3");
        assert_eq!(number(-1.0e-11), "0.0");
        assert_eq!(pounds(43_500_000.0), "£43.50m");
        assert_eq!(pounds(-221_340.2), "-£221,340");
    }
}
