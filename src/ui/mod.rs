//! The browser shell: Leptos components over the core. Only compiled for wasm32.

mod app;
mod browser;
mod diagram_view;
mod doctor_view;
mod fields;
mod output;
mod params;
mod roving;
mod strategy_picker;
mod teaching;
mod toolbar;
mod walkthrough_view;

pub use app::App;
