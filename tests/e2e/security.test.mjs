// End-to-end: securing the exposed listener, as a person would turn it on and off. TLS and SCRAM
// change the files, the walkthrough's TLS step and the diagram; a certificate that cannot be
// planned is explained beside the field that causes it; a link from before security existed opens
// as the plaintext it was made with. The release build in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { useApp, screenshot, axe, fileText } from "./harness.mjs";

const openApp = useApp({ before, after }, assert);
const open = (hash = "") => openApp({ viewport: { width: 1280, height: 900 } }, hash);

const text = (page, testid) => page.getByTestId(testid).first().textContent();

/** The text of one generated file, as its tab shows it. */
test("a new page is secure; turning TLS and SCRAM off and on changes the files, the walkthrough and the diagram", async () => {
  const { page, context, check } = await open();
  // Secure by default: SASL_SSL on EXTERNAL, a TLS step on every connection, encrypted paths.
  assert.match(await fileText(page, "client.properties"), /security\.protocol=SASL_SSL[\s\S]*ssl\.truststore\.type=PEM/);
  assert.match(await fileText(page, "manifests.yaml"), /kind: Certificate[\s\S]*encoding: PKCS8/);
  assert.match(await text(page, "san-plan"), /The certificate lists: IP 203\.0\.113\.11, IP 203\.0\.113\.12, IP 203\.0\.113\.13/);
  const steps = page.locator("[data-testid=walkthrough-step]");
  // The last broker advertises the last node: the brokers spread over the nodes.
  assert.match(await steps.last().textContent(), /TLS: the certificate lists IP 203\.0\.113\.13 \(an IP: the client sends no name \(SNI\)\) → SASL SCRAM-SHA-512 login/);
  assert.ok((await page.locator("polyline[data-tls=true]").count()) >= 3, "encrypted paths");
  await page.getByTestId("legend-tls").waitFor();
  assert.equal(await page.getByTestId("network-policy").count(), 1, "the NetworkPolicy boundary is drawn");
  await screenshot(page, "secure-default");

  // Off: plaintext everywhere, and the warnings say what anyone can do.
  await page.getByTestId("field-security.tls").selectOption("none");
  await page.getByTestId("field-security.authentication").selectOption("none");
  assert.match(await text(page, "messages-security.tls"), /EXTERNAL is plaintext: anyone on the network/);
  assert.match(await text(page, "messages-security.authentication"), /can read, write and delete every topic/);
  assert.match(await fileText(page, "client.properties"), /security\.protocol=PLAINTEXT/);
  assert.match(await fileText(page, "server-0.properties"), /EXTERNAL:PLAINTEXT\n/);
  assert.doesNotMatch(await fileText(page, "manifests.yaml"), /kind: Certificate/);
  assert.doesNotMatch(await steps.last().textContent(), /TLS:|SASL/);
  assert.equal(await page.locator("polyline[data-tls=true]").count(), 0);
  assert.equal(await page.getByTestId("legend-tls").count(), 0);
  await screenshot(page, "plaintext");

  // On again, with the user's own Secret and TLS only.
  await page.getByTestId("field-security.tls").selectOption("secret");
  await page.getByTestId("field-security.tlsSecret").fill("my-kafka-tls");
  const manifests = await fileText(page, "manifests.yaml");
  assert.match(manifests, /secretName: my-kafka-tls/);
  assert.doesNotMatch(manifests, /kind: Certificate/);
  assert.match(await fileText(page, "server-0.properties"), /EXTERNAL:SSL\n[\s\S]*listener\.name\.external\.ssl\.keystore\.type=PEM/);
  assert.match(await steps.last().textContent(), /TLS: the certificate lists IP 203\.0\.113\.13/);
  assert.ok((await page.locator("polyline[data-tls=true]").count()) >= 3);
  assert.deepEqual(await axe(page), []);
  check();
  await context.close();
});

test("brokers that find their address at start cannot be in a certificate: the finding stands beside that field", async () => {
  const { page, context, check } = await open();
  await page.getByTestId("strategy-hostport").click();
  await page.getByTestId("field-nodeAddressSource").selectOption("host-ip");
  const message = await text(page, "messages-nodeAddressSource");
  assert.match(message, /with TLS, brokers that advertise their node's address must take it from the node list/);
  assert.equal(await page.getByTestId("field-nodeAddressSource").getAttribute("aria-invalid"), null, "a select has no aria-invalid");
  assert.ok(await page.getByTestId("download-all").isDisabled());
  await page.getByTestId("error-links").getByRole("button", { name: "How a pod learns its node's address" }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "f-nodeAddressSource");
  await screenshot(page, "tls-host-ip-finding");
  // From the node list, the certificate lists every node and the brokers are pinned to them.
  await page.getByTestId("field-nodeAddressSource").selectOption("static-map");
  assert.match(await text(page, "san-plan"), /IP 203\.0\.113\.11, IP 203\.0\.113\.12, IP 203\.0\.113\.13/);
  assert.match(await fileText(page, "manifests.yaml"), /matchFields:\n\s+- key: metadata\.name\n\s+operator: In\n\s+values:\n\s+- node-a/);
  check();
  await context.close();
});

// A link made before the security section existed: the default config of that build.
const LINK_BEFORE_SECURITY = "#v1.eyJ2ZXJzaW9uIjoxLCJzdHJhdGVneSI6Im5vZGVwb3J0LXBlci1icm9rZXIiLCJuYW1lc3BhY2UiOiJrYWZrYSIsIm5hbWUiOiJrYWZrYSIsImhlYWRsZXNzU2VydmljZSI6ImJyb2tlciIsInJlcGxpY2FzIjozLCJjbHVzdGVyRG9tYWluIjoiY2x1c3Rlci5sb2NhbCIsInBvcnRzIjp7ImludGVybmFsIjo5MDkyLCJjb250cm9sbGVyIjo5MDkzLCJleHRlcm5hbCI6OTA5NH0sIm5vZGVQb3J0cyI6eyJmaXJzdCI6MzAwOTMsImJvb3RzdHJhcCI6MzAwOTIsInJhbmdlIjoiMzAwMDAtMzI3NjcifSwiYWR2ZXJ0aXNlZEhvc3QiOiIyMDMuMC4xMTMuMTAiLCJub2RlcyI6W3sibmFtZSI6Im5vZGUtYSIsImFkZHJlc3MiOiIyMDMuMC4xMTMuMTEifSx7Im5hbWUiOiJub2RlLWIiLCJhZGRyZXNzIjoiMjAzLjAuMTEzLjEyIn0seyJuYW1lIjoibm9kZS1jIiwiYWRkcmVzcyI6IjIwMy4wLjExMy4xMyJ9XSwibm9kZUFkZHJlc3NTb3VyY2UiOiJzdGF0aWMtbWFwIiwibG9hZEJhbGFuY2VyIjp7Imhvc3RUZW1wbGF0ZSI6ImthZmthLXtvcmRpbmFsfS5leGFtcGxlLmNvbSIsImJvb3RzdHJhcEhvc3QiOiJrYWZrYS1ib290c3RyYXAuZXhhbXBsZS5jb20iLCJjbGFzcyI6bnVsbCwiYW5ub3RhdGlvbnMiOnt9LCJzb3VyY2VSYW5nZXMiOltdfSwia2Fma2EiOnsiaW1hZ2UiOiJhcGFjaGUva2Fma2E6NC4xLjEiLCJrdWJlY3RsSW1hZ2UiOiJhbHBpbmUvazhzOjEuMzMuNCIsImNsdXN0ZXJJZCI6bnVsbH0sInN0b3JhZ2UiOnsic2l6ZSI6IjEwR2kiLCJjbGFzc05hbWUiOm51bGx9fQ";

test("a link made before security existed opens as the plaintext it was made with, and says so", async () => {
  const { page, context, check } = await open(LINK_BEFORE_SECURITY);
  assert.equal(await page.getByTestId("field-security.tls").inputValue(), "none");
  assert.equal(await page.getByTestId("field-security.authentication").inputValue(), "none");
  assert.equal(await page.getByTestId("field-security.internalClients").inputValue(), "open");
  assert.equal(await page.getByTestId("field-advertisedHost").inputValue(), "203.0.113.10");
  assert.match(await text(page, "messages-security.tls"), /EXTERNAL is plaintext/);
  assert.match(await text(page, "messages-security.internalClients"), /open to every pod in the cluster/);
  // Its cluster id is derived, as it was: the same files, with a warning that says why to change it.
  assert.equal(await page.getByTestId("field-kafka.clusterId").inputValue(), "");
  assert.match(await text(page, "messages-kafka.clusterId"), /every deployment with these names gets the same cluster id/);
  assert.match(await fileText(page, "server-0.properties"), /EXTERNAL:PLAINTEXT\n/);
  assert.equal(await page.getByTestId("notice").count(), 0, "no error: the link opens");
  check();
  await context.close();
});

test("SCRAM users are names only: no password reaches the config, the link or any file", async () => {
  const { page, context, check } = await open();
  await page.getByTestId("field-security.users").fill("alice, etl.job");
  const steps = await text(page, "next-steps");
  assert.match(steps, /kubectl -n kafka create secret generic kafka-scram-users --from-literal=alice="\$\(openssl rand -base64 24\)" --from-literal=etl\.job=/);
  assert.match(await fileText(page, "client.properties"), /username="alice" password="\$\{env:KAFKA_PASSWORD\}"/);
  await page.getByTestId("field-security.users").fill("alice, bad,name=x");
  assert.match(await text(page, "messages-security.users"), /"name=x" cannot be a SCRAM user here/);
  await page.getByTestId("field-security.users").fill("alice");
  // Saved once typing pauses: wait for this very list.
  await page.waitForFunction(() => /"users": \[\s*"alice"\s*\]/.test(localStorage.getItem("kafka-expose.config") ?? ""));
  const saved = await page.evaluate(() => localStorage.getItem("kafka-expose.config"));
  assert.doesNotMatch(saved, /password/i);
  const link = await page.getByTestId("share-link").inputValue();
  const json = Buffer.from(link.split("#v1.")[1], "base64url").toString();
  assert.match(json, /"users":\["alice"\]/);
  assert.doesNotMatch(json, /password/i);
  check();
  await context.close();
});
