//! The generated files: one tab each, copy and download each, or all of them as one archive.

use super::app::use_state;
use super::browser::{self, FilesModule};
use super::fields::ErrorLinks;
use super::roving;
use crate::bundle::MANIFESTS;
use crate::format;
use leptos::prelude::*;

/// The folder "Download all" puts the files in.
const FOLDER: &str = "kafka-expose";

/// Where the files' module stands for a section that reads it, and how to ask for it: asked for
/// once the section comes near the screen, or when `want` is called (at most once either way).
pub(super) fn files_module_near(
    section: NodeRef<leptos::html::Section>,
) -> (RwSignal<FilesModule>, impl Fn() + Copy + Send + Sync + 'static) {
    let module = RwSignal::new(FilesModule::NotWanted);
    let want = move || {
        if module.get_untracked() == FilesModule::NotWanted {
            module.set(FilesModule::Loading);
            browser::want_files(move |m| module.set(m));
        }
    };
    Effect::new(move |_| {
        if let Some(section) = section.get() {
            browser::when_near(&section, want);
        }
    });
    (module, want)
}

/// What the file panel shows.
#[derive(Clone, Debug, PartialEq)]
enum Shown {
    /// The files' module is on its way.
    Waiting,
    Text(String),
    /// Why there is no text.
    Failed(String),
}

#[component]
pub fn Output() -> impl IntoView {
    let state = use_state();
    // The open file: the share link carries it.
    let tab = state.file;
    let status = RwSignal::new(String::new());
    // The files' text comes from a module of its own, fetched once the files come near the screen
    // or a file is asked for: most of the page's first download was the code that writes them.
    let section = NodeRef::<leptos::html::Section>::new();
    let (module, want) = files_module_near(section);
    // The config the files are of, in its file format: what the files' module reads.
    let config = Memo::new(move |_| state.shown.with(|v| v.as_ref().map(|v| format::to_json(v.config()))));
    let names =
        Memo::new(move |_| state.generated.with(|g| g.as_ref().map(|g| g.files.clone())).unwrap_or_default());
    // The chosen file, or manifests.yaml once the chosen one is gone (fewer brokers).
    let current = Memo::new(move |_| {
        let chosen = tab.get();
        if names.with(|n| n.contains(&chosen)) {
            chosen
        } else {
            MANIFESTS.to_string()
        }
    });
    let contents = Memo::new(move |_| match module.get() {
        FilesModule::Ready => config.with(|config| match config {
            Some(config) => {
                browser::file_text(config, &current.get()).map_or_else(Shown::Failed, Shown::Text)
            }
            None => Shown::Text(String::new()),
        }),
        FilesModule::Failed(why) => {
            Shown::Failed(format!("The files could not be loaded ({why}). Reload the page to try again."))
        }
        FilesModule::NotWanted | FilesModule::Loading => Shown::Waiting,
    });
    let text = move || contents.with(|c| if let Shown::Text(text) = c { Some(text.clone()) } else { None });
    let ready = move || contents.with(|c| matches!(c, Shown::Text(_)));
    // Arrow keys show the next or previous file and follow it with the focus.
    let tab_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let next = names.with_untracked(|names| {
            let at = current.with_untracked(|c| names.iter().position(|n| n == c)).unwrap_or(0);
            roving::step(&ev.key(), at, names.len()).map(|next| names[next].clone())
        });
        if let Some(next) = next {
            ev.prevent_default();
            browser::focus(&tab_id(&next));
            tab.set(next);
        }
    };
    // "Download all" pressed before the files' module has arrived downloads once it has.
    let zip_wanted = RwSignal::new(false);
    Effect::new(move |_| {
        let module = module.get();
        if !zip_wanted.get() || module == FilesModule::Loading {
            return;
        }
        zip_wanted.set(false);
        let zip = config.with_untracked(|c| c.as_deref().map(|c| browser::files_zip(c, FOLDER)));
        let result = match (module, zip) {
            (FilesModule::Failed(why), _) => Err(format!("The files could not be loaded ({why}).")),
            (_, Some(Ok(zip))) => browser::download(&format!("{FOLDER}.zip"), &zip, "application/zip"),
            (_, Some(Err(why))) => Err(why),
            (_, None) => Ok(()),
        };
        status.set(result.err().unwrap_or_default());
    });
    let download_all = move |_| {
        want();
        zip_wanted.set(true);
    };
    view! {
        <section class="output" aria-labelledby="output-title" node_ref=section>
            <h2 id="output-title" tabindex="-1">"Files"</h2>
            <div class="output-actions">
                <button
                    type="button"
                    class="primary"
                    data-testid="download-all"
                    disabled=move || state.generated.with(Option::is_none) || state.stale.get()
                    on:click=download_all
                >
                    "Download all (.zip)"
                </button>
                <span class="status" role="status" data-testid="output-status">{move || status.get()}</span>
            </div>
            {notice(
                "files-warning",
                "These files deploy Kafka, but a client outside the cluster cannot use it. ",
                |g| g.outside.failure_summary(),
                ". See the walkthrough, and choose a strategy that works.",
            )}
            {notice(
                "files-examples",
                "Replace the example addresses first: ",
                |g| crate::walkthrough::replace_first(&g.examples.iter().map(String::as_str).collect::<Vec<_>>()),
                " in the form above (the files' first lines say so too).",
            )}
            <NextSteps />
            <Show when=move || state.validation.with(Result::is_err)>
                <div class="blocked" data-testid="downloads-disabled">
                    <p>"Downloads are disabled until these are fixed; the files below are from your last valid settings:"</p>
                    <ErrorLinks testid="output-error-links" />
                </div>
            </Show>
            <Show when=move || state.generated.with(Option::is_some)>
                <div class="tabs" role="tablist" aria-label="Generated files" on:keydown=tab_keydown>
                    <For each=move || names.get() key=|name| name.clone() let:name>
                        <FileTab name=name current=current tab=tab want=want />
                    </For>
                </div>
                <div class="file" class:stale=move || state.stale.get() role="tabpanel" aria-label=current>
                    <div class="file-actions">
                        <button
                            type="button"
                            data-testid="copy-file"
                            disabled=move || state.stale.get() || !ready()
                            on:click=move |_| {
                                browser::copy(
                                    &text().unwrap_or_default(),
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
                            disabled=move || state.stale.get() || !ready()
                            on:click=move |_| {
                                let result = browser::download(
                                    &current.get_untracked(),
                                    text().unwrap_or_default().as_bytes(),
                                    "text/plain",
                                );
                                status.set(result.err().unwrap_or_default());
                            }
                        >
                            {move || format!("Download {}", current.get())}
                        </button>
                    </div>
                    <pre
                        data-testid="file-content"
                        tabindex="0"
                        aria-busy=move || (contents.with(|c| *c == Shown::Waiting)).to_string()
                    >
                        <code>
                            {move || match contents.get() {
                                Shown::Text(text) | Shown::Failed(text) => text,
                                Shown::Waiting => "Writing the files…".to_string(),
                            }}
                        </code>
                    </pre>
                </div>
            </Show>
        </section>
    }
}

/// A notice above the files when `what` has something to say of them: its class (also its test
/// id), its lead in bold, what, and how it ends.
fn notice(
    class: &'static str,
    lead: &'static str,
    what: fn(&crate::bundle::Generated) -> Option<String>,
    end: &'static str,
) -> impl IntoView {
    let state = use_state();
    // The paragraph is built when it appears; a change of its text rewrites the text alone.
    let text = Memo::new(move |_| state.generated.with(|g| g.as_ref().and_then(what)));
    let shown = Memo::new(move |_| text.with(Option::is_some));
    move || {
        shown.get().then(|| {
            view! {
                <p class=class data-testid=class>
                    <strong>{lead}</strong>
                    {move || text.get().unwrap_or_default()}
                    {end}
                </p>
            }
        })
    }
}

/// One file's tab.
#[component]
fn FileTab(
    name: String,
    current: Memo<String>,
    tab: RwSignal<String>,
    want: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let selected = {
        let name = name.clone();
        move || current.with(|c| *c == name)
    };
    let testid = format!("tab-{name}");
    let label = name.clone();
    view! {
        <button
            type="button"
            role="tab"
            id=tab_id(&name)
            class="tab"
            class:selected=selected.clone()
            aria-selected={
                let selected = selected.clone();
                move || selected().to_string()
            }
            tabindex=move || roving::tab_index(selected())
            data-testid=testid
            on:click=move |_| {
                want();
                tab.set(name.clone())
            }
        >
            {label}
        </button>
    }
}

/// The DOM id of a file's tab.
fn tab_id(name: &str) -> String {
    format!("file-tab-{name}")
}

/// Steps as list items: what each does, then its command.
pub(super) fn step_items(steps: Vec<crate::bundle::Step>) -> impl IntoView {
    steps
        .into_iter()
        .map(|step| {
            let command = (!step.command.is_empty()).then(|| view! { ": " <code>{step.command}</code> });
            view! { <li>{step.what} {command}</li> }
        })
        .collect_view()
}

/// What to do with the files, in the user's own names.
#[component]
fn NextSteps() -> impl IntoView {
    let state = use_state();
    let before = Memo::new(move |_| {
        state.generated.with(|g| g.as_ref().map(|g| g.before.clone())).unwrap_or_default()
    });
    let steps =
        Memo::new(move |_| state.generated.with(|g| g.as_ref().map(|g| g.steps.clone())).unwrap_or_default());
    let later =
        Memo::new(move |_| state.generated.with(|g| g.as_ref().map(|g| g.later.clone())).unwrap_or_default());
    view! {
        <div class="next-steps" data-testid="next-steps">
            <h3>"Before you apply"</h3>
            <ul data-testid="before-apply">{move || step_items(before.get())}</ul>
            <h3>"Then"</h3>
            <ol>{move || step_items(steps.get())}</ol>
            <Show when=move || !later.with(Vec::is_empty)>
                <h3>"Later, on the running cluster"</h3>
                <ul data-testid="later-steps">{move || step_items(later.get())}</ul>
            </Show>
            <p class="hint">
                "manifests.yaml holds every object, and start.sh is in its ConfigMap. The \
                 server-<i>.properties files are previews of what start.sh writes in each broker's \
                 pod when it starts, from the pod's ordinal and node: you do not apply them."
            </p>
        </div>
    }
}
