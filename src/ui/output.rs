//! The generated files: one tab each, copy and download each, or all of them as one archive.

use super::app::use_state;
use super::browser;
use crate::archive;
use crate::bundle::MANIFESTS;
use leptos::prelude::*;

#[component]
pub fn Output() -> impl IntoView {
    let state = use_state();
    let tab = RwSignal::new(MANIFESTS.to_string());
    let status = RwSignal::new(String::new());
    let download_all = move |_| {
        if let Some(bundle) = state.bundle.get_untracked() {
            let zip = archive::zip(&bundle, "kafka-expose");
            let result = browser::download("kafka-expose.zip", &zip, "application/zip");
            status.set(result.err().unwrap_or_default());
        }
    };
    view! {
        <section class="output" aria-labelledby="output-title">
            <h2 id="output-title">"Files"</h2>
            <div class="output-actions">
                <button
                    type="button"
                    class="primary"
                    data-testid="download-all"
                    disabled=move || state.bundle.with(Option::is_none)
                    on:click=download_all
                >
                    "Download all (.zip)"
                </button>
                <span class="status" role="status" data-testid="output-status">{move || status.get()}</span>
            </div>
            {move || {
                state
                    .blocking_error()
                    .map(|f| {
                        view! {
                            <p class="blocked" data-testid="downloads-disabled">
                                "Downloads are disabled until the errors are fixed. First: "
                                <strong>{f.field}</strong>
                                " — "
                                {f.message}
                            </p>
                        }
                    })
            }}
            {move || {
                state
                    .bundle
                    .get()
                    .map(|bundle| {
                        let names: Vec<String> = bundle.files.iter().map(|f| f.name.clone()).collect();
                        let current = if names.contains(&tab.get()) { tab.get() } else { MANIFESTS.to_string() };
                        let file = bundle.file(&current).cloned();
                        let tabs = names
                            .into_iter()
                            .map(|name| {
                                let selected = name == current;
                                let testid = format!("tab-{name}");
                                let label = name.clone();
                                view! {
                                    <button
                                        type="button"
                                        role="tab"
                                        class="tab"
                                        class:selected=selected
                                        aria-selected=selected.to_string()
                                        data-testid=testid
                                        on:click=move |_| tab.set(name.clone())
                                    >
                                        {label}
                                    </button>
                                }
                            })
                            .collect_view();
                        let (name, contents) = file.map(|f| (f.name, f.contents)).unwrap_or_default();
                        let copy_text = contents.clone();
                        let download_name = name.clone();
                        let download_text = contents.clone();
                        view! {
                            <div class="tabs" role="tablist" aria-label="Generated files">
                                {tabs}
                            </div>
                            <div class="file" role="tabpanel" aria-label=name.clone()>
                                <div class="file-actions">
                                    <button
                                        type="button"
                                        data-testid="copy-file"
                                        on:click=move |_| {
                                            browser::copy(
                                                &copy_text,
                                                move |ok| {
                                                    status
                                                        .set(
                                                            if ok {
                                                                "Copied.".into()
                                                            } else {
                                                                "The browser refused the clipboard: select the text and copy it by hand."
                                                                    .into()
                                                            },
                                                        )
                                                },
                                            )
                                        }
                                    >
                                        "Copy"
                                    </button>
                                    <button
                                        type="button"
                                        data-testid="download-file"
                                        on:click=move |_| {
                                            let result = browser::download(
                                                &download_name,
                                                download_text.as_bytes(),
                                                "text/plain",
                                            );
                                            status.set(result.err().unwrap_or_default());
                                        }
                                    >
                                        {format!("Download {name}")}
                                    </button>
                                </div>
                                <pre data-testid="file-content" tabindex="0"><code>{contents}</code></pre>
                            </div>
                        }
                    })
            }}
        </section>
    }
}
