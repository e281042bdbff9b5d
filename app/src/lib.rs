//! Innfri Min side: the isomorphic crate. Pages and components render on the server and
//! hydrate in the browser; `domain` holds the rules both sides share; `server` (feature
//! `ssr`) holds what only the server may do.
// Leptos views are deeply nested types; the size-optimised wasm build needs the room.
#![recursion_limit = "256"]

pub mod api;
mod app;
pub mod components;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;

pub use app::{shell, App};
