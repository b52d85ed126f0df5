//! The diagram as inline SVG, drawn from the core's layout; hovering or focusing a broker highlights
//! its paths.

use super::app::{use_state, State};
use crate::diagram::{BoxKind, Diagram, Path, PathKind, Rect, CLIENT_X, HEADLESS_X, NODE_X, SERVICE_X};
use leptos::prelude::*;
use std::hash::{DefaultHasher, Hash, Hasher};

#[component]
pub fn DiagramView() -> impl IntoView {
    let state = use_state();
    let part = move |f: fn(&Diagram) -> String| {
        move || state.diagram.with(|d| d.as_ref().map(f).unwrap_or_default())
    };
    let boxes =
        Memo::new(move |_| state.diagram.with(|d| d.as_ref().map(|d| d.boxes.clone()).unwrap_or_default()));
    let paths =
        Memo::new(move |_| state.diagram.with(|d| d.as_ref().map(|d| d.paths.clone()).unwrap_or_default()));
    view! {
        <section class="diagram" aria-labelledby="diagram-title">
            <h2 id="diagram-title">"Diagram"</h2>
            <p class="legend">
                <span class="key client-ok">"connection reaches its broker"</span>
                <span class="key client-fail">"connection fails"</span>
                <span class="key internal">"broker to broker (headless DNS)"</span>
            </p>
            <Show
                when=move || state.diagram.with(Option::is_some)
                fallback=|| {
                    view! {
                        <p class="blocked" data-testid="diagram">
                            "Fix the errors in the parameters to see the diagram."
                        </p>
                    }
                }
            >
                <div class="diagram-scroll" class:compact=move || state.diagram.with(|d| d.as_ref().is_some_and(|d| d.compact))>
                    // Keyed lists: a change rebuilds only the boxes and paths that changed.
                    <svg
                        class="diagram-svg"
                        data-testid="diagram"
                        viewBox=part(|d| format!("0 0 {} {}", d.width, d.height))
                        width=part(|d| d.width.to_string())
                        height=part(|d| d.height.to_string())
                        role="img"
                        aria-label=part(|d| d.summary.clone())
                        on:mouseleave=move |_| state.selected.set(None)
                    >
                        <text class="column" x=CLIENT_X y="20">"Outside"</text>
                        <text class="column" x=SERVICE_X y="20">"External Services"</text>
                        <text class="column" x=NODE_X y="20">"Nodes and broker pods"</text>
                        <text class="column" x=HEADLESS_X y="20">"Headless Service"</text>
                        <For each=move || paths.get() key=path_key children=move |p| draw_path(p, state) />
                        <For each=move || boxes.get() key=box_key children=move |b| draw_box(b, state) />
                    </svg>
                </div>
                <p class="sr-only" data-testid="diagram-summary">{part(|d| d.summary.clone())}</p>
            </Show>
        </section>
    }
}

/// A hash of everything a box shows: equal keys, equal boxes.
fn box_key(b: &Rect) -> u64 {
    let mut h = DefaultHasher::new();
    (&b.id, [b.x, b.y, b.w, b.h].map(f32::to_bits), &b.title, &b.lines, b.note).hash(&mut h);
    h.finish()
}

/// A hash of everything a path shows.
fn path_key(p: &Path) -> u64 {
    let mut h = DefaultHasher::new();
    (p.kind == PathKind::Internal, p.broker, p.ok, &p.label).hash(&mut h);
    for (x, y) in &p.points {
        (x.to_bits(), y.to_bits()).hash(&mut h);
    }
    h.finish()
}

/// Whether something of `broker` is dimmed because another broker is selected.
fn dimmed(state: State, broker: Option<u32>) -> bool {
    let selected = state.selected.get();
    selected.is_some() && broker.is_some() && broker != selected
}

fn draw_path(p: Path, state: State) -> impl IntoView {
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
            class:dim=move || dimmed(state, broker)
            class:lit=move || broker.is_some() && state.selected.get() == broker
            points=points
            data-broker=broker.map(|b| b.to_string())
            data-ok=p.ok.to_string()
            data-label=p.label
        />
    }
}

fn draw_box(b: Rect, state: State) -> impl IntoView {
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
    let label =
        std::iter::once(b.title.clone()).chain(b.lines.iter().cloned()).collect::<Vec<_>>().join(", ");
    let select = move || {
        if focusable {
            state.selected.set(broker)
        }
    };
    view! {
        <g
            class=class
            class:dim=move || focusable && dimmed(state, broker)
            class:lit=move || broker.is_some() && state.selected.get() == broker
            data-testid=b.id
            tabindex=focusable.then_some("0")
            role=focusable.then_some("button")
            aria-label=focusable.then_some(label)
            on:mouseenter=move |_| select()
            on:focus=move |_| select()
            on:click=move |_| select()
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
}
