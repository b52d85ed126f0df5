// End-to-end: addresses as networks are. A bare-metal cluster behind NAT (issue 23's journey): each
// node is 10.20.0.x inside and 192.0.2.x to clients; what each node-address source advertises,
// who reaches it from the internet and from the nodes' network, and what the files say. The
// release build in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { useApp, screenshot, fileText } from "./harness.mjs";

const open = useApp({ before, after }, assert);

const text = (page, testid) => page.locator("#app").getByTestId(testid).first().textContent();

const outcome = (page, words) => page.getByTestId("walkthrough-outcome").getByText(words).waitFor();

test("behind NAT, status.hostIP advertises the inside address, which no client on the internet reaches; the node list advertises the outside one", async () => {
  const { page, context, check } = await open();
  await page.getByTestId("strategy-hostport").click();
  await page.getByTestId("field-security.tls").selectOption("none");
  await page.getByTestId("field-security.authentication").selectOption("none");
  for (const i of [0, 1, 2]) {
    await page.getByTestId(`field-nodes[${i}].address`).fill(`192.0.2.${11 + i}`);
    await page.getByTestId(`field-nodes[${i}].internal`).fill(`10.20.0.${11 + i}`);
  }
  // From the node list: the outside addresses, reachable once the examples are replaced.
  await outcome(page, "Every broker is reachable (3 of 3) once the example addresses are replaced.");
  assert.match(await fileText(page, "server-0.properties"), /advertised\.listeners=.*EXTERNAL:\/\/192\.0\.2\.11:9094/);

  // status.hostIP: the InternalIP, which the walkthrough does not call reachable.
  await page.getByTestId("field-nodeAddressSource").selectOption("host-ip");
  await outcome(page, "3 of 3 brokers cannot be reached.");
  const broker = page.locator("#app [data-testid=walkthrough-step]").nth(1);
  assert.match(await broker.textContent(), /10\.20\.0\.11 is a private address: it routes only on its own network/);
  assert.match(await text(page, "messages-nodeAddressSource"), /the brokers on node-a advertise 10\.20\.0\.11, not 192\.0\.2\.11/);
  assert.match(await fileText(page, "server-0.properties"), /EXTERNAL:\/\/\$\{NODE_ADDRESS\}|EXTERNAL:\/\/10\.20\.0\.11:9094/);
  assert.match(await text(page, "files-warning"), /a client outside the cluster cannot use it/);
  assert.match(await text(page, "primer-your-addresses"), /from status\.hostIP, so they advertise 10\.20\.0\.11: a private address/);
  await screenshot(page, "nat-host-ip");

  // A client on the nodes' network reaches the inside addresses; the choice is the config's.
  await page.getByTestId("vantage-nodes").check();
  await outcome(page, "Every broker is reachable (3 of 3)");
  await screenshot(page, "nat-node-network");
  await page.getByTestId("vantage-outside").check();
  await outcome(page, "3 of 3 brokers cannot be reached.");

  // kubectl, ExternalIP first: the page says what it assumes of the Node objects.
  await page.getByTestId("field-nodeAddressSource").selectOption("kubectl");
  assert.match(await text(page, "messages-nodeAddressSource"), /takes the address listed for node-a, node-b, node-c to be its ExternalIP/);
  await page.getByTestId("field-nodeAddressType").selectOption("internal-ip");
  await outcome(page, "3 of 3 brokers cannot be reached.");

  // Back to the node list: the files advertise what clients reach.
  await page.getByTestId("field-nodeAddressSource").selectOption("static-map");
  await outcome(page, "Every broker is reachable (3 of 3) once the example addresses are replaced.");
  check();
  await context.close();
});

test("a private address typed for clients on the internet is flagged and fails; the nodes' network is remembered by the link", async () => {
  const { page, context, check } = await open();
  await page.getByTestId("field-advertisedHost").fill("10.20.0.11");
  await outcome(page, "3 of 3 brokers cannot be reached.");
  assert.match(await text(page, "messages-advertisedHost"), /10\.20\.0\.11 is a private address: it routes only on its own network, so clients on the internet cannot reach it/);
  assert.match(await page.locator("#app [data-testid=walkthrough-step]").first().textContent(), /private address/);
  await page.getByTestId("vantage-nodes").check();
  await outcome(page, "Every broker is reachable (3 of 3)");
  assert.doesNotMatch(await text(page, "messages-advertisedHost"), /private address/);
  // The share link and a reload keep where the clients are.
  await page.reload();
  await page.locator("#app [data-testid=walkthrough-outcome]").getByText("Every broker is reachable (3 of 3)").waitFor();
  assert.equal(await page.getByTestId("vantage-nodes").isChecked(), true);
  check();
  await context.close();
});

test("names the page cannot look up are said to be assumed", async () => {
  const { page, context, check } = await open();
  await page.getByTestId("preset-cloud").click();
  assert.match(await text(page, "walkthrough-assumed"), /^Assumed: where the client runs, kafka\.example\.com, kafka-0\.example\.com, .* resolve as the config says/);
  check();
  await context.close();
});
