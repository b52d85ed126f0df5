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

/// Starts the page. Over a prerendered view (scripts/prerender.mjs) the app builds itself in a
/// hidden element, a part per task, and shows itself in place of the snapshot once whole
/// (`browser::take_over`): no frame shows neither or both, and no task of the start blocks the
/// page for long. Without one it mounts as it is.
pub fn start() {
    match browser::app_host() {
        // A task of its own: this one instantiated the module.
        Some(host) => leptos::prelude::set_timeout(
            move || leptos::mount::mount_to(host, App).forget(),
            std::time::Duration::ZERO,
        ),
        None => leptos::mount::mount_to_body(App),
    }
}

/// Starts the doctor's module (src/doctor_main.rs) in the place the page keeps for it. A page
/// without that place (not this app's) is left alone.
pub fn start_doctor() {
    if let Some(host) = browser::doctor_host() {
        leptos::mount::mount_to(host, doctor_view::Doctor).forget();
    }
}
