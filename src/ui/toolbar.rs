//! Presets, import and export of the config file, and the share link.

use super::app::use_state;
use super::browser;
use crate::config::{changed_settings, Config};
use crate::format;
use crate::kafka::properties::new_cluster_id;
use crate::presets::PRESETS;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Toolbar() -> impl IntoView {
    let state = use_state();
    let import_message = RwSignal::new(None::<String>);
    let share_status = RwSignal::new(String::new());
    let file_input = NodeRef::<leptos::html::Input>::new();
    // The last preset: its title, what it changed and the config before it, for Undo.
    let undo = RwSignal::new(None::<(&'static str, Vec<&'static str>, Config)>);
    // The config the preset made: the first edit after it retires Undo, which would throw that
    // edit away unseen.
    let made = StoredValue::new(None::<Config>);
    Effect::new(move |_| {
        let edited = state.config.with(|c| made.with_value(|p| p.as_ref().is_some_and(|p| p != c)));
        if edited {
            made.set_value(None);
            undo.set(None);
        }
    });
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
                        let (make, title) = (preset.config, preset.title);
                        view! {
                            <button
                                type="button"
                                title=preset.description
                                data-testid=format!("preset-{}", preset.id)
                                on:click=move |_| {
                                    let before = state.config.get_untracked();
                                    // A preset starts a new cluster: an id of its own.
                                    let mut after = make();
                                    after.kafka.cluster_id = Some(new_cluster_id(browser::random_bytes()));
                                    let changed = changed_settings(&before, &after);
                                    made.set_value(Some(after.clone()));
                                    state.replace(after);
                                    undo.set(Some((title, changed, before)));
                                }
                            >
                                {preset.title}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <div class="config-file">
                // The input comes first, so that its label can show the focus ring it cannot.
                <input
                    id="import-config"
                    class="visually-hidden"
                    type="file"
                    accept=".json,.yaml,.yml,application/json"
                    data-testid="import"
                    node_ref=file_input
                    on:change=import
                />
                <label class="button" for="import-config">"Import config…"</label>
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
                            &browser::link_with_fragment(&state.link_fragment()),
                            move |ok| share_status.set(if ok { "Link copied.".into() } else { "Copy the link from the address bar.".into() }),
                        )
                    }
                >
                    "Copy share link"
                </button>
                <span class="status" role="status" data-testid="share-status">{move || share_status.get()}</span>
                <span class="status" role="status" data-testid="import-message">{move || import_message.get()}</span>
            </div>
            {move || {
                undo.with(|u| {
                    u.as_ref().map(|(title, changed, _)| {
                        let what = match changed.as_slice() {
                            [] => "nothing changed".to_string(),
                            [one] => format!("changed {one}"),
                            [rest @ .., last] => format!("changed {} and {last}", rest.join(", ")),
                        };
                        view! {
                            <p class="preset-changes" role="status" data-testid="preset-changes">
                                {format!("Loaded “{title}”: {what}. ")}
                                <button type="button" data-testid="undo-preset" on:click=move |_| {
                                    if let Some((_, _, before)) = undo.get_untracked() {
                                        state.replace(before);
                                    }
                                    undo.set(None);
                                    made.set_value(None);
                                }>"Undo"</button>
                                <button type="button" class="link" on:click=move |_| undo.set(None)>"Dismiss"</button>
                            </p>
                        }
                    })
                })
            }}
            <input class="share-link" readonly aria-label="Share link" data-testid="share-link" prop:value=move || link.get() />
        </nav>
    }
}
