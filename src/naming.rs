//! The one source of names: every Kubernetes object, port, label and Kafka listener name the
//! generated files use comes from here.

use crate::config::Config;
use std::collections::BTreeMap;

/// Kafka listener names.
pub const INTERNAL_LISTENER: &str = "INTERNAL";
pub const EXTERNAL_LISTENER: &str = "EXTERNAL";
pub const CONTROLLER_LISTENER: &str = "CONTROLLER";

/// Container and Service port names (IANA service names: at most 15 characters).
pub const INTERNAL_PORT: &str = "internal";
pub const EXTERNAL_PORT: &str = "external";
pub const CONTROLLER_PORT: &str = "controller";

/// The label the StatefulSet controller puts on every pod (Kubernetes 1.9+), naming the pod.
pub const POD_NAME_LABEL: &str = "statefulset.kubernetes.io/pod-name";
/// The annotation external-dns reads to publish a DNS name for a load balancer.
pub const EXTERNAL_DNS_HOSTNAME: &str = "external-dns.alpha.kubernetes.io/hostname";
/// MetalLB's annotations' prefix (since v0.14.9), and the one it read before, which it still reads
/// when the new name is absent (metallb/metallb `controller/service.go`).
pub const METALLB: &str = "metallb.io";
/// The label Kubernetes sets on every namespace, its own name: what a Gateway's listener selects
/// another namespace's routes by.
pub const NAMESPACE_NAME_LABEL: &str = "kubernetes.io/metadata.name";
pub const METALLB_BEFORE_0_14_9: &str = "metallb.universe.tf";
/// The node label that the one-broker-per-node anti-affinity spreads over.
pub const HOSTNAME_TOPOLOGY_KEY: &str = "kubernetes.io/hostname";

/// Where the start script, its output and the data live inside the pod.
pub const SCRIPT_DIR: &str = "/opt/kafka-expose";
pub const SCRIPT_FILE: &str = "start.sh";
/// The dedicated controllers' start script, beside the brokers'.
pub const CONTROLLER_SCRIPT_FILE: &str = "start-controller.sh";
/// The brokers' Log4j2 configuration, beside the script.
pub const LOG4J2_FILE: &str = "log4j2.yaml";
/// The pod template's annotation with the ConfigMap's checksum.
pub const CONFIG_CHECKSUM_ANNOTATION: &str = "kafka-expose/config-checksum";
/// The user and group of the official image (`appuser`, uid 1000; its `USER` is a name, so
/// `runAsNonRoot` needs the number).
pub const KAFKA_UID: i64 = 1000;
/// Where the node reader's token is mounted, in the init container only.
pub const SERVICE_ACCOUNT_DIR: &str = "/var/run/secrets/kubernetes.io/serviceaccount";
pub const TOKEN_VOLUME: &str = "node-reader-token";
pub const CONFIG_DIR: &str = "/etc/kafka-expose";
pub const PROPERTIES_FILE: &str = "server.properties";
/// Where the EXTERNAL certificate's Secret is mounted (whole, so a renewed Secret shows up).
pub const TLS_DIR: &str = "/etc/kafka-expose-tls";
/// The PEM keystore `start.sh configure` assembles in `CONFIG_DIR`: the key, then the chain.
pub const KEYSTORE_FILE: &str = "external-keystore.pem";
pub const DATA_DIR: &str = "/var/lib/kafka/data";
/// Kafka's logs go one folder below the volume's root, away from a filesystem's `lost+found`.
pub const LOG_DIR: &str = "/var/lib/kafka/data/logs";
pub const KAFKA_HOME: &str = "/opt/kafka";

/// Volume names inside the pod.
pub const DATA_VOLUME: &str = "data";
pub const SCRIPT_VOLUME: &str = "start-script";
pub const CONFIG_VOLUME: &str = "config";
pub const TLS_VOLUME: &str = "external-tls";

/// The bundle's files that are not per broker.
pub const MANIFESTS: &str = "manifests.yaml";
/// The page's files' module (src/files_main.rs; it also holds the primer's text) registers its
/// functions under this global, then
/// says so with the ready event (public/boot.js says when it could not be loaded, with the failed
/// event's `detail`).
pub const FILES_GLOBAL: &str = "kafkaExposeFiles";
pub const FILES_TEXT: &str = "text";
pub const FILES_ZIP: &str = "zip";
pub const FILES_PRIMER: &str = "primer";
pub const FILES_READY_EVENT: &str = "kafka-expose:files-ready";
pub const FILES_FAILED_EVENT: &str = "kafka-expose:files-failed";
pub const CLIENT_PROPERTIES: &str = "client.properties";
pub const LIBRDKAFKA_PROPERTIES: &str = "client-librdkafka.properties";

/// Container names.
pub const KAFKA_CONTAINER: &str = "kafka";
pub const CONFIGURE_CONTAINER: &str = "configure";
/// The container beside a broker that keeps its EXTERNAL keystore in step with the certificate's
/// Secret (`start.sh watch-tls`).
pub const TLS_RELOAD_CONTAINER: &str = "tls-reload";
/// The container of the one-replica StatefulSet that keeps Kafka's SCRAM users equal to their Secret.
pub const USERS_CONTAINER: &str = "users";
/// Its script, in the ConfigMap beside the start scripts.
pub const USERS_SCRIPT_FILE: &str = "users.sh";
/// Where it mounts the users' Secret (one file a user, holding the password).
pub const USERS_DIR: &str = "/etc/kafka-expose-users";
pub const USERS_VOLUME: &str = "scram-users";
/// Its scratch space, in memory: a password is written there only for the moment
/// `kafka-configs.sh --add-config-file` reads it.
pub const USERS_WORK_DIR: &str = "/var/run/kafka-expose-users";
pub const USERS_WORK_VOLUME: &str = "work";

/// The label that tells a dedicated controller from a broker (`app.kubernetes.io/component`).
pub const COMPONENT_LABEL: &str = "app.kubernetes.io/component";

/// What ends the dedicated controllers' StatefulSet, headless Service and budget.
const CONTROLLER_SUFFIX: &str = "controller";

/// What ends the external Services' names: shared, bootstrap, and per broker after its ordinal.
const SHARED_SUFFIX: &str = "external";
const BOOTSTRAP_SUFFIX: &str = "bootstrap";
const PER_BROKER_SUFFIX: &str = "-external";

/// Names derived from one config.
#[derive(Clone, Copy, Debug)]
pub struct Names<'a> {
    config: &'a Config,
}

impl<'a> Names<'a> {
    pub fn new(config: &'a Config) -> Self {
        Names { config }
    }

    pub fn namespace(&self) -> &'a str {
        &self.config.namespace
    }

    pub fn statefulset(&self) -> &'a str {
        &self.config.name
    }

    /// The headless Service, equal to the StatefulSet's `serviceName` so that pods get DNS records.
    pub fn headless_service(&self) -> &'a str {
        &self.config.headless_service
    }

    /// Pod `i` of the StatefulSet.
    pub fn pod(&self, ordinal: u32) -> String {
        format!("{}-{ordinal}", self.config.name)
    }

    /// The DNS name of pod `i` behind the headless Service, which only resolves inside the cluster.
    pub fn pod_fqdn(&self, ordinal: u32) -> String {
        format!("{}.{}", self.pod(ordinal), self.headless_domain())
    }

    /// `<headless>.<namespace>.svc.<cluster domain>`, the domain of every pod's DNS name.
    pub fn headless_domain(&self) -> String {
        format!("{}.{}", self.config.headless_service, self.service_domain())
    }

    pub fn cluster_domain(&self) -> &'a str {
        &self.config.cluster_domain
    }

    /// `<namespace>.svc.<cluster domain>`.
    pub fn service_domain(&self) -> String {
        format!("{}.svc.{}", self.config.namespace, self.config.cluster_domain)
    }

    /// The dedicated controllers' StatefulSet, also the name of their headless Service and their
    /// PodDisruptionBudget.
    pub fn controller_statefulset(&self) -> String {
        format!("{}-{CONTROLLER_SUFFIX}", self.config.name)
    }

    /// Controller `i` of the dedicated controllers.
    pub fn controller_pod(&self, ordinal: u32) -> String {
        format!("{}-{ordinal}", self.controller_statefulset())
    }

    /// `<controllers>.<namespace>.svc.<cluster domain>`, the domain of every controller's name.
    pub fn controller_domain(&self) -> String {
        format!("{}.{}", self.controller_statefulset(), self.service_domain())
    }

    /// The DNS name of controller `i`, inside the cluster only.
    pub fn controller_pod_fqdn(&self, ordinal: u32) -> String {
        format!("{}.{}", self.controller_pod(ordinal), self.controller_domain())
    }

    /// The external Service of broker `i` (NodePort, LoadBalancer or ExternalName).
    pub fn broker_service(&self, ordinal: u32) -> String {
        format!("{}-{ordinal}{PER_BROKER_SUFFIX}", self.config.name)
    }

    /// The in-cluster DNS name of broker `i`'s external Service.
    pub fn broker_service_fqdn(&self, ordinal: u32) -> String {
        format!("{}.{}", self.broker_service(ordinal), self.service_domain())
    }

    /// The external Service that all brokers share (bootstrap, or the whole exposure).
    pub fn shared_service(&self) -> String {
        format!("{}-{SHARED_SUFFIX}", self.config.name)
    }

    /// The ListenerSet that attaches the brokers' TLS listener to the platform's Gateway.
    pub fn listener_set(&self) -> String {
        format!("{}-{SHARED_SUFFIX}", self.config.name)
    }

    /// The external bootstrap Service in front of per-broker Services.
    pub fn bootstrap_service(&self) -> String {
        format!("{}-{BOOTSTRAP_SUFFIX}", self.config.name)
    }

    /// Whether `label` is the short name of one of this config's Services or pods (any ordinal):
    /// a name that pods resolve through their DNS search path and nothing outside does. The
    /// inverse of `headless_service`, `shared_service`, `bootstrap_service`, `pod` and
    /// `broker_service`.
    pub fn is_cluster_name(&self, label: &str) -> bool {
        if label == self.headless_service() {
            return true;
        }
        // `<name>-external`, `<name>-bootstrap`, `<name>-<i>`, `<name>-<i>-external`, read without
        // writing each name out: this runs for every address the walkthrough follows.
        let Some(rest) = label.strip_prefix(self.statefulset()).and_then(|r| r.strip_prefix('-')) else {
            return false;
        };
        if rest == SHARED_SUFFIX || rest == BOOTSTRAP_SUFFIX || rest == CONTROLLER_SUFFIX {
            return true;
        }
        // A dedicated controller, `<name>-controller-<i>`.
        let rest = rest.strip_prefix(CONTROLLER_SUFFIX).and_then(|r| r.strip_prefix('-')).unwrap_or(rest);
        let ordinal = rest.strip_suffix(PER_BROKER_SUFFIX).unwrap_or(rest);
        !ordinal.is_empty() && ordinal.chars().all(|c| c.is_ascii_digit())
    }

    /// The `kubernetes.io/tls` Secret of the EXTERNAL certificate: the configured one, or ours.
    pub fn tls_secret(&self) -> String {
        self.config
            .security
            .tls_secret
            .clone()
            .unwrap_or_else(|| format!("{}-external-tls", self.config.name))
    }

    /// The cert-manager Certificate that writes `tls_secret` (named as the Secret, not as the
    /// external Service, which a reader would take it for).
    pub fn certificate(&self) -> String {
        format!("{}-external-tls", self.config.name)
    }

    /// The generated self-signed Issuer, the CA Certificate (and its Secret) and the CA Issuer.
    pub fn self_signed_issuer(&self) -> String {
        format!("{}-selfsigned", self.config.name)
    }

    pub fn ca(&self) -> String {
        format!("{}-ca", self.config.name)
    }

    /// The Secret the user creates with the SCRAM users' passwords, one key per user.
    pub fn scram_users_secret(&self) -> String {
        format!("{}-scram-users", self.config.name)
    }

    /// The one-replica StatefulSet that keeps Kafka's SCRAM users equal to the Secret.
    pub fn user_sync(&self) -> String {
        format!("{}-users", self.config.name)
    }

    pub fn network_policy(&self) -> String {
        self.config.name.clone()
    }

    pub fn config_map(&self) -> String {
        format!("{}-start", self.config.name)
    }

    pub fn pod_disruption_budget(&self) -> &'a str {
        &self.config.name
    }

    pub fn service_account(&self) -> String {
        format!("{}-node-reader", self.config.name)
    }

    /// Cluster-scoped, so it carries the namespace to stay unique in the cluster.
    pub fn cluster_role(&self) -> String {
        format!("{}-{}-node-reader", self.config.namespace, self.config.name)
    }

    pub fn cluster_role_binding(&self) -> String {
        self.cluster_role()
    }

    /// The labels every pod of this cluster carries, brokers and dedicated controllers alike.
    pub fn instance_labels(&self) -> BTreeMap<String, String> {
        BTreeMap::from([
            ("app.kubernetes.io/name".to_string(), "kafka".to_string()),
            ("app.kubernetes.io/instance".to_string(), self.config.name.clone()),
        ])
    }

    /// The labels the brokers are selected by. With dedicated controllers they name the broker
    /// component, so that no Service, budget or spread selects a controller; in combined mode they
    /// stay the instance labels, because a StatefulSet's selector cannot change once deployed.
    pub fn selector_labels(&self) -> BTreeMap<String, String> {
        let mut labels = self.instance_labels();
        if self.config.topology.dedicated() {
            labels.insert(COMPONENT_LABEL.into(), "broker".into());
        }
        labels
    }

    /// The labels the dedicated controllers are selected by.
    pub fn controller_selector_labels(&self) -> BTreeMap<String, String> {
        let mut labels = self.instance_labels();
        labels.insert(COMPONENT_LABEL.into(), CONTROLLER_SUFFIX.into());
        labels
    }

    /// The labels the users' StatefulSet selects its pod by. Not the instance labels: in combined
    /// mode those alone select the brokers (StatefulSet, headless Service, budget).
    pub fn user_sync_labels(&self) -> BTreeMap<String, String> {
        BTreeMap::from([
            ("app.kubernetes.io/name".to_string(), "kafka-scram-users".to_string()),
            ("app.kubernetes.io/instance".to_string(), self.config.name.clone()),
        ])
    }

    /// The instance labels plus the tool's own mark: every object's.
    pub fn labels(&self) -> BTreeMap<String, String> {
        let mut labels = self.instance_labels();
        labels.insert("app.kubernetes.io/managed-by".into(), "kafka-expose".into());
        labels
    }

    /// A pod's labels: its selector's plus the tool's mark.
    pub fn pod_labels(&self, selector: BTreeMap<String, String>) -> BTreeMap<String, String> {
        let mut labels = self.labels();
        labels.extend(selector);
        labels
    }

    /// The names that must fit in a DNS label (63 characters), with what each names: pods' host
    /// names and Service names. The last broker's are the longest.
    pub fn label_limited_names(&self) -> Vec<(&'static str, String)> {
        let last = self.config.replicas.saturating_sub(1);
        let mut names = vec![
            ("pod", self.pod(last)),
            ("per-broker Service", self.broker_service(last)),
            ("shared Service", self.shared_service()),
            ("bootstrap Service", self.bootstrap_service()),
        ];
        if self.config.topology.dedicated() {
            let last = self.config.topology.controllers.saturating_sub(1);
            names.push(("controller pod", self.controller_pod(last)));
        }
        names
    }
}
