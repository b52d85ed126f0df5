//! Presets, import and export of the config file, and the share link.

use super::app::use_state;
use super::browser;
use crate::format;
use crate::presets::PRESETS;
use crate::share;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Toolbar() -> impl IntoView {
    let state = use_state();
    let import_message = RwSignal::new(None::<String>);
    let share_status = RwSignal::new(String::new());
    let file_input = NodeRef::<leptos::html::Input>::new();
    let link = Memo::new(move |_| state.fragment.with(|f| browser::link_with_fragment(f)));
    let import = move |_| {
        let Some(input) = file_input.get() else { return };
        spawn_local(async move {
            let result = browser::read_chosen_file(&input).await.and_then(|text| {
                format::parse_config(&text)
                    .map_err(|e| format!("This file is not a kafka-expose config: {e}"))
            });
            match result {
                Ok(config) => {
                    state.replace(config);
                    import_message.set(Some("Imported.".into()));
                }
                Err(message) => import_message.set(Some(message)),
            }
            input.set_value("");
        });
    };
    view! {
        <nav class="toolbar" aria-label="Presets and sharing">
            <div class="presets">
                <span class="toolbar-label">"Start from:"</span>
                {PRESETS
                    .iter()
                    .map(|preset| {
                        let make = preset.config;
                        view! {
                            <button
                                type="button"
                                title=preset.description
                                data-testid=format!("preset-{}", preset.id)
                                on:click=move |_| state.replace(make())
                            >
                                {preset.title}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <div class="config-file">
                <label class="button" for="import-config">"Import config…"</label>
                <input
                    id="import-config"
                    class="visually-hidden"
                    type="file"
                    accept=".json,.yaml,.yml,application/json"
                    data-testid="import"
                    node_ref=file_input
                    on:change=import
                />
                <button
                    type="button"
                    data-testid="export"
                    on:click=move |_| {
                        let text = state.config.with(format::to_json);
                        if let Err(e) = browser::download("kafka-expose.json", text.as_bytes(), "application/json") {
                            import_message.set(Some(e));
                        }
                    }
                >
                    "Export config"
                </button>
                <button
                    type="button"
                    data-testid="copy-link"
                    on:click=move |_| {
                        // The config as it is now, even within the pause before it is saved.
                        browser::copy(
                            &browser::link_with_fragment(&state.config.with_untracked(share::encode)),
                            move |ok| share_status.set(if ok { "Link copied.".into() } else { "Copy the link from the address bar.".into() }),
                        )
                    }
                >
                    "Copy share link"
                </button>
                <span class="status" role="status" data-testid="share-status">{move || share_status.get()}</span>
                <span class="status" role="status" data-testid="import-message">{move || import_message.get()}</span>
            </div>
            <input class="share-link" readonly aria-label="Share link" data-testid="share-link" prop:value=move || link.get() />
        </nav>
    }
}
