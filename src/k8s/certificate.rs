//! The cert-manager objects (`cert-manager.io/v1`) of the EXTERNAL certificate: the Certificate
//! whose SANs are the SAN plan's, and, when no issuer is given, a CA of the cluster's own (a
//! self-signed Issuer signs a CA Certificate, which a CA Issuer then signs with). k8s-openapi has
//! no types for these custom resources: they are the few fields written here, nothing more.
//!
//! Kafka's PEM keystore reads PKCS#8 keys only: unencrypted (`BEGIN PRIVATE KEY`), or encrypted
//! (`BEGIN ENCRYPTED PRIVATE KEY`) with `ssl.key.password` (Kafka `DefaultSslEngineFactory.PemStore`).
//! This configuration sets no key password, so the key must be unencrypted PKCS#8; cert-manager
//! writes PKCS#1 unless told otherwise, so the Certificate asks for `encoding: PKCS8` (cert-manager
//! `usage/certificate.md`).

use crate::config::{Config, IssuerKind, TlsMode};
use crate::naming::Names;
use crate::plan::sans::SanPlan;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::Serialize;

const API_VERSION: &str = "cert-manager.io/v1";

/// The generated CA: ten years. Its renewal (one year before the end) keeps the key
/// (`rotationPolicy: Never`), so a client's ca.crt stays valid across it: with a new key each time,
/// cert-manager would make a new root, which does not verify the broker certificates signed since
/// by clients that trust the old one, and cert-manager reissues no leaf when its CA renews
/// (cert-manager issues #5558, #2478). Rotating the CA's key on purpose is a migration the primer
/// describes.
pub const CA_DURATION: &str = "87600h";
pub const CA_RENEW_BEFORE: &str = "8760h";
/// The brokers' certificate: 90 days, renewed 30 days before its end; `start.sh watch-tls` puts the
/// renewed one in service within minutes, so a month is left for anything that goes wrong.
pub const BROKER_DURATION: &str = "2160h";
pub const BROKER_RENEW_BEFORE: &str = "720h";

/// A cert-manager `Issuer`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Issuer {
    pub api_version: &'static str,
    pub kind: &'static str,
    pub metadata: ObjectMeta,
    pub spec: IssuerSpec,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IssuerSpec {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub self_signed: Option<Empty>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ca: Option<CaIssuer>,
}

/// `{}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Empty {}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaIssuer {
    pub secret_name: String,
}

/// A cert-manager `Certificate`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Certificate {
    pub api_version: &'static str,
    pub kind: &'static str,
    pub metadata: ObjectMeta,
    pub spec: CertificateSpec,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CertificateSpec {
    pub secret_name: String,
    /// How long each certificate issued is valid, and how long before its end cert-manager renews
    /// it: explicit, so that what the files promise does not depend on cert-manager's defaults
    /// (90 days, renewed after two thirds: cert-manager `usage/certificate.md`).
    pub duration: &'static str,
    pub renew_before: &'static str,
    pub issuer_ref: IssuerReference,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_c_a: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub common_name: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dns_names: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ip_addresses: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub usages: Vec<&'static str>,
    pub private_key: PrivateKey,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IssuerReference {
    pub name: String,
    pub kind: &'static str,
    pub group: &'static str,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrivateKey {
    pub algorithm: &'static str,
    pub size: u32,
    pub encoding: &'static str,
    /// A new key with every renewal.
    pub rotation_policy: &'static str,
}

/// The cert-manager objects of a config. None without cert-manager; the CA chain only when no
/// issuer is given. Applied in this order: self-signed Issuer, CA Certificate, CA Issuer, then the
/// Certificate.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CertManagerObjects {
    pub self_signed: Option<Issuer>,
    pub ca: Option<Certificate>,
    pub ca_issuer: Option<Issuer>,
    pub certificate: Option<Certificate>,
}

fn issuer(config: &Config, name: String, spec: IssuerSpec) -> Issuer {
    Issuer { api_version: API_VERSION, kind: "Issuer", metadata: super::metadata(config, name), spec }
}

fn reference(name: String, kind: IssuerKind) -> IssuerReference {
    let kind = match kind {
        IssuerKind::Issuer => "Issuer",
        IssuerKind::ClusterIssuer => "ClusterIssuer",
    };
    IssuerReference { name, kind, group: "cert-manager.io" }
}

/// The objects for a config and its SAN plan.
pub fn cert_manager(config: &Config, sans: &SanPlan) -> CertManagerObjects {
    if config.security.tls != TlsMode::CertManager {
        return CertManagerObjects::default();
    }
    let names = Names::new(config);
    let mut objects = CertManagerObjects::default();
    let signer = match &config.security.issuer {
        Some(given) => reference(given.name.clone(), given.kind),
        None => {
            let self_signed = issuer(
                config,
                names.self_signed_issuer(),
                IssuerSpec { self_signed: Some(Empty {}), ca: None },
            );
            let ca = Certificate {
                api_version: API_VERSION,
                kind: "Certificate",
                metadata: super::metadata(config, names.ca()),
                spec: CertificateSpec {
                    secret_name: names.ca(),
                    duration: CA_DURATION,
                    renew_before: CA_RENEW_BEFORE,
                    issuer_ref: reference(names.self_signed_issuer(), IssuerKind::Issuer),
                    is_c_a: Some(true),
                    common_name: Some(names.ca()),
                    dns_names: Vec::new(),
                    ip_addresses: Vec::new(),
                    usages: Vec::new(),
                    // The CA keeps its key when cert-manager renews it: the ca.crt clients
                    // already trust keeps verifying every broker certificate, old and new.
                    private_key: PrivateKey {
                        algorithm: "ECDSA",
                        size: 256,
                        encoding: "PKCS8",
                        rotation_policy: "Never",
                    },
                },
            };
            let ca_issuer = issuer(
                config,
                names.ca(),
                IssuerSpec { self_signed: None, ca: Some(CaIssuer { secret_name: names.ca() }) },
            );
            objects.self_signed = Some(self_signed);
            objects.ca = Some(ca);
            objects.ca_issuer = Some(ca_issuer);
            reference(names.ca(), IssuerKind::Issuer)
        }
    };
    let certificate = Certificate {
        api_version: API_VERSION,
        kind: "Certificate",
        metadata: super::metadata(config, names.certificate()),
        spec: CertificateSpec {
            secret_name: names.tls_secret(),
            duration: BROKER_DURATION,
            renew_before: BROKER_RENEW_BEFORE,
            issuer_ref: signer,
            is_c_a: None,
            common_name: None,
            dns_names: sans.dns.clone(),
            ip_addresses: sans.ips.clone(),
            usages: vec!["server auth"],
            private_key: PrivateKey {
                algorithm: "RSA",
                size: 2048,
                encoding: "PKCS8",
                rotation_policy: "Always",
            },
        },
    };
    objects.certificate = Some(certificate);
    objects
}
