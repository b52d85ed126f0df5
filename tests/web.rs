//! In-browser component tests: mount the page's components in headless Chromium and read the DOM.
#![cfg(target_arch = "wasm32")]

use kafka_expose::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `App` into a fresh element of its own and returns that element.
fn mount_app() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    leptos::mount::mount_to(host.clone(), App).forget();
    host
}

fn text_of(host: &web_sys::HtmlElement, testid: &str) -> String {
    host.query_selector(&format!("[data-testid='{testid}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={testid}"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn app_shows_the_product_name_and_what_it_does() {
    let host = mount_app();
    assert_eq!(text_of(&host, "title"), "kafka-expose");
    assert!(text_of(&host, "tagline").contains("outside the cluster"));
}
