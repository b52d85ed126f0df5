//! The page's entry point: sets the panic hook and mounts the app. Trunk builds it for wasm32.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    kafka_expose::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "kafka-expose-web is the page and runs in a browser: build it with `make build`. \
         The command-line tool is `kafka-expose`."
    );
    std::process::exit(2);
}
