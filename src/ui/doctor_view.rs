//! The doctor: paste what a cluster runs, see where a client's connection breaks and what to change.
//!
//! Its form and answer are a module of their own (src/doctor_main.rs), fetched when the doctor is
//! wanted: the page's section keeps a place for it, says it is loading, and asks for it when it
//! comes near the viewport, when "Ask the doctor" is pressed, or at once when there is something
//! pasted to restore. The module and the page share no memory: the page hands over its config's
//! share-link fragment (`data-config`) and what the opening link carried for the doctor
//! (`data-pasted`), and the module opens a config by setting the URL fragment, as a followed link
//! would.

use super::app::use_state;
use super::browser;
use super::walkthrough_view::{step_parts, Step};
use crate::doctor::{self, Diagnosis, Fix, Pasted};
use crate::kafka::properties::new_cluster_id;
use crate::sim::from_objects::{self, Input, InputError};
use crate::sim::route::Connection;
use leptos::prelude::*;
use std::sync::Arc;

/// The page's doctor section: the heading and what the doctor does, and the place its module
/// mounts in. `from_link`: what the link the page was opened with carries for the doctor (read
/// when the page started: the page's own fragment replaces the link's soon after).
#[component]
pub fn DoctorSection(from_link: Option<String>) -> impl IntoView {
    let state = use_state();
    let restore = from_link.is_some() || browser::saved_doctor().is_some();
    Effect::new(move |_| {
        if restore {
            browser::want_doctor();
        } else {
            browser::when_doctor_near(browser::want_doctor);
        }
    });
    view! {
        <section class="doctor" aria-labelledby="doctor-title" data-testid="doctor">
            <h2 id="doctor-title" tabindex="-1">"Doctor: why can't my client connect?"</h2>
            <p class="hint">
                "Already running Kafka in Kubernetes? Paste what the cluster runs: the same simulation \
                 as the diagram follows your client's connections and says what to change. Nothing \
                 leaves this page, and share links never carry what you paste."
            </p>
            <div id="doctor-app" class="doctor-app" aria-busy="true" data-pasted=from_link
                data-config=move || state.fragment.get()>
                <p class="doctor-loading" role="status" data-testid="doctor-loading">"Loading the doctor…"</p>
            </div>
        </section>
    }
}

/// The doctor's form and answer: what its module mounts.
#[component]
pub fn Doctor() -> impl IntoView {
    // What a link made to share a diagnosis carried, else what this browser kept.
    let pasted: RwSignal<Pasted> = RwSignal::new(
        browser::doctor_data("data-pasted")
            .or_else(browser::saved_doctor)
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default(),
    );
    // The link that shares the diagnosis, once asked for: never made otherwise.
    let shared_link = RwSignal::new(None::<String>);
    // A box is parsed again only when its text changes, and the boxes are read into the model
    // only when one of them does: the one-line fields (bootstrap, namespace, the vantage) only
    // diagnose what was read. Never compared (`changed`): each memo's input already stops what
    // changes nothing, and comparing two readings or diagnoses would bring every Kubernetes
    // type's comparison into the page.
    fn changed<T>(_: Option<&T>, _: Option<&T>) -> bool {
        true
    }
    let objects = Memo::new(move |_| pasted.with(|p| p.objects.clone()));
    let parsed =
        Memo::new_with_compare(move |_| objects.with(|t| from_objects::objects_from_text(t)), changed);
    let properties = Memo::new(move |_| pasted.with(|p| doctor::split_files(&p.properties)));
    let kcat = Memo::new(move |_| pasted.with(|p| p.kcat.clone()));
    let reading = Memo::new_with_compare(
        move |_| {
            parsed.with(|parsed| {
                parsed.clone().map(|objects| {
                    properties
                        .with(|properties| kcat.with(|kcat| from_objects::read(objects, properties, kcat)))
                })
            })
        },
        changed,
    );
    let client = Memo::new(move |_| pasted.with(Pasted::client));
    let empty = Memo::new(move |_| pasted.with(Pasted::is_empty));
    // The diagnosis, or the objects box's error; nothing until something is pasted.
    let result = Memo::new_with_compare(
        move |_| {
            if empty.get() {
                return None;
            }
            Some(reading.with(|r| {
                r.clone().map(|r| Arc::new(client.with(|client| doctor::diagnose_reading(r, client))))
            }))
        },
        changed,
    );
    // Saved as typed (a moment after typing stops), so a reload loses nothing.
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let save = move || {
        if let Some(handle) = pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        browser::save_doctor(
            pasted
                .with_untracked(|p| (!p.is_blank()).then(|| serde_json::to_string(p).unwrap_or_default()))
                .as_deref(),
        );
    };
    Effect::new(move |previous: Option<()>| {
        pasted.track();
        if previous.is_some() {
            if let Some(handle) = pending.try_update_value(Option::take).flatten() {
                handle.clear();
            }
            pending.set_value(set_timeout_with_handle(save, std::time::Duration::from_millis(400)).ok());
        }
    });
    browser::on_leave(save);
    // A diagnosis's link followed within the page (the page itself opens its config).
    browser::on_hash_change(move |fragment| {
        if let Some(restored) =
            crate::share::doctor_part(&fragment).and_then(|t| serde_json::from_str(&t).ok())
        {
            pasted.set(restored);
        }
    });

    let errors_of = move |input: Input| {
        result.with(|r| match r {
            Some(Err(e)) if e.input == input => vec![e.to_string()],
            Some(Ok(d)) => {
                d.reading.errors.iter().filter(|e| e.input == input).map(InputError::to_string).collect()
            }
            _ => Vec::new(),
        })
    };
    let area = move |input: Input, label: &'static str, placeholder: &'static str, rows: u32| {
        let id = format!("doctor-{}", input.as_str());
        let message_id = format!("{id}-message");
        let get = move |p: &Pasted| match input {
            Input::Objects => p.objects.clone(),
            Input::Properties => p.properties.clone(),
            Input::Kcat => p.kcat.clone(),
        };
        let errors = move || errors_of(input);
        view! {
            <div class="doctor-input">
                <label for=id.clone()>{label}</label>
                <textarea
                    id=id.clone()
                    data-testid=id.clone()
                    rows=rows.to_string()
                    spellcheck="false"
                    placeholder=placeholder
                    aria-invalid=move || (!errors().is_empty()).then_some("true")
                    aria-describedby=message_id.clone()
                    prop:value=move || pasted.with(get)
                    on:input=move |e| {
                        let text = event_target_value(&e);
                        pasted.update(|p| match input {
                            Input::Objects => p.objects = text,
                            Input::Properties => p.properties = text,
                            Input::Kcat => p.kcat = text,
                        });
                    }
                />
                <p class="messages" id=message_id data-testid=format!("{id}-message")>
                    {move || errors().into_iter().map(|e| view! { <span class="error">{e}</span> }).collect_view()}
                </p>
            </div>
        }
    };
    // A one-line text field of the pasted state: its label, and the field `get` reads and `set`
    // writes.
    let line = move |name: &'static str,
                     label: &'static str,
                     placeholder: &'static str,
                     get: fn(&Pasted) -> &String,
                     set: fn(&mut Pasted) -> &mut String| {
        let id = format!("doctor-{name}");
        view! {
            <label for=id.clone()>{label}</label>
            <input id=id.clone() data-testid=id spellcheck="false" placeholder=placeholder
                prop:value=move || pasted.with(|p| get(p).clone())
                on:input=move |e| pasted.update(|p| *set(p) = event_target_value(&e)) />
        }
    };
    view! {
            <div class="doctor-inputs">
                {area(Input::Objects, "kubectl get services,pods,nodes -n <namespace> -o json (with TLS from cert-manager, add certificates)", "{\"kind\": \"List\", \"items\": [...]}", 8)}
                {area(Input::Properties, "Each broker's server.properties (or its listener lines; separate files with ---)", "node.id=0\nlisteners=...\nadvertised.listeners=...", 8)}
                {area(Input::Kcat, "Optional: what kcat -L -b <bootstrap> printed", " 3 brokers:\n  broker 0 at ...", 4)}
                <fieldset class="vantage">
                    <legend>"Where the client runs"</legend>
                    <label class="radio">
                        <input type="radio" name="doctor-vantage" data-testid="doctor-outside"
                            prop:checked=move || pasted.with(|p| !p.inside && !p.lan)
                            on:change=move |_| pasted.update(|p| (p.inside, p.lan) = (false, false)) />
                        "Outside, on the internet"
                    </label>
                    <label class="radio">
                        <input type="radio" name="doctor-vantage" data-testid="doctor-lan"
                            prop:checked=move || pasted.with(|p| !p.inside && p.lan)
                            on:change=move |_| pasted.update(|p| (p.inside, p.lan) = (false, true)) />
                        "Outside, on the nodes' network (LAN, VPN)"
                    </label>
                    <label class="radio">
                        <input type="radio" name="doctor-vantage" data-testid="doctor-inside"
                            prop:checked=move || pasted.with(|p| p.inside)
                            on:change=move |_| pasted.update(|p| (p.inside, p.lan) = (true, false)) />
                        "A pod in the cluster"
                    </label>
                    <Show when=move || pasted.with(|p| p.inside)>
                        {line("namespace", "Its namespace (empty: the brokers')", "default", |p| &p.namespace, |p| &mut p.namespace)}
                    </Show>
                </fieldset>
                <div class="doctor-input">
                    {line("bootstrap", "It bootstraps from (host:port, comma-separated)", "198.51.100.1:30092", |p| &p.bootstrap, |p| &mut p.bootstrap)}
                </div>
                <div class="doctor-input">
                    {line("any-node", "Optional: a DNS name or virtual IP in front of every node", "kafka.example.com", |p| &p.any_node, |p| &mut p.any_node)}
                </div>
            </div>
            {move || {
                result.with(|r| match r {
                    Some(Ok(d)) => Some(view! { <Answer diagnosis=Arc::clone(d) /> }.into_any()),
                    _ => None,
                })
            }}
            <Show when=move || !pasted.with(Pasted::is_empty)>
                <p class="doctor-share">
                    <button type="button" data-testid="doctor-share" on:click=move |_| {
                        let text = pasted.with_untracked(|p| serde_json::to_string(p).unwrap_or_default());
                        let fragment = crate::share::with_doctor(&browser::doctor_data("data-config").unwrap_or_default(), &text);
                        let link = browser::link_with_fragment(&fragment);
                        browser::copy(&link, |_| {});
                        shared_link.set(Some(link));
                    }>"Make a link that includes what you pasted"</button>
                    " It opens this diagnosis anywhere, and it holds your objects: internal names and \
                     addresses. The page's own share link never does."
                </p>
                {move || shared_link.get().map(|link| view! {
                    <input class="share-link" readonly aria-label="Link to this diagnosis" data-testid="doctor-link" prop:value=link />
                })}
            </Show>
    }
}

#[component]
fn Answer(diagnosis: Arc<Diagnosis>) -> impl IntoView {
    let d = diagnosis;
    let w = &d.walkthrough;
    let verdict = d.verdict();
    // Drawn as the walkthrough draws its steps.
    let line = |title: String, c: &Connection| {
        let step = Step::of(c, title, &w.places);
        let ok = step.ok;
        view! {
            <li class="step" class:ok=ok class:fail=!ok data-testid="doctor-connection">
                {step_parts(step)}
            </li>
        }
    };
    let connections = w
        .bootstrap
        .iter()
        .map(|c| line(format!("Bootstrap: connect to {}", c.address), c))
        .chain(w.connections.iter().map(|c| {
            line(
                format!("Broker {}: connect to {}", d.broker_name(c.broker.unwrap_or_default()), c.address),
                c,
            )
        }))
        .collect_view();
    let problems = d
        .problems
        .iter()
        .map(|p| {
            let whom =
                p.broker.map_or_else(|| "Bootstrap".to_string(), |b| format!("Broker {}", d.broker_name(b)));
            let fixes = p
                .fixes
                .iter()
                .map(|fix| match fix {
                    Fix::Properties { lines, .. } => view! {
                        <p>"Set in its server.properties:"</p>
                        <pre class="fix">{lines.join("\n")}</pre>
                    }
                    .into_any(),
                    Fix::AddService { yaml, .. } => view! {
                        <p>"Apply this Service:"</p>
                        <pre class="fix">{yaml.clone()}</pre>
                    }
                    .into_any(),
                    Fix::Bootstrap(address) => {
                        view! { <p>"Then bootstrap from " <code>{address.clone()}</code> "."</p> }.into_any()
                    }
                    Fix::Snippet { intro, code } => view! {
                        <p>{format!("{intro}:")}</p>
                        <pre class="fix">{code.clone()}</pre>
                    }
                    .into_any(),
                    Fix::AddSan { .. } | Fix::Advice(_) => view! { <p>{fix.sentence()}</p> }.into_any(),
                })
                .collect_view();
            view! {
                <article class="problem" data-testid="doctor-problem">
                    <h3>{format!("{whom}: {}", p.cause.title())}</h3>
                    <p><code>{p.address.clone()}</code> " fails: " {p.why.clone()} "."</p>
                    {fixes}
                </article>
            }
        })
        .collect_view();
    let notes = std::iter::once(d.reading.maker.describe().to_string())
        .chain(d.reading.notes.iter().cloned())
        .map(|n| view! { <li>{n}</li> })
        .collect_view();
    let configurator_note = d.reading.maker.configurator_note();
    let report = doctor::report::markdown(&d);
    let closest = d.closest.clone();
    let open = move |_| {
        if let Some((_, config)) = &closest {
            let mut config = config.clone();
            config.kafka.cluster_id = Some(new_cluster_id(browser::random_bytes()));
            browser::open_fragment(&crate::share::encode(&config));
        }
    };
    let strategy = d.closest.as_ref().map(|(s, _)| crate::strategy::strategy(*s).info().title);
    view! {
        <div class="doctor-answer">
            <p class="outcome" class:ok=d.healthy() class:fail=!d.healthy() role="status" data-testid="doctor-verdict">{verdict}</p>
            <ul class="notes" data-testid="doctor-notes">{notes}</ul>
            <h3>"Connections"</h3>
            <ol class="doctor-steps">{connections}</ol>
            {problems}
            <p class="doctor-actions">
                {strategy.map(|title| view! {
                    <button type="button" data-testid="doctor-open" on:click=open>
                        {format!("Open “{title}” in the configurator, with these names, nodes and ports")}
                    </button>
                    <span class="hint" data-testid="doctor-open-note">{configurator_note}</span>
                })}
                <button type="button" data-testid="doctor-report" on:click=move |_| {
                    let _ = browser::download("kafka-expose-doctor.md", report.as_bytes(), "text/markdown");
                }>"Download the report (Markdown)"</button>
            </p>
        </div>
    }
}
