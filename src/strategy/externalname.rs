//! The thread's fourth answer, generated honestly: one ExternalName Service per broker. It is a DNS
//! alias inside the cluster and exposes nothing outside it.

use super::{Explanation, Info, Outcome, Strategy, Verdict};
use crate::checks::Finding;
use crate::config::{Config, Field, StrategyId};
use crate::naming::Names;
use crate::template::{Part, Template};
use k8s_openapi::api::core::v1::{Service, ServiceSpec};

pub struct Externalname;

const INFO: Info = Info {
    id: StrategyId::Externalname,
    title: "ExternalName Service per broker",
    verdict: Verdict { outcome: Outcome::ExposesNothing, text: "exposes nothing outside the cluster" },
    needs: "nothing, and it gives nothing to clients outside the cluster",
    explanation: Explanation {
        flow: "Each broker gets an ExternalName Service whose only effect is a DNS CNAME inside the \
               cluster: <name>-<i>-external.<namespace>.svc points at the pod's headless DNS name. \
               Brokers advertise those aliases. A client in the cluster resolves the alias to the \
               pod and connects straight to it; no proxy is involved.",
        requires: "Nothing beyond cluster DNS.",
        costs: "No cluster IP, no NodePort, no load balancer: kube-proxy never sees these Services, \
                and the names exist only in the cluster's DNS.",
        choose_when: "Only as an in-cluster alias (for example to keep an old name working). To \
                      reach brokers from outside, choose a NodePort, hostPort or LoadBalancer \
                      strategy.",
        why_it_fails: Some(
            "An ExternalName Service is only a DNS CNAME. It has no cluster IP (the API server \
             rejects one), so kube-proxy has nothing to map a NodePort to, and a client outside the \
             cluster can neither resolve the alias nor route to the pod it names.",
        ),
    },
};

impl Strategy for Externalname {
    fn info(&self) -> &'static Info {
        &INFO
    }

    fn external_host(&self, config: &Config) -> Template {
        let names = Names::new(config);
        Template::text(format!("{}-", names.statefulset()))
            .then(Template::part(Part::Ordinal))
            .then_text(format!("-external.{}", names.service_domain()))
    }

    fn external_port(&self, config: &Config) -> Template {
        Template::text(config.ports.external.to_string())
    }

    fn services(&self, config: &Config) -> Vec<Service> {
        let names = Names::new(config);
        super::ordinals(config)
            .map(|i| {
                super::service(
                    config,
                    names.broker_service(i),
                    ServiceSpec {
                        type_: Some("ExternalName".into()),
                        external_name: Some(names.pod_fqdn(i)),
                        ..Default::default()
                    },
                )
            })
            .collect()
    }

    fn bootstrap_servers(&self, config: &Config) -> Vec<String> {
        let names = Names::new(config);
        super::each_broker(config, |i| names.broker_service_fqdn(i), |_| config.ports.external)
    }

    fn check(&self, _config: &Config, findings: &mut Vec<Finding>) {
        findings.push(Finding::warning(
            Field::Strategy,
            "An ExternalName Service per broker exposes nothing outside the cluster: an ExternalName Service is only a DNS \
             alias inside it, with no cluster IP and no port to reach from outside.",
        ));
    }
}
