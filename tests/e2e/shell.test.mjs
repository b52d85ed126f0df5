// The release build loads under a sub-path, renders, and stays on the loopback server.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveDist, launch, openPage, screenshot } from "./harness.mjs";

let server, browser;
before(async () => {
  server = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("the release page renders under a sub-path with no console error and no outside request", async () => {
  const { page, problems, context } = await openPage(browser, server.origin);
  await page.goto(server.url);
  await page.getByTestId("title").waitFor();
  assert.equal(await page.getByTestId("title").textContent(), "kafka-expose");
  assert.match(await page.getByTestId("tagline").textContent(), /outside the cluster/);
  assert.equal(await page.title(), "kafka-expose");
  await screenshot(page, "shell-1280");
  assert.deepEqual(problems, []);
  await context.close();
});
