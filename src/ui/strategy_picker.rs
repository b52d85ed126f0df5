//! Every strategy as a card: its name, its verdict, what it needs.

use super::app::use_state;
use super::{browser, roving};
use crate::config::StrategyId;
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
    // Arrow keys choose the next or previous strategy and follow it with the focus.
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        let ids = StrategyId::ALL;
        let at = ids.iter().position(|&id| state.config.with_untracked(|c| c.strategy == id)).unwrap_or(0);
        if let Some(next) = roving::step(&ev.key(), at, ids.len()) {
            ev.prevent_default();
            state.edit(|c| c.strategy = ids[next]);
            browser::focus(&card_id(ids[next]));
        }
    };
    view! {
        <section class="strategies" aria-labelledby="strategies-title">
            <h2 id="strategies-title">"Exposure strategy"</h2>
            <div class="cards" role="radiogroup" aria-labelledby="strategies-title" on:keydown=keydown>
                {strategy::all()
                    .map(|s| {
                        let info = s.info();
                        let id = info.id;
                        let chosen = move || state.config.with(|c| c.strategy == id);
                        view! {
                            <button
                                type="button"
                                role="radio"
                                id=card_id(id)
                                class="card"
                                class:chosen=chosen
                                aria-checked=move || chosen().to_string()
                                tabindex=move || roving::tab_index(chosen())
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

/// The DOM id of a strategy's card.
fn card_id(id: StrategyId) -> String {
    format!("strategy-card-{id}")
}
