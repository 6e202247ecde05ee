//! The calibrated scenario as a file: it `extends` the scenario that was fitted and sets only the
//! keys that differ (the fit's run settings, the command line's overrides, the calibrated keys),
//! each under a comment saying where it comes from, so it loads to exactly the scenario whose
//! figures the fit reports.
//!
//! Keys are written as dotted keys at the top level. A key inside a list of sections
//! (`teams[0].effects.crisis_rate`) cannot be written so, so such a key is written as its whole
//! list (`teams = [...]`, each team replacing the inherited team of its name whole); a share of a
//! list, as its list.

use super::ScaledScenario;
use super::load::key_holds;
use super::rules::MAX_NAME_CHARS;
use super::scaling::value_at;

/// What the calibrated file says about the fit it comes from.
#[derive(Debug, Clone)]
pub struct FitNote {
    /// The targets, one line each: `ae_attendances_per_1000 = 420 (sd 20; IAU 2019)`.
    pub targets: Vec<String>,
    pub targets_file: String,
    pub method: String,
    pub misfit: f64,
    pub evaluations: usize,
    pub converged: bool,
}

/// The part of `key` a TOML file can set on its own: up to its first list entry.
fn writable_root(key: &str) -> &str {
    key.split('[').next().unwrap_or(key)
}

/// A dotted key as TOML writes it, quoting any part that is not a bare key.
fn toml_key(key: &str) -> String {
    key.split('.')
        .map(|part| {
            let bare =
                !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if bare { part.to_string() } else { toml::Value::String(part.to_string()).to_string() }
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// `text` as `#` comment lines of at most about 100 characters.
fn comment(text: &str) -> String {
    let mut lines = vec![String::from("#")];
    for word in text.split_whitespace() {
        if lines.last().is_some_and(|l| l.len() + word.len() > 98) {
            lines.push(String::from("#"));
        }
        let line = lines.last_mut().expect("never empty");
        line.push(' ');
        line.push_str(word);
    }
    lines.join("\n") + "\n"
}

/// Keys to write, each with its comment: a key held by one already listed adds its comment there;
/// one that holds keys already listed takes their place.
#[derive(Default)]
struct Written(Vec<(String, String)>);

impl Written {
    fn add(&mut self, key: &str, note: &str) {
        let root = writable_root(key).to_string();
        if let Some(entry) = self.0.iter_mut().find(|(k, _)| key_holds(k, &root)) {
            if !entry.1.contains(note) {
                entry.1 = format!("{} {note}", entry.1);
            }
            return;
        }
        let mut note = note.to_string();
        self.0.retain(|(k, n)| {
            let held = key_holds(&root, k);
            if held && !note.contains(n.as_str()) {
                note = format!("{n} {note}");
            }
            !held
        });
        self.0.push((root, note));
    }
}

impl ScaledScenario {
    /// The calibrated scenario at `factors` as a TOML file.
    pub fn calibrated_toml(&self, factors: &[f64], fit: &FitNote) -> String {
        let path = std::fs::canonicalize(&self.chain.path).unwrap_or_else(|_| self.chain.path.clone());
        let name = &self.start().inputs.name;
        let mut written = Written::default();
        for key in ["replications", "years", "warmup_years", "seed"] {
            written.add(
                &format!("simulation.{key}"),
                "The run settings the fit was made with: the fitted figures hold for these. Change them freely \
                 for other runs.",
            );
        }
        for key in self.command_line.iter().filter(|k| !["name", "extends"].contains(&writable_root(k))) {
            written.add(key, "Set on the command line (--set) when the fit was made.");
        }
        let keys = self.written_keys();
        for (p, factor) in self.parameters.iter().zip(factors) {
            let shares = p.keys.iter().any(|k| !keys.contains(k));
            let note = format!(
                "Calibrated: {} scaled by {factor:.6} (allowed {} to {}) from the value in the scenario this \
                 one extends{}.",
                p.keys.join(", "),
                p.low,
                p.high,
                if shares {
                    "; the other shares of each list take up the rest, keeping their proportions"
                } else {
                    ""
                },
            );
            for key in &p.keys {
                written.add(key, &note);
            }
        }
        let state = if fit.converged {
            "the search converged".to_string()
        } else {
            "the search stopped at its cap on evaluations, before it converged".to_string()
        };
        let mut text = comment(&format!(
            "{name}, calibrated by `caresim calibrate` (caresim {}): the scenario it extends, with the keys below, \
             fitted jointly to the targets of {}:",
            env!("CARGO_PKG_VERSION"),
            fit.targets_file,
        ));
        for target in &fit.targets {
            text += &format!("#   {target}\n");
        }
        text += &comment(&format!(
            "Misfit {:.4} (the sum of squared standardised differences) after {} evaluations; {state}. Method: \
             {}. fit.csv and calibration.json beside this file hold every evaluation and the fit to each target.",
            fit.misfit, fit.evaluations, fit.method,
        ));
        let mut calibrated_name: String = name.chars().take(MAX_NAME_CHARS - "-calibrated".len()).collect();
        calibrated_name.push_str("-calibrated");
        text += &format!(
            "\nextends = {}\nname = {}\n",
            toml::Value::String(path.display().to_string()),
            toml::Value::String(calibrated_name)
        );
        if written.0.iter().any(|(k, _)| k == "teams") {
            // Written whole: these are the teams, not more teams (whatever their names).
            text += "replace_teams = true\n";
        }
        let mut table = self.scaled(factors);
        let mut previous_note = "";
        for (key, note) in &written.0 {
            if note != previous_note {
                text += &format!("\n{}", comment(note));
            }
            previous_note = note;
            let value = value_at(&mut table, key).expect("every key written was checked or loaded");
            text += &format!("{} = {value}\n", toml_key(key));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_written_from_their_list_and_once() {
        let mut w = Written::default();
        w.add("acute.los_mean_days_by_frailty[3]", "a");
        w.add("acute.los_mean_days_by_frailty[2]", "b");
        w.add("teams[0].effects.crisis_rate", "c");
        w.add("hazards.crisis.per_1000_per_year", "d");
        w.add("hazards.crisis", "e");
        let keys: Vec<&str> = w.0.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["acute.los_mean_days_by_frailty", "teams", "hazards.crisis"]);
        assert_eq!(w.0[0].1, "a b");
        assert_eq!(w.0[2].1, "d e");
    }

    #[test]
    fn the_calibrated_file_loads_to_the_scenario_fitted() {
        let s = super::super::scaling::tests::scaled_file(
            "models/pict.toml",
            &[("teams[0].effects.crisis_rate", 0.5, 1.5), ("discharge.pathway_shares.fit[3]", 0.5, 3.0)],
            // A team renamed on the command line is still the one team, not one more.
            &["acute.beds=250", "teams[0].coverage=0.5", "teams[0].name=renamed", "simulation.years=2"],
        )
        .unwrap();
        let factors = [1.3, 2.0];
        let note = FitNote {
            targets: vec!["deaths = 1 (sd 1)".into()],
            targets_file: "t.toml".into(),
            method: "m".into(),
            misfit: 0.5,
            evaluations: 3,
            converged: true,
        };
        let text = s.calibrated_toml(&factors, &note);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("calibrated.toml");
        std::fs::write(&path, &text).unwrap();
        let loaded = crate::scenario::load(&path, &[]).unwrap_or_else(|e| panic!("{e}\n{text}"));
        let mut expected = s.load(&factors).unwrap().inputs;
        assert_eq!(loaded.inputs.name, format!("{}-calibrated", expected.name));
        expected.name = loaded.inputs.name.clone();
        assert_eq!(loaded.inputs, expected, "{text}");
        assert!(
            text.contains("\nteams = [{") && text.contains("\nreplace_teams = true\n"),
            "a key inside a list of sections is written as its list, replacing the teams inherited: {text}"
        );
        assert_eq!(loaded.inputs.teams.len(), 1);
        assert!(text.contains("\ndischarge.pathway_shares.fit = ["), "{text}");
        assert!(text.contains("\nsimulation.years = 2\n"), "{text}");
    }

    #[test]
    fn keys_that_are_not_bare_are_quoted() {
        assert_eq!(toml_key("hazards.crisis"), "hazards.crisis");
        assert_eq!(toml_key("a.b c"), "a.\"b c\"");
    }
}
