//! The chosen strategy's explanation, and the primer on Service types and advertised listeners.

use super::app::use_state;
use super::strategy_picker::outcome_class;
use crate::primer;
use crate::strategy;
use leptos::prelude::*;

#[component]
pub fn Explanation() -> impl IntoView {
    let state = use_state();
    let info = Memo::new(move |_| *strategy::strategy(state.config.with(|c| c.strategy)).info());
    // The text in the user's values: names, addresses and ports as they are configured.
    let fill = move |text: &'static str| state.config.with(|c| strategy::in_your_values(text, c));
    view! {
        <article class="explanation" data-testid="explanation">
            {move || {
                let info = info.get();
                let e = info.explanation;
                view! {
                    <h2>
                        {info.title} " "
                        <span class=format!("verdict {}", outcome_class(info.verdict.outcome)) data-testid="verdict">
                            {info.verdict.text}
                        </span>
                    </h2>
                    {e.why_it_fails.map(|why| view! {
                        <div class="why-fails" data-testid="why-it-fails">
                            <h3>"Why it fails"</h3>
                            <p>{why}</p>
                        </div>
                    })}
                    <h3>"How traffic flows"</h3>
                    <p>{fill(e.flow)}</p>
                    <h3>"What it requires"</h3>
                    <p>{fill(e.requires)}</p>
                    <h3>"Costs and limits"</h3>
                    <p>{fill(e.costs)}</p>
                    <h3>"When to choose it"</h3>
                    <p>{fill(e.choose_when)}</p>
                }
            }}
        </article>
    }
}

#[component]
pub fn Primer() -> impl IntoView {
    view! {
        <section class="primer" aria-labelledby="primer-title">
            <h2 id="primer-title" tabindex="-1">"Primer: Services and advertised listeners"</h2>
            <dl>{terms(&primer::SERVICE_TYPES)}</dl>
            <h3>"How Kafka decides where clients connect"</h3>
            <p>{primer::ADVERTISED_LISTENERS}</p>
            <h3>"A node's addresses, inside and outside"</h3>
            <dl data-testid="primer-addresses">{terms(&primer::NODE_ADDRESSES)}</dl>
            <h3>"KRaft controllers"</h3>
            <dl data-testid="primer-topology">{terms(&primer::TOPOLOGY)}</dl>
            <h3>"TLS and SCRAM on the exposed listener"</h3>
            <dl data-testid="primer-security">{terms(&primer::SECURITY)}</dl>
        </section>
    }
}

/// A glossary's terms and their explanations, for a `<dl>`.
fn terms(list: &'static [(&'static str, &'static str)]) -> impl IntoView {
    list.iter()
        .map(|(term, text)| {
            view! {
                <dt>{*term}</dt>
                <dd>{*text}</dd>
            }
        })
        .collect_view()
}
