// Validates Gateway API objects with npm's @kubernetes-models/gateway-api (2.x: Gateway,
// ListenerSet and TLSRoute v1, TLSRoute v1alpha2 for the experimental channel's old shape,
// ReferenceGrant), the strict unknown-field pass (strict.mjs) and the
// host-name rule the CRDs' CEL rules add.
//
//   node tests/validators/gateway_api.mjs FILE.json   (a JSON array of objects)
// Prints one line per problem and exits 1 when there is any.
import { join } from "node:path";
import { modules, validateFile } from "./strict.mjs";

const models = join(modules, "@kubernetes-models/gateway-api/gateway.networking.k8s.io");
const KINDS = { v1: ["Gateway", "ListenerSet", "TLSRoute", "ReferenceGrant"], v1alpha2: ["TLSRoute"] };

await validateFile(
  process.argv[2],
  ({ apiVersion, kind }) => {
    const version = (apiVersion ?? "").replace("gateway.networking.k8s.io/", "");
    return apiVersion?.startsWith("gateway.networking.k8s.io/") && KINDS[version]?.includes(kind)
      ? { js: join(models, version, `${kind}.js`), dts: join(models, version, `${kind}.d.ts`) }
      : `not a Gateway API kind this validator knows (${apiVersion})`;
  },
  // The CRDs' CEL rules, which the package's JSON schemas do not carry: a host name is never an
  // IP address (apis/v1/shared_types.go, Hostname; the TLSRoute's and the listeners' hostnames).
  (object) => {
    const ip = (h) => /^\d+\.\d+\.\d+\.\d+$/.test(h) || h.includes(":");
    const hostnames = [...(object.spec?.hostnames ?? []), ...(object.spec?.listeners ?? []).map((l) => l.hostname).filter(Boolean)];
    return hostnames.filter(ip).map((h) => `hostname ${h} is an IP address, which a Hostname may not be`);
  },
);
