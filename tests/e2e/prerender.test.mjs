// End-to-end: the prerendered first view (scripts/prerender.mjs). dist/index.html holds the default
// view's text; with JavaScript off it reads and says why nothing responds; with the wasm held back,
// its controls are inert and a share link's config is not shown as the default's, then the app
// takes over with the link's config. The release build in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { useApp, openPage, serveDist, launch, screenshot, appReady, OUTPUT } from "./harness.mjs";
import { root } from "../../scripts/browser.mjs";

const openApp = useApp({ before, after }, assert);
const open = (hash = "", options = {}) => openApp({ viewport: { width: 1280, height: 900 }, ...options }, hash);

test("dist/index.html holds the default view: strategy titles, a broker's DNS name, the primer", async () => {
  const html = await readFile(join(root, "dist/index.html"), "utf8");
  const { page, context, check } = await open();
  const titles = await page.locator(".cards .card-title").allTextContents();
  assert.equal(titles.length, 8);
  for (const title of titles) assert.ok(html.includes(title), `index.html lacks the strategy "${title}"`);
  assert.ok(html.includes("kafka-0.broker.kafka.svc.cluster.local"));
  // The cluster id of the visit that took the snapshot is nobody's: none is shown (the field is
  // empty; the file preview stops before the start script that would name it).
  assert.doesNotMatch(html, /--cluster-id '[A-Za-z0-9_-]{22}'/);
  assert.doesNotMatch(html, /clusterId[^>]*value="[A-Za-z0-9_-]{22}"/);
  const primer = await page.locator("#primer-title").textContent();
  assert.ok(html.includes(`>${primer}<`), `index.html lacks the primer "${primer}"`);
  // Taken over: one app, nothing of the snapshot left.
  assert.equal(await page.locator("#prerendered").count(), 0);
  assert.equal(await page.getByTestId("title").count(), 1);
  check();
  await context.close();
});

test("with JavaScript off, the default view reads and says the configurator needs JavaScript", async () => {
  const server = await serveDist();
  const browser = await launch();
  try {
    const { page, problems } = await openPage(browser, server.origin, {
      javaScriptEnabled: false,
      viewport: { width: 1280, height: 900 },
    });
    await page.goto(server.url);
    // A browser with scripting off shows the noscript message; one whose scripts are stopped
    // by other means, the status line: both say what the configurator needs.
    const says = page.getByText(/needs JavaScript and WebAssembly/);
    assert.ok((await says.first().isVisible()) || (await says.last().isVisible()), "the reason is on screen");
    assert.ok(await page.locator(".cards .card").first().isVisible());
    assert.equal(await page.locator(".cards .card").count(), 8);
    assert.match(await page.locator("#primer-title").textContent(), /\w/);
    assert.ok(await page.getByTestId("file-content").isVisible(), "the default files read");
    // Their first lines: the rest (most of the snapshot's weight) comes with the app.
    const preview = await page.getByTestId("file-content").textContent();
    assert.match(preview, /^# Before you apply:\n# - 203\.0\.113\.11, 203\.0\.113\.12 and 203\.0\.113\.13 are example addresses[^\n]*\n(# - [^\n]+\n)+# Then:\n# 1\. Apply: kubectl apply -f manifests\.yaml/);
    assert.match(preview, /… and \d+ more lines once the configurator has started$/);
    assert.ok(preview.split("\n").length <= 61, "sixty lines and the note");
    assert.ok(await page.getByTestId("download-all").isDisabled());
    // The harness's screenshot waits for frames from inside the page, which runs nothing here.
    await page.screenshot({ path: join(OUTPUT, "prerendered-no-javascript.png"), fullPage: true });
    // With scripts off, Chromium refuses the module preload as it would the script.
    assert.deepEqual(problems.filter((p) => !/kafka-expose-web\.js csp$/.test(p)), []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("a share link while the wasm is on its way: controls inert, the default's choices hidden, then the link's config", async () => {
  // A link to a config other than the default: the minikube lab, combined, one broker.
  const first = await open();
  await first.page.getByTestId("preset-minikube").click();
  await first.page.getByTestId("field-replicas").fill("1");
  // The page saves (and updates the link) once typing pauses.
  await first.page.waitForFunction(() => localStorage.getItem("kafka-expose.config")?.includes('"replicas": 1'));
  const link = await first.page.getByTestId("share-link").inputValue();
  await first.context.close();

  const server = await serveDist();
  const browser = await launch();
  try {
    const { page, context, problems } = await openPage(browser, server.origin, { viewport: { width: 1280, height: 900 } });
    let release;
    const held = new Promise((ok) => (release = ok));
    await context.route(/_bg\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
    const requested = [];
    page.on("request", (r) => requested.push(new URL(r.url()).pathname.split("/").pop()));
    await page.goto(link.replace(/^https?:\/\/[^/]+\/[^#]*/, server.url), { waitUntil: "domcontentloaded" });
    const state = await page.evaluate(() => {
      const root = document.getElementById("prerendered");
      const controls = [...root.querySelectorAll("input, select, textarea, button")];
      return {
        busy: root.getAttribute("aria-busy"),
        controls: controls.length,
        enabled: controls.filter((c) => !c.disabled).map((c) => c.outerHTML.slice(0, 80)),
        restoring: document.documentElement.classList.contains("restoring"),
        outputVisible: getComputedStyle(root.querySelector(".output")).visibility === "visible",
        diagramVisible: getComputedStyle(root.querySelector(".diagram")).visibility === "visible",
      };
    });
    assert.equal(state.busy, "true");
    assert.ok(state.controls > 20, "the snapshot has the configurator's controls");
    assert.deepEqual(state.enabled, [], "every prerendered control is disabled");
    assert.ok(state.restoring);
    assert.ok(!state.outputVisible && !state.diagramVisible, "the default's files and diagram are not shown as the link's");
    assert.ok(await page.locator(".prerender-status").isVisible());
    assert.ok(await page.locator("#primer-title").isVisible(), "the teaching text reads meanwhile");
    await screenshot(page, "prerendered-share-link-waiting");
    const titleBefore = await page.locator("#prerendered [data-testid=title]").boundingBox();

    release();
    await appReady(page);
    // The status goes without moving the page: the title is where it was.
    assert.deepEqual(await page.getByTestId("title").boundingBox(), titleBefore);
    assert.equal(await page.locator("#prerendered").count(), 0);
    assert.equal(await page.getByTestId("field-replicas").inputValue(), "1");
    assert.equal(await page.getByTestId("tab-start-controller.sh").count(), 0, "the lab is combined");
    assert.ok(await page.getByTestId("file-content").isVisible());
    // Once the app has saved the link's config into the URL: every file was fetched once, the
    // styles and the icon not at all (they are in the page).
    await page.waitForFunction(() => localStorage.getItem("kafka-expose.config") !== null);
    await page.waitForTimeout(300);
    assert.deepEqual(requested.sort(), ["", "boot.js", "kafka-expose-web.js", "kafka-expose-web_bg.wasm"]);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
