//! Composing what-ifs: `extends` lists and teams changed by name give the same scenario, and the
//! same results, as writing the combination by hand.

use crate::support::{SMALL_AREA, caresim, repo_path};

/// Run `scenario` on the small area and return its replications and summary, byte for byte.
fn results(scenario: &std::path::Path, out: &std::path::Path) -> (Vec<u8>, Vec<u8>) {
    let mut args =
        vec!["run", scenario.to_str().unwrap(), "--reps", "2", "--years", "1", "--warmup-years", "1"];
    for set in SMALL_AREA {
        args.extend(["--set", set]);
    }
    args.extend(["--threads", "2", "--out", out.to_str().unwrap()]);
    let output = caresim(&args);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    (std::fs::read(out.join("replications.csv")).unwrap(), std::fs::read(out.join("summary.json")).unwrap())
}

#[test]
fn a_list_of_what_ifs_equals_their_combination_written_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let models = repo_path("models");
    let models = models.to_str().unwrap();
    let composed = dir.path().join("composed.toml");
    std::fs::write(
        &composed,
        format!(
            "extends = [\"{models}/baseline.toml\", \"{models}/d2a.toml\", \"{models}/social-worker-every-cluster.toml\"]\n\
             name = \"social-worker-and-d2a\"\n\
             description = \"One social worker per cluster plus 30 discharge-to-assess beds\"\n"
        ),
    )
    .unwrap();
    let by_hand = results(&repo_path("models/social-worker-and-d2a.toml"), &dir.path().join("by-hand"));
    let listed = results(&composed, &dir.path().join("listed"));
    assert!(by_hand == listed, "the composed what-if's results differ from the hand-written one's");
}

#[test]
fn a_team_changed_by_name_equals_the_team_restated() {
    let dir = tempfile::tempdir().unwrap();
    let models = repo_path("models");
    let models = models.to_str().unwrap();
    let by_name = dir.path().join("by-name.toml");
    std::fs::write(
        &by_name,
        format!("extends = \"{models}/social-worker-every-cluster.toml\"\n[teams.\"cluster social worker\"]\ncoverage = 0.5\n"),
    )
    .unwrap();
    let changed = results(&by_name, &dir.path().join("by-name"));
    let social_worker = repo_path("models/social-worker-every-cluster.toml");
    let mut args = vec!["run", social_worker.to_str().unwrap(), "--set", "teams[0].coverage=0.5"];
    args.extend(["--reps", "2", "--years", "1", "--warmup-years", "1"]);
    for set in SMALL_AREA {
        args.extend(["--set", set]);
    }
    let out = dir.path().join("set");
    args.extend(["--threads", "2", "--out", out.to_str().unwrap()]);
    let output = caresim(&args);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(changed.0 == std::fs::read(out.join("replications.csv")).unwrap());
    // And it is not the scenario it extends.
    let unchanged = results(&social_worker, &dir.path().join("unchanged"));
    assert!(changed.0 != unchanged.0);
}

/// `caresim new` into a temporary folder; the file's text.
fn new_what_if(dir: &std::path::Path, name: &str, from: &str) -> String {
    let out = dir.join(format!("{name}.toml"));
    let from = repo_path(from);
    let output = caresim(&["new", name, "--from", from.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    std::fs::read_to_string(out).unwrap()
}

fn diff(first: &std::path::Path, second: &std::path::Path) -> String {
    let output = caresim(&["diff", first.to_str().unwrap(), second.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_new_what_if_is_its_base_until_a_line_is_uncommented() {
    let dir = tempfile::tempdir().unwrap();
    let text = new_what_if(dir.path(), "more-beds", "models/social-worker-every-cluster.toml");
    let file = dir.path().join("more-beds.toml");
    let base = repo_path("models/social-worker-every-cluster.toml");
    // As written, only its name and description differ.
    let out = diff(&base, &file);
    assert!(
        out.starts_with("2 key(s) differ") && out.contains("name") && out.contains("description"),
        "{out}"
    );

    // Every key of the base is listed, with its note; the team under its name.
    assert!(text.contains("\n# beds = 297  # "), "{text}");
    assert!(text.contains("[teams.\"cluster social worker\".effects]"));
    assert!(text.contains("# registered_population = 250000  # the Harrow MDG case study"));

    // Uncommenting a key under its section changes that key only.
    let edited = text.replacen("\n# beds = 297", "\nbeds = 250", 1).replacen(
        "\n# coverage = 1.0",
        "\ncoverage = 0.5",
        1,
    );
    std::fs::write(&file, &edited).unwrap();
    let out = diff(&base, &file);
    assert!(
        out.starts_with("4 key(s) differ") && out.contains("acute.beds") && out.contains("teams[0].coverage"),
        "{out}"
    );

    // Uncommenting a sketch adds that intervention.
    let start = edited.find("# ---- To add a discharge-to-assess scheme").unwrap();
    let end = start + edited[start..].find("\n\n").unwrap();
    let sketch: String = edited[start..end]
        .lines()
        .skip(1)
        .map(|l| format!("{}\n", l.strip_prefix("# ").unwrap_or("")))
        .collect();
    std::fs::write(&file, format!("{}\n{sketch}{}", &edited[..start], &edited[end..])).unwrap();
    let out = diff(&base, &file);
    assert!(out.contains("d2a_scheme.beds"), "{out}");
}

#[test]
fn new_refuses_a_bad_name_and_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let from = repo_path("models/baseline.toml");
    for name in ["../escape", "a b", "", "x.toml", &"a".repeat(65)] {
        let output = caresim(&[
            "new",
            name,
            "--from",
            from.to_str().unwrap(),
            "--out",
            dir.path().join("x.toml").to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(2), "{name}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("cannot name a what-if"));
    }
    new_what_if(dir.path(), "x", "models/baseline.toml");
    let before = std::fs::read(dir.path().join("x.toml")).unwrap();
    let output = caresim(&[
        "new",
        "x",
        "--from",
        from.to_str().unwrap(),
        "--out",
        dir.path().join("x.toml").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("already exists"));
    assert_eq!(std::fs::read(dir.path().join("x.toml")).unwrap(), before);
}

#[test]
fn a_template_of_a_scenario_with_teams_loads_and_says_how_to_add_one() {
    let dir = tempfile::tempdir().unwrap();
    let text = new_what_if(dir.path(), "cheshire-2", "models/west-cheshire.toml");
    assert!(!text.contains("[[teams]]") && text.contains("To add a team to those above"), "{text}");
    let file = dir.path().join("cheshire-2.toml");
    let out = diff(&repo_path("models/west-cheshire.toml"), &file);
    assert!(out.starts_with("2 key(s) differ"), "{out}");
}

#[test]
fn new_names_a_missing_scenario_as_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let output = caresim(&[
        "new",
        "x",
        "--from",
        "nowhere.toml",
        "--out",
        dir.path().join("x.toml").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(!dir.path().join("x.toml").exists());
}
