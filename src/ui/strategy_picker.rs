//! Every strategy as a card: its name, its verdict, what it needs.

use super::app::use_state;
use crate::strategy::{self, Outcome};
use leptos::prelude::*;

/// The CSS class of a verdict.
pub fn outcome_class(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Works => "works",
        Outcome::WorksWithLimits => "limits",
        Outcome::Fails => "fails",
        Outcome::ExposesNothing => "nothing",
    }
}

#[component]
pub fn StrategyPicker() -> impl IntoView {
    let state = use_state();
    view! {
        <section class="strategies" aria-labelledby="strategies-title">
            <h2 id="strategies-title">"Exposure strategy"</h2>
            <div class="cards" role="radiogroup" aria-labelledby="strategies-title">
                {strategy::all()
                    .map(|s| {
                        let info = s.info();
                        let id = info.id;
                        let chosen = move || state.config.with(|c| c.strategy == id);
                        view! {
                            <button
                                type="button"
                                role="radio"
                                class="card"
                                class:chosen=chosen
                                aria-checked=move || chosen().to_string()
                                data-testid=format!("strategy-{id}")
                                on:click=move |_| state.edit(|c| c.strategy = id)
                            >
                                <span class="card-title">{info.title}</span>
                                <span
                                    class=format!("verdict {}", outcome_class(info.verdict.outcome))
                                    data-testid=format!("verdict-{id}")
                                >
                                    {info.verdict.text}
                                </span>
                                <span class="needs">"Needs: " {info.needs}</span>
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </section>
    }
}
