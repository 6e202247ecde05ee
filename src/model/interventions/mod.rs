//! Interventions, each off unless its scenario section is present: case-finding teams, a
//! discharge-to-assess scheme, a community crisis response and a GP in A&E. The care pathway in
//! [`super::replication`] calls into them at the points where they act.

pub mod teams;
