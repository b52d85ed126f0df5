// Shared by the prerender step of `make build` and the end-to-end tests: a static file server for a
// dist folder on loopback, and the system Chromium driven by playwright-core.
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export const root = resolve(fileURLToPath(import.meta.url), "../..");
const require = createRequire(join(root, ".tools/node/package.json"));
const { chromium } = require("playwright-core");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

/**
 * Serves `dist` at `subPath` on 127.0.0.1 and an ephemeral port; anything else is a 404. To a
 * client that accepts gzip it sends gzip, as static hosts do: a file's `.gz` twin (`make build`
 * writes them), else the file compressed once at level 9 (the benchmark's baseline has no twins).
 */
export async function serveDist(dist = join(root, "dist"), subPath = "/") {
  const gzipped = new Map();
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!path.startsWith(subPath)) {
      res.writeHead(404).end();
      return;
    }
    let file = normalize(join(dist, path.slice(subPath.length)));
    if (!file.startsWith(dist)) {
      res.writeHead(403).end();
      return;
    }
    if (path.endsWith("/")) file = join(file, "index.html");
    const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" };
    try {
      let body;
      if (/\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
        if (!gzipped.has(file)) {
          const twin = await readFile(file + ".gz").catch(() => undefined);
          gzipped.set(file, twin ?? gzipSync(await readFile(file), { level: 9 }));
        }
        body = gzipped.get(file);
        Object.assign(headers, { "content-encoding": "gzip", vary: "accept-encoding" });
      }
      body ??= await readFile(file);
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { url: origin + subPath, origin, close: () => new Promise((ok) => server.close(ok)) };
}

/** Starts headless Chromium with the flags this machine needs (root, no network beyond loopback). */
export async function launch() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
}
