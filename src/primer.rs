//! The short primer the page teaches from: Service types, and how Kafka's advertised listeners
//! decide where clients connect.

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

/// How Kafka clients find brokers.
pub const ADVERTISED_LISTENERS: &str = "A Kafka client connects to any bootstrap address, asks for \
metadata, and gets back every broker's address as that broker advertises it on the listener the \
client came in on (advertised.listeners). From then on it connects to each partition's leader \
directly, at that address. So each broker needs an external listener whose advertised host and \
port reach that broker — and no other — from where the client runs, while brokers keep talking \
to each other on an internal listener advertised with the headless Service's DNS names.";
