//! The files' module: writes the generated files' text, which only visits that read or download
//! the files need, so the page's first download carries none of the code that writes them (the
//! scripts, YAML, the clients' files, the archive). public/boot.js fetches it when the page asks
//! (`ui::browser::want_files`); it registers three functions under a global and says it is ready:
//! `text(config, name)`, one file's text, `zip(config, folder)`, every file as a ZIP archive, and
//! `primer(config)`, the primer as HTML (`primer::html`) around its addresses in the config's values, which the page's first download leaves out too.
//! `config` is the config as JSON (its file format), which the page holds valid.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    module::register();
}

#[cfg(target_arch = "wasm32")]
mod module {
    use kafka_expose::bundle::{self, Bundle};
    use kafka_expose::naming::{FILES_GLOBAL, FILES_PRIMER, FILES_READY_EVENT, FILES_TEXT, FILES_ZIP};
    use kafka_expose::{archive, format, primer, validate, walkthrough};
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;

    thread_local! {
        /// The last config's files: a page asks for one file after another of the same config.
        static LAST: RefCell<Option<(String, Bundle)>> = const { RefCell::new(None) };
    }

    /// Runs `f` on the files of `config`, generated once per config.
    fn with_bundle<T>(config: &str, f: impl FnOnce(&Bundle) -> T) -> Result<T, JsValue> {
        LAST.with_borrow_mut(|last| {
            if last.as_ref().is_none_or(|(json, _)| json != config) {
                let parsed = format::parse_config(config).map_err(|e| JsValue::from(e.to_string()))?;
                let valid = validate::validate(&parsed).map_err(|_| {
                    JsValue::from("The config has errors: the page shows them beside their fields.")
                })?;
                *last = Some((config.to_string(), bundle::generate(&valid)));
            }
            Ok(f(&last.as_ref().expect("just generated").1))
        })
    }

    /// Registers the functions and says so.
    pub fn register() {
        let text = Closure::<dyn Fn(String, String) -> Result<String, JsValue>>::new(
            |config: String, name: String| {
                with_bundle(&config, |bundle| bundle.file(&name).map(|f| f.contents.text().into_owned()))?
                    .ok_or_else(|| JsValue::from(format!("No file is named {name}.")))
            },
        );
        let zip = Closure::<dyn Fn(String, String) -> Result<js_sys::Uint8Array, JsValue>>::new(
            |config: String, folder: String| {
                with_bundle(&config, |bundle| {
                    js_sys::Uint8Array::from(archive::zip(bundle, &folder).as_slice())
                })
            },
        );
        // With no config, the primer's two parts; with one (as the page writes it), its addresses
        // in the config's own values, which go between them.
        let blocks = Closure::<dyn Fn(Option<String>) -> js_sys::Array>::new(|config: Option<String>| {
            let parts: Vec<String> = match config {
                None => primer::html().into(),
                Some(config) => format::parse_config(&config)
                    .ok()
                    .and_then(|c| walkthrough::your_node_addresses(&c))
                    .into_iter()
                    .collect(),
            };
            parts.into_iter().map(JsValue::from).collect::<js_sys::Array>()
        });
        let functions = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&functions, &FILES_PRIMER.into(), &blocks.into_js_value());
        let _ = js_sys::Reflect::set(&functions, &FILES_TEXT.into(), &text.into_js_value());
        let _ = js_sys::Reflect::set(&functions, &FILES_ZIP.into(), &zip.into_js_value());
        let _ = js_sys::Reflect::set(&js_sys::global(), &FILES_GLOBAL.into(), &functions);
        if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(FILES_READY_EVENT)) {
            let _ = window.dispatch_event(&event);
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "kafka-expose-files is a part of the page and runs in a browser: build it with `make build`. \
         The command-line tool is `kafka-expose`."
    );
    std::process::exit(2);
}
