//! The diagram as inline SVG, drawn from the core's layout; hovering or focusing a broker highlights
//! its paths.

use super::app::{use_state, State};
use crate::diagram::{BoxKind, Diagram, PathKind, CLIENT_X, HEADLESS_X, NODE_X, SERVICE_X};
use leptos::prelude::*;

#[component]
pub fn DiagramView() -> impl IntoView {
    let state = use_state();
    view! {
        <section class="diagram" aria-labelledby="diagram-title">
            <h2 id="diagram-title">"Diagram"</h2>
            <p class="legend">
                <span class="key client-ok">"connection reaches its broker"</span>
                <span class="key client-fail">"connection fails"</span>
                <span class="key internal">"broker to broker (headless DNS)"</span>
            </p>
            {move || match state.diagram.get() {
                None => {
                    view! {
                        <p class="blocked" data-testid="diagram">
                            "Fix the errors in the parameters to see the diagram."
                        </p>
                    }
                        .into_any()
                }
                Some(d) => draw(d, state).into_any(),
            }}
        </section>
    }
}

fn draw(d: Diagram, state: State) -> impl IntoView {
    let summary = d.summary.clone();
    let dim = move |broker: Option<u32>| {
        let selected = state.selected.get();
        selected.is_some() && broker.is_some() && broker != selected
    };
    let paths = d
        .paths
        .into_iter()
        .map(|p| {
            let points = p.points.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect::<Vec<_>>().join(" ");
            let kind = match (p.kind, p.ok) {
                (PathKind::Internal, _) => "path internal",
                (PathKind::Client, true) => "path client-ok",
                (PathKind::Client, false) => "path client-fail",
            };
            let broker = p.broker;
            view! {
                <polyline
                    class=kind
                    class:dim=move || dim(broker)
                    class:lit=move || broker.is_some() && state.selected.get() == broker
                    points=points
                    data-broker=broker.map(|b| b.to_string())
                    data-ok=p.ok.to_string()
                    data-label=p.label
                />
            }
        })
        .collect_view();
    let boxes = d
        .boxes
        .into_iter()
        .map(|b| {
            let class = match b.kind {
                BoxKind::Client => "box client",
                BoxKind::ExternalService => "box service",
                BoxKind::Node => "box node",
                BoxKind::Pod => "box pod",
                BoxKind::Headless => "box headless",
            };
            let broker = b.broker;
            let focusable = b.kind == BoxKind::Pod;
            let lines = b
                .lines
                .iter()
                .enumerate()
                .map(|(k, line)| {
                    view! {
                        <text class="box-line" x=b.x + 8.0 y=b.y + 16.0 + 14.0 * (k as f32 + 1.0)>
                            {line.clone()}
                        </text>
                    }
                })
                .collect_view();
            let label = std::iter::once(b.title.clone())
                .chain(b.lines.iter().cloned())
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <g
                    class=class
                    class:dim=move || b.kind == BoxKind::Pod && dim(broker)
                    class:lit=move || broker.is_some() && state.selected.get() == broker
                    data-testid=b.id
                    tabindex=focusable.then_some("0")
                    role=focusable.then_some("button")
                    aria-label=focusable.then_some(label)
                    on:mouseenter=move |_| if focusable { state.selected.set(broker) }
                    on:focus=move |_| if focusable { state.selected.set(broker) }
                    on:click=move |_| if focusable { state.selected.set(broker) }
                >
                    <rect x=b.x y=b.y width=b.w height=b.h rx="6" />
                    <text class="box-title" x=b.x + 8.0 y=b.y + 16.0>
                        {b.title}
                    </text>
                    {lines}
                    {b.note.map(|note| view! {
                        <text class="box-note" x=b.x + b.w - 8.0 y=b.y + 16.0 text-anchor="end">{note}</text>
                    })}
                </g>
            }
        })
        .collect_view();
    view! {
        <div class="diagram-scroll" class:compact=d.compact>
            <svg
                class="diagram-svg"
                data-testid="diagram"
                viewBox=format!("0 0 {} {}", d.width, d.height)
                width=d.width
                height=d.height
                role="img"
                aria-label=summary.clone()
                on:mouseleave=move |_| state.selected.set(None)
            >
                <text class="column" x=CLIENT_X y="20">"Outside"</text>
                <text class="column" x=SERVICE_X y="20">"External Services"</text>
                <text class="column" x=NODE_X y="20">"Nodes and broker pods"</text>
                <text class="column" x=HEADLESS_X y="20">"Headless Service"</text>
                {paths}
                {boxes}
            </svg>
        </div>
        <p class="sr-only" data-testid="diagram-summary">{summary}</p>
    }
}
