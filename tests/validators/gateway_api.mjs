// Validates Gateway API objects with npm's @kubernetes-models/gateway-api (2.x: Gateway,
// ListenerSet and TLSRoute v1, TLSRoute v1alpha2 for the experimental channel's old shape,
// ReferenceGrant): its validate() checks types, required fields, patterns and enums against the
// CRDs' schemas, but lets unknown fields through, so a strict pass walks each object against the
// package's own type declarations (following `extends`) and refuses any field they do not declare,
// as the API server's strict field validation would.
//
//   node tests/validators/gateway_api.mjs FILE.json   (a JSON array of objects)
// Prints one line per problem and exits 1 when there is any.
import { readFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../../..");
const modules = join(root, ".tools/node/node_modules");
const models = join(modules, "@kubernetes-models/gateway-api/gateway.networking.k8s.io");
const KINDS = { v1: ["Gateway", "ListenerSet", "TLSRoute", "ReferenceGrant"], v1alpha2: ["TLSRoute"] };

/** The fields an interface in a .d.ts file declares, its own and those it extends: name → the
 * .d.ts of its type, or null. */
const declared = new Map();
function fields(dts) {
  if (declared.has(dts)) return declared.get(dts);
  const text = readFileSync(dts, "utf8");
  const imports = new Map();
  for (const [, name, from] of text.matchAll(/import \{ (\w+) \} from "([^"]+)";/g)) {
    const path = from.startsWith(".") ? join(dirname(dts), from.replace(/\.js$/, ".d.ts")) : join(modules, `${from}.d.ts`);
    imports.set(name, path);
  }
  const body = text.match(/export interface \w+(?: extends ([\w, ]+))?\s*\{\n([\s\S]*?)\n\}/);
  if (!body) {
    declared.set(dts, null);
    return null;
  }
  const result = new Map();
  for (const parent of (body[1] ?? "").split(",").map((p) => p.trim()).filter((p) => imports.has(p))) {
    for (const [k, v] of fields(imports.get(parent)) ?? []) result.set(k, v);
  }
  for (const [, field, type] of body[2].matchAll(/^ {4}"(\w+)"\??: (.+?);?$/gm)) {
    const named = type.match(/^(?:Array<)?(\w+)>?$/);
    result.set(field, named && imports.has(named[1]) ? imports.get(named[1]) : null);
  }
  declared.set(dts, result);
  return result;
}

/** Every field of `value` that the type in `dts` does not declare, as a JSON path. */
function unknown(value, dts, path) {
  const known = dts && existsSync(dts) ? fields(dts) : null;
  if (known === null || value === null || typeof value !== "object") return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => unknown(v, dts, `${path}[${i}]`));
  return Object.entries(value).flatMap(([key, child]) =>
    known.has(key) ? unknown(child, known.get(key), `${path}.${key}`) : [`${path}.${key}: unknown field`],
  );
}

const objects = JSON.parse(readFileSync(process.argv[2], "utf8"));
const problems = [];
for (const [i, object] of objects.entries()) {
  const { kind } = object;
  const version = (object.apiVersion ?? "").replace("gateway.networking.k8s.io/", "");
  const where = `${kind ?? "?"} ${object.metadata?.name ?? i}`;
  if (!object.apiVersion?.startsWith("gateway.networking.k8s.io/") || !KINDS[version]?.includes(kind)) {
    problems.push(`${where}: not a Gateway API kind this validator knows (${object.apiVersion})`);
    continue;
  }
  const Model = (await import(join(models, version, `${kind}.js`)))[kind];
  try {
    new Model(object).validate();
  } catch (error) {
    problems.push(`${where}: ${error.message.replace(/\s+/g, " ")}`);
  }
  problems.push(...unknown(object, join(models, version, `${kind}.d.ts`), "").map((p) => `${where}: ${p.slice(1)}`));
  // The CRDs' CEL rules, which the package's JSON schemas do not carry: a host name is never an
  // IP address (apis/v1/shared_types.go, Hostname; the TLSRoute's and the listeners' hostnames).
  const ip = (h) => /^\d+\.\d+\.\d+\.\d+$/.test(h) || h.includes(":");
  const hostnames = [...(object.spec?.hostnames ?? []), ...(object.spec?.listeners ?? []).map((l) => l.hostname).filter(Boolean)];
  for (const h of hostnames.filter(ip)) problems.push(`${where}: hostname ${h} is an IP address, which a Hostname may not be`);
}
for (const p of problems) console.log(p);
console.log(`${objects.length - new Set(problems.map((p) => p.split(":")[0])).size} passed, ${problems.length} failed`);
process.exit(problems.length ? 1 : 0);
