//! `verify.sh`: run where the client runs, it checks what the plan expects of the network, one
//! line per address and one per broker. It resolves and connects to every bootstrap and broker
//! address (and, with TLS, verifies the certificate for that very host), then asks the cluster
//! for its metadata with kcat and compares each broker's advertised address with the plan's.
//! Its output carries kcat's `broker <id> at <host:port>` lines, which the doctor reads.
//! POSIX sh; kcat when installed, else `nc`, else `openssl s_client` for the connections.

use super::properties::Preview;
use crate::address::listener_addresses;
use crate::config::ClientNetwork;
use crate::naming;
use crate::naming::LIBRDKAFKA_PROPERTIES;
use crate::plan::topology::{self, Role};
use crate::validate::Valid;
use std::fmt::Write;

pub const VERIFY_FILE: &str = "verify.sh";

/// The script for a valid config, from its brokers' previews.
pub fn verify_script(valid: &Valid, preview: &Preview) -> String {
    let config = valid.config();
    let security = &config.security;
    let role = topology::broker_role(config);
    let first_id = match role {
        Role::Broker => topology::FIRST_BROKER_ID,
        Role::Combined | Role::Controller => 0,
    };
    // Each broker's node id and EXTERNAL address, as the plan says it advertises them.
    let mut expected = String::new();
    for i in 0..config.replicas {
        let advertised = preview.property(i, "advertised.listeners").unwrap_or_default();
        let address = listener_addresses(&advertised)
            .into_iter()
            .find(|(name, _)| name == naming::EXTERNAL_LISTENER)
            .map(|(_, a)| a)
            .unwrap_or_default();
        let _ = writeln!(expected, "{} {address}", first_id + i);
    }
    let bootstrap = valid.strategy().bootstrap_servers(config).join(" ");
    let password = if security.scram() { " -X sasl.password=\"${KAFKA_PASSWORD:-}\"" } else { "" };
    let mut s = String::new();
    let _ = write!(
        s,
        "#!/bin/sh\n\
         # Checks, from where the client runs, what kafka-expose's plan expects of the network\n\
         # ({strategy}, namespace {ns}): every bootstrap and broker address resolves and connects{tls_note},\n\
         # and each broker advertises the address the plan says. One line each: ok, or the step that failed.\n\
         # Run it {place}.\n\
         #   sh {file}          (kcat reads {client}{password_note})\n\
         # Before DNS points at the brokers' names (a Gateway's, a load balancer's), try them where they will\n\
         # point: KAFKA_EXPOSE_CONNECT_TO=<address> sh {file} connects there, and still sends and\n\
         # verifies each name (as curl's --connect-to).\n\
         # Give the doctor its output, with the cluster's objects, to see why a line failed.\n\
         set -u\n\n\
         BOOTSTRAP='{bootstrap}'\n\
         # node id, then the address the plan says it advertises to clients outside\n\
         EXPECTED='{expected}'\n\
         TLS={tls}\n\
         CA=\"${{KAFKA_EXPOSE_CA:-ca.crt}}\"\n\
         failed=0\n\n",
        strategy = config.strategy,
        ns = config.namespace,
        place = match config.client_network {
            ClientNetwork::Internet => {
                "where the clients are, on the internet: outside the nodes' network, where no private \
                 address routes"
            }
            ClientNetwork::Nodes => "where the clients are, on the nodes' network (the same LAN, or a VPN into it)",
        },
        tls_note = if security.tls() { ", its certificate verified for that host" } else { "" },
        file = VERIFY_FILE,
        client = LIBRDKAFKA_PROPERTIES,
        password_note = if security.scram() { "; export KAFKA_PASSWORD first" } else { "" },
        expected = expected.trim_end(),
        tls = u8::from(security.tls()),
    );
    s.push_str(FUNCTIONS);
    let _ = write!(
        s,
        "for address in $BOOTSTRAP; do\n\
         \tcheck \"bootstrap $address\" \"$address\"\n\
         done\n\
         # (A pipe's loop runs apart: it reports its failures by its exit status.)\n\
         printf '%s\\n' \"$EXPECTED\" | {{\n\
         \tbad=0\n\
         \twhile read -r id address; do check \"broker $id ($address)\" \"$address\" || bad=1; done\n\
         \texit $bad\n\
         }} || failed=1\n\n\
         # What the cluster tells a client: kcat's metadata, compared with the plan.\n\
         if command -v kcat >/dev/null 2>&1; then\n\
         \tfirst=${{BOOTSTRAP%% *}}\n\
         \tmetadata=$(kcat -F {client} -b \"$first\"{password} -L -m 10 2>&1) || {{ echo \"metadata: FAIL: kcat could not get it from $first\"; failed=1; }}\n\
         \tprintf '%s\\n' \"$metadata\" | grep '^ *broker [0-9]* at '\n\
         \tprintf '%s\\n' \"$EXPECTED\" | {{\n\
         \t\tbad=0\n\
         \t\twhile read -r id address; do\n\
         \t\t\tgot=$(printf '%s\\n' \"$metadata\" | awk -v id=\"$id\" '$1 == \"broker\" && $2 == id && $3 == \"at\" {{ print $4 }}')\n\
         \t\t\tif [ \"$got\" = \"$address\" ]; then\n\
         \t\t\t\techo \"broker $id: ok, advertises $address\"\n\
         \t\t\telif [ -z \"$got\" ]; then\n\
         \t\t\t\techo \"broker $id: FAIL: not in the metadata\"; bad=1\n\
         \t\t\telse\n\
         \t\t\t\techo \"broker $id: FAIL: advertises $got, the plan says $address\"; bad=1\n\
         \t\t\tfi\n\
         \t\tdone\n\
         \t\texit $bad\n\
         \t}} || failed=1\n\
         else\n\
         \techo \"metadata: skipped: install kcat to compare what each broker advertises\"\n\
         fi\n\
         exit $failed\n",
        client = LIBRDKAFKA_PROPERTIES,
    );
    s.replace('\t', "  ")
}

/// Resolving, connecting and (with TLS) verifying one address.
const FUNCTIONS: &str = "\
# Runs a command for at most KAFKA_EXPOSE_TIMEOUT seconds (10) where coreutils' timeout exists (a
# listener that accepts and never answers would hold openssl forever).
bounded() {
\tif command -v timeout >/dev/null 2>&1; then timeout \"${KAFKA_EXPOSE_TIMEOUT:-10}\" \"$@\"; else \"$@\"; fi
}

# Whether something accepts TCP connections on HOST PORT: nc, else bash's /dev/tcp, else openssl.
accepts() {
\tif command -v nc >/dev/null 2>&1; then
\t\tnc -z -w 5 \"$1\" \"$2\" </dev/null >/dev/null 2>&1
\telif command -v bash >/dev/null 2>&1; then
\t\tbounded bash -c 'exec 3<>\"/dev/tcp/$0/$1\"' \"$1\" \"$2\" </dev/null >/dev/null 2>&1
\telse
\t\t# A listener that accepts and then waits (a plaintext one, for a request) holds s_client until
\t\t# timeout ends it, and its buffered CONNECTED line is lost: timeout's 124 is a connection too.
\t\tout=$(bounded openssl s_client -connect \"$1:$2\" </dev/null 2>&1) && return 0 || status=$?
\t\t[ \"$status\" = 124 ] && return 0
\t\tcase \"$out\" in *CONNECTED*) ;; *) return 1 ;; esac
\tfi
}

# check WHAT HOST:PORT: prints `WHAT: ok` or `WHAT: FAIL: <step>`; returns 1 on failure.
check() {
\twhat=$1
\thost=${2%:*}
\tport=${2##*:}
\ttarget=${KAFKA_EXPOSE_CONNECT_TO:-$host}
\tcase \"$host\" in
\t*[!0-9.]*)
\t\tif [ \"$target\" = \"$host\" ] && command -v getent >/dev/null 2>&1 && ! getent hosts \"$host\" >/dev/null 2>&1; then
\t\t\techo \"$what: FAIL: $host does not resolve\"; failed=1; return 1
\t\tfi
\t\tname=$host ;;
\t*) name= ;;
\tesac
\tif [ \"$TLS\" = 1 ]; then
\t\tif [ -n \"$name\" ]; then verify=\"-verify_hostname $name -servername $name\"; else verify=\"-verify_ip $host\"; fi
\t\t# shellcheck disable=SC2086
\t\t# s_client exits non-zero when no handshake completed: a listener that closed the connection
\t\t# (plaintext, or a router with no route for the name) still gets \"Verify return code: 0\".
\t\tout=$(bounded openssl s_client -connect \"$target:$port\" -CAfile \"$CA\" $verify -verify_return_error </dev/null 2>&1) && shaken=1 || shaken=0
\t\tcase \"$out\" in
\t\t*CONNECTED*) ;;
\t\t*) echo \"$what: FAIL: nothing accepts connections on $host:$port\"; failed=1; return 1 ;;
\t\tesac
\t\tcase \"$shaken $out\" in
\t\t\"1 \"*\"Verify return code: 0 (ok)\"*) echo \"$what: ok (TLS verified for $host)\" ;;
\t\t*\"verify error\"*) echo \"$what: FAIL: TLS: the certificate is not valid for $host (or not from $CA)\"; failed=1; return 1 ;;
\t\t\"0 \"*\"no peer certificate\"*) echo \"$what: FAIL: TLS: no handshake on $host:$port: the listener closed the connection (is it TLS?)\"; failed=1; return 1 ;;
\t\t*) echo \"$what: FAIL: TLS: the certificate is not valid for $host (or not from $CA)\"; failed=1; return 1 ;;
\t\tesac
\telif accepts \"$target\" \"$port\"; then
\t\techo \"$what: ok\"
\telse
\t\techo \"$what: FAIL: nothing accepts connections on $host:$port\"; failed=1; return 1
\tfi
}

";
