//! The doctor's module: the page fetches it when the doctor is wanted (public/boot.js), so the
//! first download carries only the configurator. It mounts the doctor's form into the place the
//! page keeps for it.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    kafka_expose::ui::start_doctor();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "kafka-expose-doctor is a part of the page and runs in a browser: build it with `make build`. \
         The command-line tool is `kafka-expose diagnose`."
    );
    std::process::exit(2);
}
