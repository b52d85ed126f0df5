// What the CRD validators share: npm's @kubernetes-models packages check types, required fields,
// patterns and enums against the CRDs' schemas (`validate()`), but let unknown fields through, so a
// strict pass walks each object against the package's own type declarations (following `extends`)
// and refuses any field they do not declare, as the API server's strict field validation would.
import { readFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../../..");
/** Where setup.sh installs the npm packages. */
export const modules = join(root, ".tools/node/node_modules");

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

/**
 * Validates the JSON array of objects in `file` and exits: one line per problem, exit 1 if any.
 * `model(object)` names the package's model of an object, `{ js, dts, kind }`, or says why there is
 * none; `more(object)` lists the problems the schemas cannot see (CEL rules).
 */
export async function validateFile(file, model, more = () => []) {
  const objects = JSON.parse(readFileSync(file, "utf8"));
  const problems = [];
  for (const [i, object] of objects.entries()) {
    const where = `${object.kind ?? "?"} ${object.metadata?.name ?? i}`;
    const found = model(object);
    if (typeof found === "string") {
      problems.push(`${where}: ${found}`);
      continue;
    }
    const Model = (await import(found.js))[object.kind];
    try {
      new Model(object).validate();
    } catch (error) {
      problems.push(`${where}: ${error.message.replace(/\s+/g, " ")}`);
    }
    problems.push(...unknown(object, found.dts, "").map((p) => `${where}: ${p.slice(1)}`));
    problems.push(...more(object).map((p) => `${where}: ${p}`));
  }
  for (const p of problems) console.log(p);
  console.log(`${objects.length - new Set(problems.map((p) => p.split(":")[0])).size} passed, ${problems.length} failed`);
  process.exit(problems.length ? 1 : 0);
}
