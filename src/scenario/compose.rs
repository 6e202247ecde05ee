//! Composing a scenario from files: `extends` names one file or a list of them, and each file's
//! keys are laid over what it extends.
//!
//! The files are put in order first: a file's parents (in the order its list gives them, each
//! with its own parents before it), then the file itself. A file reached twice (two what-ifs that
//! both extend the baseline) is applied once, where it is first needed, so a later what-if never
//! puts back the baseline values an earlier one changed. Then the files are merged in that order:
//! sections key by key, any other value replacing the one before, except the teams. Teams are
//! matched by name: a `[[teams]]` entry with a new name is added to the teams inherited, one with
//! an inherited name replaces that team whole, and `[teams."name"]` changes only the keys it
//! gives of the team of that name. So `extends = ["pict.toml", "mdg.toml"]` has both teams.
//! `teams = []` drops the teams inherited, and `replace_teams = true` makes a file's teams
//! replace them (a calibrated file, which writes its teams whole, says so).

use std::path::{Path, PathBuf};

use toml::{Table, Value};

use super::error::{FileKind, ScenarioError};
use super::file::read_input;
use super::load::key_holds;
use super::provenance::{self, Provenance, locate};

/// Lists of sections whose entries are matched by their `name` when files are merged.
const NAMED_LISTS: &[&str] = &["teams"];

/// The longest chain of `extends` followed: far more than any real what-if needs.
const MAX_EXTENDS_DEPTH: usize = 32;

/// One file of a scenario: its keys (without `extends`) and the line of each, and whether its
/// teams replace the teams inherited (`replace_teams = true`) rather than join them.
struct Layer {
    path: PathBuf,
    table: Table,
    lines: Provenance,
    replace_teams: bool,
}

/// `path` and everything it extends, merged, with the line of every key and every file's text
/// (the file named first).
pub(super) fn read_composed(
    path: &Path,
    sources: &mut Vec<(PathBuf, String)>,
) -> Result<(Table, Provenance), ScenarioError> {
    let mut layers = Vec::new();
    order_layers(path, &mut Vec::new(), &mut Vec::new(), &mut layers, sources)?;
    let mut table = Table::new();
    let mut provenance = Provenance::new();
    for layer in layers {
        merge_layer(&mut table, &mut provenance, layer)?;
    }
    Ok((table, provenance))
}

/// Put `path` after everything it extends, in `out`; `applied` holds the files already in `out`
/// and `chain` the files being read, from the one named on the command line.
fn order_layers(
    path: &Path,
    chain: &mut Vec<PathBuf>,
    applied: &mut Vec<PathBuf>,
    out: &mut Vec<Layer>,
    sources: &mut Vec<(PathBuf, String)>,
) -> Result<(), ScenarioError> {
    let text = read_input(path, FileKind::Scenario)?;
    sources.push((path.to_path_buf(), text.clone()));
    let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    if chain.contains(&canonical) {
        let cycle: Vec<String> = chain.iter().chain([&canonical]).map(|p| p.display().to_string()).collect();
        return Err(ScenarioError::single(
            path.display().to_string(),
            "extends",
            format!("`extends` goes round in a circle: {}", cycle.join(" -> ")),
        ));
    }
    if chain.len() >= MAX_EXTENDS_DEPTH {
        return Err(ScenarioError::single(
            path.display().to_string(),
            "extends",
            format!("`extends` goes more than {MAX_EXTENDS_DEPTH} files deep"),
        ));
    }
    let mut table: Table = toml::from_str(&text).map_err(|e| ScenarioError::Syntax {
        path: path.to_path_buf(),
        message: e.to_string().trim_end().to_string(),
    })?;
    let lines = provenance::lines_of_keys(&text, &path.display().to_string());
    let parents = parent_paths(path, table.remove("extends"), &lines)?;
    let replace_teams = match table.remove("replace_teams") {
        None => false,
        Some(Value::Boolean(replace)) => replace,
        Some(other) => {
            return Err(ScenarioError::single(
                locate(&lines, "replace_teams", path),
                "replace_teams",
                format!("must be true or false, got {other}"),
            ));
        }
    };
    chain.push(canonical.clone());
    for parent in parents {
        let parent_canonical = parent.canonicalize().unwrap_or_else(|_| parent.clone());
        if !applied.contains(&parent_canonical) {
            order_layers(&parent, chain, applied, out, sources)?;
        }
    }
    chain.pop();
    applied.push(canonical);
    out.push(Layer { path: path.to_path_buf(), table, lines, replace_teams });
    Ok(())
}

/// The files `extends` names, resolved relative to the folder of the file that names them.
fn parent_paths(
    path: &Path,
    extends: Option<Value>,
    lines: &Provenance,
) -> Result<Vec<PathBuf>, ScenarioError> {
    let fail = |message: String| ScenarioError::single(locate(lines, "extends", path), "extends", message);
    let names = match extends {
        None => return Ok(Vec::new()),
        Some(Value::String(name)) => vec![name],
        Some(Value::Array(list)) if !list.is_empty() => list
            .into_iter()
            .map(|v| match v {
                Value::String(name) => Ok(name),
                other => Err(fail(format!("every entry must be a file name in quotes, got {other}"))),
            })
            .collect::<Result<_, _>>()?,
        Some(Value::Array(_)) => return Err(fail("lists no file: name at least one scenario".into())),
        Some(other) => {
            return Err(fail(format!(
                "must be the file name of another scenario in quotes, or a list of them, got {other}"
            )));
        }
    };
    let folder = path.parent().unwrap_or(Path::new("."));
    names
        .into_iter()
        .map(|name| {
            let parent = folder.join(&name);
            let problem = if parent.is_dir() {
                Some("is a folder, not a scenario file")
            } else if !parent.exists() {
                Some("does not exist")
            } else {
                None
            };
            match problem {
                Some(problem) => {
                    Err(fail(format!("the scenario it extends, {}, {problem}", parent.display())))
                }
                None => Ok(parent),
            }
        })
        .collect()
}

/// Lay `layer` over `table`, and its lines over `provenance`.
fn merge_layer(table: &mut Table, provenance: &mut Provenance, layer: Layer) -> Result<(), ScenarioError> {
    let Layer { path, table: over, lines, replace_teams } = layer;
    if replace_teams {
        table.remove("teams");
        provenance.retain(|k, _| !key_holds("teams", k));
    }
    for (key, value) in over {
        if NAMED_LISTS.contains(&key.as_str()) {
            merge_named_list(table, provenance, &key, value, &lines, &path)?;
            continue;
        }
        match (table.get_mut(&key), value) {
            (Some(Value::Table(base)), Value::Table(over)) => merge(base, over),
            (_, value) => {
                table.insert(key.clone(), value);
            }
        }
        provenance
            .extend(lines.iter().filter(|(k, _)| key_holds(&key, k)).map(|(k, v)| (k.clone(), v.clone())));
    }
    Ok(())
}

/// Deep merge: tables merge key by key; any other value replaces the base value.
pub(super) fn merge(base: &mut Table, over: Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(Value::Table(b)), Value::Table(o)) => merge(b, o),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

fn entry_name(entry: &Value) -> Option<&str> {
    entry.as_table()?.get("name")?.as_str()
}

/// Lay a file's `teams` over the teams inherited, matching entries by name. The lines of a
/// file's entry are moved to the place the entry takes in the merged list.
fn merge_named_list(
    table: &mut Table,
    provenance: &mut Provenance,
    key: &str,
    value: Value,
    lines: &Provenance,
    path: &Path,
) -> Result<(), ScenarioError> {
    let mut list = match table.remove(key) {
        // An empty list says there are none: the inherited teams are dropped.
        _ if value.as_array().is_some_and(Vec::is_empty) => {
            provenance.retain(|k, _| !key_holds(key, k));
            Vec::new()
        }
        Some(Value::Array(list)) => list,
        // Nothing inherited, or something the scenario reader will refuse anyway.
        _ => Vec::new(),
    };
    if let Some(place) = lines.get(key) {
        provenance.insert(key.to_string(), place.clone());
    }
    match value {
        Value::Array(entries) => {
            let mut names_here: Vec<String> = Vec::new();
            for (i, entry) in entries.into_iter().enumerate() {
                if let Some(name) = entry_name(&entry) {
                    if let Some(first) = names_here.iter().position(|n| n == name) {
                        let written = format!("{key}[{i}].name");
                        return Err(ScenarioError::single(
                            locate(lines, &written, path),
                            written,
                            format!(
                                "\"{name}\" is also the name of {key}[{first}]: every team needs a name of its own"
                            ),
                        ));
                    }
                    names_here.push(name.to_string());
                }
                let at =
                    entry_name(&entry).and_then(|name| list.iter().position(|e| entry_name(e) == Some(name)));
                let at = match at {
                    Some(at) => {
                        list[at] = entry;
                        at
                    }
                    None => {
                        list.push(entry);
                        list.len() - 1
                    }
                };
                relocate(provenance, lines, &format!("{key}[{i}]"), &format!("{key}[{at}]"), true);
                // An entry of an inline list (`teams = [{ ... }]`) has no line of its own: it is
                // at the list's.
                if let (None, Some(place)) = (lines.get(&format!("{key}[{i}]")), lines.get(key)) {
                    provenance.insert(format!("{key}[{at}]"), place.clone());
                }
            }
        }
        Value::Table(changes) => {
            for (name, change) in changes {
                let written = provenance::join(key, &name);
                let fail = |message: String| {
                    ScenarioError::single(locate(lines, &written, path), written.clone(), message)
                };
                let Some(at) = list.iter().position(|e| entry_name(e) == Some(name.as_str())) else {
                    let names: Vec<String> =
                        list.iter().filter_map(entry_name).map(|n| format!("\"{n}\"")).collect();
                    let known = if names.is_empty() {
                        "the scenarios it extends have no teams; add one with [[teams]]".to_string()
                    } else {
                        format!("the teams are {}", names.join(", "))
                    };
                    return Err(fail(format!("there is no team named \"{name}\" to change: {known}")));
                };
                let Value::Table(change) = change else {
                    return Err(fail(format!(
                        "must be a section of the team's keys to change, such as [{key}.\"{name}\"] coverage = 0.5"
                    )));
                };
                match &mut list[at] {
                    Value::Table(entry) => merge(entry, change),
                    other => *other = Value::Table(change),
                }
                relocate(provenance, lines, &written, &format!("{key}[{at}]"), false);
            }
        }
        other => {
            // Not a list or a section: the scenario reader names the wrong type.
            table.insert(key.to_string(), other);
            return Ok(());
        }
    }
    table.insert(key.to_string(), Value::Array(list));
    Ok(())
}

/// The lines of a file's keys under `from`, moved to `to`: an entry that replaces another
/// (`whole`) drops the lines of the one it replaces; a `[teams."name"]` section changes only the
/// keys it gives, so the others keep the lines they had.
fn relocate(provenance: &mut Provenance, lines: &Provenance, from: &str, to: &str, whole: bool) {
    if whole {
        provenance.retain(|k, _| !key_holds(to, k));
    }
    for (k, place) in lines.iter().filter(|(k, _)| key_holds(from, k)) {
        provenance.insert(format!("{to}{}", &k[from.len()..]), place.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Write `files` into a temporary folder and compose the first one.
    fn compose(files: &[(&str, &str)]) -> Result<(Table, Provenance), ScenarioError> {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        read_composed(&dir.path().join(files[0].0), &mut Vec::new())
    }

    fn team_names(table: &Table) -> Vec<&str> {
        table["teams"].as_array().unwrap().iter().filter_map(entry_name).collect()
    }

    const BASE: &str = "[acute]\nbeds = 10\ncost = 1\n";

    #[test]
    fn merge_is_deep() {
        let mut base: Table = toml::from_str("[a]\nx = 1\ny = 2\n").unwrap();
        let over: Table = toml::from_str("[a]\ny = 3\n").unwrap();
        merge(&mut base, over);
        assert_eq!(base["a"]["x"], Value::Integer(1));
        assert_eq!(base["a"]["y"], Value::Integer(3));
    }

    #[test]
    fn a_list_applies_each_file_once_in_order() {
        let (table, provenance) = compose(&[
            ("w.toml", "extends = [\"a.toml\", \"b.toml\"]\n"),
            ("base.toml", BASE),
            ("a.toml", "extends = \"base.toml\"\n[acute]\nbeds = 20\n[[teams]]\nname = \"x\"\n"),
            ("b.toml", "extends = \"base.toml\"\n[acute]\ncost = 2\n[[teams]]\nname = \"y\"\nfte = 1\n"),
        ])
        .unwrap();
        // b.toml does not put back the base's 10 beds that a.toml changed.
        assert_eq!(table["acute"]["beds"], Value::Integer(20));
        assert_eq!(table["acute"]["cost"], Value::Integer(2));
        assert_eq!(team_names(&table), ["x", "y"]);
        assert!(provenance["teams[1].fte"].ends_with("b.toml:6"), "{provenance:?}");
        assert!(provenance["acute.beds"].ends_with("a.toml:3"));
    }

    #[test]
    fn a_team_is_changed_or_replaced_by_name() {
        let base = "[[teams]]\nname = \"x\"\nfte = 1\ncoverage = 1\n[[teams]]\nname = \"y\"\nfte = 1\n";
        let (table, provenance) =
            compose(&[("w.toml", "extends = \"base.toml\"\n[teams.y]\nfte = 2\n"), ("base.toml", base)])
                .unwrap();
        assert_eq!(team_names(&table), ["x", "y"]);
        assert_eq!(table["teams"][1]["fte"], Value::Integer(2));
        assert!(provenance["teams[1].fte"].ends_with("w.toml:3"));
        assert!(provenance["teams[1].name"].ends_with("base.toml:6"));

        let (table, provenance) = compose(&[
            ("w.toml", "extends = \"base.toml\"\n[[teams]]\nname = \"x\"\nfte = 3\n"),
            ("base.toml", base),
        ])
        .unwrap();
        assert_eq!(team_names(&table), ["x", "y"]);
        assert_eq!(table["teams"][0]["fte"], Value::Integer(3));
        // Replaced whole: the base's coverage is gone, and so is its line.
        assert!(table["teams"][0].get("coverage").is_none());
        assert!(!provenance.contains_key("teams[0].coverage"));
    }

    #[test]
    fn changing_a_team_that_is_not_there_names_the_teams() {
        let err = compose(&[
            ("w.toml", "extends = \"base.toml\"\n\n[teams.\"z z\"]\nfte = 2\n"),
            ("base.toml", "[[teams]]\nname = \"x\"\n"),
        ])
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("w.toml:3") && err.contains("no team named \"z z\"") && err.contains("\"x\""),
            "{err}"
        );
        let err = compose(&[
            ("w.toml", "extends = \"base.toml\"\n[teams]\nx = 2\n"),
            ("base.toml", "[[teams]]\nname = \"x\"\n"),
        ])
        .unwrap_err()
        .to_string();
        assert!(err.contains("must be a section"), "{err}");
    }

    #[test]
    fn a_list_of_extends_must_name_files() {
        let err = compose(&[("w.toml", "extends = []\n")]).unwrap_err().to_string();
        assert!(err.contains("lists no file"), "{err}");
        let err =
            compose(&[("w.toml", "extends = [\"a.toml\", 3]\n"), ("a.toml", "")]).unwrap_err().to_string();
        assert!(err.contains("every entry must be a file name"), "{err}");
        let err = compose(&[("w.toml", "extends = [\"a.toml\", \"gone.toml\"]\n"), ("a.toml", "")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("gone.toml") && err.contains("does not exist"), "{err}");
    }

    #[test]
    fn an_empty_list_or_replace_teams_drops_the_teams_inherited() {
        let base = ("base.toml", "[[teams]]\nname = \"x\"\n[[teams]]\nname = \"y\"\n");
        let (table, provenance) =
            compose(&[("w.toml", "extends = \"base.toml\"\nteams = []\n"), base]).unwrap();
        assert!(table["teams"].as_array().unwrap().is_empty());
        assert!(!provenance.keys().any(|k| k.starts_with("teams[")), "{provenance:?}");
        let (table, _) = compose(&[
            ("w.toml", "extends = \"base.toml\"\nreplace_teams = true\n[[teams]]\nname = \"z\"\n"),
            base,
        ])
        .unwrap();
        assert_eq!(team_names(&table), ["z"]);
        let err = compose(&[("w.toml", "replace_teams = 1\n")]).unwrap_err().to_string();
        assert!(err.contains("replace_teams") && err.contains("true or false"), "{err}");
    }

    #[test]
    fn an_entry_of_an_inline_list_is_placed_at_the_lists_line() {
        let (_, provenance) = compose(&[
            ("w.toml", "extends = \"base.toml\"\n\nteams = [{ name = \"x\", fte = 2 }]\n"),
            ("base.toml", "[[teams]]\nname = \"x\"\nfte = 1\n"),
        ])
        .unwrap();
        assert!(provenance["teams[0]"].ends_with("w.toml:3"), "{provenance:?}");
        assert!(locate(&provenance, "teams[0].fte", Path::new("w.toml")).ends_with("w.toml:3"));
    }
}
