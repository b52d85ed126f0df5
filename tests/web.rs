//! In-browser component tests: mount the page in headless Chromium, use it, and read the DOM.
#![cfg(target_arch = "wasm32")]

use kafka_expose::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `App` into a fresh element of its own, with no saved state and no link.
fn mount_app() -> web_sys::HtmlElement {
    let window = web_sys::window().unwrap();
    window.local_storage().unwrap().unwrap().clear().unwrap();
    window.history().unwrap().replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("#")).unwrap();
    let document = window.document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    leptos::mount::mount_to(host.clone(), App).forget();
    host
}

fn find(host: &web_sys::HtmlElement, testid: &str) -> web_sys::Element {
    host.query_selector(&format!("[data-testid='{testid}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={testid}"))
}

fn text_of(host: &web_sys::HtmlElement, testid: &str) -> String {
    find(host, testid).text_content().unwrap_or_default()
}

fn count(host: &web_sys::HtmlElement, selector: &str) -> u32 {
    host.query_selector_all(selector).unwrap().length()
}

/// Lets Leptos apply pending updates to the DOM.
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Types into an input as a user would: sets the value and fires `input`.
fn type_into(host: &web_sys::HtmlElement, testid: &str, value: &str) {
    let input: web_sys::HtmlInputElement = find(host, testid).unchecked_into();
    input.set_value(value);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn app_shows_every_strategy_and_the_default_cluster() {
    let host = mount_app();
    tick().await;
    assert_eq!(text_of(&host, "title"), "kafka-expose");
    assert!(text_of(&host, "tagline").contains("outside the cluster"));
    assert_eq!(
        count(&host, "[data-testid^='strategy-']"),
        kafka_expose::config::StrategyId::ALL.len() as u32
    );
    assert_eq!(count(&host, "[data-testid^='pod-']"), 3);
    assert!(text_of(&host, "pod-1").contains("kafka-1.broker.kafka.svc.cluster.local"));
    assert!(text_of(&host, "walkthrough-outcome").contains("Every broker is reachable (3 of 3)"));
    host.remove();
}

#[wasm_bindgen_test]
async fn a_bad_name_is_explained_beside_the_field_and_blocks_downloads() {
    let host = mount_app();
    tick().await;
    type_into(&host, "field-name", "Kafka");
    tick().await;
    assert!(text_of(&host, "messages-name").contains("use lower case"));
    let download: web_sys::HtmlButtonElement = find(&host, "download-all").unchecked_into();
    assert!(download.disabled());
    assert!(text_of(&host, "downloads-disabled").contains("name"));
    type_into(&host, "field-name", "events");
    tick().await;
    assert!(!download.disabled());
    let pod = text_of(&host, "pod-0");
    assert!(pod.contains("events-0.broker.kafka.svc.cluster.local"), "{pod}");
    host.remove();
}

#[wasm_bindgen_test]
async fn choosing_a_failing_strategy_explains_why_and_the_walkthrough_fails() {
    let host = mount_app();
    tick().await;
    let card: web_sys::HtmlElement = find(&host, "strategy-externalname").unchecked_into();
    card.click();
    tick().await;
    assert_eq!(card.get_attribute("aria-checked").as_deref(), Some("true"));
    assert!(text_of(&host, "why-it-fails").contains("only a DNS CNAME"));
    assert!(text_of(&host, "walkthrough-outcome").contains("3 of 3 brokers cannot be reached"));
    assert!(count(&host, "polyline.client-fail") >= 3);
    host.remove();
}

/// Adding or removing a broker moves the boxes below it; every pod must still be drawn inside its
/// node's box, apart from the others.
#[wasm_bindgen_test]
async fn pods_stay_inside_their_nodes_as_brokers_come_and_go() {
    let host = mount_app();
    tick().await;
    // The box's outline: its text may run past it.
    let rect = |testid: String| {
        find(&host, &testid)
            .query_selector("rect")
            .unwrap()
            .expect("a box has a rect")
            .get_bounding_client_rect()
    };
    for replicas in [7u32, 4, 8, 5] {
        type_into(&host, "field-replicas", &replicas.to_string());
        tick().await;
        assert_eq!(count(&host, "[data-testid^='pod-']"), replicas);
        let mut bottoms = std::collections::BTreeMap::new();
        for i in 0..replicas {
            let (pod, node) = (rect(format!("pod-{i}")), rect(format!("node-{}", i % 3)));
            assert!(pod.height() > 0.0, "pod-{i} is drawn");
            assert!(
                pod.top() >= node.top()
                    && pod.bottom() <= node.bottom()
                    && pod.left() >= node.left()
                    && pod.right() <= node.right(),
                "with {replicas} brokers pod-{i} ({}..{}) is outside node-{} ({}..{})",
                pod.top(),
                pod.bottom(),
                i % 3,
                node.top(),
                node.bottom()
            );
            // Pods of one node are stacked in ordinal order, without overlapping.
            if let Some(previous) = bottoms.insert(i % 3, pod.bottom()) {
                assert!(pod.top() >= previous, "with {replicas} brokers pod-{i} overlaps the pod above it");
            }
        }
    }
    host.remove();
}
