//! Every config field, grouped: cluster, nodes, ports, the strategy's own settings, Kafka.

use super::app::use_state;
use super::fields::{Messages, NumberField, SelectField, TextField};
use crate::config::{Node, NodeAddressSource, StrategyId};
use crate::strategy;
use crate::validate::MAX_REPLICAS;
use leptos::prelude::*;

/// Fields whose findings have no input of their own are listed at the top.
const GENERAL: [&str; 3] = ["version", "strategy", "nodes"];

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
            {GENERAL.map(|path| view! { <Messages path=path focusable=true /> })}
            <fieldset>
                <legend>"Cluster"</legend>
                <TextField path="namespace" get=|c| c.namespace.clone() set=|c, v| c.namespace = v />
                <TextField path="name" get=|c| c.name.clone() set=|c, v| c.name = v />
                <TextField
                    path="headlessService"
                    get=|c| c.headless_service.clone()
                    set=|c, v| c.headless_service = v
                />
                <NumberField
                    path="replicas"
                    min=1
                    max=MAX_REPLICAS
                    get=|c| Some(c.replicas)
                    set=|c, v| c.replicas = v.unwrap_or_default()
                />
                <TextField
                    path="clusterDomain"
                    get=|c| c.cluster_domain.clone()
                    set=|c, v| c.cluster_domain = v
                />
            </fieldset>
            <NodesEditor />
            <fieldset>
                <legend>"Listener ports (container)"</legend>
                <NumberField path="ports.internal" get=|c| Some(c.ports.internal) set=|c, v| c.ports.internal = v.unwrap_or_default() />
                <NumberField path="ports.controller" get=|c| Some(c.ports.controller) set=|c, v| c.ports.controller = v.unwrap_or_default() />
                <NumberField path="ports.external" get=|c| Some(c.ports.external) set=|c, v| c.ports.external = v.unwrap_or_default() />
            </fieldset>
            <fieldset>
                <legend>"Exposure"</legend>
                <Show when=uses(&[StrategyId::NodeportPerBroker, StrategyId::NodeportShared])>
                    <TextField
                        path="advertisedHost"
                        get=|c| c.advertised_host.clone()
                        set=|c, v| c.advertised_host = v
                    />
                </Show>
                <Show when=uses(&[StrategyId::NodeportPerBroker, StrategyId::NodeportLocal, StrategyId::NodeportShared])>
                    <NumberField path="nodePorts.first" get=|c| Some(c.node_ports.first) set=|c, v| c.node_ports.first = v.unwrap_or_default() />
                    <TextField path="nodePorts.range" get=|c| c.node_ports.range.clone() set=|c, v| c.node_ports.range = v />
                </Show>
                <Show when=uses(&[StrategyId::NodeportPerBroker])>
                    <NumberField
                        path="nodePorts.bootstrap"
                        optional=true
                        get=|c| c.node_ports.bootstrap
                        set=|c, v| c.node_ports.bootstrap = v
                    />
                </Show>
                <Show when=uses(&[StrategyId::LoadbalancerPerBroker])>
                    <TextField
                        path="loadBalancer.hostTemplate"
                        get=|c| c.load_balancer.host_template.clone()
                        set=|c, v| c.load_balancer.host_template = v
                    />
                    <TextField
                        path="loadBalancer.bootstrapHost"
                        get=|c| c.load_balancer.bootstrap_host.clone().unwrap_or_default()
                        set=|c, v| c.load_balancer.bootstrap_host = (!v.trim().is_empty()).then_some(v)
                    />
                    <TextField
                        path="loadBalancer.class"
                        get=|c| c.load_balancer.class.clone().unwrap_or_default()
                        set=|c, v| c.load_balancer.class = (!v.trim().is_empty()).then_some(v)
                    />
                    <TextField
                        path="loadBalancer.sourceRanges"
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
                <SelectField
                    path="nodeAddressSource"
                    options=vec![
                        ("static-map", "From the node list above (no RBAC)"),
                        ("host-ip", "status.hostIP: the node's InternalIP"),
                        ("kubectl", "kubectl: the node's ExternalIP (adds RBAC)"),
                    ]
                    get=|c| c.node_address_source.as_str()
                    set=|c, v| {
                        if let Some(source) = NodeAddressSource::ALL.into_iter().find(|s| s.as_str() == v) {
                            c.node_address_source = source;
                        }
                    }
                />
            </fieldset>
            <fieldset>
                <legend>"Kafka and storage"</legend>
                <TextField path="kafka.image" get=|c| c.kafka.image.clone() set=|c, v| c.kafka.image = v />
                <TextField path="kafka.kubectlImage" get=|c| c.kafka.kubectl_image.clone() set=|c, v| c.kafka.kubectl_image = v />
                <TextField
                    path="kafka.clusterId"
                    placeholder="derived from namespace and name"
                    get=|c| c.kafka.cluster_id.clone().unwrap_or_default()
                    set=|c, v| c.kafka.cluster_id = (!v.trim().is_empty()).then_some(v)
                />
                <TextField path="storage.size" get=|c| c.storage.size.clone() set=|c, v| c.storage.size = v />
                <TextField
                    path="storage.className"
                    get=|c| c.storage.class_name.clone().unwrap_or_default()
                    set=|c, v| c.storage.class_name = (!v.trim().is_empty()).then_some(v)
                />
            </fieldset>
            </details>
        </aside>
    }
}

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
                                    path=format!("nodes[{i}].name")
                                    get=move |c| c.nodes.get(i).map(|n| n.name.clone()).unwrap_or_default()
                                    set=move |c, v| {
                                        if let Some(n) = c.nodes.get_mut(i) {
                                            n.name = v;
                                        }
                                    }
                                />
                                <TextField
                                    path=format!("nodes[{i}].address")
                                    get=move |c| c.nodes.get(i).map(|n| n.address.clone()).unwrap_or_default()
                                    set=move |c, v| c.set_node_address(i, v)
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
                                            })
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
                data-testid="add-node"
                on:click=move |_| {
                    state
                        .edit(|c| {
                            let n = c.nodes.len();
                            c.nodes.push(Node { name: format!("node-{}", n + 1), address: String::new() });
                        })
                }
            >
                "Add node"
            </button>
        </fieldset>
    }
}
