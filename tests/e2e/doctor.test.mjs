// End-to-end: the doctor, as a person with a broken deployment would use it. They paste what
// kubectl, their brokers' files and kcat show, see the hop where the client's connection breaks and
// why, open the closest working strategy in the configurator, and see a plan that works. What they
// pasted survives a reload and never enters the share link. The release build in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { useApp, screenshot, axe, appReady, scrollToDoctor } from "./harness.mjs";

const openApp = useApp({ before, after }, assert);
const open = () => openApp({ viewport: { width: 1280, height: 900 } });

/** The question's own deployment: one listener, a NodePort in front of every broker. */
function brokenDeployment() {
  const items = [
    { kind: "Service", metadata: { name: "kafka-headless", namespace: "default" },
      spec: { clusterIP: "None", selector: { app: "kafka" }, ports: [{ name: "client", port: 9092, targetPort: 9092 }] } },
    { kind: "Service", metadata: { name: "kafka-external", namespace: "default" },
      spec: { type: "NodePort", selector: { app: "kafka" }, ports: [{ port: 9092, targetPort: 9092, nodePort: 30092 }] } },
  ];
  for (let i = 0; i < 3; i++) {
    items.push({ kind: "Pod", metadata: { name: `kafka-${i}`, namespace: "default", labels: { app: "kafka" } },
      spec: { nodeName: `node-${i + 1}`, subdomain: "kafka-headless", containers: [{ name: "kafka", ports: [{ name: "client", containerPort: 9092 }, { name: "controller", containerPort: 9093 }] }] },
      status: { conditions: [{ type: "Ready", status: "True" }] } });
    items.push({ kind: "Node", metadata: { name: `node-${i + 1}` },
      status: { addresses: [{ type: "InternalIP", address: `10.0.0.${i + 1}` }, { type: "ExternalIP", address: `198.51.100.${i + 1}` }] } });
  }
  const properties = [0, 1, 2].map((i) => [
    "process.roles=broker,controller", `node.id=${i}`,
    "listeners=PLAINTEXT://:9092,CONTROLLER://:9093",
    `advertised.listeners=PLAINTEXT://kafka-${i}.kafka-headless.default.svc.cluster.local:9092`,
    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
    "controller.listener.names=CONTROLLER",
  ].join("\n")).join("\n---\n");
  const kcat = "Metadata for all topics (from broker 1: 198.51.100.1:30092/1):\n 3 brokers:\n" +
    [0, 1, 2].map((i) => `  broker ${i} at kafka-${i}.kafka-headless.default.svc.cluster.local:9092`).join("\n");
  return { objects: JSON.stringify({ apiVersion: "v1", kind: "List", items }, null, 2), properties, kcat };
}

test("paste a broken deployment, see the failing hop and its fix, open the closest strategy and see it work", async () => {
  const { page, context, check } = await open();
  await page.getByTestId("to-doctor").click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "doctor-title");
  const { objects, properties, kcat } = brokenDeployment();
  await page.getByTestId("doctor-objects").fill(objects);
  await page.getByTestId("doctor-properties").fill(properties);
  await page.getByTestId("doctor-kcat").fill(kcat);
  await page.getByTestId("doctor-bootstrap").fill("198.51.100.1:30092");
  assert.equal(await page.getByTestId("doctor-verdict").textContent(), "3 of 3 brokers cannot be reached.");
  const steps = page.getByTestId("doctor-connection");
  assert.match(await steps.first().textContent(), /Bootstrap: connect to 198\.51\.100\.1:30092succeeds: reached broker \d on PLAINTEXTnode node-1 \(198\.51\.100\.1\), port 30092 → Service kafka-external → one of 3 pods/);
  assert.match(await steps.nth(2).textContent(), /Broker 1: connect to kafka-1\.kafka-headless\.default\.svc\.cluster\.local:9092fails: kafka-1\.kafka-headless\.default\.svc\.cluster\.local does not resolve outside the cluster/);
  const problem = page.getByTestId("doctor-problem").nth(1);
  assert.match(await problem.locator("h3").textContent(), /Broker 1: one listener for inside and outside/);
  assert.match(await problem.textContent(), /advertised\.listeners=PLAINTEXT:\/\/kafka-1\.kafka-headless\.default\.svc\.cluster\.local:9092,EXTERNAL:\/\/198\.51\.100\.2:30094/);
  assert.match(await problem.textContent(), /kind: Service[\s\S]*statefulset\.kubernetes\.io\/pod-name: kafka-1/);
  await screenshot(page, "doctor-broken");
  assert.deepEqual(await axe(page), []);

  // Nothing pasted enters the page's share link; a link that does is made only on request.
  assert.doesNotMatch(await page.getByTestId("share-link").inputValue(), /doctor/);
  assert.equal(await page.getByTestId("doctor-link").count(), 0);
  await page.getByTestId("doctor-share").click();
  const shared = await page.getByTestId("doctor-link").inputValue();
  assert.match(shared, /#v1\.[A-Za-z0-9_-]+\.doctor\.[A-Za-z0-9_-]+$/);
  assert.doesNotMatch(await page.getByTestId("share-link").inputValue(), /doctor/);
  // That link opens the diagnosis in a browser that has never seen it.
  const elsewhere = await openApp({ viewport: { width: 1280, height: 900 } }, shared.slice(shared.indexOf("#")));
  assert.equal(await elsewhere.page.getByTestId("doctor-verdict").textContent(), "3 of 3 brokers cannot be reached.");
  assert.equal(await elsewhere.page.getByTestId("doctor-bootstrap").inputValue(), "198.51.100.1:30092");
  elsewhere.check();
  await elsewhere.context.close();
  // A reload keeps what was pasted.
  await page.reload();
  await appReady(page);
  assert.equal(await page.getByTestId("doctor-bootstrap").inputValue(), "198.51.100.1:30092");
  assert.equal(await page.getByTestId("doctor-verdict").textContent(), "3 of 3 brokers cannot be reached.");

  // The closest working strategy, with the deployment's names, nodes and ports: it works.
  await page.getByTestId("doctor-open").click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "diagram-title");
  assert.equal(await page.getByTestId("field-name").inputValue(), "kafka");
  assert.equal(await page.getByTestId("field-headlessService").inputValue(), "kafka-headless");
  assert.equal(await page.getByTestId("field-namespace").inputValue(), "default");
  assert.match(await page.getByTestId("walkthrough-outcome").textContent(), /Every broker is reachable \(3 of 3\)/);
  assert.match(await page.getByTestId("pod-1").textContent(), /kafka-1\.kafka-headless\.default\.svc\.cluster\.local/);
  await screenshot(page, "doctor-opened");
  // Opening it was like following a link: Back returns to the config before.
  await page.goBack();
  await page.waitForFunction(() => document.querySelector("[data-testid=field-headlessService]")?.value === "broker");
  assert.equal(await page.getByTestId("field-namespace").inputValue(), "kafka");
  check();
  await context.close();
});

test("objects that are not JSON get a message with line and column beside their box", async () => {
  const { page, context, check } = await open();
  await scrollToDoctor(page);
  await page.getByTestId("doctor-objects").fill("{\n  \"kind\": \"List\",\n  \"items\": [\n");
  assert.match(await page.getByTestId("doctor-objects-message").textContent(), /objects line 4, column 0: the JSON ends too early: was it cut short when copied\?/);
  assert.equal(await page.getByTestId("doctor-objects").getAttribute("aria-invalid"), "true");
  await page.getByTestId("doctor-objects").fill("kind: List");
  assert.match(await page.getByTestId("doctor-objects-message").textContent(), /line 1, column 1: not JSON/);
  await page.getByTestId("doctor-objects").fill("");
  await page.getByTestId("doctor-kcat").fill("nothing useful");
  assert.match(await page.getByTestId("doctor-kcat-message").textContent(), /no `broker <id> at <host:port>` line/);
  check();
  await context.close();
});

test("the doctor's module is fetched only when wanted: near the screen, or to restore what was pasted", async () => {
  const { page, context, check } = await open();
  const fetched = [];
  page.on("request", (r) => /kafka-expose-doctor/.test(r.url()) && fetched.push(new URL(r.url()).pathname.split("/").pop()));
  // At the top of the page nothing of the doctor is fetched, and its place says it is loading.
  await page.waitForTimeout(500);
  assert.deepEqual(fetched, []);
  assert.equal(await page.locator("#doctor-app").getAttribute("aria-busy"), "true");
  assert.match(await page.getByTestId("doctor-loading").textContent(), /Loading the doctor/);
  // Scrolled near, it comes once, mounts its form, and the loading line goes.
  await scrollToDoctor(page);
  assert.deepEqual(fetched.sort(), ["kafka-expose-doctor.js", "kafka-expose-doctor_bg.wasm"]);
  assert.equal(await page.locator("#doctor-app").getAttribute("aria-busy"), null);
  assert.ok(!(await page.getByTestId("doctor-loading").isVisible()));
  await screenshot(page, "doctor-loaded");
  assert.deepEqual(await axe(page), []);
  // "Ask the doctor" when it is there already: nothing fetched again.
  await page.getByTestId("to-doctor").click();
  await page.getByTestId("doctor-bootstrap").fill("198.51.100.1:30092");
  assert.equal(fetched.length, 2);

  // Something pasted: a reload fetches the doctor at once, without scrolling, and restores it.
  fetched.length = 0;
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.reload();
  await appReady(page);
  assert.equal(await page.getByTestId("doctor-bootstrap").inputValue(), "198.51.100.1:30092");
  assert.deepEqual(fetched.sort(), ["kafka-expose-doctor.js", "kafka-expose-doctor_bg.wasm"]);
  assert.ok(await page.evaluate(() => window.scrollY === 0), "restoring did not scroll the page");
  // Emptied, nothing is kept, and the next visit does not fetch the doctor.
  await page.getByTestId("doctor-bootstrap").fill("");
  fetched.length = 0;
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.reload();
  await appReady(page);
  await page.waitForTimeout(500);
  assert.deepEqual(fetched, []);
  assert.equal(await page.evaluate(() => localStorage.getItem("kafka-expose.doctor")), null);
  check();
  await context.close();
});

test("a doctor that cannot be fetched says so in its place", async () => {
  const { page, context, check } = await open();
  await context.route(/kafka-expose-doctor_bg\.wasm$/, (route) => route.abort());
  await page.getByTestId("to-doctor").click();
  await page.waitForFunction(() => /could not be loaded/.test(document.querySelector("[data-testid=doctor-loading]")?.textContent));
  assert.match(await page.getByTestId("doctor-loading").textContent(), /The doctor could not be loaded \(.+\)\. Reload the page to try again\./);
  assert.ok(await page.getByTestId("doctor-loading").isVisible());
  await screenshot(page, "doctor-failed");
  // The configurator is unaffected.
  await page.getByTestId("field-replicas").fill("4");
  assert.match(await page.getByTestId("walkthrough-outcome").textContent(), /\(4 of 4\)/);
  check(/kafka-expose-doctor_bg\.wasm|Failed to load resource: net::ERR_FAILED/);
  await context.close();
});
