//! Numbers for people: thousands separators and sensible precision, and which of the two
//! styles a metric's unit is shown in.

use crate::results::schema::Unit;

/// How values in `unit` are shown: pounds for money, a percentage for a share, plain numbers
/// for everything else.
pub fn for_unit(unit: Unit) -> fn(f64) -> String {
    match unit {
        Unit::Pounds => pounds,
        Unit::Share => |v| format!("{}%", number(100.0 * v)),
        _ => number,
    }
}

/// How a change in `unit` is shown: as [`for_unit`] shows the values, but a change in a share in
/// percentage points (`+4.0 points`), which a percentage would confuse with a relative change.
pub fn for_change(unit: Unit) -> fn(f64) -> String {
    match unit {
        Unit::Share => |v| format!("{} points", number(100.0 * v)),
        _ => for_unit(unit),
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
        return with_decimals(v, 1);
    }
    with_decimals(v, 0)
}

/// `v` with `decimals` decimals and thousands separators; never "-0" (a value that rounds to
/// zero has no sign).
fn with_decimals(v: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, v.abs());
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text.as_str(), None),
    };
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = fraction {
        out = format!("{out}.{f}");
    }
    let zero = text.chars().all(|c| c == '0' || c == '.');
    if v < 0.0 && !zero { format!("-{out}") } else { out }
}

/// An axis tick at `v` on an axis `width` wide: with as few decimals as the tick needs (ticks
/// fall on multiples of 1, 2 or 5 times a power of ten, so neighbours never read the same),
/// thousands separators, and no "-0".
pub fn tick(v: f64, width: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    let tolerance = (width.abs() * 1e-6).max(f64::MIN_POSITIVE);
    let decimals = (0..=9)
        .find(|&d| {
            let scale = 10f64.powi(d);
            ((v * scale).round() / scale - v).abs() <= tolerance
        })
        .unwrap_or(9) as usize;
    with_decimals(v, decimals)
}

/// A parameter's value as the experiment gives it (TOML text): a number with thousands
/// separators and the digits it has (`45000.0` -> `45,000`, `0.72` stays), anything else as it is.
pub fn parameter_value(text: &str) -> String {
    match text.trim().parse::<f64>() {
        Ok(v) if v.is_finite() => tick(v, 1.0),
        _ => text.to_string(),
    }
}

/// Pounds: `£1.23m` for millions, else whole pounds, `£12,345` (never "-£0").
pub fn pounds(v: f64) -> String {
    let sign = if v <= -0.5 { "-" } else { "" };
    if v.abs() >= 1.0e6 {
        format!("{sign}£{:.2}m", v.abs() / 1.0e6)
    } else {
        format!("{sign}£{}", with_decimals(v.abs(), 0))
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
        assert_eq!(pounds(12.34), "£12");
        assert_eq!(pounds(-0.2), "£0");
        assert_eq!(number(-0.04), "0.0");
    }

    #[test]
    fn ticks_show_the_digits_they_need_and_no_more() {
        assert_eq!(tick(-50.0, 250.0), "-50");
        assert_eq!(tick(0.25, 1.0), "0.25");
        assert_eq!(tick(0.30000000000000004, 1.0), "0.3");
        assert_eq!(tick(-1e-17, 1.0), "0");
        assert_eq!(tick(-0.0, 1.0), "0");
        assert_eq!(tick(120_000.0, 50_000.0), "120,000");
        assert_eq!(tick(0.002, 0.01), "0.002");
        assert_eq!(parameter_value("45000.0"), "45,000");
        assert_eq!(parameter_value("0.72"), "0.72");
        assert_eq!(parameter_value("true"), "true");
        let ticks: Vec<String> = (0..6).map(|i| tick(f64::from(i) * 0.05, 0.3)).collect();
        assert_eq!(ticks, ["0", "0.05", "0.1", "0.15", "0.2", "0.25"]);
        for v in [f64::NAN, f64::INFINITY, 1e300, -1e-300] {
            assert!(!tick(v, 1.0).is_empty());
        }
    }
}
