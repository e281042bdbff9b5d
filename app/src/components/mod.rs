//! Reusable view pieces: props in, no server calls.

pub mod breakdown;
pub mod copy_button;
pub mod documents;
pub mod live;
pub mod part;
pub mod pay;
pub mod preload;
pub mod rates_box;
pub mod timeline;
pub mod upload;
