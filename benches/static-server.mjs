// A static file server for one dist folder on loopback, run in a worker thread by bench.mjs so that
// driving the browser from the main thread never delays a response. Posts its port when listening.
// Sends gzip (level 9, made once per file) to clients that accept it, as static hosts do.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { gzipSync } from "node:zlib";

const gzipped = new Map();

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".svg": "image/svg+xml" };

const server = createServer((req, res) => {
  const path = new URL(req.url, "http://x").pathname.replace(/\/$/, "/index.html");
  try {
    let body = readFileSync(join(workerData, path));
    const headers = { "content-type": TYPES[extname(path)] ?? "application/octet-stream", "cache-control": "no-store" };
    if (/\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
      if (!gzipped.has(path)) gzipped.set(path, gzipSync(body, { level: 9 }));
      body = gzipped.get(path);
      Object.assign(headers, { "content-encoding": "gzip", vary: "accept-encoding" });
    }
    res.writeHead(200, headers);
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));
