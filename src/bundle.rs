//! One entry point, one result: a valid config becomes the ordered list of files the page previews
//! and downloads and the command line writes.

use crate::k8s::{self, Manifests};
use crate::kafka::properties::{self, Preview};
use crate::kafka::{client, start_script, verify_script};
use crate::plan::topology::{self, Role};
use crate::sim::route::{self, Vantage, Walkthrough};
use crate::validate::Valid;
use std::borrow::Cow;
use std::sync::Arc;

/// One generated file.
#[derive(Clone, Debug, PartialEq)]
pub struct File {
    pub name: String,
    pub contents: Contents,
}

/// What a file holds. The big files keep the values they are written from and are written out when
/// read, so a change on the page costs only the file on screen: `manifests.yaml` holds the objects
/// the walkthrough and the diagram also read, each `server-<i>.properties` the lines all brokers
/// share. Reading gives the same bytes every time.
#[derive(Clone, Debug, PartialEq)]
pub enum Contents {
    Text(String),
    Manifests(Arc<Manifests>),
    /// A broker's or a dedicated controller's properties: the lines its pool shares, and its ordinal.
    Broker(Arc<Preview>, u32),
}

impl Contents {
    /// The file's text.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Contents::Text(text) => Cow::Borrowed(text),
            Contents::Manifests(manifests) => Cow::Owned(manifests.to_yaml()),
            Contents::Broker(preview, ordinal) => Cow::Owned(preview.render(*ordinal)),
        }
    }
}

/// Every generated file, in a stable order: `manifests.yaml`, `start.sh` (and with dedicated
/// controllers `start-controller.sh`), `server-<i>.properties` for each broker (and
/// `controller-<i>.properties` for each dedicated controller), `client.properties` (Java) and
/// `client-librdkafka.properties` (kcat and other librdkafka clients), and `verify.sh`, which
/// checks from the client's machine what the plan expects.
#[derive(Clone, Debug, PartialEq)]
pub struct Bundle {
    pub files: Vec<File>,
}

impl Bundle {
    /// The file with this name.
    pub fn file(&self, name: &str) -> Option<&File> {
        self.files.iter().find(|f| f.name == name)
    }
}

/// The name of broker `i`'s preview properties.
pub fn server_properties_name(ordinal: u32) -> String {
    format!("server-{ordinal}.properties")
}

/// The name of dedicated controller `i`'s preview properties.
pub fn controller_properties_name(ordinal: u32) -> String {
    format!("controller-{ordinal}.properties")
}

// The files' names live with every other name; the steps' type with the client's files that
// print them (both below this module: see README's layers).
pub use crate::kafka::client::Step;
pub use crate::naming::{CLIENT_PROPERTIES, LIBRDKAFKA_PROPERTIES, MANIFESTS};

/// What to run once the files are downloaded, in order: the page lists the steps, `manifests.yaml`
/// carries them in its first lines, `client.properties` the client's. Passwords are made and kept
/// in the cluster's Secret; the commands read them from there, no file holds one.
pub fn next_steps(valid: &Valid) -> Vec<Step> {
    let config = valid.config();
    let names = crate::naming::Names::new(config);
    let security = &config.security;
    let ns = names.namespace();
    let servers = valid.strategy().bootstrap_servers(config);
    let step = |what: &str, command: String, client| Step { what: what.to_string(), command, client };
    let mut steps = vec![step("Apply", format!("kubectl apply -f {MANIFESTS}"), false)];
    if security.scram() {
        let literals: Vec<String> = security
            .users
            .iter()
            .map(|user| format!("--from-literal={user}=\"$(openssl rand -base64 24)\""))
            .collect();
        steps.push(step(
            "Create the SCRAM users' passwords, in the cluster only",
            format!(
                "kubectl -n {ns} create secret generic {} {}",
                names.scram_users_secret(),
                literals.join(" ")
            ),
            false,
        ));
    }
    if config.topology.dedicated() {
        steps.push(step(
            "Wait for the controllers",
            format!("kubectl -n {ns} rollout status statefulset/{}", names.controller_statefulset()),
            false,
        ));
    }
    steps.push(step(
        "Wait for the brokers",
        format!("kubectl -n {ns} rollout status statefulset/{}", names.statefulset()),
        false,
    ));
    if security.tls() {
        steps.push(step(
            "Fetch the CA that signed the brokers' certificate",
            format!(
                "kubectl -n {ns} get secret {} -o jsonpath='{{.data.ca\\.crt}}' | base64 -d > ca.crt",
                names.tls_secret()
            ),
            true,
        ));
    }
    if let (true, Some(user)) = (security.scram(), security.users.first()) {
        steps.push(step(
            &format!("Read the password of user {user} into the environment"),
            format!(
                "export KAFKA_PASSWORD=\"$(kubectl -n {ns} get secret {} -o jsonpath='{{.data.{user}}}' | base64 -d)\"",
                names.scram_users_secret()
            ),
            true,
        ));
    }
    // Kafka 4's console tools require --bootstrap-server; the file carries the rest.
    steps.push(step(
        "Connect from outside",
        format!(
            "kafka-console-producer.sh --bootstrap-server {} --producer.config {CLIENT_PROPERTIES} --topic test",
            servers.first().map_or("", String::as_str)
        ),
        true,
    ));
    let password = if security.scram() { " -X sasl.password=\"$KAFKA_PASSWORD\"" } else { "" };
    steps.push(step(
        "Or list the brokers with kcat",
        format!("kcat -F {LIBRDKAFKA_PROPERTIES}{password} -L"),
        true,
    ));
    steps.push(step(
        "Check every address from here (give its output to the doctor if a line fails)",
        format!("sh {}", crate::kafka::verify_script::VERIFY_FILE),
        true,
    ));
    steps
}

/// What must exist, or be decided, before `kubectl apply`: what the objects need that they do not
/// make (cert-manager, a StorageClass, a load balancer), the ports to open, the names to publish
/// in DNS and the Pod Security level the namespace enforces. Each with a command that checks it,
/// where one can before the apply. The page lists them above the next steps, `manifests.yaml` in
/// its first lines.
pub fn before_apply(valid: &Valid, manifests: &Manifests) -> Vec<Step> {
    let config = valid.config();
    let names = crate::naming::Names::new(config);
    let ns = names.namespace();
    let step = |what: String, command: String| Step { what, command, client: false };
    let mut steps = Vec::new();
    let security = &config.security;
    match security.tls {
        // cert-manager.io/v1 is served from cert-manager 1.0 on; the Certificates set their
        // duration and key rotation themselves, so later releases' changed defaults (1.18's
        // rotationPolicy) change nothing (cert-manager release notes).
        crate::config::TlsMode::CertManager => {
            steps.push(step(
                "cert-manager 1.0 or later, installed first: the files hold its Certificate and Issuer \
                 objects (cert-manager.io/v1), and without its CRDs the apply stops part-way"
                    .into(),
                "kubectl get crd certificates.cert-manager.io issuers.cert-manager.io".into(),
            ));
            if let Some(issuer) = &security.issuer {
                let (kind, scope) = match issuer.kind {
                    crate::config::IssuerKind::ClusterIssuer => ("clusterissuer", String::new()),
                    crate::config::IssuerKind::Issuer => ("issuer", format!("-n {ns} ")),
                };
                steps.push(step(
                    format!(
                        "The {} {} that signs the brokers' certificate, Ready",
                        crate::config::Choice::as_str(issuer.kind),
                        issuer.name
                    ),
                    format!("kubectl {scope}get {kind} {}", issuer.name),
                ));
            }
        }
        crate::config::TlsMode::Secret => steps.push(step(
            format!(
                "Your TLS Secret {} in {ns}, its certificate listing the names the page shows beside TLS",
                names.tls_secret()
            ),
            format!("kubectl -n {ns} get secret {}", names.tls_secret()),
        )),
        crate::config::TlsMode::None => {}
    }
    steps.push(match &config.storage.class_name {
        Some(class) => step(
            format!("StorageClass {class}: every broker's volume is claimed from it"),
            format!("kubectl get storageclass {class}"),
        ),
        None => step(
            "A default StorageClass (marked \"(default)\"): every broker's volume is claimed from it".into(),
            "kubectl get storageclass".into(),
        ),
    });
    let level = if valid.strategy().uses_host_port() {
        "privileged, as a hostPort is refused from \"baseline\" up"
    } else {
        "restricted, which the pods meet"
    };
    steps.push(step(
        format!(
            "Pod Security: the namespace {ns} is labelled to enforce {level}; a policy engine of your own \
             (Kyverno, Gatekeeper) must allow the same"
        ),
        String::new(),
    ));
    // What clients outside dial: the ports to open, and the names to publish.
    let services = manifests.exposure_services();
    // The NodePorts the Services open, or the hostPort every node opens.
    let mut ports: Vec<String> = services
        .iter()
        .filter_map(|s| s.spec.as_ref()?.ports.as_ref()?.first()?.node_port)
        .map(|p| p.to_string())
        .collect();
    if ports.is_empty() && valid.strategy().uses_host_port() {
        ports.push(config.ports.external.to_string());
    }
    if !ports.is_empty() {
        let nodes =
            crate::walkthrough::and_list(&config.nodes.iter().map(|n| n.name.as_str()).collect::<Vec<_>>())
                .unwrap_or_default();
        steps.push(step(
            format!(
                "A firewall (security group) rule letting the clients reach TCP {} on {nodes}",
                ports.join(", ")
            ),
            String::new(),
        ));
    }
    // What the strategy's objects need of the cluster (a load-balancer implementation, the
    // address to open), in its own words.
    steps.extend(valid.strategy().prerequisites(config).into_iter().map(|(what, check)| step(what, check)));
    let outside = |host: &&String| {
        !host.ends_with(&format!(".{}", config.cluster_domain))
            && !host.starts_with("*.")
            && !security.extra_sans.contains(host)
    };
    let (plan, _) = crate::plan::sans::SanPlan::of(config);
    let hosts: Vec<&str> = plan.dns.iter().filter(outside).map(String::as_str).collect();
    if !hosts.is_empty() {
        steps.push(step(
            format!(
                "DNS records that resolve, where the clients run, {} to the addresses in front of the brokers",
                crate::walkthrough::and_list(&hosts).unwrap_or_default()
            ),
            String::new(),
        ));
    }
    steps
}

/// What to do later, on the running cluster: renewals, users, the quorum. The page lists them under
/// the next steps, and `manifests.yaml` after them.
pub fn later_steps(valid: &Valid) -> Vec<Step> {
    let config = valid.config();
    let names = crate::naming::Names::new(config);
    let security = &config.security;
    let ns = names.namespace();
    let step = |what: &str, command: String| Step { what: what.to_string(), command, client: false };
    let mut steps = Vec::new();
    match security.tls {
        crate::config::TlsMode::CertManager => steps.push(step(
            "Certificates renew themselves 30 days before they end, and each broker loads the new one \
             without a restart; to see it happen",
            format!(
                "kubectl -n {ns} logs {}-0 -c {}",
                names.statefulset(),
                crate::naming::TLS_RELOAD_CONTAINER
            ),
        )),
        crate::config::TlsMode::Secret => steps.push(step(
            "Renew your certificate (an unencrypted PKCS#8 key) before it ends: each broker loads it \
             within minutes, without a restart",
            format!(
                "kubectl -n {ns} create secret tls {} --cert=tls.crt --key=tls.key --dry-run=client -o yaml | kubectl apply -f -",
                names.tls_secret()
            ),
        )),
        crate::config::TlsMode::None => {}
    }
    if security.scram() {
        let secret = names.scram_users_secret();
        steps.push(step(
            "Add a user, or give one a new password: Kafka has it within a minute",
            format!(
                "kubectl -n {ns} patch secret {secret} --type merge -p \"{{\\\"stringData\\\":{{\\\"alice\\\":\\\"$(openssl rand -base64 24)\\\"}}}}\""
            ),
        ));
        steps.push(step(
            "Remove a user",
            format!("kubectl -n {ns} patch secret {secret} --type json -p '[{{\"op\":\"remove\",\"path\":\"/data/alice\"}}]'"),
        ));
        steps.push(step(
            "See what the users' StatefulSet did",
            format!("kubectl -n {ns} logs statefulset/{}", names.user_sync()),
        ));
    }
    // Where the files name the listed nodes (brokers pinned to them, or spread over them), a
    // replaced node changes the files.
    if crate::k8s::pins_brokers(valid) || valid.strategy().external_host(config).picks_by_ordinal() {
        steps.push(step(
            "When the node pool replaces a node, replace it in Nodes (\"A node was replaced?\"), which \
             lists what to apply, in order; first see which pods wait",
            format!("kubectl -n {ns} get pods -o wide"),
        ));
    }
    if config.topology.dedicated() {
        steps.push(step(
            "See the quorum; changing the number of controllers is a migration, not an edit (the primer says \
             how)",
            format!(
                "kubectl -n {ns} exec {}-0 -c kafka -- /opt/kafka/bin/kafka-metadata-quorum.sh --bootstrap-controller localhost:{} describe --status",
                names.controller_statefulset(),
                config.ports.controller
            ),
        ));
    }
    steps
}

/// What to apply, in order, after node `index` of the config (now the new node) replaced `old`, as
/// a managed node pool does on upgrade: the new address into the certificate first (so no broker
/// advertises an address its certificate lacks), then the files (the start script's node list, the
/// brokers' node affinity), then the pod the old node held, which stays Pending on a node that is
/// gone and so blocks the next drain through the PodDisruptionBudget.
pub fn replace_node_steps(valid: &Valid, old: &crate::config::Node, index: usize) -> Vec<Step> {
    let config = valid.config();
    let names = crate::naming::Names::new(config);
    let ns = names.namespace();
    let strategy = valid.strategy();
    let Some(new) = config.nodes.get(index) else { return Vec::new() };
    let step = |what: String, command: String| Step { what, command, client: false };
    let mut steps = Vec::new();
    let (sans, _) = crate::plan::sans::SanPlan::of(config);
    let listed = |address: &str| sans.ips.iter().chain(&sans.dns).any(|san| san == address);
    match config.security.tls {
        crate::config::TlsMode::CertManager if listed(&new.address) => {
            let json = |list: &[String]| {
                let items: Vec<String> = list.iter().map(|s| format!("\"{s}\"")).collect();
                format!("[{}]", items.join(","))
            };
            steps.push(step(
                format!("Put {} into the certificate first, and wait until it is issued", new.address),
                format!(
                    "kubectl -n {ns} patch certificate {cert} --type merge -p '{{\"spec\":{{\"ipAddresses\":{ips},\"dnsNames\":{dns}}}}}' && kubectl -n {ns} wait certificate/{cert} --for=condition=Ready --timeout=5m",
                    cert = names.certificate(),
                    ips = json(&sans.ips),
                    dns = json(&sans.dns),
                ),
            ));
        }
        crate::config::TlsMode::Secret if listed(&new.address) => steps.push(step(
            format!("Issue your certificate again with {} in it, and replace the Secret first", new.address),
            format!(
                "kubectl -n {ns} create secret tls {} --cert=tls.crt --key=tls.key --dry-run=client -o yaml | kubectl apply -f -",
                names.tls_secret()
            ),
        )),
        _ => {}
    }
    steps.push(step(
        format!(
            "Apply the files: {} replaces {} in the start script's node list{}",
            new.name,
            old.name,
            if crate::k8s::pins_brokers(valid) { " and in the brokers' node affinity" } else { "" }
        ),
        format!("kubectl apply -f {MANIFESTS}"),
    ));
    // A broker that ran on the old node: with one broker per node it is the one previewed there.
    let stranded: Vec<u32> = (0..config.replicas)
        .filter(|&i| {
            strategy.placement() == crate::strategy::Placement::OneBrokerPerNode
                && crate::strategy::preview_node(config, i) == Some(index)
        })
        .collect();
    for ordinal in stranded {
        steps.push(step(
            format!(
                "{} stays Pending on a node that is gone: delete it, and the StatefulSet makes it again on {}",
                names.pod(ordinal),
                new.name
            ),
            format!("kubectl -n {ns} delete pod {}", names.pod(ordinal)),
        ));
    }
    steps.push(step(
        "Watch the brokers take the new files, one at a time".into(),
        format!("kubectl -n {ns} rollout status statefulset/{}", names.statefulset()),
    ));
    if strategy.bootstrap_servers(config).iter().any(|s| s.starts_with(&format!("{}:", new.address))) {
        steps.push(step(
            format!(
                "Clients that bootstrap from {} use {} now (client.properties lists it)",
                old.address, new.address
            ),
            format!("sh {}", crate::kafka::verify_script::VERIFY_FILE),
        ));
    }
    steps
}

/// Everything derived from one valid config: the typed objects, how a client fares with them, the
/// steps, and the files' names. The page derives the walkthrough and the diagram from the same
/// value, so nothing is derived twice.
#[derive(Clone, Debug, PartialEq)]
pub struct Generated {
    pub manifests: Arc<Manifests>,
    /// Every broker's preview properties, which `server-<i>.properties` render.
    pub preview: Arc<Preview>,
    /// Every dedicated controller's, which `controller-<i>.properties` render.
    pub controllers: Option<Arc<Preview>>,
    /// A client outside the cluster walked through these objects: the files warn when it fails,
    /// and the page shows it.
    pub outside: Walkthrough,
    /// What must exist before the files are applied; the page lists them first.
    pub before: Vec<Step>,
    /// What to run once the files are downloaded; the page lists them.
    pub steps: Vec<Step>,
    /// What to do later, on the running cluster.
    pub later: Vec<Step>,
    /// The files' names, in the bundle's order.
    pub files: Vec<String>,
    /// The example addresses the files advertise or bootstrap from, to be replaced before they
    /// are applied (`manifests.yaml` says so first).
    pub examples: Vec<String>,
}

impl Generated {
    /// Walks a client through these files from one vantage point.
    pub fn walkthrough(&self, valid: &Valid, vantage: Vantage) -> Walkthrough {
        walk_manifests(valid, &self.manifests, &self.preview, vantage)
    }
}

/// Walks a client from `vantage` through these objects and the brokers' properties (the model
/// `sim::from_bundle` builds of them), bootstrapping as the strategy tells clients to, or in the
/// cluster from the headless Service on the INTERNAL port.
pub fn walk_manifests(
    valid: &Valid,
    manifests: &Manifests,
    preview: &Preview,
    vantage: Vantage,
) -> Walkthrough {
    let cluster = crate::sim::from_bundle::cluster(valid, manifests, preview);
    let bootstrap_servers = if vantage.has_cluster_dns() {
        let names = crate::naming::Names::new(valid.config());
        vec![format!("{}:{}", names.headless_domain(), valid.config().ports.internal)]
    } else {
        valid.strategy().bootstrap_servers(valid.config())
    };
    route::walk(&cluster, &bootstrap_servers, vantage)
}

/// What the page shows of a config on every edit: everything but the files' text, which the
/// files' module writes when they are wanted (src/files_main.rs). Its objects are those a client's
/// connections go through ([`k8s::model`]): it walks, draws and steps as [`generate_all`] does, and
/// a test holds them equal.
pub fn model(valid: &Valid) -> Generated {
    derive(valid, |_| k8s::model(valid))
}

/// Generates the objects as the files write them, with the ConfigMap's scripts.
pub fn generate_all(valid: &Valid) -> Generated {
    derive(valid, |roles| k8s::manifests(valid, k8s::scripts(valid, roles)))
}

/// Generates every file. Cannot fail: the config is valid.
pub fn generate(valid: &Valid) -> Bundle {
    write(valid, &generate_all(valid))
}

/// Each role's pods and their lines of properties.
fn roles(valid: &Valid) -> Vec<(Role, Vec<properties::Line>)> {
    topology::roles(valid.config()).into_iter().map(|role| (role, properties::lines(valid, role))).collect()
}

/// One file of the bundle, before it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FileKind {
    Manifests,
    /// A role's start script, which the ConfigMap carries.
    Script(Role),
    /// The users' script, with SCRAM (in the ConfigMap too).
    Users,
    Broker(u32),
    Controller(u32),
    Java,
    Librdkafka,
    Verify,
}

/// Every file of a config with its name, in the bundle's order: `manifests.yaml`, the brokers'
/// script (then the controllers', then the users'), the properties, the clients', `verify.sh`.
fn file_list(config: &crate::config::Config) -> Vec<(FileKind, String)> {
    let mut files = vec![(FileKind::Manifests, MANIFESTS.to_string())];
    let roles = topology::roles(config);
    files.extend(
        roles.iter().rev().map(|&role| (FileKind::Script(role), topology::pool(config, role).script.into())),
    );
    if config.security.scram() {
        files.push((FileKind::Users, crate::naming::USERS_SCRIPT_FILE.into()));
    }
    files.extend((0..config.replicas).map(|i| (FileKind::Broker(i), server_properties_name(i))));
    if config.topology.dedicated() {
        let voters = config.topology.controllers;
        files.extend((0..voters).map(|i| (FileKind::Controller(i), controller_properties_name(i))));
    }
    files.push((FileKind::Java, CLIENT_PROPERTIES.into()));
    files.push((FileKind::Librdkafka, LIBRDKAFKA_PROPERTIES.into()));
    files.push((FileKind::Verify, verify_script::VERIFY_FILE.into()));
    files
}

/// The objects around the ConfigMap `config_map` makes of each role's lines, how a client fares with
/// them, and the steps.
fn derive(valid: &Valid, objects: impl FnOnce(&[(Role, Vec<properties::Line>)]) -> Manifests) -> Generated {
    let config = valid.config();
    let roles = roles(valid);
    let mut manifests = objects(&roles);
    let mut preview = None;
    let mut controllers = None;
    for (role, lines) in roles {
        let value = Arc::new(Preview::new(config, lines));
        match role {
            Role::Controller => controllers = Some(value),
            Role::Combined | Role::Broker => preview = Some(value),
        }
    }
    let preview = preview.unwrap_or_else(|| Arc::new(Preview::new(config, properties::broker_lines(valid))));
    // What the files cannot say for themselves: that they deploy Kafka without exposing it.
    let outside = walk_manifests(valid, &manifests, &preview, Vantage::outside(config.client_network));
    let steps = next_steps(valid);
    let mut before = before_apply(valid, &manifests);
    let bootstrap = valid.strategy().bootstrap_servers(config);
    let examples: Vec<String> = outside.example_addresses(&bootstrap).into_iter().map(String::from).collect();
    if let Some(what) =
        crate::walkthrough::replace_first(&examples.iter().map(String::as_str).collect::<Vec<_>>())
    {
        let what = format!("{what} in the config, and generate the files again");
        before.insert(0, Step { what, command: String::new(), client: false });
    }
    manifests.header = std::iter::once("Before you apply:".to_string())
        .chain(before.iter().map(|s| line("- ", s)))
        .chain(std::iter::once("Then:".to_string()))
        .chain(steps.iter().enumerate().map(|(i, s)| line(&format!("{}. ", i + 1), s)))
        .collect();
    let later = later_steps(valid);
    if !later.is_empty() {
        manifests.header.push("Later, on the running cluster:".into());
        manifests.header.extend(later.iter().map(|s| line("- ", s)));
    }
    manifests.header.extend(warning(&outside));
    let files = file_list(config).into_iter().map(|(_, name)| name).collect();
    Generated {
        manifests: Arc::new(manifests),
        preview,
        controllers,
        outside,
        before,
        steps,
        later,
        files,
        examples,
    }
}

/// A step as a line of `manifests.yaml`'s header: what, then its command, if it has one.
fn line(mark: &str, step: &Step) -> String {
    if step.command.is_empty() {
        format!("{mark}{}", step.what)
    } else {
        format!("{mark}{}: {}", step.what, step.command)
    }
}

/// The warning the files carry when a client outside the cluster cannot use Kafka.
fn warning(outside: &Walkthrough) -> Option<String> {
    outside.failure_summary().map(|why| {
        format!("Warning: with these settings a client outside the cluster cannot use Kafka. {why}")
    })
}

/// Writes every file of what [`generate_all`] made (not of a [`model`]: its ConfigMap has no scripts).
fn write(valid: &Valid, generated: &Generated) -> Bundle {
    let config = valid.config();
    let warning = warning(&generated.outside);
    let script = |name: &str, write: &dyn Fn() -> String| {
        let data = generated.manifests.config_map.data.as_ref();
        Contents::Text(data.and_then(|data| data.get(name).cloned()).unwrap_or_else(write))
    };
    let files = file_list(config)
        .into_iter()
        .map(|(kind, name)| {
            let contents = match kind {
                FileKind::Manifests => Contents::Manifests(generated.manifests.clone()),
                FileKind::Script(role) => script(&name, &|| {
                    start_script::start_script(valid, role, &properties::lines(valid, role))
                }),
                FileKind::Users => script(&name, &|| crate::kafka::users_script::users_script(valid)),
                FileKind::Broker(i) => Contents::Broker(generated.preview.clone(), i),
                FileKind::Controller(i) => Contents::Broker(
                    generated.controllers.clone().unwrap_or_else(|| generated.preview.clone()),
                    i,
                ),
                FileKind::Java => Contents::Text(client::java(valid, &generated.steps, warning.as_deref())),
                FileKind::Librdkafka => {
                    Contents::Text(client::librdkafka(valid, &generated.steps, warning.as_deref()))
                }
                FileKind::Verify => Contents::Text(verify_script::verify_script(valid, &generated.preview)),
            };
            File { name, contents }
        })
        .collect();
    Bundle { files }
}
