//! Building charts from a result folder's numbers: each function turns what `results::read`
//! returns into a [`Chart`](super::draw::Chart) with its title, labels, legend and scales.
//! Which charts a folder gets, and their file names, are decided in `catalogue`.

pub mod run;
pub mod sweep;
