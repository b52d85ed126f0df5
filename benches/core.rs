//! Native timings of validate + generate at 3, 50 and 200 brokers.
//!
//! A plain harness rather than criterion (whose dependency tree would double the test build): for
//! each size it warms up, picks a batch size that runs about 20 ms, then times 31 batches and
//! reports the median and the spread per call. Prints one line per size, then the growth from 3 to
//! 200 brokers, as `core <brokers> <median µs> <min µs> <max µs>` lines for the report script.

use kafka_expose::bundle;
use kafka_expose::config::{Config, Node};
use kafka_expose::validate;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn config(brokers: u32) -> Config {
    let mut config = Config { replicas: brokers, ..Config::default() };
    config.node_ports.range = "30000-32767".into();
    config.nodes = (0..brokers.min(50))
        .map(|i| Node { name: format!("node-{i}"), address: format!("198.51.100.{}", i + 1) })
        .collect();
    config
}

/// One call of what the page does on every change: validate, then generate every file.
fn run(config: &Config) -> usize {
    match validate::validate(config) {
        Ok(valid) => bundle::generate(&valid).files.iter().map(|f| f.contents.len()).sum(),
        Err(findings) => panic!("benchmark config is invalid: {findings:?}"),
    }
}

fn time_batch(config: &Config, batch: u32) -> Duration {
    let start = Instant::now();
    for _ in 0..batch {
        black_box(run(black_box(config)));
    }
    start.elapsed()
}

fn main() {
    let mut medians = Vec::new();
    for brokers in [3, 50, 200] {
        let config = config(brokers);
        let mut batch = 1;
        while time_batch(&config, batch) < Duration::from_millis(20) {
            batch *= 2;
        }
        let mut samples: Vec<f64> =
            (0..31).map(|_| time_batch(&config, batch).as_secs_f64() * 1e6 / f64::from(batch)).collect();
        samples.sort_by(f64::total_cmp);
        let median = samples[samples.len() / 2];
        println!("core {brokers} {median:.1} {:.1} {:.1}", samples[0], samples[samples.len() - 1]);
        medians.push(median);
    }
    println!("growth 3->200 {:.1}x for {:.1}x the brokers", medians[2] / medians[0], 200.0 / 3.0);
}
