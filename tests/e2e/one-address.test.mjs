// End-to-end: one address for every broker (issue 26): the shared load-balancer IP strategy, its
// card, verdict, diagram, walkthrough, teaching text and files, with MetalLB and k3s ServiceLB, and
// the "not for this cloud" answer. The release build in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { useApp, screenshot, axe, fileContent } from "./harness.mjs";

const open = useApp({ before, after }, assert);
const text = (page, testid) => page.locator(`#app [data-testid='${testid}']`).first().textContent();

test("one shared load-balancer IP: each broker on its own port of one address, with MetalLB's sharing key in the files", async () => {
  const { page, context, check } = await open({ viewport: { width: 1440, height: 900 } });
  const card = page.getByTestId("strategy-loadbalancer-shared-ip");
  assert.match(await card.textContent(), /One shared load-balancer IP, a port per broker/);
  assert.equal(await text(page, "verdict-loadbalancer-shared-ip"), "works with MetalLB or k3s, not a cloud's");
  await card.click();
  // The walkthrough: bootstrap on the EXTERNAL port, broker i on 9095 + i, all on 192.0.2.10.
  const outcome = page.getByTestId("walkthrough-outcome");
  await outcome.getByText("Every broker is reachable (3 of 3) once the example addresses are replaced.").waitFor();
  const steps = await page.locator("#app [data-testid=walkthrough-step]").allTextContents();
  assert.match(steps[0], /Bootstrap: connect to 192\.0\.2\.10:9094/);
  assert.match(steps[0], /Service kafka-bootstrap → one of 3 pods/);
  for (const i of [0, 1, 2]) {
    assert.match(steps[i + 1], new RegExp(`Broker ${i}: connect to 192\\.0\\.2\\.10:${9095 + i}.*Service kafka-${i}-external → pod kafka-${i}`));
  }
  // The diagram: each per-broker Service on its port of the one address.
  const diagram = await text(page, "diagram");
  for (const i of [0, 1, 2]) assert.match(diagram, new RegExp(`kafka-${i}-external\\s*LoadBalancer 192\\.0\\.2\\.10:${9095 + i}`));
  // The teaching text says which MetalLB reads the annotations, and why Cluster.
  const explanation = await text(page, "explanation");
  assert.match(explanation, /kafka-1 advertises 192\.0\.2\.10:9096/);
  assert.match(explanation, /metallb\.universe\.tf\//);
  assert.match(explanation, /externalTrafficPolicy: Cluster/);
  // The files: both spellings of MetalLB's annotations, Cluster, the port per broker.
  const manifests = await fileContent(page);
  assert.match(manifests, /# - MetalLB with 192\.0\.2\.10 in one of its address pools/);
  assert.match(manifests, /metallb\.io\/allow-shared-ip: kafka-external\n\s+metallb\.io\/loadBalancerIPs: "192\.0\.2\.10"\n\s+metallb\.universe\.tf\/allow-shared-ip: kafka-external/);
  assert.match(manifests, /name: kafka-2-external\n[\s\S]*?externalTrafficPolicy: Cluster\n\s+ports:\n\s+- name: external\n\s+port: 9097/);
  await screenshot(page, "shared-ip-metallb");
  assert.deepEqual(await axe(page), []);
  check();
  await context.close();
});

test("k3s ServiceLB shares every node's address; a cloud's load balancers get a clear no beside the choice", async () => {
  const { page, context, check } = await open({ viewport: { width: 1440, height: 900 } });
  await page.getByTestId("strategy-loadbalancer-shared-ip").click();
  await page.getByTestId("field-sharedIp.provider").selectOption("k3s");
  await page.getByTestId("field-sharedIp.address").fill("203.0.113.12");
  await page.getByTestId("walkthrough-outcome").getByText(/^Every broker is reachable \(3 of 3\)/).waitFor();
  assert.match(await text(page, "walkthrough-step"), /node node-b \(203\.0\.113\.12\), port 9094 → Service kafka-bootstrap/);
  assert.match(await text(page, "diagram"), /LoadBalancer, every node:9095/);
  assert.doesNotMatch(await fileContent(page), /metallb/);
  // Ports on the address that are also bootstrap's: the second Service would stay pending.
  await page.getByTestId("field-sharedIp.firstPort").fill("9094");
  assert.match(await text(page, "messages-sharedIp.firstPort"), /bootstrap has port 9094 on the address, which is also a broker's/);
  await page.getByTestId("field-sharedIp.firstPort").fill("9095");
  // A cloud: no files that would fail quietly, but why, beside the choice.
  await page.getByTestId("field-sharedIp.provider").selectOption("cloud");
  assert.match(await text(page, "messages-sharedIp.provider"), /not for a cloud's load balancers: each Service gets an address of its own/);
  assert.ok(await page.getByTestId("download-all").isDisabled());
  await page.locator("#app .params").screenshot({ path: "tests/e2e/output/shared-ip-cloud.png" });
  check();
  await context.close();
});

test("TLS passthrough through a Gateway: one address and port, a name per broker routed by SNI; TLS is required; 50 brokers stay readable", async () => {
  const { page, context, check } = await open({ viewport: { width: 1440, height: 900 } });
  const card = page.getByTestId("strategy-gateway-tls-passthrough");
  assert.match(await card.textContent(), /Gateway TLS passthrough: one address, a name per broker/);
  await card.click();
  await page.getByTestId("walkthrough-outcome").getByText("Every broker is reachable (3 of 3) once the example addresses are replaced.").waitFor();
  const steps = await page.locator("#app [data-testid=walkthrough-step]").allTextContents();
  assert.match(steps[0], /Bootstrap: connect to bootstrap\.kafka\.example\.com:443/);
  for (const i of [0, 1, 2]) {
    assert.match(steps[i + 1], new RegExp(`Gateway kafka-gateway, listener kafka \\(TLS passthrough\\): SNI broker-${i}\\.kafka\\.example\\.com picks its TLSRoute → Service kafka-${i}-external → pod kafka-${i}`));
  }
  assert.match(await text(page, "diagram"), /Gateway\s*kafka-gateway\s*TLS passthrough/);
  const manifests = await fileContent(page);
  assert.match(manifests, /kind: Gateway\n[\s\S]*?protocol: TLS\n\s+port: 443\n[\s\S]*?mode: Passthrough/);
  assert.match(manifests, /apiVersion: gateway\.networking\.k8s\.io\/v1\nkind: TLSRoute\n[\s\S]*?hostnames:\n\s+- broker-0\.kafka\.example\.com/);
  assert.match(manifests, /# - Gateway API 1\.5 or later/);
  // Without TLS there is no server name to route by: an error beside the TLS choice.
  await page.getByTestId("field-security.tls").selectOption("none");
  assert.match(await text(page, "messages-security.tls"), /TLS passthrough routes by the server name/);
  await page.getByTestId("field-security.tls").selectOption("cert-manager");
  // 50 brokers behind one Gateway: every broker reachable, the drawing readable.
  await page.getByTestId("field-replicas").fill("50");
  await page.getByTestId("walkthrough-outcome").getByText(/\(50 of 50\)/).waitFor();
  await page.locator("#app .diagram").first().screenshot({ path: "tests/e2e/output/gateway-50-brokers.png" });
  assert.deepEqual(await axe(page), []);
  check();
  await context.close();
});
