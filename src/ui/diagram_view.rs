//! The diagram as inline SVG, drawn from the core's layout; hovering or focusing a broker highlights
//! its paths.

use super::app::{use_state, State};
use crate::diagram::{BoxKind, Diagram, Orientation, Path, PathKind, Rect};
use leptos::prelude::*;
use std::borrow::Borrow;
use std::collections::HashMap;
use std::fmt::{self, Write};
use std::hash::{DefaultHasher, Hash, Hasher};

#[component]
pub fn DiagramView() -> impl IntoView {
    let state = use_state();
    let part = move |f: fn(&Diagram) -> String| {
        move || state.diagram.with(|d| d.as_ref().map(f).unwrap_or_default())
    };
    // Boxes and paths are keyed by what they stand for (a box by its id, a path by its kind, broker
    // and order), not by what they show or where: when a broker is added, the boxes below it move
    // by a transform and the paths get new points, and when a name changes (the namespace, every
    // pod's DNS name) only the texts change, without rebuilding any element. Each element's key,
    // computed once per change for the lists and the effect below.
    let keys = Memo::new(move |_| {
        state.diagram.with(|d| {
            d.as_ref()
                .map(|d| Keys { boxes: d.boxes.iter().map(box_key).collect(), paths: path_keys(&d.paths) })
                .unwrap_or_default()
        })
    });
    // The lists hold each element's key and its index in the current diagram; an element is built
    // from its box or path once, when it is first drawn, and follows it through its slot, which a
    // change sets only where the box or path is no longer equal.
    let indexed =
        |keys: &[u64]| keys.iter().copied().enumerate().map(|(i, key)| (key, i)).collect::<Vec<_>>();
    let boxes = move || keys.with(|k| indexed(&k.boxes));
    let paths = move || keys.with(|k| indexed(&k.paths));
    let rect =
        move |i: usize| state.diagram.with_untracked(|d| d.as_ref().and_then(|d| d.boxes.get(i).cloned()));
    let path =
        move |i: usize| state.diagram.with_untracked(|d| d.as_ref().and_then(|d| d.paths.get(i).cloned()));
    // The headings are drawn again only when they move: a name's change leaves them as they are.
    let headings = Memo::new(move |_| {
        state.diagram.with(|d| d.as_ref().map(|d| d.headings.clone()).unwrap_or_default())
    });
    let canvas = Memo::new(move |previous: Option<&f32>| {
        state.diagram.with(|d| canvas_height(d.as_ref().map_or(0.0, |d| d.height), previous.copied()))
    });
    let (places, shown_boxes, shown_paths) = (Slots::new(), Slots::new(), Slots::new());
    // Hovering a broker re-renders only its elements and the one it leaves: each element follows
    // its own broker's flag; the others are dimmed by CSS from one class on the drawing.
    let lit = StoredValue::new(Selector::new(move || state.selected.get()));
    // Pushes every change of a box or a path to its element, if it is drawn.
    Effect::new(move |_| {
        state.diagram.with(|d| {
            let Some(d) = d else { return };
            keys.with_untracked(|k| {
                places.update(k.boxes.iter().copied().zip(d.boxes.iter().map(|b| (b.x, b.y))));
                shown_boxes.update(k.boxes.iter().copied().zip(d.boxes.iter().map(unplaced)));
                shown_paths.update(k.paths.iter().copied().zip(&d.paths));
            })
        })
    });
    view! {
        <section class="diagram" aria-labelledby="diagram-title">
            <h2 id="diagram-title" tabindex="-1">"Diagram"</h2>
            <p class="legend">
                <span class="key client-ok">"connection reaches its broker"</span>
                <span class="key client-fail">"connection fails"</span>
                <span class="key bootstrap">"bootstrap (any broker answers)"</span>
                <span class="key internal">"broker to broker (headless DNS)"</span>
                <Show when=move || state.diagram.with(|d| d.as_ref().is_some_and(|d| d.paths.iter().any(|p| p.kind == PathKind::Quorum)))>
                    <span class="key quorum" data-testid="legend-quorum">"brokers to the KRaft controllers"</span>
                </Show>
                <Show when=move || state.diagram.with(|d| d.as_ref().is_some_and(|d| d.paths.iter().any(|p| p.tls)))>
                    <span class="key tls" data-testid="legend-tls">"encrypted (TLS)"</span>
                </Show>
            </p>
            <Show
                when=move || state.diagram.with(Option::is_some)
                fallback=|| {
                    view! {
                        <p class="blocked" data-testid="diagram">
                            "No diagram yet: fix the errors listed above."
                        </p>
                    }
                }
            >
                <Show when=move || state.stale.get()>
                    <p class="stale-label" data-testid="diagram-stale">"Showing your last valid settings"</p>
                </Show>
                <div
                    class="diagram-scroll"
                    class:compact=move || state.diagram.with(|d| d.as_ref().is_some_and(|d| d.compact))
                    class:narrow=move || state.diagram.with(|d| d.as_ref().is_some_and(|d| d.orientation == Orientation::Narrow))
                >
                    // The frame has the drawing's size and clips the canvas, which only grows in steps:
                    // resizing an SVG lays out every element in it again (some 15 ms at 200 brokers),
                    // where resizing the frame costs next to nothing.
                    <div
                        class="diagram-frame"
                        style:width=part(|d| format!("{}px", Unit(d.width)))
                        style:aspect-ratio=part(|d| format!("{} / {}", Unit(d.width), Unit(d.height)))
                    >
                        <svg
                            class="diagram-svg"
                            data-testid="diagram"
                            viewBox=move || {
                                state.diagram.with(|d| {
                                    d.as_ref().map(|d| format!("0 0 {} {}", Unit(d.width), Unit(canvas.get()))).unwrap_or_default()
                                })
                            }
                            width=part(|d| Unit(d.width).to_string())
                            height=move || Unit(canvas.get()).to_string()
                            class:selecting=move || state.selected.with(Option::is_some)
                            // A group, not an image: the pods inside are buttons.
                            role="group"
                            aria-label=part(|d| d.summary.clone())
                            on:mouseleave=move |_| state.selected.set(None)
                        >
                            {move || {
                                headings.with(|headings| {
                                    headings
                                        .iter()
                                        .map(|h| view! {
                                            <text class="column" x=Unit(h.x).to_string() y=Unit(h.y).to_string()>{h.text}</text>
                                        })
                                        .collect_view()
                                })
                            }}
                            <For
                                each=paths
                                key=|(key, _)| *key
                                children=move |(key, i)| path(i).map(|p| draw_path(p, key, shown_paths, lit))
                            />
                            <For
                                each=boxes
                                key=|(key, _)| *key
                                children=move |(key, i)| rect(i).map(|b| draw_box(b, key, (places, shown_boxes), lit, state))
                            />
                        </svg>
                    </div>
                </div>
                <p class="sr-only" data-testid="diagram-summary">{part(|d| d.summary.clone())}</p>
            </Show>
        </section>
    }
}

/// The keys of the drawn boxes and paths, in drawing order.
#[derive(Clone, Default, PartialEq)]
struct Keys {
    boxes: Vec<u64>,
    paths: Vec<u64>,
}

/// One signal per drawn element, by key, holding what it shows: a change sets only the signals
/// whose value is no longer equal, and each element updates only its attributes and texts that
/// read what changed.
struct Slots<T: Send + Sync + 'static>(StoredValue<HashMap<u64, RwSignal<T>>>);

impl<T: Send + Sync + 'static> Clone for Slots<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Slots<T> {}

impl<T: Clone + PartialEq + Send + Sync + 'static> Slots<T> {
    fn new() -> Self {
        Slots(StoredValue::new(HashMap::new()))
    }

    /// The signal of the element with `key`, starting at `value`; it goes when the element does.
    fn slot(self, key: u64, value: T) -> RwSignal<T> {
        let signal = RwSignal::new(value);
        self.0.update_value(|slots| {
            slots.insert(key, signal);
        });
        on_cleanup(move || {
            self.0.try_update_value(|slots| slots.remove(&key));
        });
        signal
    }

    /// Sets the new values of the elements that exist, copying only those that changed; new
    /// elements start at theirs.
    fn update<V: Borrow<T>>(self, values: impl Iterator<Item = (u64, V)>) {
        self.0.with_value(|slots| {
            for (key, value) in values {
                let value = value.borrow();
                if let Some(signal) = slots.get(&key) {
                    if signal.with_untracked(|old| old != value) {
                        signal.set(value.clone());
                    }
                }
            }
        });
    }
}

/// The SVG canvas's height for a drawing `height` units high: rounded up to a multiple of 1024
/// units (some 40 compact rows); a canvas that still fits is kept until the drawing is two steps
/// smaller, so adding and removing brokers around a multiple does not resize it every time.
fn canvas_height(height: f32, previous: Option<f32>) -> f32 {
    const STEP: f32 = 1024.0;
    match previous {
        Some(canvas) if canvas >= height && canvas < height + 2.0 * STEP => canvas,
        _ => (height / STEP).ceil().max(1.0) * STEP,
    }
}

/// A box's key: its id (unique in a diagram) and kind (a pod is drawn as a button, the others not).
fn box_key(b: &Rect) -> u64 {
    let mut h = DefaultHasher::new();
    (&b.id, b.kind as u8).hash(&mut h);
    h.finish()
}

/// Each path's key: its kind and broker, and whether it is encrypted (drawn as two lines);
/// paths alike (one connection landing on several pods) are told apart by their order.
fn path_keys(paths: &[Path]) -> Vec<u64> {
    let mut seen: HashMap<u64, u32> = HashMap::new();
    paths
        .iter()
        .map(|p| {
            let mut h = DefaultHasher::new();
            (p.kind as u8, p.broker, p.tls).hash(&mut h);
            let base = h.finish();
            let n = seen.entry(base).or_default();
            *n += 1;
            base.wrapping_add(u64::from(*n - 1))
        })
        .collect()
}

/// A length or coordinate in the drawing, written to a tenth of a unit with integer arithmetic:
/// the layout's values are whole or halves, and this keeps the float formatter (10 KB) out of
/// the page.
struct Unit(f32);

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tenths = (self.0 * 10.0).round() as i64;
        if tenths < 0 {
            f.write_char('-')?;
        }
        let tenths = tenths.unsigned_abs();
        write!(f, "{}", tenths / 10)?;
        match tenths % 10 {
            0 => Ok(()),
            tenth => write!(f, ".{tenth}"),
        }
    }
}

/// A polyline's `points` attribute.
fn points(points: &[(f32, f32)]) -> String {
    let mut out = String::new();
    for (i, &(x, y)) in points.iter().enumerate() {
        let gap = if i == 0 { "" } else { " " };
        let _ = write!(out, "{gap}{},{}", Unit(x), Unit(y));
    }
    out
}

fn draw_path(
    p: Path,
    key: u64,
    shown: Slots<Path>,
    lit: StoredValue<Selector<Option<u32>>>,
) -> impl IntoView {
    // What the key holds stays; the rest follows the path's slot.
    let (kind, broker, tls) = (p.kind, p.broker, p.tls);
    let shown = shown.slot(key, p);
    let class = move || {
        shown.with(|p| match (kind, p.ok) {
            (PathKind::Internal, _) => "path internal",
            (PathKind::Quorum, _) => "path quorum",
            (PathKind::Client, true) => "path client-ok",
            (PathKind::Client, false) => "path client-fail",
            (PathKind::Bootstrap, true) => "path bootstrap client-ok",
            (PathKind::Bootstrap, false) => "path bootstrap client-fail",
        })
    };
    let lit = move || broker.is_some() && lit.with_value(|l| l.selected(&broker));
    let route = move || shown.with(|p| points(&p.points));
    // An encrypted connection is drawn as a pipe: its line with a hollow core.
    let core = tls.then(|| {
        view! { <polyline class="path tls-core" class:of-broker=broker.is_some() class:lit=lit points=route /> }
    });
    view! {
        <polyline
            class=class
            class:tls=tls
            class:of-broker=broker.is_some()
            class:lit=lit
            points=route
            data-broker=broker.map(|b| b.to_string())
            data-ok=move || shown.with(|p| p.ok.to_string())
            data-tls=tls.to_string()
            data-label=move || shown.with(|p| p.label.clone())
        />
        {core}
    }
}

/// A box as drawn where it is: its place is its element's transform, which a move changes alone.
fn unplaced(b: &Rect) -> Rect {
    Rect { x: 0.0, y: 0.0, ..b.clone() }
}

fn draw_box(
    b: Rect,
    key: u64,
    (places, shown): (Slots<(f32, f32)>, Slots<Rect>),
    lit: StoredValue<Selector<Option<u32>>>,
    state: State,
) -> impl IntoView {
    // What the key holds stays (the id and the kind); the rest follows the box's slots.
    let (kind, id, broker) = (b.kind, b.id.clone(), b.broker);
    let place = places.slot(key, (b.x, b.y));
    let shown = shown.slot(key, unplaced(&b));
    let class = match kind {
        BoxKind::Client => "box client",
        BoxKind::ExternalService => "box service",
        BoxKind::Node => "box node",
        BoxKind::Pod => "box pod",
        BoxKind::Headless => "box headless",
        BoxKind::Boundary => "box boundary",
        BoxKind::Quorum => "box quorum",
        BoxKind::Controller => "box controller",
    };
    // A note too long for the title's line has the first line under it. The lines' elements are
    // built again only when their number or place changes; a changed name (the namespace in a pod's
    // DNS name) rewrites its line's text alone.
    let rows = Memo::new(move |_| shown.with(|b| (b.lines.len(), b.note_below)));
    let lines = move || {
        let (count, below) = rows.get();
        let first_line = if below { 44 } else { 30 };
        (0..count)
            .map(|k| {
                view! {
                    <text class="box-line" x="8" y=(first_line + 14 * k).to_string()>
                        {move || shown.with(|b| b.lines.get(k).cloned().unwrap_or_default())}
                    </text>
                }
            })
            .collect_view()
    };
    let note = move || {
        shown.with(|b| b.note.map(|note| (note, b.note_below, b.w))).map(|(note, below, w)| {
            if below {
                view! { <text class="box-note" x="8" y="30">{note}</text> }.into_any()
            } else {
                view! { <text class="box-note" x=Unit(w - 8.0).to_string() y="16" text-anchor="end">{note}</text> }
                    .into_any()
            }
        })
    };
    let lit = move || broker.is_some() && lit.with_value(|l| l.selected(&broker));
    let transform = move || place.with(|&(x, y)| format!("translate({} {})", Unit(x), Unit(y)));
    let content = view! {
        <rect
            width=move || shown.with(|b| Unit(b.w).to_string())
            height=move || shown.with(|b| Unit(b.h).to_string())
            rx="6"
        />
        // A pod button's name is its text, in this order: the pod, its status, its names.
        <text class="box-title" x="8" y="16">
            {move || shown.with(|b| b.title.clone())}
        </text>
        {note}
        {lines}
    };
    // Only pods listen for focus: Chromium makes any SVG element with a focus listener a Tab stop.
    if kind == BoxKind::Pod {
        let select = move || state.selected.set(broker);
        view! {
            <g
                class=class
                class:lit=lit
                data-testid=id
                tabindex="0"
                role="button"
                on:mouseenter=move |_| select()
                on:focus=move |_| select()
                on:click=move |_| select()
                transform=transform
            >
                {content}
            </g>
        }
        .into_any()
    } else {
        view! {
            <g class=class class:lit=lit data-testid=id transform=transform>
                {content}
            </g>
        }
        .into_any()
    }
}
