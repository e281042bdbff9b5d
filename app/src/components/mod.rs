//! Reusable view pieces: props in, no server calls.

pub mod rates_box;
