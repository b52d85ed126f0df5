//! The page's entry point: sets the panic hook and mounts the app. Trunk builds it for wasm32.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // The prerendered view (scripts/prerender.mjs) leaves in the same task the app arrives: no
    // frame shows neither, none shows both.
    if let Some(prerendered) = gloo::utils::document().get_element_by_id("prerendered") {
        prerendered.remove();
    }
    leptos::mount::mount_to_body(kafka_expose::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "kafka-expose-web is the page and runs in a browser: build it with `make build`. \
         The command-line tool is `kafka-expose`."
    );
    std::process::exit(2);
}
