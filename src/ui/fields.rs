//! Labelled inputs bound to one config field, each with the findings about that field beside it.

use super::app::use_state;
use super::browser;
use crate::config::{Config, Field};
use crate::share::Drafts;
use crate::validate::{Finding, Severity};
use std::sync::Arc;

/// How a field reads its value from the config, and writes it: behind one pointer type each kind
/// of field is compiled once, not once for every closure (which cost the page some 20 KB).
type Reads<T> = Arc<dyn Fn(&Config) -> T + Send + Sync>;
type Writes<T> = Arc<dyn Fn(&mut Config, T) + Send + Sync>;
type Chooses = Arc<dyn Fn(&mut Config, &str) + Send + Sync>;
use leptos::prelude::*;

/// A DOM id for a field (`nodes[1].address` → `f-nodes-1--address`).
pub fn field_id(field: Field) -> String {
    let mut id = String::from("f-");
    id.extend(field.path().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }));
    id
}

/// The label of a field, as the form shows it and as error links name it: one for every field, so
/// that no finding's link is left without a name.
pub fn field_label(field: Field) -> String {
    let label = match field {
        Field::NodeName(i) => return format!("Node {} name", i + 1),
        Field::NodeAddress(i) => return format!("Node {} external address", i + 1),
        Field::NodeInternal(i) => return format!("Node {} InternalIP (empty: the same)", i + 1),
        Field::Version => "Format version",
        Field::Strategy => "Strategy",
        Field::Namespace => "Namespace",
        Field::Name => "StatefulSet name",
        Field::HeadlessService => "Headless Service (serviceName)",
        Field::Replicas => "Brokers (replicas)",
        Field::ClusterDomain => "Cluster domain",
        Field::PortsInternal => "INTERNAL port (brokers)",
        Field::PortsController => "CONTROLLER port (KRaft)",
        Field::PortsExternal => "EXTERNAL port (clients)",
        Field::AdvertisedHost => "Address in front of every node (optional)",
        Field::NodePortsFirst => "First NodePort",
        Field::NodePortsRange => "NodePort range of the cluster",
        Field::NodePortsBootstrap => "Bootstrap NodePort (empty for none)",
        Field::Nodes => "Nodes",
        Field::NodeAddressSource => "How a pod learns its node's address",
        Field::NodeAddressType => "Which address kubectl reads first",
        Field::ClientNetwork => "Where the clients outside the cluster are",
        Field::LoadBalancerHostTemplate => "Broker host name ({ordinal} = broker)",
        Field::LoadBalancerBootstrapHost => "Bootstrap host name (empty for none)",
        Field::LoadBalancerClass => "Load balancer class (optional)",
        Field::LoadBalancerSourceRanges => "Load balancer source ranges (comma-separated CIDRs)",
        Field::LoadBalancerAnnotations => "Load balancer annotations",
        Field::SharedIpProvider => "What gives the Services their address",
        Field::SharedIpAddress => {
            "The shared address (MetalLB: its IP; k3s: a node's address or a name for them)"
        }
        Field::SharedIpFirstPort => "Broker 0's port on it (broker i: this + i; bootstrap: EXTERNAL's)",
        Field::SharedIpPool => "MetalLB address pool (empty: its default)",
        Field::GatewayListener => "Where the TLS listener comes from",
        Field::GatewayName => "Gateway name",
        Field::GatewayNamespace => "Gateway namespace (empty: the brokers')",
        Field::GatewayClass => "GatewayClass (your implementation's)",
        Field::GatewaySection => "Listener name (the routes' sectionName)",
        Field::GatewayPort => "Listener port (every broker advertises it)",
        Field::GatewayHostTemplate => "Broker host name ({ordinal} = broker)",
        Field::GatewayBootstrapHost => "Bootstrap host name",
        Field::GatewayApi => "TLSRoute version",
        Field::GatewayWildcardSan => "Names in the certificate",
        Field::KafkaImage => "Kafka image",
        Field::KafkaKubectlImage => "kubectl image (for kubectl lookups)",
        Field::KafkaClusterId => "KRaft cluster id",
        Field::KafkaMemory => "Memory per broker (half is heap)",
        Field::KafkaCpu => "CPU per broker (request)",
        Field::StorageSize => "Volume size",
        Field::StorageClassName => "StorageClass (empty: default)",
        Field::TopologyRoles => "KRaft controllers",
        Field::TopologyControllers => "Controllers (voters)",
        Field::TopologyControllerMemory => "Memory per controller (half is heap)",
        Field::TopologyControllerStorage => "Controller volume size",
        Field::SecurityTls => "TLS on EXTERNAL",
        Field::SecurityIssuer => "cert-manager issuer (empty: a CA of its own)",
        Field::SecurityIssuerKind => "Issuer kind",
        Field::SecurityTlsSecret => "TLS Secret (empty: <name>-external-tls)",
        Field::SecurityExtraSans => "More names in the certificate (comma-separated)",
        Field::SecurityAuthentication => "Client authentication",
        Field::SecurityUsers => "SCRAM users (comma-separated)",
        Field::SecurityInternalClients => {
            "Who may connect to INTERNAL and CONTROLLER (the brokers' own ports)"
        }
        Field::SecurityInternalClientsNamespaces => {
            "More namespaces whose pods use INTERNAL (comma-separated)"
        }
        Field::SecurityInternalClientsPodLabels => "Labels those pods carry",
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
                        let target = field_id(f.field);
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="link"
                                    on:click=move |_| {
                                        browser::focus_first(&[target.clone(), format!("{target}-messages")]);
                                    }
                                >
                                    {field_label(f.field)}
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
pub fn field_findings(field: Field) -> Memo<Vec<Finding>> {
    let state = use_state();
    Memo::new(move |_| state.findings_for(field))
}

/// The findings about a field, under it; announced as they change. Pass `findings` when the field
/// already has them (`field_findings`).
#[component]
pub fn Messages(
    field: Field,
    #[prop(optional)] findings: Option<Memo<Vec<Finding>>>,
    /// For a field with no input of its own: error links move the focus to the list itself.
    #[prop(optional)]
    focusable: bool,
) -> impl IntoView {
    let id = format!("{}-messages", field_id(field));
    let testid = format!("messages-{field}");
    let findings = findings.unwrap_or_else(|| field_findings(field));
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
    field: Field,
    get: impl Fn(&Config) -> String + Send + Sync + 'static,
    set: impl Fn(&mut Config, String) + Send + Sync + 'static,
    #[prop(optional)] placeholder: &'static str,
    /// What the field is, in a sentence under its label, where the label alone would not say.
    #[prop(optional)]
    hint: &'static str,
) -> impl IntoView {
    text_field(field, Arc::new(get), Arc::new(set), (placeholder, hint))
}

/// The body of `TextField`, compiled once whatever closures the fields pass.
fn text_field(
    field: Field,
    get: Reads<String>,
    set: Writes<String>,
    (placeholder, hint): (&'static str, &'static str),
) -> AnyView {
    let state = use_state();
    let id = field_id(field);
    let described =
        if hint.is_empty() { format!("{id}-messages") } else { format!("{id}-hint {id}-messages") };
    let findings = field_findings(field);
    let invalid = move || findings.with(|f| f.iter().any(Finding::is_error));
    let value = Memo::new(move |_| state.config.with(|c| get(c)));
    view! {
        <div class="field">
            <label for=id.clone()>{field_label(field)}</label>
            {(!hint.is_empty()).then(|| view! { <p class="hint" id=format!("{id}-hint")>{hint}</p> })}
            <input
                id=id.clone()
                type="text"
                spellcheck="false"
                autocomplete="off"
                placeholder=placeholder
                data-testid=format!("field-{field}")
                aria-describedby=described
                aria-invalid=move || invalid().to_string()
                prop:value=value
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    state.edit(|c| set(c, value));
                }
            />
            <Messages field=field findings=findings />
        </div>
    }
    .into_any()
}

/// A whole-number input; `optional` lets it be emptied to `None`. Text that is not a number stays in
/// the box with a message, across a reload too, and leaves the config as it was.
#[component]
pub fn NumberField(
    field: Field,
    get: impl Fn(&Config) -> Option<u32> + Send + Sync + 'static,
    set: impl Fn(&mut Config, Option<u32>) + Send + Sync + 'static,
    #[prop(optional)] optional: bool,
    #[prop(optional)] min: u32,
    #[prop(optional)] max: Option<u32>,
) -> impl IntoView {
    number_field(field, Arc::new(get), Arc::new(set), optional, min, max)
}

/// The body of `NumberField`, compiled once whatever closures the fields pass.
fn number_field(
    field: Field,
    get: Reads<Option<u32>>,
    set: Writes<Option<u32>>,
    optional: bool,
    min: u32,
    max: Option<u32>,
) -> AnyView {
    let state = use_state();
    let id = field_id(field);
    let findings = field_findings(field);
    let invalid = move || findings.with(|f| f.iter().any(Finding::is_error));
    // Text that is not a number stays in the box, and across a reload, as a draft of the page's,
    // saved under the field's path.
    let path = field.path().into_owned();
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
            <label for=id.clone()>{field_label(field)}</label>
            <input
                id=id.clone()
                type="number"
                inputmode="numeric"
                min=min
                max=max
                placeholder=if optional { "none" } else { "" }
                data-testid=format!("field-{field}")
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
            <Messages field=field findings=findings />
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
    field: Field,
    options: Vec<(&'static str, &'static str)>,
    get: impl Fn(&Config) -> &'static str + Send + Sync + 'static,
    set: impl Fn(&mut Config, &str) + Send + Sync + 'static,
) -> impl IntoView {
    select_field(field, options, Arc::new(get), Arc::new(set))
}

/// The body of `SelectField`, compiled once whatever closures the fields pass.
fn select_field(
    field: Field,
    options: Vec<(&'static str, &'static str)>,
    get: Reads<&'static str>,
    set: Chooses,
) -> AnyView {
    let state = use_state();
    let id = field_id(field);
    let current = Memo::new(move |_| state.config.with(|c| get(c)));
    view! {
        <div class="field">
            <label for=id.clone()>{field_label(field)}</label>
            <select
                id=id
                data-testid=format!("field-{field}")
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
            <Messages field=field />
        </div>
    }
    .into_any()
}
