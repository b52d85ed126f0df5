//! The command line, over the same core as the page:
//!
//!   kafka-expose example [--strategy ID]     print a complete config
//!   kafka-expose validate FILE               print findings; exit 1 with errors
//!   kafka-expose render FILE [--out DIR]     write the bundle, or print manifests.yaml
//!   kafka-expose diagnose [OPTIONS] FILES…   the doctor: why a client cannot reach a deployment
//!
//! FILE is JSON or YAML, or `-` for standard input. Exit codes: 0 fine, 1 invalid config, 2 usage
//! or I/O error.

use kafka_expose::bundle::{self, Bundle};
use kafka_expose::config::{Config, StrategyId};
use kafka_expose::format::{self, ParseError};
use kafka_expose::validate::{self, Finding};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: kafka-expose example [--strategy ID]
       kafka-expose validate FILE
       kafka-expose render FILE [--out DIR]
       kafka-expose diagnose [--inside [--namespace NS]] [--bootstrap HOST:PORT,…]
                             [--any-node ADDRESS] [--config OUT] FILES…

FILE is a config in JSON or YAML, or - for standard input.
diagnose reads, in any order: kubectl get services,pods,nodes -o json (or -o yaml; with TLS
from cert-manager, add its certificates), each broker's server.properties, and what kcat -L
printed. --namespace is an in-cluster client's own; --any-node a DNS name or virtual IP in front
of every node. It prints a Markdown report, writes the closest strategy's config to OUT with
--config, and exits 1 when a broker cannot be reached.
Strategies: nodeport-per-broker, nodeport-local, hostport, loadbalancer-per-broker,
            nodeport-shared, externalname";

/// How a run ends.
enum Failure {
    /// The command line was wrong: exit 2 with the usage.
    Usage(String),
    /// A file could not be read or written: exit 2.
    Io(String),
    /// The config is not valid: exit 1.
    Invalid,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Invalid) => ExitCode::from(1),
        Err(Failure::Usage(message)) => {
            eprintln!("kafka-expose: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Io(message)) => {
            eprintln!("kafka-expose: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<(), Failure> {
    let (command, rest) = args.split_first().ok_or_else(|| Failure::Usage("no command given".into()))?;
    match command.as_str() {
        "example" => example(rest),
        "validate" => validate_file(rest),
        "render" => render(rest),
        "diagnose" => diagnose(rest),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(Failure::Usage(format!("unknown command `{other}`"))),
    }
}

fn example(args: &[String]) -> Result<(), Failure> {
    let strategy = match args {
        [] => StrategyId::NodeportPerBroker,
        [flag, id] if flag == "--strategy" => {
            StrategyId::parse(id).ok_or_else(|| Failure::Usage(format!("unknown strategy `{id}`")))?
        }
        _ => return Err(Failure::Usage("example takes only --strategy ID".into())),
    };
    let mut config = Config::example(strategy);
    config.kafka.cluster_id = Some(kafka_expose::kafka::properties::new_cluster_id(random_bytes()));
    print!("{}", format::to_json(&config));
    Ok(())
}

fn validate_file(args: &[String]) -> Result<(), Failure> {
    let [file] = args else {
        return Err(Failure::Usage("validate takes one FILE".into()));
    };
    let config = read_config(file)?;
    let findings = validate::findings(&config);
    report(file, &findings);
    if findings.iter().any(Finding::is_error) {
        return Err(Failure::Invalid);
    }
    if findings.is_empty() {
        println!("{file}: valid");
    } else {
        println!("{file}: valid, with {} warning(s)", findings.len());
    }
    Ok(())
}

fn render(args: &[String]) -> Result<(), Failure> {
    let (file, out) = match args {
        [file] => (file, None),
        [file, flag, dir] | [flag, dir, file] if flag == "--out" => (file, Some(PathBuf::from(dir))),
        _ => return Err(Failure::Usage("render takes FILE and optionally --out DIR".into())),
    };
    let config = read_config(file)?;
    let valid = validate::validate(&config).map_err(|findings| {
        report(file, &findings);
        Failure::Invalid
    })?;
    report(file, valid.warnings());
    let bundle = bundle::generate(&valid);
    match out {
        Some(dir) => write_bundle(&bundle, &dir),
        None => {
            let manifests = bundle.file(bundle::MANIFESTS).map(|f| f.contents.text()).unwrap_or_default();
            std::io::stdout()
                .write_all(manifests.as_bytes())
                .map_err(|e| Failure::Io(format!("cannot write to standard output: {e}")))
        }
    }
}

fn diagnose(args: &[String]) -> Result<(), Failure> {
    use kafka_expose::doctor::{self, Question};
    use kafka_expose::sim::route::Vantage;
    let mut question = Question::default();
    let mut config_out = None;
    let mut files = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--inside" => question.vantage = Vantage::InCluster,
            "--namespace" => {
                question.client_namespace = args
                    .next()
                    .ok_or_else(|| Failure::Usage("--namespace needs a namespace".into()))?
                    .clone();
            }
            "--any-node" => {
                question.any_node =
                    args.next().ok_or_else(|| Failure::Usage("--any-node needs an address".into()))?.clone();
            }
            "--bootstrap" => {
                let servers =
                    args.next().ok_or_else(|| Failure::Usage("--bootstrap needs HOST:PORT".into()))?;
                question.bootstrap = servers.split(',').map(|s| s.trim().to_string()).collect();
            }
            "--config" => {
                config_out = Some(args.next().ok_or_else(|| Failure::Usage("--config needs a file".into()))?);
            }
            flag if flag.starts_with("--") => return Err(Failure::Usage(format!("unknown option `{flag}`"))),
            file => files.push(file.to_string()),
        }
    }
    if files.is_empty() {
        return Err(Failure::Usage("diagnose needs the deployment's files".into()));
    }
    let mut unreadable = false;
    for file in &files {
        let text =
            std::fs::read_to_string(file).map_err(|e| Failure::Io(format!("cannot read {file}: {e}")))?;
        match doctor_input(&text) {
            DoctorInput::Objects => match kafka_expose::sim::from_objects::objects_from_text(&text) {
                Ok(objects) => question.objects.extend(objects),
                Err(error) => {
                    eprintln!("{file}: {error}");
                    unreadable = true;
                }
            },
            DoctorInput::Kcat => question.kcat.push_str(&text),
            DoctorInput::Properties => question.properties.push(text),
        }
    }
    let diagnosis = doctor::diagnose(&question);
    print!("{}", doctor::report::markdown(&diagnosis));
    if let (Some(out), Some((_, config))) = (config_out, &diagnosis.closest) {
        std::fs::write(out, format::to_json(config))
            .map_err(|e| Failure::Io(format!("cannot write {out}: {e}")))?;
        eprintln!("wrote {out}: kafka-expose render {out} --out DIR generates the files");
    }
    if diagnosis.healthy() && !unreadable {
        Ok(())
    } else {
        Err(Failure::Invalid)
    }
}

/// What a file given to `diagnose` holds.
enum DoctorInput {
    Objects,
    Kcat,
    Properties,
}

/// Objects are JSON or YAML with a `kind`; kcat's output names brokers "at" addresses; the rest
/// are properties.
fn doctor_input(text: &str) -> DoctorInput {
    let trimmed = text.trim_start();
    if trimmed.starts_with('{')
        || trimmed.starts_with('[')
        || text.lines().any(|l| l.starts_with("kind:") || l.starts_with("apiVersion:"))
    {
        DoctorInput::Objects
    } else if text.lines().any(|l| l.trim_start().starts_with("broker ") && l.contains(" at "))
        || text.contains(" (id: ")
    {
        DoctorInput::Kcat
    } else {
        DoctorInput::Properties
    }
}

fn read_config(file: &str) -> Result<Config, Failure> {
    let text = if file == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Failure::Io(format!("cannot read standard input: {e}")))?;
        text
    } else {
        std::fs::read_to_string(file).map_err(|e| Failure::Io(format!("cannot read {file}: {e}")))?
    };
    format::parse_config(&text).map_err(|error: ParseError| {
        eprintln!("{file}: {error}");
        Failure::Invalid
    })
}

/// Prints findings to standard error, one a line: `FILE: error: field: message`.
fn report(file: &str, findings: &[Finding]) {
    for finding in findings {
        eprintln!("{file}: {finding}");
    }
}

fn write_bundle(bundle: &Bundle, dir: &Path) -> Result<(), Failure> {
    std::fs::create_dir_all(dir).map_err(|e| Failure::Io(format!("cannot create {}: {e}", dir.display())))?;
    for file in &bundle.files {
        let path = dir.join(&file.name);
        std::fs::write(&path, file.contents.text().as_bytes())
            .map_err(|e| Failure::Io(format!("cannot write {}: {e}", path.display())))?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

/// Sixteen bytes no other run will have: the standard library's per-process random hash keys,
/// mixed with the time. Enough for a cluster id's uniqueness, with no random-number crate.
fn random_bytes() -> [u8; 16] {
    use std::hash::{BuildHasher, Hasher};
    let mut bytes = [0u8; 16];
    for (i, chunk) in bytes.chunks_mut(8).enumerate() {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_usize(i);
        hasher.write_u128(
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()),
        );
        chunk.copy_from_slice(&hasher.finish().to_le_bytes());
    }
    bytes
}
