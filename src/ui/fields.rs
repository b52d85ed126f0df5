//! Labelled inputs bound to one config field, each with the findings about that field beside it.

use super::app::use_state;
use super::browser;
use crate::config::Config;
use crate::share::Drafts;
use crate::validate::{Finding, Severity};
use std::sync::Arc;

/// How a field reads its value from the config, and writes it: behind one pointer type each kind
/// of field is compiled once, not once for every closure (which cost the page some 20 KB).
type Reads<T> = Arc<dyn Fn(&Config) -> T + Send + Sync>;
type Writes<T> = Arc<dyn Fn(&mut Config, T) + Send + Sync>;
type Chooses = Arc<dyn Fn(&mut Config, &str) + Send + Sync>;
use leptos::prelude::*;

/// A DOM id for a field path (`nodes[1].address` → `f-nodes-1--address`).
pub fn field_id(path: &str) -> String {
    let mut id = String::from("f-");
    id.extend(path.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }));
    id
}

/// The label of the field at `path`, as the form shows it and as error links name it.
pub fn field_label(path: &str) -> String {
    if let Some(rest) = path.strip_prefix("nodes[") {
        if let Some((i, field)) = rest.split_once("].") {
            let n = i.parse::<usize>().map_or(0, |i| i + 1);
            return match field {
                "name" => format!("Node {n} name"),
                _ => format!("Node {n} external address"),
            };
        }
    }
    let label = match path {
        "namespace" => "Namespace",
        "name" => "StatefulSet name",
        "headlessService" => "Headless Service (serviceName)",
        "replicas" => "Brokers (replicas)",
        "clusterDomain" => "Cluster domain",
        "ports.internal" => "INTERNAL port (brokers)",
        "ports.controller" => "CONTROLLER port (KRaft)",
        "ports.external" => "EXTERNAL port (clients)",
        "advertisedHost" => "Address in front of every node (optional)",
        "nodePorts.first" => "First NodePort",
        "nodePorts.range" => "NodePort range of the cluster",
        "nodePorts.bootstrap" => "Bootstrap NodePort (empty for none)",
        "loadBalancer.hostTemplate" => "Broker host name ({ordinal} = broker)",
        "loadBalancer.bootstrapHost" => "Bootstrap host name (empty for none)",
        "loadBalancer.class" => "Load balancer class (optional)",
        "loadBalancer.sourceRanges" => "Load balancer source ranges (comma-separated CIDRs)",
        "nodeAddressSource" => "How a pod learns its node's address",
        "kafka.image" => "Kafka image",
        "kafka.kubectlImage" => "kubectl image (for kubectl lookups)",
        "kafka.clusterId" => "KRaft cluster id (empty: derived)",
        "kafka.memory" => "Memory per broker (half is heap)",
        "kafka.cpu" => "CPU per broker (request)",
        "storage.size" => "Volume size",
        "topology.roles" => "KRaft controllers",
        "topology.controllers" => "Controllers (voters)",
        "topology.controllerMemory" => "Memory per controller (half is heap)",
        "topology.controllerStorage" => "Controller volume size",
        "storage.className" => "StorageClass (empty: default)",
        "security.tls" => "TLS on EXTERNAL",
        "security.issuer" => "cert-manager issuer (empty: a CA of its own)",
        "security.issuerKind" => "Issuer kind",
        "security.tlsSecret" => "TLS Secret (empty: <name>-external-tls)",
        "security.extraSans" => "More names in the certificate (comma-separated)",
        "security.authentication" => "Client authentication",
        "security.users" => "SCRAM users (comma-separated)",
        "security.internalClients" => "INTERNAL and CONTROLLER",
        "security.internalClients.namespaces" => "More namespaces whose pods use INTERNAL (comma-separated)",
        "security.internalClients.podLabels" => "Labels those pods carry",
        "nodes" => "Nodes",
        "strategy" => "Strategy",
        "version" => "Format version",
        other if other.starts_with("loadBalancer.annotations") => "Load balancer annotations",
        other => other,
    };
    label.to_string()
}

/// The errors as links: each names its field and moves the focus there.
#[component]
pub fn ErrorLinks(testid: &'static str) -> impl IntoView {
    let state = use_state();
    let errors = Memo::new(move |_| state.errors());
    view! {
        <ul class="error-links" data-testid=testid>
            {move || {
                errors
                    .get()
                    .into_iter()
                    .map(|f| {
                        let target = field_id(&f.field);
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="link"
                                    on:click=move |_| {
                                        browser::focus_first(&[target.clone(), format!("{target}-messages")]);
                                    }
                                >
                                    {field_label(&f.field)}
                                </button>
                                ": "
                                {f.message}
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

/// The findings about one field, as a memo: a change elsewhere in the config leaves the field's DOM
/// alone, and the input and its message list share one lookup.
pub fn field_findings(path: &str) -> Memo<Vec<Finding>> {
    let state = use_state();
    let path = path.to_string();
    Memo::new(move |_| state.findings_for(&path))
}

/// The findings about a field, under it; announced as they change. Pass `findings` when the field
/// already has them (`field_findings`).
#[component]
pub fn Messages(
    #[prop(into)] path: String,
    #[prop(optional)] findings: Option<Memo<Vec<Finding>>>,
    /// For a field with no input of its own: error links move the focus to the list itself.
    #[prop(optional)]
    focusable: bool,
) -> impl IntoView {
    let id = format!("{}-messages", field_id(&path));
    let testid = format!("messages-{path}");
    let findings = findings.unwrap_or_else(|| field_findings(&path));
    view! {
        <ul class="messages" id=id data-testid=testid aria-live="polite" tabindex=focusable.then_some("-1")>
            {move || {
                findings
                    .get()
                    .into_iter()
                    .map(|f| {
                        let class = match f.severity {
                            Severity::Error => "error",
                            Severity::Warning => "warning",
                        };
                        view! { <li class=class>{f.message}</li> }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

/// A text input.
#[component]
pub fn TextField(
    #[prop(into)] path: String,
    get: impl Fn(&Config) -> String + Send + Sync + 'static,
    set: impl Fn(&mut Config, String) + Send + Sync + 'static,
    #[prop(optional)] placeholder: &'static str,
) -> impl IntoView {
    text_field(path, Arc::new(get), Arc::new(set), placeholder)
}

/// The body of `TextField`, compiled once whatever closures the fields pass.
fn text_field(path: String, get: Reads<String>, set: Writes<String>, placeholder: &'static str) -> AnyView {
    let state = use_state();
    let id = field_id(&path);
    let findings = field_findings(&path);
    let invalid = move || findings.with(|f| f.iter().any(Finding::is_error));
    let value = Memo::new(move |_| state.config.with(|c| get(c)));
    view! {
        <div class="field">
            <label for=id.clone()>{field_label(&path)}</label>
            <input
                id=id.clone()
                type="text"
                spellcheck="false"
                autocomplete="off"
                placeholder=placeholder
                data-testid=format!("field-{path}")
                aria-describedby=format!("{id}-messages")
                aria-invalid=move || invalid().to_string()
                prop:value=value
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    state.edit(|c| set(c, value));
                }
            />
            <Messages path=path findings=findings />
        </div>
    }
    .into_any()
}

/// A whole-number input; `optional` lets it be emptied to `None`. Text that is not a number stays in
/// the box with a message, across a reload too, and leaves the config as it was.
#[component]
pub fn NumberField(
    #[prop(into)] path: String,
    get: impl Fn(&Config) -> Option<u32> + Send + Sync + 'static,
    set: impl Fn(&mut Config, Option<u32>) + Send + Sync + 'static,
    #[prop(optional)] optional: bool,
    #[prop(optional)] min: u32,
    #[prop(optional)] max: Option<u32>,
) -> impl IntoView {
    number_field(path, Arc::new(get), Arc::new(set), optional, min, max)
}

/// The body of `NumberField`, compiled once whatever closures the fields pass.
fn number_field(
    path: String,
    get: Reads<Option<u32>>,
    set: Writes<Option<u32>>,
    optional: bool,
    min: u32,
    max: Option<u32>,
) -> AnyView {
    let state = use_state();
    let id = field_id(&path);
    let findings = field_findings(&path);
    let invalid = move || findings.with(|f| f.iter().any(Finding::is_error));
    // Text that is not a number stays in the box, and across a reload, as a draft of the page's.
    let draft = {
        let path = path.clone();
        Memo::new(move |_| state.drafts.with(|d| draft_of(d, &path)))
    };
    let set_draft = {
        let path = path.clone();
        move |text: Option<String>| {
            if state.drafts.with_untracked(|d| draft_of(d, &path)) != text {
                state.drafts.update(|d| {
                    d.retain(|(p, _)| *p != path);
                    d.extend(text.map(|text| (path.clone(), text)));
                });
            }
        }
    };
    let value = Memo::new(move |_| state.config.with(|c| get(c)));
    view! {
        <div class="field">
            <label for=id.clone()>{field_label(&path)}</label>
            <input
                id=id.clone()
                type="number"
                inputmode="numeric"
                min=min
                max=max
                placeholder=if optional { "none" } else { "" }
                data-testid=format!("field-{path}")
                aria-describedby=format!("{id}-messages")
                aria-invalid=move || (invalid() || draft.with(Option::is_some)).to_string()
                prop:value=move || {
                    draft.get().unwrap_or_else(|| value.get().map(|n| n.to_string()).unwrap_or_default())
                }
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    let trimmed = text.trim();
                    match trimmed.parse::<u32>() {
                        Ok(n) => {
                            set_draft(None);
                            state.edit(|c| set(c, Some(n)));
                        }
                        Err(_) if trimmed.is_empty() && optional => {
                            set_draft(None);
                            state.edit(|c| set(c, None));
                        }
                        Err(_) => set_draft(Some(text)),
                    }
                }
            />
            {move || {
                draft
                    .with(Option::is_some)
                    .then(|| {
                        view! {
                            <p class="messages error" data-testid=format!("draft-{}", id)>
                                "Enter a whole number."
                            </p>
                        }
                    })
            }}
            <Messages path=path findings=findings />
        </div>
    }
    .into_any()
}

/// The unfinished text of the number field at `path`, if any.
fn draft_of(drafts: &Drafts, path: &str) -> Option<String> {
    drafts.iter().find(|(p, _)| p == path).map(|(_, text)| text.clone())
}

/// A choice among fixed values.
#[component]
pub fn SelectField(
    #[prop(into)] path: String,
    options: Vec<(&'static str, &'static str)>,
    get: impl Fn(&Config) -> &'static str + Send + Sync + 'static,
    set: impl Fn(&mut Config, &str) + Send + Sync + 'static,
) -> impl IntoView {
    select_field(path, options, Arc::new(get), Arc::new(set))
}

/// The body of `SelectField`, compiled once whatever closures the fields pass.
fn select_field(
    path: String,
    options: Vec<(&'static str, &'static str)>,
    get: Reads<&'static str>,
    set: Chooses,
) -> AnyView {
    let state = use_state();
    let id = field_id(&path);
    let current = Memo::new(move |_| state.config.with(|c| get(c)));
    view! {
        <div class="field">
            <label for=id.clone()>{field_label(&path)}</label>
            <select
                id=id
                data-testid=format!("field-{path}")
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    state.edit(|c| set(c, &value));
                }
            >
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        view! {
                            <option value=value prop:selected=move || current.get() == value>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <Messages path=path />
        </div>
    }
    .into_any()
}
