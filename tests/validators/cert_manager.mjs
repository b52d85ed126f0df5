// Validates cert-manager objects with npm's @kubernetes-models/cert-manager and the strict
// unknown-field pass (strict.mjs).
//
//   node tests/validators/cert_manager.mjs FILE.json   (a JSON array of objects)
// Prints one line per problem and exits 1 when there is any.
import { join } from "node:path";
import { modules, validateFile } from "./strict.mjs";

const models = join(modules, "@kubernetes-models/cert-manager/cert-manager.io/v1");

await validateFile(process.argv[2], ({ apiVersion, kind }) =>
  apiVersion === "cert-manager.io/v1" && ["Certificate", "Issuer", "ClusterIssuer"].includes(kind)
    ? { js: join(models, `${kind}.js`), dts: join(models, `${kind}.d.ts`) }
    : "not a cert-manager.io/v1 Certificate, Issuer or ClusterIssuer",
);
