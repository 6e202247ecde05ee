//! A service's capacity as a scenario gives it: a number of beds or places, or a rate per 1,000
//! people aged 65 and over, so one file gives sensible services to an area of any size.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Inputs;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Capacity {
    /// So many beds or places.
    Count(u32),
    /// So many per 1,000 people aged 65+ in the area (`{ per_1000_aged_65_plus = 7.4 }`),
    /// rounded to the nearest whole bed.
    Per1000AgedOver65(f64),
}

/// The key of a rate per 1,000 in a scenario file.
pub const PER_1000_KEY: &str = "per_1000_aged_65_plus";

/// The largest rate per 1,000 accepted: a place for every person aged 65+.
pub const MAX_PER_1000: f64 = 1000.0;

impl Capacity {
    /// The beds or places it comes to in an area of `aged_65_plus` people aged 65+.
    pub fn units(self, aged_65_plus: f64) -> u32 {
        match self {
            Capacity::Count(n) => n,
            // Validation keeps the rate within [0, 1000], so this is at most the area's people.
            Capacity::Per1000AgedOver65(rate) => (rate * aged_65_plus / 1000.0).round() as u32,
        }
    }

    /// As the file writes it, for tables: `297` or `7.4 per 1,000 aged 65+`.
    pub fn as_written(self) -> String {
        match self {
            Capacity::Count(n) => n.to_string(),
            Capacity::Per1000AgedOver65(rate) => format!("{rate} per 1,000 aged 65+"),
        }
    }
}

impl Inputs {
    /// The people aged 65+ a capacity per 1,000 is planned for: the registered population times
    /// the share aged 65+ (its median when the share is uncertain: a service is commissioned
    /// for one estimate of the population, not redrawn with it).
    pub fn aged_65_plus_planned(&self) -> f64 {
        f64::from(self.area.registered_population) * self.area.share_aged_65_plus.quantile(0.5)
    }

    /// Every base service's capacity: its key and as written.
    pub fn capacity_entries(&self) -> [(&'static str, Capacity); 5] {
        [
            ("acute.beds", self.acute.beds),
            ("d2a.beds", self.d2a.beds),
            ("home_support.slots", self.home_support.slots),
            ("care_home.residential_beds", self.care_home.residential_beds),
            ("care_home.nursing_beds", self.care_home.nursing_beds),
        ]
    }

    /// Every base service's capacity: its key, as written, and what it comes to (only for
    /// validated inputs: the share aged 65+ must be a valid distribution).
    pub fn capacities(&self) -> [(&'static str, Capacity, u32); 5] {
        let aged = self.aged_65_plus_planned();
        self.capacity_entries().map(|(key, capacity)| (key, capacity, capacity.units(aged)))
    }
}

impl Serialize for Capacity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match *self {
            Capacity::Count(n) => serializer.serialize_u32(n),
            Capacity::Per1000AgedOver65(rate) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry(PER_1000_KEY, &rate)?;
                map.end()
            }
        }
    }
}

struct CapacityVisitor;

const EXPECTED: &str = "a whole number of beds or places, or { per_1000_aged_65_plus = 7.4 }";

impl<'de> Visitor<'de> for CapacityVisitor {
    type Value = Capacity;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Capacity, E> {
        u32::try_from(v).map(Capacity::Count).map_err(|_| {
            E::custom(format!("{v} is not a capacity: expected {EXPECTED}, at most {}", u32::MAX))
        })
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Capacity, E> {
        self.visit_i64(i64::try_from(v).unwrap_or(-1))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Capacity, E> {
        Err(E::custom(format!(
            "{v} is not a whole number: expected {EXPECTED} (in an experiment file, give the parameter `integer = true`)"
        )))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Capacity, A::Error> {
        let mut rate = None;
        while let Some(key) = map.next_key::<String>()? {
            if key != PER_1000_KEY || rate.is_some() {
                return Err(de::Error::custom(format!(
                    "unknown key `{key}` in a capacity: expected {EXPECTED}"
                )));
            }
            rate = Some(map.next_value::<f64>()?);
        }
        rate.map(Capacity::Per1000AgedOver65).ok_or_else(|| {
            de::Error::custom(format!("an empty section is not a capacity: expected {EXPECTED}"))
        })
    }
}

impl<'de> Deserialize<'de> for Capacity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Capacity, D::Error> {
        deserializer.deserialize_any(CapacityVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, Serialize)]
    struct Holder {
        beds: Capacity,
    }

    fn read(text: &str) -> Result<Capacity, String> {
        toml::from_str::<Holder>(text).map(|h| h.beds).map_err(|e| e.to_string())
    }

    #[test]
    fn a_count_or_a_rate_per_1000_is_read_and_written_back() {
        assert_eq!(read("beds = 297").unwrap(), Capacity::Count(297));
        assert_eq!(read("beds = { per_1000_aged_65_plus = 7.4 }").unwrap(), Capacity::Per1000AgedOver65(7.4));
        assert_eq!(read("beds = { per_1000_aged_65_plus = 7 }").unwrap(), Capacity::Per1000AgedOver65(7.0));
        for capacity in [Capacity::Count(3), Capacity::Per1000AgedOver65(2.5)] {
            let text = toml::to_string(&Holder { beds: capacity }).unwrap();
            assert_eq!(read(&text).unwrap(), capacity, "{text}");
        }
    }

    #[test]
    fn anything_else_is_refused_saying_what_is_expected() {
        for bad in ["beds = -1", "beds = 2.5", "beds = \"many\"", "beds = { per_1000 = 3 }", "beds = {}"] {
            let err = read(bad).unwrap_err();
            assert!(err.contains("per_1000_aged_65_plus"), "{bad}: {err}");
        }
    }

    #[test]
    fn a_rate_comes_to_the_nearest_whole_bed() {
        assert_eq!(Capacity::Per1000AgedOver65(7.4).units(40_000.0), 296);
        assert_eq!(Capacity::Per1000AgedOver65(0.01).units(40_000.0), 0);
        assert_eq!(Capacity::Count(5).units(1.0e9), 5);
    }
}
