// Validates cert-manager objects with npm's @kubernetes-models/cert-manager: its validate() checks
// types, required fields and enums against cert-manager's CRD schemas, but lets unknown fields
// through, so a strict pass walks each object against the package's own type declarations and
// refuses any field they do not declare (as the API server's strict field validation would).
//
//   node tests/validators/cert_manager.mjs FILE.json   (a JSON array of objects)
// Prints one line per problem and exits 1 when there is any.
import { readFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../../..");
const modules = join(root, ".tools/node/node_modules");
const models = join(modules, "@kubernetes-models/cert-manager/cert-manager.io/v1");

/** The fields an interface in a .d.ts file declares: name → the .d.ts of its type, or null. */
const declared = new Map();
function fields(dts) {
  if (declared.has(dts)) return declared.get(dts);
  const text = readFileSync(dts, "utf8");
  const imports = new Map();
  for (const [, name, from] of text.matchAll(/import \{ (\w+) \} from "([^"]+)";/g)) {
    const path = from.startsWith(".") ? join(dirname(dts), from.replace(/\.js$/, ".d.ts")) : join(modules, `${from}.d.ts`);
    imports.set(name, path);
  }
  const body = text.match(/export interface \w+[^{]*\{\n([\s\S]*?)\n\}/);
  const result = new Map();
  if (body) {
    for (const [, field, type] of body[1].matchAll(/^ {4}"(\w+)"\??: (.+?);?$/gm)) {
      const named = type.match(/^(?:Array<)?(\w+)>?$/);
      result.set(field, named && imports.has(named[1]) ? imports.get(named[1]) : null);
    }
  }
  declared.set(dts, body ? result : null);
  return declared.get(dts);
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
  const kind = object.kind;
  const where = `${kind ?? "?"} ${object.metadata?.name ?? i}`;
  if (object.apiVersion !== "cert-manager.io/v1" || !["Certificate", "Issuer", "ClusterIssuer"].includes(kind)) {
    problems.push(`${where}: not a cert-manager.io/v1 Certificate, Issuer or ClusterIssuer`);
    continue;
  }
  const Model = (await import(join(models, `${kind}.js`)))[kind];
  try {
    new Model(object).validate();
  } catch (error) {
    problems.push(`${where}: ${error.message.replace(/\s+/g, " ")}`);
  }
  problems.push(...unknown(object, join(models, `${kind}.d.ts`), "").map((p) => `${where}: ${p.slice(1)}`));
}
for (const p of problems) console.log(p);
console.log(`${objects.length - new Set(problems.map((p) => p.split(":")[0])).size} passed, ${problems.length} failed`);
process.exit(problems.length ? 1 : 0);
