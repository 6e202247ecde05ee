//! A new what-if, written out whole for a planner to edit: it `extends` a scenario and lists
//! every key of that scenario commented out, with the value it has there and the note written
//! beside it (or where to find the note), under its section; then, commented out, a sketch of
//! each intervention the scenario lacks, taken from the bundled presets with their sources.
//! Section headers are left in: an empty section changes nothing, and a key uncommented under
//! its header lands in the right place.

use std::collections::BTreeMap;
use std::path::Path;

use toml::Value;

use super::error::ScenarioError;
use super::load::Chain;
use super::provenance::{self, Provenance};
use crate::model::inputs::PER_1000_KEY;

/// The interventions a scenario may add, each sketched from its bundled preset (from its
/// section header to the end of the file).
const SKETCHES: &[(&str, &str, &str)] = &[
    ("teams", "[[teams]]", include_str!("../../models/social-worker-every-cluster.toml")),
    ("d2a_scheme", "[d2a_scheme]", include_str!("../../models/d2a.toml")),
    ("crisis_response", "[crisis_response]", include_str!("../../models/crisis-response.toml")),
    ("gp_in_ae", "[gp_in_ae]", include_str!("../../models/gp-in-ae.toml")),
];

/// The text of a new what-if named `name` that extends `base`, written as `extends_as` (the
/// base's path as seen from the new file's folder).
pub fn what_if_template(base: &Path, name: &str, extends_as: &str) -> Result<String, ScenarioError> {
    let chain = Chain::read(base)?;
    chain.resolve(&[])?;
    let (inputs, provenance) = chain.as_written(&[])?;
    let Value::Table(values) = Value::try_from(&inputs).expect("a scenario serialises") else {
        unreachable!("a scenario serialises to a table")
    };
    let notes = Notes {
        provenance: &provenance,
        texts: chain.sources.iter().map(|(p, t)| (p.display().to_string(), t.as_str())).collect(),
        // The files from the one everything else extends: a key is listed where it first appears.
        first_written: chain
            .sources
            .iter()
            .rev()
            .map(|(p, t)| provenance::lines_of_keys(t, &p.display().to_string()))
            .collect(),
    };
    let mut out = format!(
        "# {name}: a what-if on {base_name} ({description}).\n\
         #\n\
         # Every key of {base_name} is listed below, commented out, with the value it has there and\n\
         # the note beside it in the file that sets it (or that file and line). To change a value,\n\
         # remove the `#` before its key and edit it; keys left commented keep {base_name}'s value.\n\
         # Check the file with `caresim check`, and see what it changes with\n\
         # `caresim diff {base_path} <this file>`.\n\
         # A team is changed by its name: its keys are under [teams.\"its name\"]. To add an\n\
         # intervention, uncomment its sketch at the end. To combine what-ifs, list them:\n\
         # extends = [\"baseline.toml\", \"d2a.toml\", \"pict.toml\"].\n\n\
         extends = {extends}\n\
         name = {name_value}\n\
         description = \"\"  # one line saying what this what-if changes\n",
        base_name = inputs.name,
        base_path = base.display(),
        description = inputs.description,
        extends = Value::String(extends_as.to_string()),
        name_value = Value::String(name.to_string()),
    );
    for (key, value) in notes.in_file_order("", &values) {
        if matches!(key.as_str(), "name" | "description") {
            continue;
        }
        match value {
            Value::Array(teams) if key == "teams" => {
                for (i, team) in teams.iter().enumerate() {
                    let Value::Table(team) = team else { continue };
                    let team_name = team.get("name").and_then(Value::as_str).unwrap_or_default();
                    let header = format!("teams.{}", quoted_key(team_name));
                    notes.section(&mut out, &header, &format!("teams[{i}]"), team, &["name"]);
                }
            }
            Value::Table(table) if !is_one_value(table) => notes.section(&mut out, key, key, table, &[]),
            other => out.push_str(&notes.line(key, key, other)),
        }
    }
    for (key, header, preset) in SKETCHES {
        if *key == "teams" && values.contains_key("teams") {
            // A [[teams]] entry cannot follow the [teams."name"] sections above in one file.
            out.push_str(
                "\n# ---- To add a team to those above, write it in a file of its own (as in \
                 social-worker-every-cluster.toml)\n# and list both here: extends = [\"<the scenario this \
                 extends>\", \"my-team.toml\"].\n",
            );
            continue;
        }
        // One scheme of each other kind, but any number of teams (each of its own name).
        let what = match *key {
            "teams" => "a team (give it a name of its own)",
            _ if values.contains_key(*key) => continue,
            "d2a_scheme" => "a discharge-to-assess scheme",
            "crisis_response" => "a crisis response",
            _ => "a GP in A&E",
        };
        let start = preset.find(header).expect("every preset has its section");
        out.push_str(&format!(
            "\n# ---- To add {what}, uncomment the lines below up to the next ---- line or the end \
             (from the bundled preset, with its sources)\n"
        ));
        for line in preset[start..].lines() {
            out.push_str(&format!("# {line}\n").replace("# \n", "#\n"));
        }
    }
    Ok(out)
}

/// A table a scenario writes as one value: a distribution, a cost or a capacity per 1,000.
fn is_one_value(table: &toml::Table) -> bool {
    table.contains_key("dist") || table.contains_key("gbp") || table.contains_key(PER_1000_KEY)
}

/// A key as TOML writes it in a header: bare if it can be, else quoted (any name can be).
fn quoted_key(key: &str) -> String {
    toml_edit::Key::new(key).display_repr().to_string()
}

/// Where each key was written, and the text of every file, to find the note beside a key.
struct Notes<'a> {
    provenance: &'a Provenance,
    texts: BTreeMap<String, &'a str>,
    first_written: Vec<Provenance>,
}

impl Notes<'_> {
    /// The entries of `table` (at dotted key `key`) in the order the files list them, a key in
    /// the order of the first file that has it; keys no file writes (defaults) last.
    fn in_file_order<'t>(&self, key: &str, table: &'t toml::Table) -> Vec<(&'t String, &'t Value)> {
        let rank = |k: &str| {
            let full = provenance::join(key, k);
            self.first_written
                .iter()
                .enumerate()
                .find_map(|(i, lines)| {
                    let line = lines.get(&full)?.rsplit_once(':')?.1.parse::<usize>().ok()?;
                    Some((i, line))
                })
                .unwrap_or((usize::MAX, 0))
        };
        let mut entries: Vec<_> = table.iter().collect();
        entries.sort_by_key(|(k, _)| rank(k));
        entries
    }

    /// `[header]` and the keys of `table` (`key` is its dotted key in the merged scenario), its
    /// sub-sections after its own keys, as TOML requires.
    fn section(&self, out: &mut String, header: &str, key: &str, table: &toml::Table, skip: &[&str]) {
        let note = self.note(key).map(|n| format!("  # {n}")).unwrap_or_default();
        out.push_str(&format!("\n[{header}]{note}\n"));
        let is_section = |v: &Value| matches!(v, Value::Table(t) if !is_one_value(t));
        let entries = self.in_file_order(key, table);
        for (k, v) in entries.iter().filter(|(k, v)| !skip.contains(&k.as_str()) && !is_section(v)) {
            out.push_str(&self.line(k, &format!("{key}.{k}"), v));
        }
        for (k, v) in entries.iter().filter(|(_, v)| is_section(v)) {
            let Value::Table(sub) = v else { continue };
            self.section(out, &format!("{header}.{k}"), &format!("{key}.{k}"), sub, &[]);
        }
    }

    /// One key, commented out, with its note.
    fn line(&self, name: &str, key: &str, value: &Value) -> String {
        let place = self.provenance.get(key).map(|p| short_place(p));
        match (self.note(key), place) {
            (Some(note), _) => format!("# {name} = {value}  # {note}\n"),
            (None, Some(place)) => format!("# {name} = {value}  # see {place}\n"),
            (None, None) => format!("# {name} = {value}\n"),
        }
    }

    /// The comment written after `key` on its line, if any.
    fn note(&self, key: &str) -> Option<String> {
        let place = self.provenance.get(key)?;
        let (file, line) = place.rsplit_once(':')?;
        let text = self.texts.get(file)?.lines().nth(line.parse::<usize>().ok()?.checked_sub(1)?)?;
        trailing_comment(text)
    }
}

/// `baseline.toml:177` for `models/baseline.toml:177`.
fn short_place(place: &str) -> String {
    let (file, line) = place.rsplit_once(':').unwrap_or((place, ""));
    let file = Path::new(file).file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    format!("{file}:{line}")
}

/// The comment after the TOML on a line: the first `#` before which the line is whole TOML (a
/// `#` inside a string is not a comment).
fn trailing_comment(line: &str) -> Option<String> {
    line.match_indices('#').find_map(|(at, _)| {
        let before = line[..at].trim();
        let whole = !before.is_empty()
            && (toml::from_str::<toml::Table>(before).is_ok()
                || (before.starts_with('[')
                    && toml::from_str::<toml::Table>(&format!("{before}\n")).is_ok()));
        whole.then(|| line[at + 1..].trim().to_string()).filter(|c| !c.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_comment_after_a_value_is_found_and_a_hash_in_a_string_is_not_one() {
        assert_eq!(trailing_comment("beds = 30   # seed report").as_deref(), Some("seed report"));
        assert_eq!(trailing_comment("name = \"a # b\"  # note").as_deref(), Some("note"));
        assert_eq!(trailing_comment("[acute]  # beds").as_deref(), Some("beds"));
        assert_eq!(trailing_comment("# a comment line"), None);
        assert_eq!(trailing_comment("beds = 30"), None);
    }

    #[test]
    fn any_team_name_makes_a_header_that_reads_back() {
        for name in ["PICT", "cluster social worker", "a\"b'c", "x.y", "ä [1]"] {
            let text = format!("[teams.{}]\nx = 1\n", quoted_key(name));
            let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert!(table["teams"].as_table().unwrap().contains_key(name), "{text}");
        }
    }
}
