//! Spanish texts for this area (see `strings/mod.rs`).
