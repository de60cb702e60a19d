//! Faults: disk full, leftovers, restore and import refusals, resource limits.
