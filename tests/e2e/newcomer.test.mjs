// End-to-end: what a newcomer trips over. Addresses no client outside can use, one mistake in the
// form, messages, presets, phones, the files' next steps, the keyboard and screen readers (with
// axe-core), and teaching text in the user's own values. The release build in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { useApp, screenshot, axe, fileContent, unfold } from "./harness.mjs";

const open = useApp({ before, after }, assert);

const text = (page, testid) => page.getByTestId(testid).first().textContent();
const focusedId = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.dataset.testid);

test("an address no client outside can use fails in the walkthrough, and its field says what to enter instead", async () => {
  const { page, context, check } = await open();
  for (const [host, reason, hint] of [
    ["kafka-0.broker.kafka.svc.cluster.local", /does not resolve outside the cluster/, /name in the cluster's DNS/],
    ["localhost", /the client's own machine/, /client's own machine/],
    ["127.0.0.1", /the client's own machine/, /client's own machine/],
  ]) {
    await page.getByTestId("field-advertisedHost").fill(host);
    await page.getByTestId("walkthrough-outcome").getByText("3 of 3 brokers cannot be reached").waitFor();
    assert.match(await page.getByTestId("walkthrough-step").first().textContent(), reason, host);
    assert.equal(await page.locator("[data-testid=walkthrough-step][data-ok=true]").count(), 0, host);
    const message = await text(page, "messages-advertisedHost");
    assert.match(message, hint, host);
    assert.match(message, /Enter an address that reaches the nodes from outside/, host);
    assert.match(await text(page, "files-warning"), /a client outside the cluster cannot use it/, host);
    if (host === "localhost") await screenshot(page, "advertised-localhost");
  }
  // A node address that is the client's own machine fails for that node's broker only.
  await page.getByTestId("field-advertisedHost").fill("203.0.113.11");
  await page.getByTestId("strategy-hostport").click();
  await page.getByTestId("field-nodes[1].address").fill("localhost");
  await page.getByTestId("walkthrough-outcome").getByText("1 of 3 brokers cannot be reached").waitFor();
  assert.match(await text(page, "messages-nodes[1].address"), /client's own machine/);
  check();
  await context.close();
});

test("example addresses are placeholders: each is flagged beside its field, the verdict waits for them, and the files list them until they are replaced", async () => {
  const { page, context, check } = await open();
  // The defaults' nodes are at documentation addresses (RFC 5737).
  for (const [i, address] of ["203.0.113.11", "203.0.113.12", "203.0.113.13"].entries()) {
    assert.match(await text(page, `messages-nodes[${i}].address`), new RegExp(`"${address.replaceAll(".", "\\.")}" is an example address \\(a documentation range, RFC 5737\\), which no network routes\\. Enter the address that reaches this node`));
  }
  assert.match(await text(page, "walkthrough-outcome"), /^Every broker is reachable \(3 of 3\) once the example addresses are replaced\.$/);
  assert.equal(await page.getByTestId("walkthrough-outcome").evaluate((el) => el.classList.contains("examples")), true);
  await page.getByTestId("files-examples").scrollIntoViewIfNeeded();
  assert.match(await text(page, "files-examples"), /Replace the example addresses first: 203\.0\.113\.11, 203\.0\.113\.12 and 203\.0\.113\.13 are example addresses/);
  assert.match(await fileContent(page), /^# Before you apply:\n# - 203\.0\.113\.11, 203\.0\.113\.12 and 203\.0\.113\.13 are example addresses/);
  await screenshot(page, "example-addresses");
  // The cloud preset's names are reserved for examples too (RFC 2606).
  await page.getByTestId("preset-cloud").click();
  assert.match(await text(page, "messages-loadBalancer.hostTemplate"), /kafka-0\.example\.com" is an example address \(a name reserved for examples, RFC 2606\)/);
  assert.match(await text(page, "walkthrough-outcome"), /once the example addresses are replaced/);
  await page.getByTestId("undo-preset").click();
  // Real addresses: no flag, a plain verdict, nothing to replace.
  for (const [i, address] of ["34.120.0.11", "34.120.0.12", "34.120.0.13"].entries()) {
    await page.getByTestId(`field-nodes[${i}].address`).fill(address);
  }
  assert.equal(await text(page, "messages-nodes[0].address"), "");
  assert.match(await text(page, "walkthrough-outcome"), /^Every broker is reachable \(3 of 3\)\.$/);
  assert.equal(await page.getByTestId("files-examples").count(), 0);
  // Nothing to replace: the file opens with what must exist, then the steps.
  assert.match(await fileContent(page), /^# Before you apply:\n# - cert-manager 1\.0 or later[^\n]*\n(# - [^\n]+\n)+# Then:\n# 1\. Apply: kubectl apply -f manifests\.yaml\n/);
  // The primer says which address a pod can learn of its node, and what example addresses are.
  const primer = await text(page, "primer-addresses");
  assert.match(primer, /status\.hostIPWhat a pod reads of its node through the downward API: the node's first InternalIP/);
  assert.match(primer, /Example addresses192\.0\.2\.0\/24, 198\.51\.100\.0\/24 and 203\.0\.113\.0\/24 \(RFC 5737\)/);
  check();
  await context.close();
});

test("over the bare-metal preset the brokers advertise the nodes you type, spread over them; one node for all, or an IP that is no node, is warned about", async () => {
  const { page, context, check } = await open();
  await page.getByTestId("preset-bare-metal").click();
  for (const [i, address] of ["34.120.30.41", "34.120.30.42", "34.120.30.43"].entries()) {
    await page.getByTestId(`field-nodes[${i}].address`).fill(address);
  }
  assert.equal(await page.getByTestId("field-advertisedHost").inputValue(), "");
  assert.equal(await text(page, "messages-advertisedHost"), "");
  assert.match(await text(page, "walkthrough-outcome"), /Every broker is reachable \(3 of 3\)/);
  const steps = await page.getByTestId("walkthrough-step").allTextContents();
  for (const address of ["34.120.30.41:30093", "34.120.30.42:30094", "34.120.30.43:30095"]) {
    assert.ok(steps.some((s) => s.includes(address)), `${address} in ${steps.join(" | ")}`);
  }
  await page.getByTestId("field-advertisedHost").fill("34.120.30.41");
  assert.match(await text(page, "messages-advertisedHost"), /every broker is reached through worker-1 \(34\.120\.30\.41\): while it is down/);
  await page.getByTestId("field-advertisedHost").fill("198.51.100.11");
  assert.match(await text(page, "messages-advertisedHost"), /none of the nodes listed below: make sure this address reaches the nodes/);
  check();
  await context.close();
});

test("one mistake keeps the last picture, marked stale; its error link moves the focus to the field", async () => {
  const { page, context, check } = await open();
  await unfold(page);
  await page.getByTestId("field-storage.size").fill("10 Gigs");
  const notice = page.getByTestId("stale-notice");
  assert.match(await notice.textContent(), /show your last valid settings/);
  assert.equal(await page.locator("[data-testid^=pod-]").count(), 3, "the diagram stays");
  assert.match(await text(page, "walkthrough-outcome"), /Every broker is reachable/, "the walkthrough stays");
  assert.match(await fileContent(page), /kind: StatefulSet/, "the files stay");
  assert.ok(await page.getByTestId("download-all").isDisabled());
  assert.equal(await page.locator("main.stale").count(), 1, "the picture is marked stale");
  await page.getByTestId("error-links").getByRole("button", { name: "Volume size" }).click();
  assert.equal(await focusedId(page), "f-storage-size");
  await screenshot(page, "stale-after-error");
  // Fixed, the picture is current again.
  await page.getByTestId("field-storage.size").fill("10Gi");
  await notice.waitFor({ state: "detached" });
  assert.equal(await page.locator("main.stale").count(), 0);
  assert.ok(await page.getByTestId("download-all").isEnabled());
  // Five brokers on three nodes with one broker per node: two stay Pending, shown so.
  await page.getByTestId("strategy-hostport").click();
  await page.getByTestId("field-replicas").fill("5");
  await page.getByTestId("pending").waitFor();
  const pending = await page.getByTestId("pending").boundingBox();
  for (const i of [3, 4]) {
    const pod = await page.getByTestId(`pod-${i}`).boundingBox();
    assert.ok(pod.y > pending.y && pod.y + pod.height <= pending.y + pending.height, `pod-${i} sits in the Pending box`);
  }
  assert.match(await text(page, "walkthrough-outcome"), /2 of 5 brokers cannot be reached/);
  assert.match(await page.getByTestId("walkthrough-step").last().textContent(), /kafka-4 stays Pending/);
  assert.match(await text(page, "messages-nodes"), /2 broker\(s\) \(kafka-3 … kafka-4\) will stay Pending/);
  await screenshot(page, "hostport-pending");
  check();
  await context.close();
});

test("messages say what to enter, mark both fields of a clash, and name strategies as the cards do", async () => {
  const { page, context, check } = await open();
  await page.getByTestId("field-namespace").fill("");
  assert.equal(await text(page, "messages-namespace"), "Enter a namespace, such as kafka");
  await page.getByTestId("field-namespace").fill("kafka");
  await page.getByTestId("field-clusterDomain").fill("");
  assert.match(await text(page, "messages-clusterDomain"), /^Enter the cluster's DNS domain/);
  await page.getByTestId("field-clusterDomain").fill("cluster.local");
  await unfold(page);
  await page.getByTestId("field-ports.external").fill("9092");
  for (const field of ["ports.internal", "ports.external"]) {
    assert.equal(await page.getByTestId(`field-${field}`).getAttribute("aria-invalid"), "true", field);
  }
  assert.match(await text(page, "messages-ports.internal"), /9092 is also ports.external/);
  await page.getByTestId("field-ports.external").fill("9094");
  await page.getByTestId("strategy-hostport").click();
  await page.getByTestId("field-replicas").fill("4");
  const nodes = await text(page, "messages-nodes");
  assert.match(nodes, /^hostPort on every node runs one broker per node/);
  assert.doesNotMatch(nodes, /hostport|nodeport-/);
  check();
  await context.close();
});

test("a preset says what it replaced and can be undone", async () => {
  const { page, context, check } = await open();
  // A new page and a preset each start a cluster with an id of its own.
  const id = await page.getByTestId("field-kafka.clusterId").inputValue();
  assert.match(id, /^[A-Za-z0-9_-]{22}$/);
  await page.getByTestId("field-nodes[0].address").fill("10.1.1.1");
  await page.getByTestId("preset-bare-metal").click();
  assert.match(await text(page, "preset-changes"), /Loaded “Three-node bare metal”: changed the nodes\./);
  assert.equal(await page.getByTestId("field-nodes[0].address").inputValue(), "198.51.100.11");
  assert.notEqual(await page.getByTestId("field-kafka.clusterId").inputValue(), id, "a new cluster id");
  // The preset agrees with the card that calls NodePort per broker the default for bare metal.
  assert.equal(await page.getByTestId("strategy-nodeport-per-broker").getAttribute("aria-checked"), "true");
  assert.match(await text(page, "explanation"), /The default for bare metal/);
  await page.getByTestId("undo-preset").click();
  assert.equal(await page.getByTestId("field-nodes[0].address").inputValue(), "10.1.1.1");
  await page.getByTestId("preset-changes").waitFor({ state: "detached" });
  check();
  await context.close();
});

/** The smallest font size, in CSS pixels on screen, of any text in the diagram. */
const smallestDiagramText = (page) =>
  page.getByTestId("diagram").evaluate((svg) => {
    const scale = svg.getScreenCTM().a;
    return Math.min(...[...svg.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale));
  });

test("on a phone the diagram comes right after the strategies, whole and readable; the form folds", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { page, context, check } = await open({ viewport: { width: 390, height: 844 }, colorScheme });
    const diagram = page.getByTestId("diagram");
    await diagram.waitFor();
    const box = await diagram.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 390, `the diagram fits the screen: ${JSON.stringify(box)}`);
    const clipped = await diagram.evaluate((svg) => {
      const frame = svg.closest(".diagram-scroll");
      return frame.scrollWidth - frame.clientWidth;
    });
    assert.ok(clipped <= 0, `nothing of the diagram is hidden sideways (${clipped}px)`);
    const smallest = await smallestDiagramText(page);
    assert.ok(smallest >= 11, `diagram text is at least 11px (${smallest})`);
    const top = async (testid) => (await page.getByTestId(testid).boundingBox()).y;
    assert.ok((await top("strategy-externalname")) < box.y, "the diagram follows the strategy cards");
    assert.ok(box.y < (await top("walkthrough")) && (await top("walkthrough")) < (await top("params")), "then the walkthrough, then the form");
    assert.equal(await page.getByTestId("params").evaluate((d) => d.open), false, "the form is folded");
    // Choosing a strategy changes what is on the first screens.
    await page.getByTestId("strategy-nodeport-shared").click();
    assert.ok((await page.locator("polyline.client-fail").count()) > 0);
    assert.deepEqual(await axe(page), [], `axe at 390px ${colorScheme}`);
    await screenshot(page, `phone-390-${colorScheme}`);
    // An error opens the form at its field.
    await page.getByTestId("params").locator(":scope > summary").click();
    await unfold(page);
    await page.getByTestId("field-storage.size").fill("x");
    await page.getByTestId("params").locator(":scope > summary").click();
    await page.getByTestId("error-links").getByRole("button", { name: "Volume size" }).click();
    assert.equal(await focusedId(page), "f-storage-size");
    assert.deepEqual(await axe(page), [], `axe at 390px ${colorScheme} with an error`);
    check();
    await context.close();
  }
  // At 1280 too the text stays readable, and node addresses are not cut.
  const { page, context, check } = await open({ viewport: { width: 1280, height: 800 } });
  await page.getByTestId("diagram").waitFor();
  const smallest = await smallestDiagramText(page);
  assert.ok(smallest >= 11, `diagram text at 1280 is at least 11px (${smallest})`);
  for (const i of [0, 1, 2]) {
    const cut = await page.getByTestId(`field-nodes[${i}].address`).evaluate((input) => input.scrollWidth - input.clientWidth);
    assert.ok(cut <= 0, `node ${i + 1}'s address is shown whole (${cut}px cut)`);
  }
  check();
  await context.close();
});

test("the files say what to do next, that the properties are previews, and warn when nothing is exposed", async () => {
  const { page, context, check } = await open();
  const steps = await text(page, "next-steps");
  assert.match(steps, /Apply: kubectl apply -f manifests\.yaml/);
  assert.match(steps, /kubectl -n kafka rollout status statefulset\/kafka/);
  assert.match(steps, /kafka-console-producer\.sh --bootstrap-server 203\.0\.113\.11:30092/);
  assert.match(steps, /previews of what start\.sh writes in each broker's pod when it starts/);
  // Later, on the running cluster: renewals, users, the quorum.
  const later = await text(page, "later-steps");
  assert.match(later, /kubectl -n kafka logs kafka-0 -c tls-reload/);
  assert.match(later, /kubectl -n kafka patch secret kafka-scram-users --type merge/);
  assert.match(later, /kafka-metadata-quorum\.sh --bootstrap-controller localhost:9093 describe --status/);
  // The defaults' node addresses are examples: the files say so first, then how to apply them.
  const manifests = await fileContent(page);
  assert.match(manifests, /^# Before you apply:\n# - 203\.0\.113\.11, 203\.0\.113\.12 and 203\.0\.113\.13 are example addresses, which no network routes: replace them with your own in the config, and generate the files again\n(# - [^\n]+\n)+# Then:\n# 1\. Apply: kubectl apply -f manifests\.yaml\n/, "manifests.yaml opens with what to replace, then how to apply it");
  assert.equal(await page.getByTestId("files-warning").count(), 0);
  for (const id of ["nodeport-shared", "externalname"]) {
    await page.getByTestId(`strategy-${id}`).click();
    assert.match(await text(page, "files-warning"), /These files deploy Kafka, but a client outside the cluster cannot use it/, id);
    assert.match(await fileContent(page), /\n# Warning: with these settings a client outside the cluster cannot use Kafka/, id);
  }
  await page.getByTestId("files-warning").scrollIntoViewIfNeeded();
  await screenshot(page, "files-warning");
  check();
  await context.close();
});

test("the keyboard skips to the picture, only pods take focus there, and screen readers hear their status", async () => {
  const { page, context, check } = await open();
  await page.keyboard.press("Tab");
  assert.equal(await focusedId(page), "skip-diagram", "the first Tab stop skips the form");
  await page.keyboard.press("Enter");
  assert.equal(await focusedId(page), "diagram-title");
  const stops = [];
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press("Tab");
    const inDiagram = await page.evaluate(() => !!document.activeElement.closest("svg"));
    if (!inDiagram) break;
    stops.push(await focusedId(page));
  }
  assert.deepEqual(stops, ["pod-0", "pod-1", "pod-2"], "only the pods are Tab stops in the diagram");
  await page.getByTestId("skip-files").focus();
  await page.keyboard.press("Enter");
  assert.equal(await focusedId(page), "output-title");
  await page.keyboard.press("Tab");
  assert.equal(await focusedId(page), "download-all", "Download all is one Tab away from the skip link");
  // A pod's accessible name carries what it shows, its status too.
  await page.getByTestId("strategy-nodeport-shared").click();
  assert.equal(await page.getByRole("button", { name: /^kafka-1 ✗ reaches a random broker kafka-1\.broker/ }).count(), 1);
  assert.equal(await page.getByTestId("walkthrough-outcome").getAttribute("role"), "status");
  // Numbered node fields, and a visible focus ring on "Import config…".
  assert.equal(await page.getByLabel("Node 2 external address").inputValue(), "203.0.113.12");
  await page.getByTestId("import").focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  const ring = await page.locator("label[for=import-config]").evaluate((l) => getComputedStyle(l).outlineStyle);
  assert.notEqual(ring, "none", "the import label shows where the focus is");
  check();
  await context.close();
});

test("axe-core finds nothing on the default page, after each strategy, with an error, light and dark", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { page, context, check } = await open({ viewport: { width: 1280, height: 800 }, colorScheme });
    assert.deepEqual(await axe(page), [], `default, ${colorScheme}`);
    for (const id of ["nodeport-per-broker", "nodeport-local", "hostport", "loadbalancer-per-broker", "nodeport-shared", "externalname"]) {
      await page.getByTestId(`strategy-${id}`).click();
      assert.deepEqual(await axe(page), [], `${id}, ${colorScheme}`);
    }
    await page.getByTestId("field-namespace").fill("Bad_Namespace");
    assert.deepEqual(await axe(page), [], `with an error, ${colorScheme}`);
    check();
    await context.close();
  }
});

test("teaching text speaks in the user's values, and the primer is one click from the top", async () => {
  const { page, context, check } = await open();
  const explanation = await text(page, "explanation");
  assert.match(explanation, /kafka-1 advertises 203\.0\.113\.12:30094/);
  assert.match(explanation, /NodePorts 30093 … 30095 \(and 30092 for bootstrap\) free/);
  assert.doesNotMatch(explanation, /Broker i |first \+ i|i mod n/);
  assert.match(await text(page, "placement"), /kafka-0 on node-a, kafka-1 on node-b, kafka-2 on node-c/);
  await page.getByTestId("field-replicas").fill("5");
  await page.getByTestId("strategy-loadbalancer-per-broker").click();
  assert.match(await text(page, "explanation"), /6 load balancers/);
  await page.getByTestId("to-primer").click();
  assert.equal(await focusedId(page), "primer-title");
  check();
  await context.close();
});

test("a node the pool replaced: its successor takes its place, and the page says what to apply, in order", async () => {
  const { page, context, check } = await open();
  await page.getByTestId("strategy-hostport").click();
  await page.getByTestId("replace-node").locator("summary").click();
  await page.getByTestId("replace-which").selectOption("1");
  await page.getByTestId("replace-name").fill("node-d");
  await page.getByTestId("replace-address").fill("203.0.113.14");
  await page.getByTestId("replace-node-apply").click();
  assert.equal(await page.getByTestId("field-nodes[1].name").inputValue(), "node-d");
  assert.equal(await page.getByTestId("field-nodes[1].address").inputValue(), "203.0.113.14");
  assert.match(await text(page, "replace-node-said"), /Replaced node-b\. Apply, in this order:/);
  const steps = await page.getByTestId("replace-node-steps").locator("li").allTextContents();
  assert.match(steps[0], /Put 203\.0\.113\.14 into the certificate first.*patch certificate kafka-external-tls/);
  assert.match(steps[1], /node-d replaces node-b.*kubectl apply -f manifests\.yaml/);
  assert.match(steps[2], /kafka-1 stays Pending.*kubectl -n kafka delete pod kafka-1/);
  assert.match(await text(page, "walkthrough-outcome"), /Every broker is reachable \(3 of 3\)/);
  await page.getByTestId("replace-node").scrollIntoViewIfNeeded();
  await screenshot(page, "replace-node");
  check();
  await context.close();
});

test("removing a node with the keyboard keeps the focus in the list: on the next node, else on Add node", async () => {
  const { page, context, check } = await open();
  await page.locator("#app [data-testid=remove-node-1]").focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id === "f-nodes-1--name");
  assert.equal(await page.locator("#app [data-testid='field-nodes[1].name']").inputValue(), "node-c", "node-c took node-b's place");
  // The last node's Remove: the focus goes to Add node.
  await page.locator("#app [data-testid=remove-node-1]").focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.dataset.testid === "add-node");
  assert.equal(await page.locator("#app [data-testid^=remove-node-]").count(), 1);
  check();
  await context.close();
});
