//! The root component: owns the config in one signal and derives everything else from it.

use super::{
    browser, diagram_view, doctor_view, fields, output, params, strategy_picker, teaching, toolbar,
    walkthrough_view,
};
use crate::bundle::{self, Generated};
use crate::config::{Config, Field};
use crate::diagram::{self, Diagram, Orientation};
use crate::format;
use crate::kafka::properties::new_cluster_id;
use crate::share::{self, Drafts};
use crate::sim::route::{Vantage, Walkthrough};
use crate::validate::{self, Finding, Valid};
use leptos::prelude::*;

/// The page's state, shared with every component through context.
#[derive(Clone, Copy)]
pub struct State {
    pub config: RwSignal<Config>,
    /// Whether changes are saved to the URL and localStorage (off after a bad link, until an edit).
    persist: RwSignal<bool>,
    /// A message about the link or the saved config.
    pub notice: RwSignal<Option<String>>,
    pub validation: Memo<Result<Valid, Vec<Finding>>>,
    /// Whether the picture and the files are from an earlier config: the current one has errors,
    /// and the page keeps showing the last valid one, marked so, instead of nothing.
    pub stale: Memo<bool>,
    /// The last valid config: the picture and the files show it.
    pub shown: Memo<Option<Valid>>,
    /// The objects of the last valid config and its files' names (the files' module writes their
    /// text when they are wanted).
    pub generated: Memo<Option<Generated>>,
    pub vantage: RwSignal<Vantage>,
    pub walkthrough: Memo<Option<Walkthrough>>,
    pub diagram: Memo<Option<Diagram>>,
    /// Whether the screen is narrow (a phone): the diagram is drawn in one column and comes right
    /// after the strategy cards.
    pub narrow: RwSignal<bool>,
    /// The broker whose paths are highlighted.
    pub selected: RwSignal<Option<u32>>,
    /// The file open in the files' panel.
    pub file: RwSignal<String>,
    /// The config as a link fragment, as last saved: the share link shows it.
    pub fragment: RwSignal<String>,
    /// Number fields whose text is not a number yet, by path; saved with the config.
    pub drafts: RwSignal<Drafts>,
}

impl State {
    /// Changes the config as the user asked.
    pub fn edit(&self, change: impl FnOnce(&mut Config)) {
        self.config.update(change);
        self.persist.set(true);
    }

    /// Replaces the whole config (a preset, an imported file): unfinished fields go with the old one.
    pub fn replace(&self, config: Config) {
        self.drafts.set(Drafts::new());
        self.edit(|c| *c = config);
    }

    /// The findings about one field.
    pub fn findings_for(&self, field: Field) -> Vec<Finding> {
        self.validation.with(|v| {
            let all = match v {
                Ok(valid) => valid.warnings(),
                Err(findings) => findings.as_slice(),
            };
            all.iter().filter(|f| f.field == field).cloned().collect()
        })
    }

    /// The link's fragment for the config and how the page shows it (where the client runs, the
    /// open file): what the share link and the address bar hold.
    pub fn link_fragment(&self) -> String {
        let view = share::View {
            in_cluster: self.vantage.get_untracked() == Vantage::InCluster,
            file: Some(self.file.get_untracked()).filter(|f| f != crate::bundle::MANIFESTS),
        };
        share::with_view(&self.config.with_untracked(share::encode), &view)
    }

    /// Shows the config as a link's page did.
    fn show(&self, view: share::View) {
        self.vantage.set(if view.in_cluster { Vantage::InCluster } else { Vantage::Outside });
        self.file.set(view.file.unwrap_or_else(|| crate::bundle::MANIFESTS.to_string()));
    }

    /// The errors, when there are any: why the picture is stale and downloads are disabled.
    pub fn errors(&self) -> Vec<Finding> {
        self.validation.with(|v| {
            v.as_ref().err().map(|f| f.iter().filter(|f| f.is_error()).cloned().collect()).unwrap_or_default()
        })
    }
}

/// The comparison for the model and the diagram: they change whenever their inputs do (the
/// validation memo already stops edits that leave the config as it was, the walkthrough and
/// `diagram::pictured` those that leave the picture), and comparing two of them, field by field
/// for every broker, costs about as much as deriving them again.
fn always_changed<T>(_: Option<&T>, _: Option<&T>) -> bool {
    true
}

/// Screens too narrow for the wide drawing at full size (1090 units, plus the page's margins) get
/// the one-column one: scaled down, the wide one's text would be smaller than 11 px.
const NARROW: &str = "(max-width: 1179px)";

/// The state, from any component.
pub fn use_state() -> State {
    expect_context::<State>()
}

/// The whole page: its state, then how it saves and follows links, then the view, built in parts
/// behind a prerendered view.
#[component]
pub fn App() -> impl IntoView {
    let doctor_link = share::doctor_part(&browser::fragment());
    let start =
        share::start(&browser::fragment(), browser::saved().as_deref(), browser::saved_drafts().as_deref());
    let new = start.new;
    let state = derive_state(start);
    state.show(share::view_part(&browser::fragment()));
    provide_context(state);
    save_as_edited(state, new);
    follow_links(state);
    build_in_parts(state);
    view! {
        <SkipLinks />
        <header class="masthead">
            <div class="brand">
                <h1 data-testid="title">"kafka-expose"</h1>
                <p class="tagline" data-testid="tagline">
                    "Reach every Kafka broker of a Kubernetes StatefulSet from outside the cluster: \
                     see how each exposure strategy routes a client, and download manifests and \
                     server.properties that work."
                </p>
                <p class="tagline">
                    "New to Services and advertised listeners? "
                    <button type="button" class="link" data-testid="to-primer" on:click=move |_| {
                        browser::focus("primer-title");
                    }>"Read the primer first"</button>
                    ". Already running Kafka that clients cannot reach? "
                    <button type="button" class="link" data-testid="to-doctor" on:click=move |_| {
                        browser::want_doctor();
                        browser::focus("doctor-title");
                    }>"Ask the doctor"</button>
                    "."
                </p>
            </div>
            <Show when=from_part(part::TOOLBAR)>
                <toolbar::Toolbar />
            </Show>
        </header>
        {move || {
            state
                .notice
                .get()
                .map(|text| {
                    view! {
                        <div class="notice" role="alert" data-testid="notice">
                            <span>{text}</span>
                            <button type="button" on:click=move |_| state.notice.set(None)>"Dismiss"</button>
                        </div>
                    }
                })
        }}
        <main id="main" class="layout" class:stale=move || state.stale.get()>
            <Show when=from_part(part::STRATEGIES)>
                <strategy_picker::StrategyPicker />
                <StaleNotice />
            </Show>
            <Show when=from_part(part::DIAGRAM)>
                <diagram_view::DiagramView />
            </Show>
            <Show when=from_part(part::FORM)>
                <div class="workspace">
                    <params::Params />
                    <div class="view">
                        <Show when=from_part(part::WALKTHROUGH)>
                            <walkthrough_view::WalkthroughView />
                            <teaching::Explanation />
                        </Show>
                    </div>
                </div>
            </Show>
            <Show when=from_part(part::FILES)>
                <output::Output />
            </Show>
            <Show when=from_part(part::DOCTOR)>
                <doctor_view::DoctorSection from_link=doctor_link.clone() />
            </Show>
            <Show when=from_part(part::PRIMER)>
                <teaching::Primer />
            </Show>
        </main>
    }
}

/// The page's state for the config it starts with: the config in one signal, and all that is
/// derived from it, each memo recomputed only when what it reads has changed.
fn derive_state(start: share::Start) -> State {
    let mut first = start.config;
    if start.new {
        first.kafka.cluster_id = Some(new_cluster_id(browser::random_bytes()));
    }
    let config = RwSignal::new(first);
    let validation = Memo::new(move |_| config.with(validate::validate));
    // The last valid config: one mistake anywhere in the form must not take the picture away.
    let shown = Memo::new(move |previous: Option<&Option<Valid>>| {
        validation.with(|v| match v {
            Ok(valid) => Some(valid.clone()),
            Err(_) => previous.cloned().flatten(),
        })
    });
    let stale = Memo::new(move |_| validation.with(Result::is_err) && shown.with(Option::is_some));
    let generated =
        Memo::new_with_compare(move |_| shown.with(|v| v.as_ref().map(bundle::model)), always_changed);
    let vantage = RwSignal::new(Vantage::Outside);
    let narrow = RwSignal::new(false);
    narrow.set(browser::watch_media(NARROW, move |matches| narrow.set(matches)));
    // Compared with the last one: a change that leaves every connection as it was (most fields)
    // reaches neither the walkthrough's items nor the diagram.
    let walkthrough = Memo::new(move |_| {
        shown.with(|v| {
            let valid = v.as_ref()?;
            generated.with(|g| {
                g.as_ref().map(|g| match vantage.get() {
                    // Generating already walked a client outside through the files.
                    Vantage::Outside => g.outside.clone(),
                    inside => g.walkthrough(valid, inside),
                })
            })
        })
    });
    // The diagram is laid out again when what it reads changes: a field only the files read (an
    // image, a volume's size) leaves it as it is.
    let pictured = Memo::new(move |_| shown.with(|v| v.as_ref().map(|v| diagram::pictured(v.config()))));
    let diagram = Memo::new_with_compare(
        move |_| {
            // Read, not only tracked: a memo never read is worked out first at the next change, which
            // then counts as one and lays the diagram out for nothing.
            pictured.with(|_| ());
            let orientation = if narrow.get() { Orientation::Narrow } else { Orientation::Wide };
            walkthrough.with(|w| {
                let w = w.as_ref()?;
                shown.with_untracked(|v| {
                    let valid = v.as_ref()?;
                    generated
                        .with_untracked(|g| g.as_ref().map(|g| diagram::layout(valid, g, w, orientation)))
                })
            })
        },
        always_changed,
    );
    State {
        config,
        persist: RwSignal::new(start.persist),
        notice: RwSignal::new(start.notice),
        validation,
        stale,
        shown,
        generated,
        vantage,
        walkthrough,
        diagram,
        narrow,
        selected: RwSignal::new(None),
        file: RwSignal::new(crate::bundle::MANIFESTS.to_string()),
        fragment: RwSignal::new(config.with_untracked(share::encode)),
        drafts: RwSignal::new(start.drafts),
    }
}

/// Saves the config (localStorage, the URL, the share link) as it is edited; `new`: the page
/// started with the defaults and a new cluster id.
fn save_as_edited(state: State, new: bool) {
    // Save (localStorage, the URL, the share link) once edits pause for a moment: encoding and
    // storing the config on every keystroke costs more than regenerating the page, and browsers
    // throttle history.replaceState. Leaving the page saves at once, so a reload loses nothing.
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let cancel = move || {
        if let Some(handle) = pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    };
    // A page opened at its bare address with the defaults keeps that address until its config
    // changes: the bare address opens the defaults too, and writing the URL (history.replaceState)
    // while the page starts was seen to cost Chromium a style and layout pass of the whole page
    // (traced). The config (with its new cluster id) is saved at once all the same.
    let bare =
        StoredValue::new((new && browser::fragment().is_empty()).then(|| state.fragment.get_untracked()));
    let save = move || {
        cancel();
        let fragment = state.link_fragment();
        if state.persist.get_untracked() {
            browser::save(&state.config.with_untracked(format::to_json));
            browser::save_drafts(&state.drafts.with_untracked(share::encode_drafts));
            if bare.with_value(|b| b.as_ref() != Some(&fragment)) {
                bare.set_value(None);
                browser::set_fragment(&fragment);
            }
        }
        state.fragment.set(fragment);
    };
    Effect::new(move |_| {
        state.config.track();
        state.drafts.track();
        state.persist.track();
        state.vantage.track();
        state.file.track();
        cancel();
        pending.set_value(set_timeout_with_handle(save, std::time::Duration::from_millis(250)).ok());
    });
    browser::on_leave(save);
}

/// Opens a link followed within the page.
fn follow_links(state: State) {
    // A link followed within the page (pasted into the address bar, Back, the doctor's "open in
    // the configurator"): its config replaces the one shown, as opening the link would.
    browser::on_hash_change(move |fragment| match share::decode(&fragment) {
        Ok(Some(config)) => {
            state.replace(config);
            state.show(share::view_part(&fragment));
            browser::focus("diagram-title");
        }
        Ok(None) => {}
        Err(error) => state.notice.set(Some(error.to_string())),
    });
}

/// Builds the page in parts, a task each, behind a prerendered view (see `part`).
fn build_in_parts(state: State) {
    // Behind a prerendered view the page comes in parts, a task each, then takes the view over;
    // otherwise whole at once (and taking over changes nothing).
    let built = RwSignal::new(if browser::behind_prerendered() { 0 } else { PARTS });
    provide_context(Parts(built));
    fn next(built: RwSignal<u8>, state: State) {
        set_timeout(
            move || {
                let n = built.get_untracked();
                if n < PARTS {
                    built.set(n + 1);
                    browser::mark(&format!("kafka-expose:part-{}", n + 1));
                    if n + 1 == part::PLAN {
                        // The memo keeps what it worked out for the diagram's part to draw.
                        state.diagram.with_untracked(|_| ());
                    }
                    next(built, state);
                } else {
                    browser::take_over();
                    browser::mark_after_paint("kafka-expose:ready");
                }
            },
            std::time::Duration::ZERO,
        );
    }
    browser::mark("kafka-expose:part-0");
    next(built, state);
}

/// The parts the page comes in behind a prerendered view, a task each after the first (the
/// masthead), so that no task of the start is long. Each sets the performance mark
/// `kafka-expose:part-<n>` as it begins: `make bench` says in which part its longest task was.
pub mod part {
    /// Presets, import and export, the share link.
    pub const TOOLBAR: u8 = 1;
    pub const STRATEGIES: u8 = 2;
    /// Nothing drawn: the files, the walkthrough and the diagram's layout are worked out.
    pub const PLAN: u8 = 3;
    pub const DIAGRAM: u8 = 4;
    /// The form's first fieldsets: the cluster, the quorum, the nodes, the ports.
    pub const FORM: u8 = 5;
    /// The rest of the form: exposure, security, Kafka and storage.
    pub const FORM_REST: u8 = 6;
    pub const WALKTHROUGH: u8 = 7;
    pub const FILES: u8 = 8;
    pub const DOCTOR: u8 = 9;
    pub const PRIMER: u8 = 10;
}
const PARTS: u8 = part::PRIMER;

/// Which parts of the page are in the DOM yet.
#[derive(Clone, Copy)]
struct Parts(RwSignal<u8>);

/// Whether part `n` of the page (see `part`) is in the DOM yet.
pub fn from_part(n: u8) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
    let Parts(built) = expect_context::<Parts>();
    move || built.get() >= n
}

/// Above the picture while the config has errors: the picture shows the last valid config, and
/// each error links to its field.
#[component]
fn StaleNotice() -> impl IntoView {
    let state = use_state();
    let empty = move || state.validation.with(Result::is_err) && !state.stale.get();
    view! {
        <Show when=move || state.validation.with(Result::is_err)>
            <div class="stale-notice" role="status" data-testid="stale-notice">
                <p>
                    {move || {
                        if empty() {
                            "Fix these to see the diagram, the walkthrough and the files:"
                        } else {
                            "The diagram, walkthrough and files below show your last valid settings. Fix these to update them:"
                        }
                    }}
                </p>
                <fields::ErrorLinks testid="error-links" />
            </div>
        </Show>
    }
}

/// The first Tab stops: straight to the picture, the walkthrough or the files, past the form.
/// Buttons, not links: the URL's fragment holds the config.
#[component]
fn SkipLinks() -> impl IntoView {
    let to = |target: &'static str, text: &'static str, testid: &'static str| {
        view! {
            <button type="button" class="skip" data-testid=testid on:click=move |_| browser::focus(target)>
                {text}
            </button>
        }
    };
    view! {
        <nav class="skip-links" aria-label="Skip links">
            {to("diagram-title", "Skip to the diagram", "skip-diagram")}
            {to("walkthrough-title", "Skip to the walkthrough", "skip-walkthrough")}
            {to("output-title", "Skip to the files", "skip-files")}
        </nav>
    }
}
