//! Every config field, grouped: cluster, nodes, ports, the strategy's own settings, Kafka.

use super::app::{from_part, part, use_state};
use super::browser;
use super::fields::{field_id, Messages, NumberField, SelectField, TextField};
use crate::config::{
    Authentication, Choice, Field, GatewayApi, GatewayListener, IssuerKind, IssuerRef, Node,
    NodeAddressSource, NodeAddressType, Roles, SharedIpProvider, StrategyId, TlsMode,
};
use crate::strategy;
use crate::validate::MAX_REPLICAS;
use leptos::prelude::*;

/// Fields whose findings have no input of their own are listed at the top (the load balancer's
/// annotations come only from an imported file).
const GENERAL: [Field; 4] = [Field::Version, Field::Strategy, Field::Nodes, Field::LoadBalancerAnnotations];

#[component]
pub fn Params() -> impl IntoView {
    let state = use_state();
    let strategy = Memo::new(move |_| state.config.with(|c| c.strategy));
    let uses = move |ids: &'static [StrategyId]| move || ids.contains(&strategy.get());
    view! {
        // Open on a wide screen; on a phone the diagram and the walkthrough come first and the
        // form opens on demand (an error link opens it too).
        <aside class="params" aria-label="Cluster parameters">
            <details prop:open=!state.narrow.get_untracked() data-testid="params">
            <summary class="h2">"Parameters"</summary>
            {GENERAL.map(|field| view! { <Messages field=field focusable=true /> })}
            <fieldset>
                <legend>"Cluster"</legend>
                <TextField field=Field::Namespace get=|c| c.namespace.clone() set=|c, v| c.namespace = v />
                <TextField field=Field::Name get=|c| c.name.clone() set=|c, v| c.name = v />
                <TextField
                    field=Field::HeadlessService
                    get=|c| c.headless_service.clone()
                    set=|c, v| c.headless_service = v
                />
                <NumberField
                    field=Field::Replicas
                    min=1
                    max=MAX_REPLICAS
                    get=|c| Some(c.replicas)
                    set=|c, v| c.replicas = v.unwrap_or_default()
                />
                <TextField
                    field=Field::ClusterDomain
                    get=|c| c.cluster_domain.clone()
                    set=|c, v| c.cluster_domain = v
                />
            </fieldset>
            <TopologyFields />
            <NodesEditor />
            // Settings most configs keep: folded, the summary saying what they hold.
            <details class="fold" data-testid="fold-ports">
            <summary>"Listener ports: INTERNAL, CONTROLLER, EXTERNAL"</summary>
            <fieldset>
                <legend>"Listener ports (container)"</legend>
                <NumberField field=Field::PortsInternal get=|c| Some(c.ports.internal) set=|c, v| c.ports.internal = v.unwrap_or_default() />
                <NumberField field=Field::PortsController get=|c| Some(c.ports.controller) set=|c, v| c.ports.controller = v.unwrap_or_default() />
                <NumberField field=Field::PortsExternal get=|c| Some(c.ports.external) set=|c, v| c.ports.external = v.unwrap_or_default() />
            </fieldset>
            </details>
            // Behind a prerendered view the rest of the form comes a task later (`part`).
            <Show when=from_part(part::FORM_REST)>
            <fieldset>
                <legend>"Exposure"</legend>
                <Show when=uses(&[StrategyId::NodeportPerBroker, StrategyId::NodeportShared])>
                    <TextField
                        field=Field::AdvertisedHost
                        placeholder="empty: brokers spread over the nodes below"
                        get=|c| c.advertised_host.clone()
                        set=|c, v| c.advertised_host = v
                    />
                </Show>
                <Show when=uses(&[StrategyId::NodeportPerBroker, StrategyId::NodeportLocal, StrategyId::NodeportShared])>
                    <NumberField field=Field::NodePortsFirst get=|c| Some(c.node_ports.first) set=|c, v| c.node_ports.first = v.unwrap_or_default() />
                    <TextField field=Field::NodePortsRange get=|c| c.node_ports.range.clone() set=|c, v| c.node_ports.range = v />
                </Show>
                <Show when=uses(&[StrategyId::NodeportPerBroker])>
                    <NumberField
                        field=Field::NodePortsBootstrap
                        optional=true
                        get=|c| c.node_ports.bootstrap
                        set=|c, v| c.node_ports.bootstrap = v
                    />
                </Show>
                <Show when=uses(&[StrategyId::LoadbalancerPerBroker])>
                    <TextField
                        field=Field::LoadBalancerHostTemplate
                        get=|c| c.load_balancer.host_template.clone()
                        set=|c, v| c.load_balancer.host_template = v
                    />
                    <TextField
                        field=Field::LoadBalancerBootstrapHost
                        get=|c| c.load_balancer.bootstrap_host.clone().unwrap_or_default()
                        set=|c, v| c.load_balancer.bootstrap_host = (!v.trim().is_empty()).then_some(v)
                    />
                    <TextField
                        field=Field::LoadBalancerClass
                        get=|c| c.load_balancer.class.clone().unwrap_or_default()
                        set=|c, v| c.load_balancer.class = (!v.trim().is_empty()).then_some(v)
                    />
                    <TextField
                        field=Field::LoadBalancerSourceRanges
                        placeholder="all"
                        get=|c| c.load_balancer.source_ranges.join(", ")
                        set=|c, v| {
                            c.load_balancer.source_ranges = v
                                .split(',')
                                .map(|s| s.trim().to_string())
                                .filter(|s| !s.is_empty())
                                .collect()
                        }
                    />
                </Show>
                <Show when=uses(&[StrategyId::LoadbalancerSharedIp])>
                    <SelectField
                        field=Field::SharedIpProvider
                        options=vec![
                            ("metallb", "MetalLB: every Service asks for the one IP, with one sharing key"),
                            ("k3s", "k3s ServiceLB: each Service's port on every node's own address"),
                            ("cloud", "A cloud's load balancers (AWS, Google Cloud, Azure)"),
                        ]
                        get=|c| c.shared_ip.provider.as_str()
                        set=|c, v| {
                            if let Some(provider) = SharedIpProvider::parse(v) {
                                c.shared_ip.provider = provider;
                            }
                        }
                    />
                    <TextField field=Field::SharedIpAddress get=|c| c.shared_ip.address.clone() set=|c, v| c.shared_ip.address = v />
                    <NumberField
                        field=Field::SharedIpFirstPort
                        min=1
                        max=65535
                        get=|c| Some(c.shared_ip.first_port)
                        set=|c, v| c.shared_ip.first_port = v.unwrap_or_default()
                    />
                    <Show when=move || state.config.with(|c| c.shared_ip.provider == SharedIpProvider::Metallb)>
                        <TextField
                            field=Field::SharedIpPool
                            get=|c| c.shared_ip.pool.clone().unwrap_or_default()
                            set=|c, v| c.shared_ip.pool = (!v.trim().is_empty()).then_some(v)
                        />
                    </Show>
                </Show>
                <Show when=uses(&[StrategyId::GatewayTlsPassthrough])>
                    <SelectField
                        field=Field::GatewayListener
                        options=vec![
                            ("gateway", "A Gateway of these files' own"),
                            ("listener-set", "A ListenerSet on the platform's Gateway (Gateway API 1.5)"),
                            ("existing", "A listener the platform's Gateway has (routes only)"),
                        ]
                        get=|c| c.gateway.listener.as_str()
                        set=|c, v| {
                            if let Some(listener) = GatewayListener::parse(v) {
                                c.gateway.listener = listener;
                            }
                        }
                    />
                    <TextField field=Field::GatewayName get=|c| c.gateway.name.clone() set=|c, v| c.gateway.name = v />
                    <TextField
                        field=Field::GatewayNamespace
                        get=|c| c.gateway.namespace.clone().unwrap_or_default()
                        set=|c, v| c.gateway.namespace = (!v.trim().is_empty()).then_some(v)
                    />
                    <Show when=move || state.config.with(|c| c.gateway.listener == GatewayListener::Gateway)>
                        <TextField field=Field::GatewayClass get=|c| c.gateway.class.clone() set=|c, v| c.gateway.class = v />
                    </Show>
                    <TextField field=Field::GatewaySection get=|c| c.gateway.section.clone() set=|c, v| c.gateway.section = v />
                    <NumberField
                        field=Field::GatewayPort
                        min=1
                        max=65535
                        get=|c| Some(c.gateway.port)
                        set=|c, v| c.gateway.port = v.unwrap_or_default()
                    />
                    <TextField field=Field::GatewayHostTemplate get=|c| c.gateway.host_template.clone() set=|c, v| c.gateway.host_template = v />
                    <TextField field=Field::GatewayBootstrapHost get=|c| c.gateway.bootstrap_host.clone() set=|c, v| c.gateway.bootstrap_host = v />
                    <SelectField
                        field=Field::GatewayApi
                        options=vec![
                            ("v1", "v1: Gateway API 1.5 or later (standard channel)"),
                            ("v1alpha2", "v1alpha2: the experimental channel before 1.5"),
                        ]
                        get=|c| c.gateway.api.as_str()
                        set=|c, v| {
                            if let Some(api) = GatewayApi::parse(v) {
                                c.gateway.api = api;
                            }
                        }
                    />
                    <SelectField
                        field=Field::GatewayWildcardSan
                        options=vec![("names", "Each broker's name and bootstrap's"), ("wildcard", "One wildcard name")]
                        get=|c| if c.gateway.wildcard_san { "wildcard" } else { "names" }
                        set=|c, v| c.gateway.wildcard_san = v == "wildcard"
                    />
                </Show>
                // Only where a broker advertises its node's address does it matter how it learns it.
                <Show when=move || state.config.with(|c| strategy::strategy(c.strategy).external_host(c).uses_node_address())>
                <SelectField
                    field=Field::NodeAddressSource
                    options=vec![
                        ("static-map", "From the node list above (no extra permissions)"),
                        ("host-ip", "The node's InternalIP, as Kubernetes tells the pod (status.hostIP; wrong behind NAT)"),
                        ("kubectl", "kubectl reads the Node's addresses (adds a role allowed to read Nodes: RBAC)"),
                    ]
                    get=|c| c.node_address_source.as_str()
                    set=|c, v| {
                        if let Some(source) = NodeAddressSource::parse(v) {
                            c.node_address_source = source;
                        }
                    }
                />
                <Show when=move || state.config.with(|c| c.node_address_source == NodeAddressSource::Kubectl)>
                    <SelectField
                        field=Field::NodeAddressType
                        options=vec![
                            ("external-ip", "ExternalIP, else InternalIP (clients on the internet)"),
                            ("internal-ip", "InternalIP, else ExternalIP (clients on the nodes' network)"),
                        ]
                        get=|c| c.node_address_type.as_str()
                        set=|c, v| {
                            if let Some(kind) = NodeAddressType::parse(v) {
                                c.node_address_type = kind;
                            }
                        }
                    />
                </Show>
                </Show>
            </fieldset>
            <SecurityFields />
            <details class="fold" data-testid="fold-kafka">
            <summary>"Kafka and storage: image, cluster id, memory, CPU, volume"</summary>
            <fieldset>
                <legend>"Kafka and storage"</legend>
                <TextField field=Field::KafkaImage get=|c| c.kafka.image.clone() set=|c, v| c.kafka.image = v />
                <TextField field=Field::KafkaKubectlImage get=|c| c.kafka.kubectl_image.clone() set=|c, v| c.kafka.kubectl_image = v />
                <TextField
                    field=Field::KafkaClusterId
                    placeholder="empty: derived from namespace and name"
                    hint="Every volume of the cluster is formatted with this id, and a broker joins only \
                          a quorum that has it. This config was given a random one: the share link and \
                          the exported config keep it. Never change it for a running cluster: new or \
                          replaced volumes would not join."
                    get=|c| c.kafka.cluster_id.clone().unwrap_or_default()
                    set=|c, v| c.kafka.cluster_id = (!v.trim().is_empty()).then_some(v)
                />
                <TextField field=Field::KafkaMemory get=|c| c.kafka.memory.clone() set=|c, v| c.kafka.memory = v />
                <TextField field=Field::KafkaCpu get=|c| c.kafka.cpu.clone() set=|c, v| c.kafka.cpu = v />
                <TextField field=Field::StorageSize get=|c| c.storage.size.clone() set=|c, v| c.storage.size = v />
                <TextField
                    field=Field::StorageClassName
                    get=|c| c.storage.class_name.clone().unwrap_or_default()
                    set=|c, v| c.storage.class_name = (!v.trim().is_empty()).then_some(v)
                />
            </fieldset>
            </details>
            </Show>
            </details>
        </aside>
    }
}

/// Where the KRaft quorum runs: on every broker, or on controllers of their own.
#[component]
fn TopologyFields() -> impl IntoView {
    let state = use_state();
    let dedicated = Memo::new(move |_| state.config.with(|c| c.topology.dedicated()));
    view! {
        <fieldset data-testid="topology">
            <legend>"KRaft quorum"</legend>
            <SelectField
                field=Field::TopologyRoles
                options=vec![
                    ("dedicated", "Dedicated controllers (production)"),
                    ("combined", "Every broker is also a controller (lab)"),
                ]
                get=|c| c.topology.roles.as_str()
                set=|c, v| {
                    if let Some(roles) = Roles::parse(v) {
                        c.topology.roles = roles;
                    }
                }
            />
            <Show when=move || dedicated.get()>
                <NumberField
                    field=Field::TopologyControllers
                    min=1
                    max=crate::validate::MAX_CONTROLLERS
                    get=|c| Some(c.topology.controllers)
                    set=|c, v| c.topology.controllers = v.unwrap_or_default()
                />
                <p class="hint" data-testid="quorum-migration">
                    "On a running cluster, changing the number of controllers is a migration, not an \
                    edit: a static quorum cannot change its voters by a rolling update, and each \
                    controller refuses to start with voters that differ from the quorum's (the \
                    primer says how to change them)."
                </p>
                <TextField
                    field=Field::TopologyControllerMemory
                    get=|c| c.topology.controller_memory.clone()
                    set=|c, v| c.topology.controller_memory = v
                />
                <TextField
                    field=Field::TopologyControllerStorage
                    get=|c| c.topology.controller_storage.clone()
                    set=|c, v| c.topology.controller_storage = v
                />
            </Show>
        </fieldset>
    }
}

/// The "Add node" button's id, where the focus goes when the last node is removed.
const ADD_NODE: &str = "add-node";

/// The node list: add, remove, rename, readdress.
#[component]
fn NodesEditor() -> impl IntoView {
    let state = use_state();
    let count = Memo::new(move |_| state.config.with(|c| c.nodes.len()));
    view! {
        <fieldset data-testid="nodes">
            <legend>"Nodes"</legend>
            <p class="hint" data-testid="placement">
                "Where the preview places brokers: "
                {move || state.config.with(strategy::placement_summary)}
                "."
            </p>
            {move || {
                (0..count.get())
                    .map(|i| {
                        view! {
                            <div class="node-row">
                                <TextField
                                    field=Field::NodeName(i)
                                    get=move |c| c.nodes.get(i).map(|n| n.name.clone()).unwrap_or_default()
                                    set=move |c, v| {
                                        if let Some(n) = c.nodes.get_mut(i) {
                                            n.name = v;
                                        }
                                    }
                                />
                                <TextField
                                    field=Field::NodeAddress(i)
                                    get=move |c| c.nodes.get(i).map(|n| n.address.clone()).unwrap_or_default()
                                    set=move |c, v| c.set_node_address(i, v)
                                />
                                <TextField
                                    field=Field::NodeInternal(i)
                                    placeholder="the same"
                                    get=move |c| c.nodes.get(i).map(|n| n.internal.clone()).unwrap_or_default()
                                    set=move |c, v| {
                                        if let Some(n) = c.nodes.get_mut(i) {
                                            n.internal = v.trim().to_string();
                                        }
                                    }
                                />
                                <button
                                    type="button"
                                    class="remove"
                                    data-testid=format!("remove-node-{i}")
                                    aria-label=format!("Remove node {}", i + 1)
                                    on:click=move |_| {
                                        state
                                            .edit(|c| {
                                                if i < c.nodes.len() {
                                                    c.nodes.remove(i);
                                                }
                                            });
                                        // The focus goes on, not to the page: to the node that took
                                        // this one's place, else to "Add node", once they are drawn.
                                        request_animation_frame(move || {
                                            browser::focus_first(&[field_id(Field::NodeName(i)), ADD_NODE.into()]);
                                        });
                                    }
                                >
                                    "Remove"
                                </button>
                            </div>
                        }
                    })
                    .collect_view()
            }}
            <button
                type="button"
                id=ADD_NODE
                data-testid="add-node"
                on:click=move |_| {
                    state
                        .edit(|c| {
                            let n = c.nodes.len();
                            c.nodes.push(Node::new(format!("node-{}", n + 1), String::new()));
                        })
                }
            >
                "Add node"
            </button>
            <ReplaceNode />
        </fieldset>
    }
}

/// A comma-separated list as a config's list of strings.
fn list(text: &str) -> Vec<String> {
    text.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}

/// TLS, authentication and the NetworkPolicy.
#[component]
fn SecurityFields() -> impl IntoView {
    let state = use_state();
    let security = Memo::new(move |_| {
        state
            .config
            .with(|c| (c.security.tls, c.security.authentication, c.security.internal_clients.is_some()))
    });
    let tls = move |mode: TlsMode| move || security.get().0 == mode;
    // The certificate's names, from the SAN plan the files were generated with.
    let sans = move || {
        state.generated.with(|g| {
            let Some(plan) = g.as_ref().and_then(|g| g.manifests.sans.as_ref()) else { return String::new() };
            let names: Vec<String> = plan
                .ips
                .iter()
                .map(|ip| format!("IP {ip}"))
                .chain(plan.dns.iter().map(|d| format!("DNS {d}")))
                .collect();
            names.join(", ")
        })
    };
    view! {
        <fieldset data-testid="security">
            <legend>"Security"</legend>
            <SelectField
                field=Field::SecurityTls
                options=vec![
                    ("cert-manager", "cert-manager"),
                    ("secret", "My own TLS Secret"),
                    ("none", "None (plaintext)"),
                ]
                get=|c| c.security.tls.as_str()
                set=|c, v| {
                    if let Some(tls) = TlsMode::parse(v) {
                        c.security.tls = tls;
                    }
                }
            />
            <Show when=move || security.get().0 != TlsMode::None>
                <p class="hint" data-testid="san-plan">"The certificate lists: " {sans} "."</p>
            </Show>
            <Show when=tls(TlsMode::CertManager)>
                <TextField
                    field=Field::SecurityIssuer
                    placeholder="a CA of its own"
                    get=|c| c.security.issuer.as_ref().map(|i| i.name.clone()).unwrap_or_default()
                    set=|c, v| {
                        let kind = c.security.issuer.as_ref().map_or(IssuerKind::ClusterIssuer, |i| i.kind);
                        c.security.issuer = (!v.trim().is_empty()).then_some(IssuerRef { kind, name: v });
                    }
                />
                <Show when=move || state.config.with(|c| c.security.issuer.is_some())>
                <SelectField
                    field=Field::SecurityIssuerKind
                    options=vec![("ClusterIssuer", "ClusterIssuer"), ("Issuer", "Issuer (in the namespace)")]
                    get=|c| c.security.issuer.as_ref().map_or(IssuerKind::ClusterIssuer, |i| i.kind).as_str()
                    set=|c, v| {
                        if let (Some(issuer), Some(kind)) = (&mut c.security.issuer, IssuerKind::parse(v)) {
                            issuer.kind = kind;
                        }
                    }
                />
                </Show>
            </Show>
            <Show when=move || security.get().0 != TlsMode::None>
                <TextField
                    field=Field::SecurityTlsSecret
                    get=|c| c.security.tls_secret.clone().unwrap_or_default()
                    set=|c, v| c.security.tls_secret = (!v.trim().is_empty()).then_some(v)
                />
                <TextField
                    field=Field::SecurityExtraSans
                    get=|c| c.security.extra_sans.join(", ")
                    set=|c, v| c.security.extra_sans = list(&v)
                />
            </Show>
            <SelectField
                field=Field::SecurityAuthentication
                options=vec![("scram-sha512", "SCRAM-SHA-512"), ("none", "None (anyone)")]
                get=|c| c.security.authentication.as_str()
                set=|c, v| {
                    if let Some(authentication) = Authentication::parse(v) {
                        c.security.authentication = authentication;
                    }
                }
            />
            <Show when=move || security.get().1 == Authentication::ScramSha512>
                <TextField
                    field=Field::SecurityUsers
                    get=|c| c.security.users.join(", ")
                    set=|c, v| c.security.users = list(&v)
                />
            </Show>
            <SelectField
                field=Field::SecurityInternalClients
                options=vec![
                    ("policy", "This namespace's pods and the namespaces below (a NetworkPolicy)"),
                    ("open", "Every pod in the cluster"),
                ]
                get=|c| if c.security.internal_clients.is_some() { "policy" } else { "open" }
                set=|c, v| {
                    match v {
                        "policy" => {
                            c.security.internal_clients = Some(c.security.internal_clients.clone().unwrap_or_default())
                        }
                        "open" => c.security.internal_clients = None,
                        _ => {}
                    }
                }
            />
            <Show when=move || security.get().2>
                <TextField
                    field=Field::SecurityInternalClientsNamespaces
                    placeholder="only the brokers' own namespace"
                    get=|c| c.security.internal_clients.as_ref().map(|i| i.namespaces.join(", ")).unwrap_or_default()
                    set=|c, v| {
                        if let Some(clients) = &mut c.security.internal_clients {
                            clients.namespaces = list(&v);
                        }
                    }
                />
            </Show>
        </fieldset>
    }
}

/// A node the pool replaced: its successor takes its place in the list (the brokers keep their
/// ordinals), and the page says what to apply, in order.
#[component]
fn ReplaceNode() -> impl IntoView {
    let state = use_state();
    let which = RwSignal::new(0usize);
    let name = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    // The node that was replaced, and where: the steps follow the config from then on.
    let replaced = RwSignal::new(None::<(usize, Node)>);
    let steps = Memo::new(move |_| {
        let (index, old) = replaced.get()?;
        state
            .validation
            .with(|v| v.as_ref().ok().map(|valid| crate::bundle::replace_node_steps(valid, &old, index)))
    });
    let nodes =
        Memo::new(move |_| state.config.with(|c| c.nodes.iter().map(|n| n.name.clone()).collect::<Vec<_>>()));
    view! {
        <details class="replace-node" data-testid="replace-node">
            <summary>"A node was replaced (a node pool's upgrade)?"</summary>
            <p class="hint">
                "Give its successor's name and address: it takes the old node's place, so the brokers \
                 keep their ordinals and only what names that node changes."
            </p>
            <div class="node-row">
                <div class="field">
                    <label for="replace-which">"Replaced node"</label>
                    <select
                        id="replace-which"
                        data-testid="replace-which"
                        on:change=move |ev| which.set(event_target_value(&ev).parse().unwrap_or(0))
                    >
                        {move || {
                            nodes
                                .get()
                                .into_iter()
                                .enumerate()
                                .map(|(i, n)| view! { <option value=i.to_string() selected=move || which.get() == i>{n}</option> })
                                .collect_view()
                        }}
                    </select>
                </div>
                {text_input("replace-name", "New node's name", name)}
                {text_input("replace-address", "Its external address", address)}
                <button
                    type="button"
                    data-testid="replace-node-apply"
                    disabled=move || name.with(|n| n.trim().is_empty()) || address.with(|a| a.trim().is_empty())
                    on:click=move |_| {
                        let i = which.get_untracked();
                        let Some(old) = state.config.with_untracked(|c| c.nodes.get(i).cloned()) else { return };
                        let (new_name, new_address) = (name.get_untracked(), address.get_untracked());
                        state.edit(|c| {
                            if let Some(node) = c.nodes.get_mut(i) {
                                node.name = new_name.trim().to_string();
                            }
                            c.set_node_address(i, new_address.trim().to_string());
                        });
                        replaced.set(Some((i, old)));
                    }
                >
                    "Replace"
                </button>
            </div>
            <Show when=move || steps.with(Option::is_some)>
                <p data-testid="replace-node-said">
                    {move || replaced.with(|r| r.as_ref().map(|(_, old)| format!("Replaced {}. Apply, in this order:", old.name)))}
                </p>
                <ol data-testid="replace-node-steps">
                    {move || super::output::step_items(steps.get().unwrap_or_default())}
                </ol>
            </Show>
        </details>
    }
}

/// A labelled text input bound to a signal of its own, not to the config.
fn text_input(id: &'static str, label: &'static str, value: RwSignal<String>) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                type="text"
                spellcheck="false"
                autocomplete="off"
                data-testid=id
                prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}
