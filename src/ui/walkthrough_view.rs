//! The connection walkthrough beside the diagram: bootstrap, metadata, then each broker.

use super::app::use_state;
use super::app::State;
use crate::config::ClientNetwork;
use crate::sim::route::{Connection, Places, Vantage, Walkthrough};
use crate::walkthrough::describe_hops;
use leptos::prelude::*;

/// One line of the walkthrough, as shown.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) struct Step {
    testid: &'static str,
    pub(super) ok: bool,
    title: String,
    result: Option<String>,
    hops: String,
    broker: Option<u32>,
}

impl Step {
    /// A connection's step; the doctor draws its connections with these too.
    pub(super) fn of(c: &Connection, title: String, places: &Places) -> Step {
        Step {
            testid: "walkthrough-step",
            ok: c.succeeded(),
            title,
            result: Some(c.outcome()),
            hops: describe_hops(&c.hops, places),
            broker: c.broker,
        }
    }
}

/// Every step of a walkthrough: bootstrap, metadata, each broker.
fn steps(w: &Walkthrough) -> Vec<Step> {
    let places = &*w.places;
    let bootstrap =
        w.bootstrap.iter().map(|c| Step::of(c, format!("Bootstrap: connect to {}", c.address), places));
    let metadata = match &w.metadata {
        Some((listener, addresses)) => Step {
            testid: "walkthrough-metadata",
            ok: true,
            title: format!("Metadata: each broker's address on {listener}"),
            result: None,
            hops: addresses.iter().map(|(i, a)| format!("broker {i} → {a}")).collect::<Vec<_>>().join(", "),
            broker: None,
        },
        None => Step {
            testid: "walkthrough-metadata",
            ok: false,
            title: "Metadata: never received, no bootstrap server answered".into(),
            result: None,
            hops: String::new(),
            broker: None,
        },
    };
    let brokers = w.connections.iter().map(|c| {
        Step::of(c, format!("Broker {}: connect to {}", c.broker.unwrap_or_default(), c.address), places)
    });
    bootstrap.chain(std::iter::once(metadata)).chain(brokers).collect()
}

/// Step `i` of the walkthrough: the item stays while there is a step `i`, and follows it, so a
/// change (a namespace typed, every address with it) rewrites texts instead of rebuilding items.
fn draw_step(i: usize, steps: Memo<Vec<Step>>, state: State) -> impl IntoView {
    // The item's own copy of its step: the list's memo has one subscriber per item, not one per
    // text of every item (Leptos removes a subscriber from a list in time linear in its length, so
    // 200 items' texts all re-subscribing to one memo cost some 12 ms a keystroke).
    let item = Memo::new(move |_| steps.with(|s| s.get(i).cloned()));
    let step = move |f: &dyn Fn(&Step) -> Option<String>| item.with(|s| s.as_ref().and_then(f));
    let read = move |f: fn(&Step) -> String| move || step(&|s| Some(f(s))).unwrap_or_default();
    let ok = move || item.with(|s| s.as_ref().is_some_and(|s| s.ok));
    let broker = move || item.with_untracked(|s| s.as_ref().and_then(|s| s.broker));
    view! {
        <li
            class="step"
            class:ok=ok
            class:fail=move || !ok()
            data-testid=move || item.with(|s| s.as_ref().map_or("", |s| s.testid))
            data-ok=move || ok().to_string()
            tabindex="0"
            on:mouseenter=move |_| state.selected.set(broker())
            on:focus=move |_| state.selected.set(broker())
        >
            <span class="mark" aria-hidden="true">{move || if ok() { "✓" } else { "✗" }}</span>
            <span class="step-title">{read(|s| s.title.clone())}</span>
            {move || step(&|s| s.result.clone()).map(|r| view! { <span class="step-result">{r}</span> })}
            {move || {
                step(&|s| Some(s.hops.clone()).filter(|h| !h.is_empty()))
                    .map(|h| view! { <span class="hops">{h}</span> })
            }}
        </li>
    }
}

/// What a step shows inside its list item: its mark, title, result and hops.
pub(super) fn step_parts(s: Step) -> impl IntoView {
    view! {
        <span class="mark" aria-hidden="true">{if s.ok { "✓" } else { "✗" }}</span>
        <span class="step-title">{s.title}</span>
        {s.result.map(|r| view! { <span class="step-result">{r}</span> })}
        {(!s.hops.is_empty()).then(|| view! { <span class="hops">{s.hops}</span> })}
    }
}

#[component]
pub fn WalkthroughView() -> impl IntoView {
    let state = use_state();
    let steps = Memo::new(move |_| state.walkthrough.with(|w| w.as_ref().map(steps).unwrap_or_default()));
    let all_reachable = move || state.walkthrough.with(|w| w.as_ref().map(Walkthrough::all_reachable));
    // Whether the client dials example addresses: the verdict's words and its colour both read it.
    let examples = Memo::new(move |_| {
        state.walkthrough.with(|w| w.as_ref().is_some_and(|w| !w.example_addresses(&[]).is_empty()))
    });
    let summary = move || {
        state.walkthrough.with(|w| {
            let w = w.as_ref()?;
            let total = w.connections.len();
            let reached = w.connections.iter().filter(|c| c.succeeded()).count();
            // While a field has an error, the verdict is the last valid settings', and says so.
            let stale = if state.stale.get() { "Showing your last valid settings: " } else { "" };
            Some(stale.to_string() + &if w.all_reachable() && examples.get() {
                // Not a plain "works": the addresses are placeholders.
                format!("Every broker is reachable ({reached} of {total}) once the example addresses are replaced.")
            } else if w.all_reachable() {
                format!("Every broker is reachable ({reached} of {total}).")
            } else {
                format!("{} of {total} brokers cannot be reached.", total - reached)
            })
        })
    };
    // Outside, the config says on which network (it decides what the files' clients reach, and a
    // share link carries it); a pod is a view of the same files from inside.
    let network = Memo::new(move |_| state.config.with(|c| c.client_network));
    let radio = move |choice: Option<ClientNetwork>, label: &'static str, testid: &'static str| {
        let checked = move || match choice {
            Some(n) => state.vantage.get() == Vantage::Outside && network.get() == n,
            None => state.vantage.get() == Vantage::InCluster,
        };
        view! {
            <label class="radio">
                <input
                    type="radio"
                    name="vantage"
                    data-testid=testid
                    prop:checked=checked
                    on:change=move |_| match choice {
                        Some(n) => {
                            state.vantage.set(Vantage::Outside);
                            if network.get_untracked() != n {
                                state.edit(|c| c.client_network = n);
                            }
                        }
                        None => state.vantage.set(Vantage::InCluster),
                    }
                />
                {label}
            </label>
        }
    };
    view! {
        <section class="walkthrough" data-testid="walkthrough" aria-labelledby="walkthrough-title">
            // Beside the form on a wide screen: the files are a click away from any field.
            <button type="button" class="link to-files" data-testid="to-files" on:click=move |_| super::browser::focus("output-title")>
                "Files and download ↓"
            </button>
            <h2 id="walkthrough-title" tabindex="-1">"Connection walkthrough"</h2>
            <fieldset class="vantage">
                <legend>"Where the client runs"</legend>
                {radio(Some(ClientNetwork::Internet), "Outside, on the internet", "vantage-outside")}
                {radio(Some(ClientNetwork::Nodes), "Outside, on the nodes' network (LAN, VPN)", "vantage-nodes")}
                {radio(None, "A pod in the cluster", "vantage-inside")}
            </fieldset>
            <Show
                when=move || state.walkthrough.with(Option::is_some)
                fallback=|| view! { <p class="blocked">"No walkthrough yet: fix the errors listed above."</p> }
            >
                <p
                    class="outcome"
                    class:ok=move || all_reachable().unwrap_or(false) && !state.stale.get()
                    class:fail=move || !all_reachable().unwrap_or(false)
                    class:examples=examples
                    class:stale=move || state.stale.get()
                    data-testid="walkthrough-outcome"
                    role="status"
                >
                    {summary}
                </p>
                {move || {
                    state
                        .walkthrough
                        .with(|w| w.as_ref().and_then(Walkthrough::assumed_names))
                        .map(|text| view! { <p class="hint" data-testid="walkthrough-assumed">{text}</p> })
                }}
                <ol class="steps" on:mouseleave=move |_| state.selected.set(None)>
                    <For
                        each=move || 0..steps.with(Vec::len)
                        key=|i| *i
                        children=move |i| draw_step(i, steps, state)
                    />
                </ol>
            </Show>
        </section>
    }
}
