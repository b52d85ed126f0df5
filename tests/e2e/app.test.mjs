// End-to-end: the release build in headless Chromium, used as a person would. Every test fails on a
// console error, a failed request or a request that leaves the loopback server.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serveDist, launch, openPage, screenshot, appReady, fileContent, unfold } from "./harness.mjs";

const root = resolve(fileURLToPath(import.meta.url), "../../..");
let server, browser, cli;

before(async () => {
  execFileSync("cargo", ["build", "--quiet", "--locked", "--bin", "kafka-expose"], { cwd: root, stdio: "inherit" });
  cli = join(root, "target/debug/kafka-expose");
  server = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the app in a fresh browser context; `check()` asserts no problem was recorded. */
async function open(options = {}, hash = "") {
  const session = await openPage(browser, server.origin, options);
  await session.page.goto(server.url + hash);
  await appReady(session.page);
  session.check = () => assert.deepEqual(session.problems, [], "console errors or outside requests");
  return session;
}

const STRATEGIES = {
  "nodeport-per-broker": true,
  "nodeport-local": true,
  hostport: true,
  "loadbalancer-per-broker": true,
  "nodeport-shared": false,
  externalname: false,
};

test("the default page shows three pods, their DNS names and NodePorts 30093-30095", async () => {
  const { page, context, check } = await open();
  const diagram = page.getByTestId("diagram");
  await diagram.waitFor();
  for (const i of [0, 1, 2]) {
    const pod = page.getByTestId(`pod-${i}`);
    await assert.doesNotReject(pod.waitFor());
    assert.match(await pod.textContent(), new RegExp(`^kafka-${i}kafka-${i}\\.broker\\.kafka\\.svc\\.cluster\\.local`));
    assert.match(await page.getByTestId(`svc-kafka-${i}-external`).textContent(), new RegExp(`NodePort ${30093 + i}`));
  }
  assert.equal(await page.locator("[data-testid^=pod-]").count(), 3);
  assert.match(await page.getByTestId("walkthrough-outcome").textContent(), /Every broker is reachable \(3 of 3\)/);
  await screenshot(page, "default-1280");
  check();
  await context.close();
});

test("five replicas give five pods, five server.properties tabs and five per-broker Services", async () => {
  const { page, context, check } = await open();
  await page.getByTestId("field-replicas").fill("5");
  await page.getByTestId("pod-4").waitFor();
  assert.equal(await page.locator("[data-testid^=pod-]").count(), 5);
  assert.equal(await page.locator("[data-testid^='tab-server-']").count(), 5);
  assert.equal(await page.locator("[data-testid$='-external'][data-testid^='svc-kafka-']").count(), 5);
  await page.getByTestId("tab-server-4.properties").click();
  // Broker 4 advertises node-b, the nodes taken in turn (4 mod 3).
  assert.match(await fileContent(page), /EXTERNAL:\/\/203\.0\.113\.12:30097/);
  check();
  await context.close();
});

test("every strategy shows its verdict, its explanation and a walkthrough that agrees", async () => {
  const { page, context, check } = await open();
  for (const [id, works] of Object.entries(STRATEGIES)) {
    await page.getByTestId(`strategy-${id}`).click();
    const verdict = await page.getByTestId(`verdict-${id}`).textContent();
    assert.equal(await page.getByTestId("verdict").textContent(), verdict, id);
    assert.equal(await page.getByTestId(`strategy-${id}`).getAttribute("aria-checked"), "true");
    const explanation = await page.getByTestId("explanation").textContent();
    assert.match(explanation, /How traffic flows/, id);
    const outcome = await page.getByTestId("walkthrough-outcome").textContent();
    const steps = page.locator("[data-testid=walkthrough-step]");
    if (works) {
      assert.match(verdict, /^works/, id);
      assert.match(outcome, /Every broker is reachable \(3 of 3\)/, id);
      assert.equal(await page.locator("[data-testid=walkthrough-step][data-ok=false]").count(), 0, id);
    } else {
      assert.match(verdict, /fails|exposes nothing/, id);
      assert.match(outcome, /3 of 3 brokers cannot be reached/, id);
      assert.match(explanation, /Why it fails/, id);
      const reason = id === "externalname" ? /does not resolve outside the cluster/ : /reaches a random broker/;
      assert.match(await steps.last().textContent(), reason, id);
      assert.ok((await page.locator("polyline.client-fail").count()) > 0, `${id} draws failing paths`);
    }
    await screenshot(page, `strategy-${id}`);
  }
  // From inside the cluster even the aliases work.
  await page.getByTestId("vantage-inside").check();
  assert.match(await page.getByTestId("walkthrough-outcome").textContent(), /Every broker is reachable/);
  check();
  await context.close();
});

test("an invalid name shows its message beside the field and disables downloads", async () => {
  const { page, context, check } = await open();
  await page.getByTestId("field-name").fill("Kafka_1");
  const messages = page.getByTestId("messages-name");
  assert.match(await messages.textContent(), /not allowed.*use lower case/);
  assert.equal(await page.getByTestId("field-name").getAttribute("aria-invalid"), "true");
  assert.ok(await page.getByTestId("download-all").isDisabled());
  assert.match(await page.getByTestId("downloads-disabled").textContent(), /name/);
  await page.getByTestId("field-replicas").fill("");
  assert.match(await page.locator("[data-testid^=draft-]").textContent(), /whole number/);
  await page.getByTestId("field-name").fill("kafka");
  assert.ok(await page.getByTestId("download-all").isEnabled());
  await screenshot(page, "invalid-name");
  check();
  await context.close();
});

/** The stored files of a ZIP archive, name → bytes. */
function unzip(bytes) {
  const files = {};
  let at = 0;
  while (bytes.readUInt32LE(at) === 0x04034b50) {
    assert.equal(bytes.readUInt16LE(at + 8), 0, "stored");
    const size = bytes.readUInt32LE(at + 18);
    const nameLength = bytes.readUInt16LE(at + 26);
    const extra = bytes.readUInt16LE(at + 28);
    const name = bytes.subarray(at + 30, at + 30 + nameLength).toString("utf8");
    const start = at + 30 + nameLength + extra;
    files[name] = bytes.subarray(start, start + size);
    at = start + size;
  }
  return files;
}

test("download all gives the same files, byte for byte, as kafka-expose render on the exported config", async () => {
  const { page, context, check } = await open();
  await page.getByTestId("strategy-hostport").click();
  await page.getByTestId("field-replicas").fill("2");
  const [archive] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-all").click()]);
  assert.equal(archive.suggestedFilename(), "kafka-expose.zip");
  const files = unzip(readFileSync(await archive.path()));
  const [exported] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export").click()]);
  const dir = mkdtempSync(join(tmpdir(), "kafka-expose-e2e-"));
  const config = join(dir, "kafka-expose.json");
  writeFileSync(config, readFileSync(await exported.path()));
  execFileSync(cli, ["render", config, "--out", join(dir, "out")]);
  const rendered = readdirSync(join(dir, "out")).sort();
  assert.deepEqual(Object.keys(files).map((n) => n.replace(/^kafka-expose\//, "")).sort(), rendered);
  for (const name of rendered) {
    assert.ok(files[`kafka-expose/${name}`].equals(readFileSync(join(dir, "out", name))), name);
  }
  assert.ok(rendered.includes("server-1.properties") && !rendered.includes("server-2.properties"));
  check();
  await context.close();
});

test("the files' text comes with its own module, fetched when the files near the screen; Download all waits for it", async () => {
  const { page, context, check } = await open();
  const fetched = [];
  page.on("request", (r) => /kafka-expose-files/.test(r.url()) && fetched.push(new URL(r.url()).pathname.split("/").pop()));
  // At the top of the page nothing of it is fetched, and the files' panel says it is on its way.
  await page.waitForTimeout(500);
  assert.deepEqual(fetched, []);
  assert.equal(await page.getByTestId("file-content").getAttribute("aria-busy"), "true");
  assert.match(await page.getByTestId("file-content").textContent(), /Writing the files/);
  // Scrolled near, it comes once and writes the file on screen; edits rewrite it.
  assert.match(await fileContent(page), /^# Before you apply:\n(# - [^\n]+\n)+# Then:\n# 1\. Apply: kubectl apply -f manifests\.yaml\n[\s\S]*kind: StatefulSet/);
  assert.deepEqual(fetched.sort(), ["kafka-expose-files.js", "kafka-expose-files_bg.wasm"]);
  await page.getByTestId("field-namespace").fill("streams");
  assert.match(await fileContent(page), /namespace: streams\n/);
  await page.getByTestId("tab-start.sh").click();
  assert.match(await fileContent(page), /^#!\/bin\/sh\n/);
  assert.equal(fetched.length, 2, "fetched once");
  check();
  await context.close();

  // Download all before the module has come: the archive follows once it has.
  const fresh = await open();
  const [archive] = await Promise.all([fresh.page.waitForEvent("download"), fresh.page.getByTestId("download-all").click()]);
  assert.equal(archive.suggestedFilename(), "kafka-expose.zip");
  assert.ok(Object.keys(unzip(readFileSync(await archive.path()))).includes("kafka-expose/manifests.yaml"));
  fresh.check();
  await fresh.context.close();
});

test("files that cannot be fetched say so where the file would be; the rest of the page works", async () => {
  const { page, context, problems } = await open();
  await context.route(/kafka-expose-files_bg\.wasm$/, (route) => route.abort());
  await page.getByTestId("file-content").scrollIntoViewIfNeeded();
  await page.locator("[data-testid=file-content][aria-busy=false]").waitFor();
  assert.match(await page.getByTestId("file-content").textContent(), /^The files could not be loaded \(.+\)\. Reload the page to try again\.$/);
  await page.getByTestId("download-all").click();
  assert.match(await page.getByTestId("output-status").textContent(), /The files could not be loaded/);
  await screenshot(page, "files-failed");
  // The primer's text comes with the same module: it says so in its place, the title stays.
  await page.locator("#primer-title").scrollIntoViewIfNeeded();
  assert.match(await page.locator("#app [data-testid=primer-failed]").textContent(), /^The primer could not be loaded \(.+\)\.$/);
  await page.getByTestId("field-replicas").fill("4");
  assert.match(await page.getByTestId("walkthrough-outcome").textContent(), /\(4 of 4\)/);
  assert.ok(problems.every((p) => /kafka-expose-files_bg\.wasm|Failed to load resource: net::ERR_FAILED/.test(p)), problems.join("\n"));
  await context.close();
});

test("a keystroke redraws what changed: the image touches neither the diagram nor the walkthrough; the namespace rewrites their texts in place", async () => {
  const { page, context, check } = await open();
  // From a pod in the cluster, every step names a broker by its DNS name, namespace included.
  await page.getByTestId("vantage-inside").check();
  assert.match(await page.getByTestId("walkthrough-step").last().textContent(), /kafka-2\.broker\.kafka\.svc/);
  // The Kafka settings unfolded first, and the pointer parked at the page's left edge: a pointer
  // left over a pod or a step, as a scroll moves them under it, highlights that broker.
  await unfold(page);
  await page.mouse.move(0, 0);
  // Count what changes in the picture and the walkthrough, and mark their elements to see whether
  // they are the same elements afterwards.
  await page.evaluate(() => {
    window.changes = 0;
    const observer = new MutationObserver((records) => (window.changes += records.length));
    for (const el of document.querySelectorAll("[data-testid=diagram], .walkthrough .steps")) {
      observer.observe(el, { subtree: true, childList: true, attributes: true, characterData: true });
    }
    for (const el of document.querySelectorAll("[data-testid^=pod-], [data-testid=walkthrough-step]")) el.marked = true;
    // The boxes' texts whose attributes are set again (a text built anew), and the elements of
    // the strategy's explanation and the files' notice, which a namespace leaves as they are.
    window.textRebuilt = 0;
    new MutationObserver((records) => (window.textRebuilt += records.filter((r) => r.target.closest("text") && r.target.closest(".box")).length))
      .observe(document.querySelector("[data-testid=diagram]"), { subtree: true, attributes: true });
    for (const el of document.querySelectorAll("[data-testid=explanation] *, [data-testid=files-examples]")) el.kept = true;
  });
  await page.getByTestId("field-kafka.image").fill("apache/kafka:4.3.0");
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.changes), 0, "the image changed something drawn");
  // A name as long as the one it replaces: the headless Service's name wraps as it did.
  await page.getByTestId("field-namespace").fill("flows");
  await page.waitForFunction(() => /kafka-0\.broker\.flows\.svc/.test(document.querySelector("[data-testid=diagram]").textContent));
  assert.ok((await page.evaluate(() => window.changes)) > 0);
  const kept = await page.evaluate(() => [...document.querySelectorAll("[data-testid^=pod-], [data-testid=walkthrough-step]")].every((el) => el.marked));
  assert.ok(kept, "pods and steps were rebuilt instead of rewritten");
  assert.equal(await page.evaluate(() => window.textRebuilt), 0, "the boxes' texts were built anew instead of rewritten");
  const explained = await page.evaluate(() => [...document.querySelectorAll("[data-testid=explanation] *, [data-testid=files-examples]")].every((el) => el.kept));
  assert.ok(explained, "the explanation or the files' notice was rebuilt for a namespace");
  assert.match(await page.getByTestId("walkthrough-step").last().textContent(), /kafka-2\.broker\.flows\.svc/);
  check();
  await context.close();
});

test("the share link reproduces the config in a new page, and a reload keeps it", async () => {
  const first = await open();
  // A first visit saves its config (its new cluster id) at once, but keeps the bare address until
  // the config changes: the bare address opens the defaults too.
  await first.page.waitForFunction(() => localStorage.getItem("kafka-expose.config")?.includes('"clusterId": "'));
  await first.page.waitForTimeout(300);
  assert.equal(await first.page.evaluate(() => location.hash), "");
  await first.page.getByTestId("strategy-nodeport-local").click();
  await first.page.getByTestId("field-namespace").fill("streaming");
  // The page saves (and updates the link and the address) once typing pauses.
  await first.page.waitForFunction(() => localStorage.getItem("kafka-expose.config")?.includes('"namespace": "streaming"'));
  const link = await first.page.getByTestId("share-link").inputValue();
  assert.match(link, /#v1\./);
  assert.equal(await first.page.evaluate(() => location.href), link);
  first.check();
  await first.context.close();

  const second = await openPage(browser, server.origin);
  await second.page.goto(link);
  await appReady(second.page);
  assert.equal(await second.page.getByTestId("field-namespace").inputValue(), "streaming");
  assert.equal(await second.page.getByTestId("strategy-nodeport-local").getAttribute("aria-checked"), "true");
  await second.page.reload();
  await appReady(second.page);
  assert.equal(await second.page.getByTestId("field-namespace").inputValue(), "streaming");
  // Without the fragment, the saved config comes back too.
  await second.page.goto(server.url);
  await appReady(second.page);
  assert.equal(await second.page.getByTestId("field-namespace").inputValue(), "streaming");
  assert.deepEqual(second.problems, []);
  await second.context.close();
});

test("a number that is not finished survives a reload, and a preset replaces it", async () => {
  const { page, context, check } = await open();
  const replicas = page.getByTestId("field-replicas");
  const pods = page.locator("[data-testid^='pod-']");
  const message = page.getByTestId("draft-f-replicas");
  await replicas.fill("5");
  await page.getByTestId("pod-4").waitFor();
  await replicas.fill("");
  await message.waitFor();
  await page.waitForFunction(() => localStorage.getItem("kafka-expose.drafts") === "replicas=\n");
  await page.reload();
  await appReady(page);
  assert.equal(await replicas.inputValue(), "", "the emptied field stays empty");
  assert.match(await message.textContent(), /whole number/);
  assert.equal(await pods.count(), 5, "the page keeps showing the last valid config");
  await page.getByTestId("preset-minikube").click();
  await message.waitFor({ state: "detached" });
  assert.equal(await replicas.inputValue(), String(await pods.count()), "the field shows the preset's brokers");
  await page.waitForFunction(() => localStorage.getItem("kafka-expose.drafts") === "");
  check();
  await context.close();
});

test("a corrupted link shows a message and the defaults, and leaves the saved config untouched", async () => {
  const { page, context, problems } = await open();
  await page.getByTestId("field-replicas").fill("4");
  await page.getByTestId("pod-3").waitFor();
  await page.waitForFunction(() => localStorage.getItem("kafka-expose.config")?.includes('"replicas": 4'));
  const saved = await page.evaluate(() => localStorage.getItem("kafka-expose.config"));
  assert.match(saved, /"replicas": 4/);
  await page.goto(server.url + "#v1.this-is-not-a-config");
  await page.reload();
  await page.getByTestId("notice").waitFor();
  assert.match(await page.getByTestId("notice").textContent(), /link could not be opened/);
  assert.equal(await page.getByTestId("field-replicas").inputValue(), "3");
  assert.equal(await page.evaluate(() => localStorage.getItem("kafka-expose.config")), saved);
  await screenshot(page, "corrupted-link");
  assert.deepEqual(problems, []);
  await context.close();
});

test("screenshots at 1280x800 and 390x844, light and dark", async () => {
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    for (const colorScheme of ["light", "dark"]) {
      const { page, context, check } = await open({ viewport: { width, height }, colorScheme });
      await page.getByTestId("diagram").waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${width}px ${colorScheme}: the page scrolls sideways by ${overflow}px`);
      await screenshot(page, `page-${width}-${colorScheme}`);
      check();
      await context.close();
    }
  }
});

/** What of the diagram a reader could not read as drawn: a box's text running out of its box, a
 * box's title running into its note, a band's heading running into a box. Measured as Chromium
 * lays the text out, in the page's own fonts. */
function diagramTextProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const box = (e) => e.getBoundingClientRect();
    // Side by side, or one over the other (a line's box overlaps the next by a pixel or two).
    const apart = (a, b) => a.right <= b.left || b.right <= a.left || a.bottom <= b.top + 2 || b.bottom <= a.top + 2;
    const boxes = [...document.querySelectorAll("svg.diagram-svg g.box")].map((g) => [g, box(g.querySelector(":scope > rect"))]);
    for (const [g, frame] of boxes) {
      for (const text of g.querySelectorAll(":scope > text")) {
        const t = box(text);
        if (t.left < frame.left - 0.5 || t.right > frame.right + 0.5) {
          problems.push(`${g.dataset.testid}: "${text.textContent}" runs out of its box by ${Math.round(Math.max(frame.left - t.left, t.right - frame.right))}px`);
        }
      }
      const [title, note] = [g.querySelector(":scope > .box-title"), g.querySelector(":scope > .box-note")];
      if (title && note && !apart(box(title), box(note))) problems.push(`${g.dataset.testid}: its title runs into "${note.textContent}"`);
    }
    for (const heading of document.querySelectorAll("svg.diagram-svg text.column")) {
      const h = box(heading);
      for (const [g, frame] of boxes) {
        if (!apart(h, frame)) problems.push(`heading "${heading.textContent}" runs into ${g.dataset.testid}`);
      }
    }
    return problems;
  });
}

test("on a phone and a wide screen, every strategy's diagram keeps its texts inside their boxes and clear of the headings", async () => {
  for (const width of [1280, 390]) {
    const { page, context, check } = await open({ viewport: { width, height: 900 } });
    // Full rows, and compact ones (a line a broker) from 13 brokers on.
    for (const replicas of [3, 13]) {
      await page.getByTestId("field-replicas").evaluate((input, n) => {
        input.value = String(n);
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }, replicas);
      await page.getByTestId(`pod-${replicas - 1}`).waitFor();
      for (const id of Object.keys(STRATEGIES)) {
        await page.getByTestId(`strategy-${id}`).click();
        await page.waitForFunction((id) => document.querySelector(`[data-testid=strategy-${id}]`)?.getAttribute("aria-checked") === "true", id);
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
        assert.deepEqual(await diagramTextProblems(page), [], `${id}, ${replicas} brokers, at ${width}px`);
      }
    }
    await screenshot(page, `diagram-texts-${width}`);
    check();
    await context.close();
  }
});

test("importing a config file loads it; a bad file gets a message and changes nothing", async () => {
  const { page, context, check } = await open();
  const dir = mkdtempSync(join(tmpdir(), "kafka-expose-import-"));
  const good = join(dir, "good.json");
  writeFileSync(good, '{"strategy": "hostport", "replicas": 2, "namespace": "imported"}');
  await page.getByTestId("import").setInputFiles(good);
  await page.getByTestId("import-message").getByText("Imported.").waitFor();
  assert.equal(await page.getByTestId("field-namespace").inputValue(), "imported");
  assert.equal(await page.getByTestId("strategy-hostport").getAttribute("aria-checked"), "true");
  const bad = join(dir, "bad.json");
  writeFileSync(bad, '{"replicas": 3, "replica": 4}');
  await page.getByTestId("import").setInputFiles(bad);
  await page.getByTestId("import-message").getByText(/unknown field `replica`/).waitFor();
  assert.equal(await page.getByTestId("field-namespace").inputValue(), "imported");
  // A key written twice: neither value is taken silently; the message says where.
  const twice = join(dir, "twice.json");
  writeFileSync(twice, '{\n  "namespace": "first",\n  "replicas": 3,\n  "namespace": "second"\n}');
  await page.getByTestId("import").setInputFiles(twice);
  await page.getByTestId("import-message").getByText("line 4, column 3: namespace: written twice in the same object").waitFor();
  assert.equal(await page.getByTestId("field-namespace").inputValue(), "imported");
  check();
  await context.close();
});

test("fifty brokers stay readable in a compact diagram", async () => {
  const { page, context, check } = await open();
  await page.getByTestId("field-replicas").fill("50");
  await page.getByTestId("pod-49").waitFor();
  assert.equal(await page.locator("[data-testid^=pod-]").count(), 50);
  const size = await page.getByTestId("pod-49").evaluate((g) => g.getBBox().height);
  assert.ok(size >= 18, `pod rows stay at least 18 units tall (${size})`);
  await page.getByTestId("pod-49").scrollIntoViewIfNeeded();
  await screenshot(page, "fifty-brokers");
  check();
  await context.close();
});

test("the keyboard alone picks a strategy and highlights a broker's paths", async () => {
  const { page, context, check } = await open();
  await page.getByTestId("strategy-hostport").focus();
  await page.keyboard.press("Enter");
  assert.equal(await page.getByTestId("strategy-hostport").getAttribute("aria-checked"), "true");
  await page.getByTestId("pod-1").focus();
  const lit = page.locator("polyline.client-ok.lit");
  assert.ok((await lit.count()) > 0);
  assert.ok(await lit.evaluateAll((ps) => ps.every((p) => p.dataset.broker === "1")));
  const faded = await page
    .locator("polyline.client-ok:not([data-broker='1'])")
    .evaluateAll((ps) => ps.filter((p) => Number(getComputedStyle(p).opacity) < 0.5).length);
  assert.ok(faded >= 2, `the other brokers' paths fade (${faded})`);
  const pods = await page.locator("[data-testid^='pod-']").evaluateAll((gs) => gs.map((g) => [g.dataset.testid, Number(getComputedStyle(g).opacity)]));
  assert.ok(pods.every(([id, opacity]) => (id === "pod-1") === (opacity === 1)), `only pod-1 stays opaque: ${pods}`);
  await screenshot(page, "broker-1-highlighted");
  check();
  await context.close();
});

test("arrow keys move the choice among the strategy cards and among the file tabs", async () => {
  const { page, context, check } = await open();
  const chosen = () => page.locator("[role='radio'][aria-checked='true']").getAttribute("data-testid");
  const focused = () => page.evaluate(() => document.activeElement?.dataset.testid);
  const stops = (role) => page.locator(`[role='${role}'][tabindex='0']`).count();
  assert.equal(await stops("radio"), 1, "the cards are one stop for Tab");
  await page.getByTestId("strategy-nodeport-per-broker").focus();
  await page.keyboard.press("ArrowRight");
  assert.equal(await chosen(), "strategy-nodeport-local");
  assert.equal(await focused(), "strategy-nodeport-local");
  await page.keyboard.press("End");
  assert.equal(await chosen(), "strategy-externalname");
  await page.keyboard.press("ArrowDown");
  assert.equal(await chosen(), "strategy-nodeport-per-broker", "the arrows wrap around");
  assert.equal(await focused(), "strategy-nodeport-per-broker");
  assert.equal(await stops("radio"), 1);

  const tabs = await page.locator("[role='tab']").evaluateAll((ts) => ts.map((t) => t.dataset.testid));
  assert.equal(await stops("tab"), 1, "the file tabs are one stop for Tab");
  await page.getByTestId(tabs[0]).focus();
  await page.keyboard.press("ArrowRight");
  assert.equal(await focused(), tabs[1]);
  assert.equal(await page.getByTestId(tabs[1]).getAttribute("aria-selected"), "true");
  assert.equal(await page.getByTestId("download-file").textContent(), `Download ${tabs[1].replace(/^tab-/, "")}`);
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await focused(), tabs.at(-1), "the arrows wrap around");
  await page.keyboard.press("Home");
  assert.equal(await page.getByTestId(tabs[0]).getAttribute("aria-selected"), "true");
  check();
  await context.close();
});
