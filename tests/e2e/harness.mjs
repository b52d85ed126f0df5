// End-to-end harness: serves the release dist/ from a plain static file server on loopback under a
// sub-path, drives the system Chromium with playwright-core, and records every console error, page
// error, failed request and request to anything but that server.
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { readFile, mkdir } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../../..");
const require = createRequire(join(root, ".tools/node/package.json"));
const { chromium } = require("playwright-core");

export const SUB_PATH = "/some/sub/path/";
export const OUTPUT = join(root, "tests/e2e/output");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

/** Serves dist/ at SUB_PATH on 127.0.0.1 and an ephemeral port; anything else is a 404. */
export async function serveDist() {
  const dist = join(root, "dist");
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!path.startsWith(SUB_PATH)) {
      res.writeHead(404).end();
      return;
    }
    let file = normalize(join(dist, path.slice(SUB_PATH.length)));
    if (!file.startsWith(dist)) {
      res.writeHead(403).end();
      return;
    }
    if (path.endsWith("/")) file = join(file, "index.html");
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { url: origin + SUB_PATH, origin, close: () => new Promise((ok) => server.close(ok)) };
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

/**
 * Opens a page that records problems: console errors, uncaught errors, failed requests, and any
 * request that leaves `origin` (those are aborted as well as recorded).
 */
export async function openPage(browser, origin, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("requestfailed", (req) => {
    const error = req.failure()?.errorText ?? "";
    // A navigation cancels what the previous document was still loading: not a failure of the page.
    if (error.includes("ERR_ABORTED") || req.url().startsWith("data:")) return;
    problems.push(`request failed: ${req.url()} ${error}`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + "/") || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    problems.push(`request outside the loopback server: ${url}`);
    return route.abort();
  });
  return { context, page, problems };
}

/**
 * Saves a whole-page screenshot into tests/e2e/output/NAME.png. The viewport is stretched to the
 * page's height first, so that sections the page only renders on screen (content-visibility) are
 * drawn as a person scrolling would see them.
 */
export async function screenshot(page, name) {
  await mkdir(OUTPUT, { recursive: true });
  const path = join(OUTPUT, `${name}.png`);
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.screenshot({ path });
  await page.setViewportSize(viewport);
  return path;
}

const axeSource = await readFile(join(root, ".tools/node/node_modules/axe-core/axe.min.js"), "utf8");

/**
 * Runs axe-core on the page as it is now (WCAG 2.1 A and AA, and axe's best practices) and returns
 * its violations as short lines, empty when there are none. The page's CSP forbids injected
 * scripts: open the page with `bypassCSP: true`.
 */
export async function axe(page) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  });
  return violations;
}

/**
 * Serves dist/ and starts Chromium once for the test file that calls it (node:test's before and
 * after); `open(options, hash)` then opens the app in a fresh context, CSP bypassed so that
 * axe-core can be injected, with `check()` asserting that nothing went wrong.
 */
export function useApp({ before, after }, assert) {
  const shared = {};
  before(async () => {
    shared.server = await serveDist();
    shared.browser = await launch();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return async function open(options = {}, hash = "") {
    const session = await openPage(shared.browser, shared.server.origin, { bypassCSP: true, ...options });
    await session.page.goto(shared.server.url + hash);
    await session.page.getByTestId("title").waitFor();
    session.check = () => assert.deepEqual(session.problems, [], "console errors or outside requests");
    return session;
  };
}
