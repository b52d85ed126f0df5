// End-to-end: where the KRaft quorum runs, as a person would choose it. New configs get dedicated
// controllers, drawn apart from the exposure and generated as files of their own; switching to
// combined mode changes the diagram and the files; the minikube lab and links made before the
// choice existed stay combined. The release build in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { useApp, screenshot, axe, fileText } from "./harness.mjs";

const openApp = useApp({ before, after }, assert);
const open = (hash = "", width = 1280) => openApp({ viewport: { width, height: 900 } }, hash);

const text = (page, testid) => page.getByTestId(testid).first().textContent();

/** The text of one generated file, as its tab shows it. */
const controllers = (page) => page.locator("[data-testid^=controller-]").count();

test("dedicated controllers by default; combined mode changes the diagram and the files", async () => {
  const { page, context, check } = await open();
  assert.equal(await page.getByTestId("field-topology.roles").inputValue(), "dedicated");
  await page.getByTestId("quorum").waitFor();
  assert.equal(await controllers(page), 3);
  assert.match(await page.getByTestId("controller-0").textContent(), /kafka-controller-0 · voter 0/);
  await page.getByTestId("legend-quorum").waitFor();
  assert.match(await text(page, "diagram-summary"), /3 dedicated controllers, which no client reaches/);
  const broker = await fileText(page, "server-0.properties");
  assert.match(broker, /process\.roles=broker\nnode\.id=100\nlisteners=INTERNAL:\/\/0\.0\.0\.0:9092,EXTERNAL:\/\/0\.0\.0\.0:9094\n/);
  assert.match(broker, /controller\.quorum\.voters=0@kafka-controller-0\.kafka-controller\.kafka\.svc\.cluster\.local:9093,/);
  const controller = await fileText(page, "controller-1.properties");
  assert.match(controller, /process\.roles=controller\nnode\.id=1\nlisteners=CONTROLLER:\/\/0\.0\.0\.0:9093\n/);
  assert.doesNotMatch(controller, /EXTERNAL/);
  // No controller reads a password or waits for the users' Secret: users.sh sets the users.
  assert.doesNotMatch(await fileText(page, "start-controller.sh"), /--add-scram|SCRAM_PASSWORD/);
  assert.match(await fileText(page, "users.sh"), /kafka-configs\.sh --bootstrap-server/);
  assert.match(await fileText(page, "manifests.yaml"), /name: kafka-controller\n  namespace: kafka\nspec:\n  podManagementPolicy: Parallel\n  replicas: 3/);
  // The walkthrough is the clients': every broker reached, none of them a controller.
  assert.match(await text(page, "walkthrough-outcome"), /Every broker is reachable \(3 of 3\)/);
  assert.match(await text(page, "primer-topology"), /Why controllers are never exposed/);
  await screenshot(page, "topology-dedicated");

  // Five controllers on three nodes share them 2/2/1: a node's loss leaves the majority, so no
  // warning; the hint beside the field says a count change is a migration.
  await page.getByTestId("field-topology.controllers").fill("5");
  assert.equal(await controllers(page), 5);
  assert.equal(await text(page, "messages-topology.controllers"), "");
  assert.match(await text(page, "quorum-migration"), /changing the number of controllers is a migration/);
  // Four: refused, next to the field, and the picture stays (stale) as it was.
  await page.getByTestId("field-topology.controllers").fill("4");
  assert.match(await text(page, "messages-topology.controllers"), /must be 3 or 5/);
  assert.ok(await page.getByTestId("download-all").isDisabled());
  await page.getByTestId("field-topology.controllers").fill("3");
  assert.equal(await controllers(page), 3);

  // Combined: no quorum of its own, every broker a voter, no controller files.
  await page.getByTestId("field-topology.roles").selectOption("combined");
  assert.equal(await page.getByTestId("quorum").count(), 0);
  assert.equal(await controllers(page), 0);
  assert.equal(await page.getByTestId("legend-quorum").count(), 0);
  assert.equal(await page.getByTestId("field-topology.controllers").count(), 0, "its fields fold away");
  assert.equal(await page.getByTestId("tab-controller-0.properties").count(), 0);
  assert.equal(await page.getByTestId("tab-start-controller.sh").count(), 0);
  assert.match(await fileText(page, "server-0.properties"), /process\.roles=broker,controller\nnode\.id=0\n/);
  assert.match(await text(page, "diagram-summary"), /Every broker is also a KRaft controller/);
  await screenshot(page, "topology-combined");
  assert.deepEqual(await axe(page), []);
  check();
  await context.close();
});

test("the quorum on a phone: drawn below the headless Service, inside the drawing", async () => {
  const { page, context, check } = await open("", 390);
  const quorum = await page.getByTestId("quorum").boundingBox();
  const svg = await page.locator("svg.diagram-svg").boundingBox();
  assert.ok(quorum.x >= svg.x && quorum.x + quorum.width <= svg.x + svg.width + 1, "within the drawing");
  await screenshot(page, "topology-narrow");
  check();
  await context.close();
});

test("the minikube lab stays combined; a link from before the choice opens combined with its derived id", async () => {
  const { page, context, check } = await open();
  await page.getByTestId("preset-minikube").click();
  assert.equal(await page.getByTestId("field-topology.roles").inputValue(), "combined");
  assert.equal(await controllers(page), 0);
  await context.close();

  const old = await open(LINK_BEFORE_SECURITY);
  assert.equal(await old.page.getByTestId("field-topology.roles").inputValue(), "combined");
  assert.equal(await controllers(old.page), 0);
  assert.match(await text(old.page, "messages-kafka.clusterId"), /derived from the namespace and the name/);
  assert.match(await fileText(old.page, "server-1.properties"), /process\.roles=broker,controller\nnode\.id=1\n/);
  old.check();
  check();
  await old.context.close();
});

// A link made before topologies (and security) existed: the default config of that build.
const LINK_BEFORE_SECURITY = "#v1.eyJ2ZXJzaW9uIjoxLCJzdHJhdGVneSI6Im5vZGVwb3J0LXBlci1icm9rZXIiLCJuYW1lc3BhY2UiOiJrYWZrYSIsIm5hbWUiOiJrYWZrYSIsImhlYWRsZXNzU2VydmljZSI6ImJyb2tlciIsInJlcGxpY2FzIjozLCJjbHVzdGVyRG9tYWluIjoiY2x1c3Rlci5sb2NhbCIsInBvcnRzIjp7ImludGVybmFsIjo5MDkyLCJjb250cm9sbGVyIjo5MDkzLCJleHRlcm5hbCI6OTA5NH0sIm5vZGVQb3J0cyI6eyJmaXJzdCI6MzAwOTMsImJvb3RzdHJhcCI6MzAwOTIsInJhbmdlIjoiMzAwMDAtMzI3NjcifSwiYWR2ZXJ0aXNlZEhvc3QiOiIyMDMuMC4xMTMuMTAiLCJub2RlcyI6W3sibmFtZSI6Im5vZGUtYSIsImFkZHJlc3MiOiIyMDMuMC4xMTMuMTEifSx7Im5hbWUiOiJub2RlLWIiLCJhZGRyZXNzIjoiMjAzLjAuMTEzLjEyIn0seyJuYW1lIjoibm9kZS1jIiwiYWRkcmVzcyI6IjIwMy4wLjExMy4xMyJ9XSwibm9kZUFkZHJlc3NTb3VyY2UiOiJzdGF0aWMtbWFwIiwibG9hZEJhbGFuY2VyIjp7Imhvc3RUZW1wbGF0ZSI6ImthZmthLXtvcmRpbmFsfS5leGFtcGxlLmNvbSIsImJvb3RzdHJhcEhvc3QiOiJrYWZrYS1ib290c3RyYXAuZXhhbXBsZS5jb20iLCJjbGFzcyI6bnVsbCwiYW5ub3RhdGlvbnMiOnt9LCJzb3VyY2VSYW5nZXMiOltdfSwia2Fma2EiOnsiaW1hZ2UiOiJhcGFjaGUva2Fma2E6NC4xLjEiLCJrdWJlY3RsSW1hZ2UiOiJhbHBpbmUvazhzOjEuMzMuNCIsImNsdXN0ZXJJZCI6bnVsbH0sInN0b3JhZ2UiOnsic2l6ZSI6IjEwR2kiLCJjbGFzc05hbWUiOm51bGx9fQ";
