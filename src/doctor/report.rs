//! The diagnosis as a Markdown report: what was read, each connection, each problem with its
//! fixes, and the closest strategy. The page offers it as a download; the command line prints it.

use super::{Diagnosis, Fix};
use crate::sim::route::Connection;
use crate::walkthrough::describe_hops;
use std::fmt::Write;

/// The report. It holds what the user pasted only as far as the diagnosis quotes it (addresses and
/// names), never a password: none is read.
pub fn markdown(d: &Diagnosis) -> String {
    let w = &d.walkthrough;
    let mut out = String::from("# kafka-expose doctor\n\n");
    let from = w.vantage.describe();
    let bootstrap: Vec<&str> = w.bootstrap.iter().map(|c| c.address.as_str()).collect();
    let _ = writeln!(out, "A client {from}, bootstrapping from {}.\n", or_none(&bootstrap.join(", ")));
    let _ = writeln!(out, "**{}**\n", d.verdict());
    let cluster = &d.reading.cluster;
    out.push_str("## What was read\n\n");
    let _ = writeln!(out, "- {}", d.reading.maker.describe());
    let _ = writeln!(
        out,
        "- {} brokers, {} pods, {} Services, {} nodes",
        cluster.brokers.len(),
        cluster.pods.len(),
        cluster.services.len(),
        cluster.nodes.len()
    );
    if !d.reading.controllers.is_empty() {
        let ids: Vec<String> = d.reading.controllers.iter().map(i64::to_string).collect();
        let _ = writeln!(
            out,
            "- Controllers {} (process.roles=controller): no client connects to them; they are no brokers.",
            ids.join(", ")
        );
    }
    for note in &d.reading.notes {
        let _ = writeln!(out, "- {note}");
    }
    for error in &d.reading.errors {
        let _ = writeln!(out, "- Could not read {error}");
    }
    out.push_str("\n## Connections\n\n");
    let line = |out: &mut String, title: String, c: &Connection| {
        let result = c.outcome();
        let hops = describe_hops(&c.hops, &w.places);
        let _ = writeln!(
            out,
            "- {title}: {}{result}",
            if hops.is_empty() { String::new() } else { format!("{hops} → ") }
        );
    };
    for c in &w.bootstrap {
        line(&mut out, format!("Bootstrap `{}`", c.address), c);
    }
    for c in &w.connections {
        let broker = d.broker_name(c.broker.unwrap_or_default());
        line(&mut out, format!("Broker {broker} at `{}`", or_none(&c.address)), c);
    }
    if !d.problems.is_empty() {
        out.push_str("\n## Problems and fixes\n");
    }
    for p in &d.problems {
        let whom =
            p.broker.map_or_else(|| "Bootstrap".to_string(), |b| format!("Broker {}", d.broker_name(b)));
        let _ = writeln!(out, "\n### {whom}: {}\n\n`{}` fails: {}.\n", p.cause.title(), p.address, p.why);
        for fix in &p.fixes {
            match fix {
                Fix::Properties { lines, .. } => {
                    let _ = writeln!(
                        out,
                        "Set in its server.properties:\n\n```properties\n{}\n```\n",
                        lines.join("\n")
                    );
                }
                Fix::AddService { yaml, .. } => {
                    let _ = writeln!(out, "Apply this Service:\n\n```yaml\n{}```\n", yaml);
                }
                Fix::Snippet { intro, code } => {
                    let _ = writeln!(out, "{intro}:\n\n```\n{code}```\n");
                }
                Fix::Bootstrap(address) => {
                    let _ = writeln!(out, "Then bootstrap from `{address}`.\n");
                }
                Fix::AddSan { .. } | Fix::Advice(_) => {
                    let _ = writeln!(out, "{}\n", fix.sentence().unwrap_or_default());
                }
            }
        }
    }
    if let Some((strategy, _)) = &d.closest {
        let _ = writeln!(
            out,
            "\n## Closest working strategy\n\nThis deployment is closest to `{strategy}`: open it in \
             kafka-expose's configurator to generate a complete, working set of files with its names, \
             nodes and ports. {}",
            d.reading.maker.configurator_note()
        );
    }
    out
}

fn or_none(text: &str) -> &str {
    if text.is_empty() {
        "(none)"
    } else {
        text
    }
}
