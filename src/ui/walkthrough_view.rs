//! The connection walkthrough beside the diagram: bootstrap, metadata, then each broker.

use super::app::use_state;
use crate::walkthrough::{describe_hops, Connection, Vantage};
use leptos::prelude::*;

#[component]
pub fn WalkthroughView() -> impl IntoView {
    let state = use_state();
    let radio = move |vantage: Vantage, label: &'static str, testid: &'static str| {
        view! {
            <label class="radio">
                <input
                    type="radio"
                    name="vantage"
                    data-testid=testid
                    prop:checked=move || state.vantage.get() == vantage
                    on:change=move |_| state.vantage.set(vantage)
                />
                {label}
            </label>
        }
    };
    view! {
        <section class="walkthrough" data-testid="walkthrough" aria-labelledby="walkthrough-title">
            <h2 id="walkthrough-title">"Connection walkthrough"</h2>
            <fieldset class="vantage">
                <legend>"Where the client runs"</legend>
                {radio(Vantage::Outside, "Outside the cluster", "vantage-outside")}
                {radio(Vantage::InCluster, "A pod in the cluster", "vantage-inside")}
            </fieldset>
            {move || match state.walkthrough.get() {
                None => view! { <p class="blocked">"Fix the errors in the parameters to walk a client through."</p> }.into_any(),
                Some(w) => {
                    let config = state.config.get_untracked();
                    let total = w.connections.len();
                    let reached = w.connections.iter().filter(|c| c.succeeded()).count();
                    let summary = if w.all_reachable() {
                        format!("Every broker is reachable ({reached} of {total}).")
                    } else {
                        format!("{} of {total} brokers cannot be reached.", total - reached)
                    };
                    let step = |c: &Connection, title: String| {
                        let ok = c.succeeded();
                        let broker = c.broker;
                        let result = match &c.result {
                            Ok((ordinal, listener)) => format!("reached broker {ordinal} on {listener}"),
                            Err(failure) => failure.describe(),
                        };
                        let hops = describe_hops(&c.hops, &config);
                        view! {
                            <li
                                class="step"
                                class:ok=ok
                                class:fail=!ok
                                data-testid="walkthrough-step"
                                data-ok=ok.to_string()
                                tabindex="0"
                                on:mouseenter=move |_| state.selected.set(broker)
                                on:focus=move |_| state.selected.set(broker)
                            >
                                <span class="mark" aria-hidden="true">{if ok { "✓" } else { "✗" }}</span>
                                <span class="step-title">{title}</span>
                                <span class="step-result">{if ok { "succeeds: " } else { "fails: " }}{result}</span>
                                {(!hops.is_empty()).then(|| view! { <span class="hops">{hops}</span> })}
                            </li>
                        }
                    };
                    let bootstrap = w
                        .bootstrap
                        .iter()
                        .map(|c| step(c, format!("Bootstrap: connect to {}", c.address)))
                        .collect_view();
                    let metadata = match &w.metadata {
                        Some((listener, addresses)) => view! {
                            <li class="step ok metadata" data-testid="walkthrough-metadata">
                                <span class="mark" aria-hidden="true">"✓"</span>
                                <span class="step-title">{format!("Metadata: each broker's address on {listener}")}</span>
                                <span class="hops">
                                    {addresses.iter().map(|(i, a)| format!("broker {i} → {a}")).collect::<Vec<_>>().join(", ")}
                                </span>
                            </li>
                        }
                        .into_any(),
                        None => view! {
                            <li class="step fail metadata" data-testid="walkthrough-metadata">
                                <span class="mark" aria-hidden="true">"✗"</span>
                                <span class="step-title">"Metadata: never received, no bootstrap server answered"</span>
                            </li>
                        }
                        .into_any(),
                    };
                    let brokers = w
                        .connections
                        .iter()
                        .map(|c| step(c, format!("Broker {}: connect to {}", c.broker.unwrap_or_default(), c.address)))
                        .collect_view();
                    view! {
                        <p class="outcome" class:ok=w.all_reachable() class:fail=!w.all_reachable() data-testid="walkthrough-outcome">
                            {summary}
                        </p>
                        <ol class="steps" on:mouseleave=move |_| state.selected.set(None)>
                            {bootstrap}
                            {metadata}
                            {brokers}
                        </ol>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}
