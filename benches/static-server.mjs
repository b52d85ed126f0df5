// A static file server for one dist folder on loopback, run in a worker thread by bench.mjs so that
// driving the browser from the main thread never delays a response. Posts its port when listening.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { parentPort, workerData } from "node:worker_threads";

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".svg": "image/svg+xml" };

const server = createServer((req, res) => {
  const path = new URL(req.url, "http://x").pathname.replace(/\/$/, "/index.html");
  try {
    const body = readFileSync(join(workerData, path));
    res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream", "cache-control": "no-store" });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));
