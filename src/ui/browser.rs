//! Browser glue: the URL fragment, localStorage, downloads, the clipboard, reading a chosen file,
//! keyboard focus, performance marks. The only UI code that touches web-sys, js-sys or gloo.

use gloo::storage::{LocalStorage, Storage};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The localStorage key of the last config.
const STORAGE_KEY: &str = "kafka-expose.config";
/// The localStorage key of the unfinished number fields saved with it.
const DRAFTS_KEY: &str = "kafka-expose.drafts";
const DOCTOR_KEY: &str = "kafka-expose.doctor";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// Moves keyboard focus to the element with this id, if it is on the page.
pub fn focus(id: &str) {
    focus_first(&[id.to_string()]);
}

/// Moves keyboard focus to the first of these elements that is on the page (the browser scrolls
/// it into view); `false` when none is.
pub fn focus_first(ids: &[String]) -> bool {
    let Some(document) = window().and_then(|w| w.document()) else { return false };
    let found = ids.iter().find_map(|id| document.get_element_by_id(id));
    let Some(element) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) else { return false };
    // A field in a closed <details> cannot take the focus: open it first, and any it is in.
    while let Ok(Some(details)) = element.closest("details:not([open])") {
        let _ = details.set_attribute("open", "");
    }
    // Land it at the top of the screen: every section above is laid out for real first (they are
    // lazily rendered, at an estimated height, style/main.css), which focusing alone would leave
    // to move it after the scroll. Once what the jump set loading (the doctor, the files) has
    // come, it is aligned again, unless the reader has scrolled on.
    let root = document.document_element();
    if let Some(root) = &root {
        let _ = root.set_attribute("data-landing", "");
    }
    let focused = element.focus().is_ok();
    element.scroll_into_view();
    let landed = window().and_then(|w| w.scroll_y().ok());
    leptos::prelude::set_timeout(
        move || {
            if window().and_then(|w| w.scroll_y().ok()) == landed {
                element.scroll_into_view();
            }
            if let Some(root) = root {
                let _ = root.remove_attribute("data-landing");
            }
        },
        std::time::Duration::from_millis(700),
    );
    focused
}

/// The URL fragment, without `#`.
pub fn fragment() -> String {
    window().and_then(|w| w.location().hash().ok()).unwrap_or_default().trim_start_matches('#').to_string()
}

/// Replaces the URL fragment without adding a history entry or scrolling. Nothing is written when
/// the URL has it already (a link just opened): a replaceState can make Chromium lay the page out.
pub fn set_fragment(fragment: &str) {
    if self::fragment() == fragment {
        return;
    }
    if let Some(window) = window() {
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{fragment}")));
        }
    }
}

/// The page's address with this fragment: the share link.
pub fn link_with_fragment(fragment: &str) -> String {
    let href = window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    format!("{base}#{fragment}")
}

/// The saved config's text, if any.
pub fn saved() -> Option<String> {
    stored(STORAGE_KEY)
}

/// Saves the config's text.
pub fn save(text: &str) {
    store(STORAGE_KEY, text);
}

/// The saved unfinished fields' text, if any.
pub fn saved_drafts() -> Option<String> {
    stored(DRAFTS_KEY)
}

/// Saves the unfinished fields' text beside the config.
pub fn save_drafts(text: &str) {
    store(DRAFTS_KEY, text);
}

/// The doctor's pasted texts, if saved: kept in this browser only, never in a link.
pub fn saved_doctor() -> Option<String> {
    stored(DOCTOR_KEY)
}

/// Saves the doctor's pasted texts; `None` forgets them (nothing pasted: nothing to restore, and
/// no reason to fetch the doctor when the page opens again).
pub fn save_doctor(text: Option<&str>) {
    match text {
        Some(text) => store(DOCTOR_KEY, text),
        None => {
            let _ = LocalStorage::raw().remove_item(DOCTOR_KEY);
        }
    }
}

fn stored(key: &str) -> Option<String> {
    LocalStorage::raw().get_item(key).ok().flatten()
}

/// A full or forbidden storage is not fatal.
fn store(key: &str, text: &str) {
    let _ = LocalStorage::raw().set_item(key, text);
}

/// Offers bytes to the user as a downloaded file.
pub fn download(name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    let fail = |e: JsValue| format!("the browser refused the download: {e:?}");
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = window().and_then(|w| w.document()).ok_or("no document")?;
    let anchor: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(fail)?.dyn_into().map_err(|_| "no anchor element")?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Copies text to the clipboard; `done` hears whether it worked.
pub fn copy(text: &str, done: impl Fn(bool) + 'static) {
    let Some(clipboard) = window().map(|w| w.navigator().clipboard()) else {
        return done(false);
    };
    let promise = clipboard.write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

/// Reads the first file chosen in a file input as text.
pub async fn read_chosen_file(input: &web_sys::HtmlInputElement) -> Result<String, String> {
    let file = input.files().and_then(|files| files.get(0)).ok_or("no file chosen")?;
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|_| format!("{} could not be read", file.name()))?;
    text.as_string().ok_or_else(|| format!("{} is not text", file.name()))
}

/// Sets the performance mark `name` now.
pub fn mark(name: &str) {
    if let Some(performance) = window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// Sets the performance mark `name` once what is in the DOM now is on screen: the next frame
/// (an animation frame callback runs before that frame's layout and paint), then a task, which
/// runs after the frame is painted.
pub fn mark_after_paint(name: &'static str) {
    let Some(window) = window() else { return };
    let after_paint = Closure::once_into_js(move || mark(name));
    let next_frame = Closure::once_into_js(move || {
        if let Some(window) = web_sys::window() {
            let _ =
                window.set_timeout_with_callback_and_timeout_and_arguments_0(after_paint.unchecked_ref(), 0);
        }
    });
    let _ = window.request_animation_frame(next_frame.unchecked_ref());
}

/// The id of the prerendered view that `make build` writes into `index.html`.
const PRERENDERED: &str = "prerendered";
/// The id of the element the app builds itself in while the prerendered view is shown.
const APP_HOST: &str = "app";

/// Over a prerendered view: a hidden element at the end of the body for the app to build itself
/// in. `None` without one (`trunk serve`, the in-browser tests): the app mounts as it is.
pub fn app_host() -> Option<web_sys::HtmlElement> {
    let document = gloo::utils::document();
    document.get_element_by_id(PRERENDERED)?;
    let host: web_sys::HtmlElement = document.create_element("div").ok()?.unchecked_into();
    host.set_id(APP_HOST);
    host.set_class_name("app");
    host.set_hidden(true);
    document.body()?.append_child(&host).ok()?;
    Some(host)
}

/// Whether the app is building itself behind a prerendered view.
pub fn behind_prerendered() -> bool {
    gloo::utils::document().get_element_by_id(APP_HOST).is_some_and(|e| e.has_attribute("hidden"))
}

/// Shows the app in place of the prerendered view, in one task.
pub fn take_over() {
    let document = gloo::utils::document();
    if let Some(snapshot) = document.get_element_by_id(PRERENDERED) {
        snapshot.remove();
    }
    if let Some(host) = document.get_element_by_id(APP_HOST) {
        let _ = host.remove_attribute("hidden");
    }
    document.document_element().map(|root| root.class_list().remove_1("restoring"));
}

/// The element the doctor's module mounts in: the page keeps it, busy, until then.
const DOCTOR_HOST: &str = "doctor-app";
/// The event that asks public/boot.js to fetch and start the doctor's module (once).
const WANT_DOCTOR: &str = "kafka-expose:doctor";

/// Asks for the doctor's module; it mounts itself when it has arrived (at once if it has).
pub fn want_doctor() {
    let Some(window) = window() else { return };
    if let Ok(event) = web_sys::Event::new(WANT_DOCTOR) {
        let _ = window.dispatch_event(&event);
    }
}

/// The place the page keeps for the doctor's module, if it has one.
fn doctor_place() -> Option<web_sys::Element> {
    gloo::utils::document().get_element_by_id(DOCTOR_HOST)
}

/// Runs `f` once, when the doctor's place comes within a screen's height of the viewport.
pub fn when_doctor_near(f: impl FnOnce() + 'static) {
    if let Some(host) = doctor_place() {
        when_near(&host, f);
    }
}

/// Runs `f` once, when `element` comes within a screen's height of the viewport.
pub fn when_near(element: &web_sys::Element, f: impl FnOnce() + 'static) {
    let f = std::cell::Cell::new(Some(f));
    let callback = Closure::<dyn Fn(js_sys::Array, web_sys::IntersectionObserver)>::new(
        move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
            let near = entries
                .iter()
                .any(|e| e.unchecked_into::<web_sys::IntersectionObserverEntry>().is_intersecting());
            if near {
                observer.disconnect();
                if let Some(f) = f.take() {
                    f();
                }
            }
        },
    );
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin("100% 0px");
    if let Ok(observer) =
        web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options)
    {
        observer.observe(element);
    }
    callback.forget();
}

/// The event that asks public/boot.js to fetch and start the files' module (once).
const WANT_FILES: &str = "kafka-expose:files";

/// Where the files' module stands: fetched when the files are wanted (src/files_main.rs).
#[derive(Clone, Debug, PartialEq)]
pub enum FilesModule {
    NotWanted,
    Loading,
    Ready,
    /// Why it could not be loaded.
    Failed(String),
}

/// Asks for the files' module; `changed` hears when it is ready or has failed (at once if it is
/// already here).
pub fn want_files(changed: impl Fn(FilesModule) + 'static) {
    let Some(window) = window() else { return };
    if files_module().is_some() {
        changed(FilesModule::Ready);
        return;
    }
    let changed = std::rc::Rc::new(changed);
    let listen = |name: &str, f: Box<dyn Fn(web_sys::Event)>| {
        let callback = Closure::<dyn Fn(web_sys::Event)>::new(f);
        let _ = window.add_event_listener_with_callback(name, callback.as_ref().unchecked_ref());
        callback.forget();
    };
    let ready = changed.clone();
    listen(crate::naming::FILES_READY_EVENT, Box::new(move |_| ready(FilesModule::Ready)));
    listen(
        crate::naming::FILES_FAILED_EVENT,
        Box::new(move |event| {
            let why = js_sys::Reflect::get(&event, &"detail".into()).ok().and_then(|d| d.as_string());
            changed(FilesModule::Failed(why.unwrap_or_default()))
        }),
    );
    if let Ok(event) = web_sys::Event::new(WANT_FILES) {
        let _ = window.dispatch_event(&event);
    }
}

/// The files' module's functions, once it has registered them.
fn files_module() -> Option<JsValue> {
    js_sys::Reflect::get(&js_sys::global(), &crate::naming::FILES_GLOBAL.into())
        .ok()
        .filter(JsValue::is_object)
}

/// Calls one function of the files' module with the config (JSON) and a second argument.
fn call_files(function: &str, config: &str, argument: &str) -> Result<JsValue, String> {
    let module = files_module().ok_or("The files' module has not arrived yet.")?;
    let function: js_sys::Function = js_sys::Reflect::get(&module, &function.into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or("The files' module is not this page's.")?;
    function
        .call2(&JsValue::NULL, &config.into(), &argument.into())
        .map_err(|e| e.as_string().unwrap_or_else(|| "The files could not be written.".into()))
}

/// The text of one file of the config (as JSON), from the files' module.
pub fn file_text(config: &str, name: &str) -> Result<String, String> {
    call_files(crate::naming::FILES_TEXT, config, name)?.as_string().ok_or_else(|| "Not a text.".into())
}

/// Every file of the config (as JSON) as a ZIP archive with its files in `folder`, from the files'
/// module.
pub fn files_zip(config: &str, folder: &str) -> Result<Vec<u8>, String> {
    let bytes = call_files(crate::naming::FILES_ZIP, config, folder)?;
    bytes.dyn_into::<js_sys::Uint8Array>().map(|b| b.to_vec()).map_err(|_| "Not an archive.".into())
}

/// From the files' module: without a config, the primer as HTML in two parts (`primer::html`);
/// with one (JSON), its addresses in that config's values, which go between them.
pub fn primer_blocks(config: Option<&str>) -> Result<Vec<String>, String> {
    let module = files_module().ok_or("The files' module has not arrived yet.")?;
    let function: js_sys::Function = js_sys::Reflect::get(&module, &crate::naming::FILES_PRIMER.into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or("The files' module is not this page's.")?;
    let blocks = function
        .call1(&JsValue::NULL, &config.into())
        .map_err(|_| "The primer could not be read.".to_string())?;
    let blocks: js_sys::Array = blocks.dyn_into().map_err(|_| "Not a list.".to_string())?;
    Ok(blocks.iter().filter_map(|b| b.as_string()).collect())
}

/// The doctor's place on the page, no longer busy: `None` if the page has none.
pub fn doctor_host() -> Option<web_sys::HtmlElement> {
    let host = doctor_place()?;
    let _ = host.remove_attribute("aria-busy");
    Some(host.unchecked_into())
}

/// What the page hands the doctor on its place: `data-config`, the config's share-link fragment
/// as last saved; `data-pasted`, what the link the page was opened with carried for the doctor.
pub fn doctor_data(name: &str) -> Option<String> {
    doctor_place()?.get_attribute(name)
}

/// Opens a share-link fragment as if the user had followed the link: a history entry, so Back
/// returns to the config before (`on_hash_change` hears it). That entry must name the config it
/// showed: a first visit keeps its bare address, and after a reload the page writes its link into
/// the address only a little later (the start comes in parts), so a bare address gets the page's
/// link first (`data-config`, the config as last saved). Without it, Back returned to a bare
/// address, which names no config, and the page stayed on the opened one.
pub fn open_fragment(fragment: &str) {
    let Some(window) = window() else { return };
    let bare = window.location().hash().map_or(true, |hash| hash.len() <= 1);
    if let (true, Some(current), Ok(history)) =
        (bare, doctor_data("data-config").filter(|c| !c.is_empty()), window.history())
    {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{current}")));
    }
    let _ = window.location().set_hash(fragment);
}

/// Runs `f` with the new fragment (without `#`) whenever the user or the doctor changes it.
pub fn on_hash_change(f: impl Fn(String) + 'static) {
    let Some(window) = window() else { return };
    let callback = Closure::<dyn Fn()>::new(move || f(fragment()));
    let _ = window.add_event_listener_with_callback("hashchange", callback.as_ref().unchecked_ref());
    callback.forget();
}

/// Runs `f` when the page is left or reloaded (`pagehide`).
pub fn on_leave(f: impl Fn() + 'static) {
    let Some(window) = window() else { return };
    let callback = Closure::<dyn Fn()>::new(f);
    let _ = window.add_event_listener_with_callback("pagehide", callback.as_ref().unchecked_ref());
    callback.forget();
}

/// Whether the media query matches now; `changed` hears every change after that.
pub fn watch_media(query: &str, changed: impl Fn(bool) + 'static) -> bool {
    let Some(list) = window().and_then(|w| w.match_media(query).ok().flatten()) else { return false };
    let matches = list.matches();
    let watched = list.clone();
    let callback = Closure::<dyn Fn()>::new(move || changed(watched.matches()));
    let _ = list.add_event_listener_with_callback("change", callback.as_ref().unchecked_ref());
    callback.forget();
    matches
}

/// Sixteen random bytes from the browser's cryptographic generator (zeros if it has none).
pub fn random_bytes() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    if let Some(crypto) = window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    bytes
}
