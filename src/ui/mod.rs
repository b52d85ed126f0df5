//! The browser shell: Leptos components over the core. Only compiled for wasm32.

mod app;

pub use app::App;
