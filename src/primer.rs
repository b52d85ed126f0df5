//! The short primer the page teaches from: Service types, and how Kafka's advertised listeners
//! decide where clients connect. Only the files' module carries it (`html`): a visit that never
//! scrolls to the primer does not download its text.

/// The primer as HTML, in two parts: before and after the place where the page puts the
/// addresses in the config's own values. Its text is this file's constants, escaped.
pub fn html() -> [String; 2] {
    fn escape(text: &str) -> String {
        text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
    }
    fn terms(out: &mut String, testid: &str, list: &[(&str, &str)]) {
        out.push_str(&format!("<dl data-testid=\"{testid}\">"));
        for (term, text) in list {
            out.push_str(&format!("<dt>{}</dt><dd>{}</dd>", escape(term), escape(text)));
        }
        out.push_str("</dl>");
    }
    let mut before = String::new();
    terms(&mut before, "primer-services", &SERVICE_TYPES);
    before.push_str("<h3>How Kafka decides where clients connect</h3>");
    before.push_str(&format!("<p>{}</p>", escape(ADVERTISED_LISTENERS)));
    before.push_str("<h3>A node's addresses, inside and outside</h3>");
    terms(&mut before, "primer-addresses", &NODE_ADDRESSES);
    let mut after = String::from("<h3>KRaft controllers</h3>");
    terms(&mut after, "primer-topology", &TOPOLOGY);
    after.push_str("<h3>TLS and SCRAM on the exposed listener</h3>");
    terms(&mut after, "primer-security", &SECURITY);
    [before, after]
}

/// (term, explanation), in reading order.
pub const SERVICE_TYPES: [(&str, &str); 5] = [
    (
        "Headless Service (clusterIP: None)",
        "No virtual IP and no proxying: cluster DNS answers with the pods' own addresses, and a \
         StatefulSet whose serviceName names it gives every pod a stable name, \
         <pod>.<service>.<namespace>.svc.<cluster-domain>. Those names exist only in the cluster's DNS.",
    ),
    (
        "ClusterIP",
        "One virtual IP inside the cluster; kube-proxy spreads connections over the selected pods. \
         Reachable only from inside the cluster.",
    ),
    (
        "NodePort",
        "A ClusterIP plus one port (30000–32767 by default) opened on every node; a connection to any \
         node's port goes to one of the selected pods — any of them, unless the Service selects a single \
         pod or externalTrafficPolicy is Local. A Service cannot be headless and NodePort at once.",
    ),
    (
        "LoadBalancer",
        "A NodePort plus an external load balancer from the cloud or MetalLB, with an address of its \
         own. One per broker gives each broker a stable external address.",
    ),
    (
        "ExternalName",
        "Only a DNS CNAME inside the cluster: no cluster IP, no ports, no proxying. It renames, it \
         never exposes.",
    ),
];

/// A node's addresses, inside and outside, and which one a pod can learn: where a broker that
/// advertises its node's address is reachable from.
pub const NODE_ADDRESSES: [(&str, &str); 4] = [
    (
        "InternalIP",
        "The node's address on the cluster's own network, as its kubelet reports it (kubectl get \
         nodes -o wide shows it): pods and the other nodes reach the node there. In a private network \
         or behind NAT, only machines on that network can.",
    ),
    (
        "ExternalIP, NAT",
        "An address outside the node's network, when the cloud or the node reports one. Behind NAT \
         clients reach the node at the translated address, which the node may not report at all: \
         then only you know it, and the node list is where to say it.",
    ),
    (
        "status.hostIP",
        "What a pod reads of its node through the downward API: the node's first InternalIP, its \
         ExternalIP only when it has no InternalIP (Kubernetes, pkg/util/node, GetNodeHostIPs). \
         Behind NAT that is the inside address, so brokers that advertise it are reachable from \
         the nodes' network only: take the addresses from the node list instead, which advertises \
         the outside one you enter (kubectl finds an ExternalIP only where the node reports one, \
         which a NAT router's address never is).",
    ),
    (
        "Example addresses",
        "192.0.2.0/24, 198.51.100.0/24 and 203.0.113.0/24 (RFC 5737), 2001:db8::/32 (RFC 3849) and \
         names under example.com, .example, .test or .invalid (RFC 2606) are reserved for \
         documentation: no network routes them. The page's defaults and presets use them; replace \
         them with your own before you apply the files.",
    ),
];

/// How Kafka clients find brokers.
pub const ADVERTISED_LISTENERS: &str = "A Kafka client connects to any bootstrap address, asks for \
metadata, and gets back every broker's address as that broker advertises it on the listener the \
client came in on (advertised.listeners). From then on it connects to each partition's leader \
directly, at that address. So each broker needs an external listener whose advertised host and \
port reach that broker — and no other — from where the client runs, while brokers keep talking \
to each other on an internal listener advertised with the headless Service's DNS names.";

/// Securing the exposed listener: (question, answer), in reading order.
pub const SECURITY: [(&str, &str); 5] = [
    // Which addresses each strategy's certificate lists is the SAN plan's (`plan/sans.rs`);
    // `tests/strategies.rs` checks this answer against it. Hostname verification: RFC 6125 §6
    // (an IP only against IP SANs); SNI carries names only, never IP literals (RFC 6066 §3).
    (
        "Why hostname verification fails",
        "A client checks the certificate against the host it dialed: an IP only against the \
         certificate's IP SANs, a name only against its DNS SANs, and a bootstrap address as much as \
         a broker's. With one NodePort per broker the brokers advertise the listed nodes, spread \
         over them, or the one address you put in front of the nodes, so those addresses are all \
         the certificate lists, wherever the pods run. With externalTrafficPolicy: Local or a hostPort a broker \
         advertises its own node's address, so the certificate must list every node a broker may \
         run on (kafka-expose pins brokers to the listed nodes for that) and every bootstrap \
         address; an address the pod finds only when it starts can be in no certificate made \
         before. Java clients send the name as SNI only for a dotted name, never for an IP.",
    ),
    (
        "What turning verification off costs",
        "ssl.endpoint.identification.algorithm= (empty) makes the client accept any certificate your \
         CA signed, for any name: whoever can present one, or sit between client and broker with \
         one, reads and writes everything the client sends, SCRAM logins included. Add the missing \
         address to the certificate instead.",
    ),
    (
        "SCRAM users",
        "The users are created when the cluster's metadata log is first formatted (by the \
         controllers; in combined mode by the brokers), from the Secret's passwords (which never enter the config, a link or a file). Later users are added on a \
         running cluster: kafka-configs.sh --bootstrap-server <bootstrap> --command-config \
         client.properties --alter --add-config 'SCRAM-SHA-512=[password=<password>]' \
         --entity-type users --entity-name <user>. Without an authorizer, every user may do \
         everything. SCRAM is never used between controllers (KAFKA-15513).",
    ),
    // Kafka reloads a listener's keystore for a per-broker AlterConfigs even of an unchanged value
    // (KAFKA-14136; `start.sh watch-tls` says where in Kafka's source). cert-manager does not
    // reissue leaf certificates when their CA renews (cert-manager issues #5558, #2478).
    (
        "Renewed certificates",
        "cert-manager renews the brokers' certificate 30 days before its 90 days end and updates the \
         Secret, which the kubelet updates in each pod within a minute or two. Beside each broker, \
         the tls-reload container then rebuilds the keystore and asks that broker to reload it (an \
         AlterConfigs of its own keystore location, which Kafka reloads even when the value is the \
         same): no restart, no client disconnected. A certificate of your own works the same way: \
         replace tls.crt and tls.key in its Secret. The generated CA lives ten years and keeps its \
         key when cert-manager renews it, so the ca.crt your clients have stays valid. To change the \
         CA's key on purpose, give clients the old and the new CA together first (trust-manager can \
         publish such a bundle), then set the CA Certificate's privateKey.rotationPolicy to Always \
         and renew it and then the brokers' certificate (cmctl renew), and drop the old CA last. With an issuer of yours, clients trust that issuer's root; when it \
         changes, brokers keep a certificate from the old one until their next renewal (cert-manager \
         reissues nothing when an issuer changes), so clients need both roots until then, or renew \
         the brokers' certificate at once.",
    ),
    // What the generated policy admits is `k8s/network_policy.rs`; that a NetworkPolicy needs a
    // plugin that enforces it: Kubernetes docs, "Network Policies", "Prerequisites".
    (
        "Why INTERNAL and CONTROLLER stay plaintext",
        "Brokers and controllers talk inside the cluster. The NetworkPolicy admits to CONTROLLER \
         only the cluster's own pods, and to INTERNAL those and the pods of the brokers' namespace \
         and of the namespaces you list; any pod there can use INTERNAL, so keep untrusted \
         workloads in other namespaces. Over a plaintext listener every peer is User:ANONYMOUS, so \
         without the policy any pod could read every topic and rewrite the cluster's metadata. A \
         NetworkPolicy does nothing unless the cluster's network plugin enforces it (Calico and \
         Cilium do; flannel alone does not): check yours before you rely on it.",
    ),
];

/// The KRaft quorum: (question, answer), in reading order.
pub const TOPOLOGY: [(&str, &str); 5] = [
    // KIP-919 (Kafka 3.7): admin clients may bootstrap from controllers; producers and consumers
    // may not ("this only applies to admin clients").
    (
        "Why controllers are never exposed",
        "No producer or consumer talks to a controller: clients ask brokers for metadata, and \
         brokers forward what changes it to the active controller over CONTROLLER, inside the \
         cluster. Admin tools can talk to controllers directly with --bootstrap-controller (since \
         Kafka 3.7, KIP-919: describing the quorum, features, some configs); the start script does \
         so from inside the cluster, and from outside the same tools work through a broker with \
         --bootstrap-server. So the controllers advertise only their headless names, get no \
         external Service and no name in the certificate, and the NetworkPolicy admits only the \
         cluster's own pods to CONTROLLER: exposing it would open a door to the cluster's metadata \
         for nothing a client needs.",
    ),
    (
        "Dedicated or combined",
        "Dedicated controllers (3 tolerate one failure, 5 two) are a quorum apart from the brokers: \
         brokers can be scaled, rolled and loaded without touching a voter. Combined mode makes \
         every broker a voter: one StatefulSet, fine for a lab or a one-node cluster, but Kafka's \
         operations guide advises against it for critical clusters, since controllers cannot be \
         rolled or scaled apart from the brokers and changing the brokers' count rewrites the \
         voter list, which a static quorum cannot take while running (Kafka 4.1 and later can \
         turn it into a dynamic quorum first; see below).",
    ),
    (
        "Node ids and the voter list",
        "Controller i is node i; beside them, broker pod i is node 100 + i, so the two never \
         collide however far the brokers scale. Every node lists the same static voters \
         (controller.quorum.voters), the controllers at their headless names.",
    ),
    // Static quorums support no membership change; KAFKA-16538 (Kafka 4.1) lets UpdateFeatures
    // raise kraft.version to 1, a dynamic quorum, after which KIP-853's add-controller and
    // remove-controller apply (Kafka's operations guide, "Static versus Dynamic KRaft Quorums").
    (
        "Changing the topology of a running cluster",
        "It is a migration, not an edit: the brokers' StatefulSet selects its pods differently \
         (Kubernetes refuses to change a selector), and the metadata lives on the old voters. \
         Deploy the new layout as a new cluster (another name or namespace) and move the data, \
         for instance with MirrorMaker 2; a volume of a voter that was lost is refused at start, a \
         broker's is formatted again and refilled from its peers. Changing only the number of \
         controllers is not a rolling update either: a static quorum (controller.quorum.voters) \
         supports no membership change, and nodes restarted one at a time with different voter \
         lists disagree about the quorum. Since Kafka 4.1 a static quorum can be upgraded to a \
         dynamic one (kafka-features.sh upgrade --feature kraft.version=1, KAFKA-16538), after \
         which kafka-metadata-quorum.sh add-controller and remove-controller change the voters one \
         at a time; otherwise stop every node and start all of them with the new list.",
    ),
    // A pod pinned by required node affinity to a node that is gone stays Pending, and a
    // PodDisruptionBudget with no disruption left blocks the next drain (Kubernetes docs,
    // "Disruptions", "Safely Drain a Node"); `bundle::replace_node_steps` is the order below.
    (
        "When a node is replaced",
        "Managed node pools replace nodes on upgrade, with new names and addresses. With hostPort or \
         externalTrafficPolicy: Local the brokers are pinned to the listed nodes: the broker of a node \
         that is gone stays Pending, and the PodDisruptionBudget then blocks the next drain. With one \
         NodePort per broker the brokers that advertise the old node's address are cut off. Replace \
         the node in Nodes (its successor takes its place, so the brokers keep their ordinals), and \
         apply in this order: the new address into the certificate first, and wait until it is \
         issued; then the files (the start script's node list, the node affinity; the brokers roll \
         one at a time); then delete the Pending pod, which the StatefulSet makes again on the new \
         node. Clients that bootstrapped from the old address need the new one.",
    ),
];
