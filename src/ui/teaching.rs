//! The chosen strategy's explanation, and the primer on Service types and advertised listeners.

use super::app::use_state;
use super::browser::{self, FilesModule};
use super::strategy_picker::outcome_class;
use crate::strategy;
use leptos::prelude::*;

#[component]
pub fn Explanation() -> impl IntoView {
    let state = use_state();
    let info = Memo::new(move |_| *strategy::strategy(state.config.with(|c| c.strategy)).info());
    // The text in the user's values: names, addresses and ports as they are configured. Each text
    // follows the config on its own: an edit rewrites the texts, not the explanation around them.
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
                    <p>{move || fill(e.flow)}</p>
                    <h3>"What it requires"</h3>
                    <p>{move || fill(e.requires)}</p>
                    <h3>"Costs and limits"</h3>
                    <p>{move || fill(e.costs)}</p>
                    <h3>"When to choose it"</h3>
                    <p>{move || fill(e.choose_when)}</p>
                }
            }}
        </article>
    }
}

#[component]
pub fn Primer() -> impl IntoView {
    let state = use_state();
    // The text comes with the files' module, fetched once the primer comes near the screen (or
    // the files are wanted): a visit that never reads it does not download it. It is this
    // project's own constant text (`primer::html`, escaped there); the config's values stay text.
    let section = NodeRef::<leptos::html::Section>::new();
    let (module, _) = super::output::files_module_near(section);
    // The primer as HTML in two parts, or why it is not here.
    let html = Memo::new(move |_| match module.get() {
        FilesModule::Ready => browser::primer_blocks(None),
        FilesModule::Failed(why) => Err(why),
        FilesModule::NotWanted | FilesModule::Loading => Ok(Vec::new()),
    });
    let part =
        move |i: usize| html.with(|h| h.as_ref().ok().and_then(|h| h.get(i).cloned()).unwrap_or_default());
    // Asked of the module again whenever the config changes, once it is here.
    let yours = move || {
        (module.get() == FilesModule::Ready)
            .then(|| state.config.with(crate::format::to_json))
            .and_then(|config| browser::primer_blocks(Some(&config)).ok()?.pop())
    };
    let failed =
        move || html.with(|h| h.as_ref().err().map(|why| format!("The primer could not be loaded ({why}).")));
    view! {
        <section
            class="primer"
            aria-labelledby="primer-title"
            aria-busy=move || html.with(|h| h.as_ref().is_ok_and(Vec::is_empty)).then_some("true")
            node_ref=section
        >
            <h2 id="primer-title" tabindex="-1">"Primer: Services and advertised listeners"</h2>
            <p class="error" data-testid="primer-failed" hidden=move || failed().is_none()>{failed}</p>
            <div inner_html=move || part(0)></div>
            <p data-testid="primer-your-addresses">{yours}</p>
            <div inner_html=move || part(1)></div>
        </section>
    }
}
