// End-to-end harness: serves the release dist/ from a plain static file server on loopback under a
// sub-path, drives the system Chromium with playwright-core, and records every console error, page
// error, failed request and request to anything but that server.
import { readFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { launch, root, serveDist as serve } from "../../scripts/browser.mjs";

export { launch };
export const SUB_PATH = "/some/sub/path/";
export const OUTPUT = join(root, "tests/e2e/output");

/**
 * Waits until the app has taken the prerendered view over (scripts/prerender.mjs): its title, not
 * the snapshot's, is on the page.
 */
export const appReady = (page) =>
  page.waitForFunction(() => !document.getElementById("prerendered") && document.querySelector("[data-testid=title]"));

/**
 * Scrolls to the doctor as a person would, and waits for its form: the doctor is a module of its
 * own that the page fetches when its section nears the screen.
 */
export async function scrollToDoctor(page) {
  await page.getByTestId("doctor").scrollIntoViewIfNeeded();
  await page.getByTestId("doctor-objects").waitFor();
}

/** Serves dist/ at SUB_PATH on 127.0.0.1 and an ephemeral port, gzip as static hosts send it. */
export const serveDist = () => serve(join(root, "dist"), SUB_PATH);

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
 * The text of the file on screen, as a reader gets it: the files brought into view (their module
 * comes when they near the screen), once it is written.
 */
export async function fileContent(page) {
  const file = page.getByTestId("file-content");
  await file.scrollIntoViewIfNeeded();
  await page.locator("[data-testid=file-content][aria-busy=false]").waitFor();
  return file.textContent();
}

/** Opens the folded settings (ports, Kafka and storage) as a person would: a click on each summary. */
export async function unfold(page) {
  const folded = page.locator("#app details.fold:not([open]) > summary");
  while ((await folded.count()) > 0) await folded.first().click();
}

/** Opens the file `name`'s tab and returns its text, once written. */
export async function fileText(page, name) {
  await page.getByTestId(`tab-${name}`).click();
  return fileContent(page);
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
 * axe-core can be injected, with `check()` asserting that nothing went wrong (`check(expected)`:
 * nothing but the problems the test caused on purpose, which `expected` matches).
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
    await appReady(session.page);
    session.check = (expected) =>
      assert.deepEqual(session.problems.filter((p) => !expected?.test(p)), [], "console errors or outside requests");
    return session;
  };
}
