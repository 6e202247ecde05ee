//! Differences between two resolved scenarios, key by key: every value after `extends` and
//! overrides, named by its dotted key (`area.registered_population`, `teams[0].coverage`), so a
//! planner sees exactly what one what-if changes against another.

use std::collections::BTreeMap;

use crate::model::Inputs;

/// One key whose value differs: its text in each scenario (`None` where it has no such key).
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    pub key: String,
    pub first: Option<String>,
    pub second: Option<String>,
}

/// Every value of `value` by dotted key, tables opened up (a distribution is one value, as
/// the file writes it) and lists of tables numbered.
fn flatten(prefix: &str, value: &toml::Value, out: &mut BTreeMap<String, String>) {
    let join = |key: &str| if prefix.is_empty() { key.to_string() } else { format!("{prefix}.{key}") };
    match value {
        toml::Value::Table(table) if table.contains_key("dist") => {
            let fields: Vec<String> = table.iter().map(|(k, v)| format!("{k} = {v}")).collect();
            out.insert(prefix.to_string(), format!("{{ {} }}", fields.join(", ")));
        }
        toml::Value::Table(table) => {
            for (key, value) in table {
                flatten(&join(key), value, out);
            }
        }
        toml::Value::Array(items) if items.iter().any(toml::Value::is_table) => {
            for (i, item) in items.iter().enumerate() {
                flatten(&format!("{prefix}[{i}]"), item, out);
            }
        }
        other => {
            out.insert(prefix.to_string(), other.to_string());
        }
    }
}

fn values(inputs: &Inputs) -> BTreeMap<String, String> {
    let value = toml::Value::try_from(inputs).expect("a scenario serialises");
    let mut out = BTreeMap::new();
    flatten("", &value, &mut out);
    out
}

/// Every key whose value differs between `first` and `second`, in key order, among the keys
/// `within` accepts.
pub fn differences(first: &Inputs, second: &Inputs, within: impl Fn(&str) -> bool) -> Vec<Difference> {
    let (a, b) = (values(first), values(second));
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).filter(|k| within(k)).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| Difference { key: k.clone(), first: a.get(k).cloned(), second: b.get(k).cloned() })
        .collect()
}

/// The keys of the area and its population (its size, practices and the make-up of its people):
/// what makes two scenarios' people the same people.
pub fn is_area_key(key: &str) -> bool {
    key.starts_with("area.") || key.starts_with("population.")
}
