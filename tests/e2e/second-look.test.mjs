// End-to-end: the second newcomer pass (issue 25). Links land where they point, the walkthrough
// stays in view while the form is edited, the page says what must exist before the apply, the
// diagram draws bootstrap, a stale picture says so, the link carries the view, Undo retires, terms
// are explained, and the prerendered diagram has the app's size. The release build in Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { useApp, screenshot, axe, fileContent, launch, serveDist, openPage, appReady } from "./harness.mjs";

const open = useApp({ before, after }, assert);
const DESKTOP = { viewport: { width: 1440, height: 900 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, colorScheme: "dark" };

/** Where the element `selector` (in the app) stands from the viewport's top, once the page has settled. */
async function topOf(page, selector) {
  // The page re-aligns its target once what the jump set loading has come (src/ui/browser.rs).
  await page.waitForTimeout(1200);
  return page.locator(`#app ${selector}`).evaluate((el) => el.getBoundingClientRect().top);
}

for (const [name, options] of [["desktop", DESKTOP], ["phone", PHONE]]) {
  test(`every in-page link and skip button lands its heading at the top of the screen (${name})`, async () => {
    const { page, context, check } = await open(options);
    const jumps = [
      ["to-doctor", "#doctor-title"],
      ["to-primer", "#primer-title"],
      ["skip-files", "#output-title"],
      ["skip-walkthrough", "#walkthrough-title"],
      ["skip-diagram", "#diagram-title"],
    ];
    if (name === "desktop") jumps.push(["to-files", "#output-title"]);
    for (const [button, heading] of jumps) {
      await page.evaluate(() => window.scrollTo(0, 0));
      // Skip buttons show when focused (the first Tab stops); the others are plain buttons.
      await page.locator(`#app [data-testid=${button}]`).focus();
      await page.keyboard.press("Enter");
      const top = await topOf(page, heading);
      assert.ok(top >= -1 && top <= 24, `${button}: ${heading} stands ${top} px from the top`);
      assert.equal(await page.evaluate(() => "#" + document.activeElement?.id), heading, button);
    }
    await screenshot(page, `landed-on-primer-${name}`);
    check();
    await context.close();
  });
}

test("while a node field has the focus on a wide screen, the walkthrough stays on screen; folded settings say what they hold", async () => {
  const { page, context, check } = await open(DESKTOP);
  const onScreen = (testid) =>
    page.locator(`#app [data-testid=${testid}]`).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight && r.height > 0;
    });
  for (const field of ["field-nodes[2].address", "field-security.tls", "field-nodes[0].name"]) {
    await page.getByTestId(field).focus();
    await page.getByTestId(field).scrollIntoViewIfNeeded();
    assert.ok(await onScreen("walkthrough-outcome"), `${field}: the walkthrough's verdict is off screen`);
  }
  // An edit there changes the walkthrough in view.
  await page.getByTestId("field-nodes[2].address").fill("34.120.0.13");
  await page.locator("#app [data-testid=walkthrough-step]", { hasText: "34.120.0.13" }).first().waitFor();
  assert.ok(await onScreen("walkthrough-outcome"));
  await page.screenshot({ path: "tests/e2e/output/editing-nodes-walkthrough-in-view.png" });
  // Ports and the Kafka settings start folded, their summary naming what is inside.
  for (const [fold, says] of [["fold-ports", /INTERNAL, CONTROLLER, EXTERNAL/], ["fold-kafka", /image, cluster id, memory, CPU, volume/]]) {
    const details = page.getByTestId(fold);
    assert.equal(await details.getAttribute("open"), null, fold);
    assert.match(await details.locator("summary").textContent(), says);
  }
  // An error link opens the fold it points into.
  await page.getByTestId("fold-kafka").locator("summary").click();
  await page.getByTestId("field-storage.size").fill("lots");
  await page.getByTestId("fold-kafka").locator("summary").click();
  await page.getByTestId("error-links").getByRole("button", { name: "Volume size" }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "field-storage.size");
  // The files are a click away from anywhere beside the form.
  await page.getByTestId("to-files").click();
  assert.ok(await onScreen("next-steps") || (await page.locator("#output-title").evaluate((el) => el.getBoundingClientRect().top)) < 30);
  assert.deepEqual(await axe(page), []);
  check();
  await context.close();
});

test("the files say what must exist before the apply: cert-manager, a StorageClass, the ports, the Pod Security level, DNS", async () => {
  const { page, context, check } = await open(DESKTOP);
  const list = async () => {
    const items = page.locator("#app [data-testid=before-apply] li");
    await items.first().scrollIntoViewIfNeeded();
    return (await items.allTextContents()).join("\n");
  };
  // The default: cert-manager, NodePorts.
  let before = await list();
  assert.match(before, /cert-manager 1\.0 or later, installed first: .*without its CRDs the apply stops part-way: kubectl get crd certificates\.cert-manager\.io issuers\.cert-manager\.io/);
  assert.match(before, /A default StorageClass/);
  assert.match(before, /TCP 30092, 30093, 30094, 30095 on node-a, node-b and node-c/);
  assert.match(before, /enforce restricted/);
  assert.match(await fileContent(page), /^# Before you apply:\n# - 203\.0\.113\.11, 203\.0\.113\.12 and 203\.0\.113\.13 are example addresses[^\n]*\n# - cert-manager 1\.0 or later/);
  await page.locator("#app [data-testid=next-steps]").screenshot({ path: "tests/e2e/output/before-you-apply.png" });
  // hostPort: the namespace must allow privileged pods, and the EXTERNAL port is opened on every node.
  await page.getByTestId("strategy-hostport").click();
  before = await list();
  assert.match(before, /enforce privileged, as a hostPort is refused from "baseline" up/);
  assert.match(before, /TCP 9094 on node-a, node-b and node-c/);
  // Load balancers: something that gives them addresses, DNS records for the names; no TLS, no cert-manager.
  await page.getByTestId("strategy-loadbalancer-per-broker").click();
  await page.getByTestId("field-security.tls").selectOption("none");
  await page.getByTestId("field-security.authentication").selectOption("none");
  before = await list();
  assert.match(before, /Services of type LoadBalancer an address/);
  assert.match(before, /DNS records that resolve, where the clients run, kafka-0\.example\.com, kafka-1\.example\.com, kafka-2\.example\.com and kafka-bootstrap\.example\.com/);
  assert.doesNotMatch(before, /cert-manager|firewall/);
  check();
  await context.close();
});

test("the diagram draws bootstrap into a broker; while a field has an error the headline and the diagram say they show the last valid settings", async () => {
  const { page, context, check } = await open(DESKTOP);
  const bootstrap = page.locator("#app polyline.bootstrap");
  assert.ok((await bootstrap.count()) >= 1);
  assert.equal(await bootstrap.first().getAttribute("data-ok"), "true");
  assert.match(await bootstrap.first().getAttribute("data-label"), /^203\.0\.113\.11:30092$/);
  assert.match(await page.locator("#app .legend").textContent(), /bootstrap \(any broker answers\)/);
  await page.getByTestId("field-namespace").fill("Not A Namespace");
  const outcome = page.getByTestId("walkthrough-outcome");
  await outcome.getByText(/^Showing your last valid settings: /).waitFor();
  assert.doesNotMatch(await outcome.getAttribute("class"), /\bok\b/, "not a green verdict");
  assert.ok(await page.getByTestId("diagram-stale").isVisible());
  assert.equal(await page.getByTestId("diagram-stale").textContent(), "Showing your last valid settings");
  await page.locator("#app .workspace").screenshot({ path: "tests/e2e/output/stale-headline.png" });
  await page.getByTestId("field-namespace").fill("kafka");
  await outcome.getByText(/^Every broker is reachable/).waitFor();
  assert.equal(await page.getByTestId("diagram-stale").count(), 0);
  check();
  await context.close();
});

test("a share link opens where the client ran and on the file that was open; old links still open", async () => {
  const { page, context, check } = await open(DESKTOP);
  await page.getByTestId("vantage-inside").check();
  await page.getByTestId("tab-server-1.properties").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=share-link]").value.includes(".view.pod~server-1.properties"));
  const link = await page.getByTestId("share-link").inputValue();
  const other = await context.browser().newContext({ ...DESKTOP, bypassCSP: true });
  const receiver = await other.newPage();
  await receiver.goto(link);
  await appReady(receiver);
  assert.ok(await receiver.getByTestId("vantage-inside").isChecked());
  assert.equal(await receiver.getByTestId("tab-server-1.properties").getAttribute("aria-selected"), "true");
  assert.match(await fileContent(receiver), /kafka-1/);
  // A link without a view (as every link made before had) opens outside, on manifests.yaml.
  await receiver.goto(link.replace(/\.view\.[^#]*$/, ""));
  await receiver.reload();
  await appReady(receiver);
  assert.ok(await receiver.getByTestId("vantage-outside").isChecked());
  assert.equal(await receiver.getByTestId("tab-manifests.yaml").getAttribute("aria-selected"), "true");
  await other.close();
  check();
  await context.close();
});

test("Undo after a preset retires at the next edit, so it never throws an edit away unseen", async () => {
  const { page, context, check } = await open(DESKTOP);
  await page.getByTestId("preset-cloud").click();
  assert.ok(await page.getByTestId("undo-preset").isVisible());
  await page.getByTestId("field-replicas").fill("4");
  await page.getByTestId("preset-changes").waitFor({ state: "detached" });
  assert.equal(await page.getByTestId("field-replicas").inputValue(), "4");
  // Undo right away still brings the config back.
  await page.getByTestId("preset-minikube").click();
  await page.getByTestId("undo-preset").click();
  assert.equal(await page.getByTestId("field-replicas").inputValue(), "4");
  check();
  await context.close();
});

test("choices explain their terms, options the strategy ignores are hidden, the cluster id says why it must not change, DNS names wrap", async () => {
  const { page, context, check } = await open(DESKTOP);
  // nodeport-per-broker advertises a node from the list, whatever a pod could learn: no choice to make.
  assert.equal(await page.getByTestId("field-nodeAddressSource").count(), 0);
  await page.getByTestId("strategy-hostport").click();
  const options = await page.getByTestId("field-nodeAddressSource").locator("option").allTextContents();
  assert.match(options.join("\n"), /no extra permissions[\s\S]*as Kubernetes tells the pod \(status\.hostIP[\s\S]*a role allowed to read Nodes: RBAC/);
  assert.match(await page.locator("label[for=f-security-internalClients]").textContent(), /Who may connect to INTERNAL and CONTROLLER \(the brokers' own ports\)/);
  await page.getByTestId("fold-kafka").locator("summary").click();
  const hint = await page.locator("#f-kafka-clusterId-hint").textContent();
  assert.match(hint, /the share link and the exported config keep it\. Never change it for a running cluster/);
  assert.match(await page.getByTestId("field-kafka.clusterId").getAttribute("aria-describedby"), /f-kafka-clusterId-hint/);
  // A long namespace: the headless Service's domain breaks after a dot, whole.
  await page.getByTestId("field-namespace").fill("streaming-platform");
  const headless = page.locator("#app [data-testid=diagram] .box.headless");
  await headless.getByText("streaming-platform.svc.").waitFor();
  assert.doesNotMatch(await headless.textContent(), /…/);
  check();
  await context.close();
});

test("the prerendered diagram has the size the app draws it at: no jump when the app takes over", async () => {
  const server = await serveDist();
  const browser = await launch();
  try {
    const { page, context, problems } = await openPage(browser, server.origin, DESKTOP);
    let release;
    const held = new Promise((ok) => (release = ok));
    await context.route(/kafka-expose-web_bg\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(server.url, { waitUntil: "domcontentloaded" });
    const box = (root) => page.locator(`${root} .diagram-frame`).first().boundingBox();
    const before = await box("#prerendered");
    release();
    await appReady(page);
    const after = await box("#app");
    for (const key of ["x", "y", "width", "height"]) {
      assert.ok(Math.abs(before[key] - after[key]) <= 1, `${key}: ${before[key]} before, ${after[key]} after`);
    }
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
