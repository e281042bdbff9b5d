//! Innfri Min side: the isomorphic crate. Pages and components render on the server and
//! hydrate in the browser. The layers, from the bottom: `domain` (the rules, both sides),
//! `model` (what crosses the wire), `server` (feature `ssr`: what only the server may do,
//! with every SQL statement in `server::db`), `api` (the server functions), and the pages
//! and components on top. docs/ARCHITECTURE.md has the map.
// Leptos views are deeply nested types; the size-optimised wasm build needs the room.
#![recursion_limit = "256"]

pub mod address;
pub mod api;
mod app;
pub mod components;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;

pub use app::{shell, App};
