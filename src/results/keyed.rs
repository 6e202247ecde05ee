//! JSON documents as result files need them: objects whose keys keep the order they were
//! written in ([`Keyed`]), and numbers read back to the last bit ([`exact`]).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A JSON object whose keys keep the order they were written in (metric order, the order
/// scenarios were given, parameter order), looked up by key.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyed<T>(pub Vec<(String, T)>);

impl<T> Keyed<T> {
    pub fn get(&self, key: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    /// Set `key` to `value`: in its place if it is there already (as a JSON object would),
    /// else at the end.
    pub fn insert(&mut self, key: String, value: T) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = value,
            None => self.0.push((key, value)),
        }
    }
}

impl<T> Default for Keyed<T> {
    fn default() -> Self {
        Keyed(Vec::new())
    }
}

impl<T> std::ops::Index<&str> for Keyed<T> {
    type Output = T;

    /// Panics if there is no such key, like a map's index.
    fn index(&self, key: &str) -> &T {
        self.get(key).unwrap_or_else(|| panic!("no entry {key}"))
    }
}

impl<T> FromIterator<(String, T)> for Keyed<T> {
    fn from_iter<I: IntoIterator<Item = (String, T)>>(entries: I) -> Self {
        Keyed(entries.into_iter().collect())
    }
}

impl<T: Serialize> Serialize for Keyed<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Keyed<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Entries<T> {
            type Value = Keyed<T>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Keyed<T>, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Keyed(entries))
            }
        }
        deserializer.deserialize_map(Entries(PhantomData))
    }
}

/// Reading numbers back exactly. serde_json's own float parsing can miss the last bit (its
/// `float_roundtrip` feature would fix that everywhere, but would also change, in the last
/// digits, the sweep results assembled from unit files), so result-file numbers are read from
/// their JSON text, which Rust parses exactly: a figure comes back as the value written. caresim
/// never writes a number that is not finite (JSON has none), so one read as infinite (`1e400`)
/// is refused.
pub mod exact {
    use serde::de::Error;
    use serde::{Deserialize, Deserializer};
    use serde_json::value::RawValue;

    /// `#[serde(deserialize_with = "exact::number")]` for an `f64` field.
    pub fn number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        finite(raw.get()).map_err(D::Error::custom)
    }

    /// `#[serde(deserialize_with = "exact::optional")]` for an `Option<f64>` field (null: `None`).
    pub fn optional<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        match raw.get() {
            "null" => Ok(None),
            text => finite(text).map(Some).map_err(D::Error::custom),
        }
    }

    fn finite(text: &str) -> Result<f64, String> {
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
            Ok(_) => Err(format!("expected a finite number, found {text}")),
            Err(_) => Err(format!("expected a number, found {text}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::stats::Summary;

    #[test]
    fn keyed_objects_keep_their_order_both_ways() {
        let keyed: Keyed<u32> = [("b".to_string(), 1), ("a".to_string(), 2)].into_iter().collect();
        let text = serde_json::to_string(&keyed).unwrap();
        assert_eq!(text, r#"{"b":1,"a":2}"#);
        let back: Keyed<u32> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, keyed);
        assert_eq!((back["a"], back.get("c")), (2, None));
        let mut again = back.clone();
        again.insert("b".into(), 3);
        assert_eq!(again.0, [("b".to_string(), 3), ("a".to_string(), 2)]);
    }

    #[test]
    fn numbers_read_back_to_the_last_bit() {
        // 17 significant digits, which serde_json's own parsing reads one bit off.
        let values = [20129.873741918025, 937.7992456472263, 11284.822706730783, 0.1 + 0.2, -1e-300, 1e21];
        for v in values {
            let summary = Summary {
                mean: v,
                sd: Some(v),
                ci95_low: None,
                ci95_high: None,
                p025: v,
                p05: v,
                p50: v,
                p95: v,
                p975: v,
            };
            let back: Summary = serde_json::from_str(&serde_json::to_string(&summary).unwrap()).unwrap();
            assert_eq!(back, summary);
        }
    }
}
