// The page in Firefox and WebKit, used as a person would: it starts, a strategy is picked, a field is
// typed into, the files' module and the doctor's arrive. Debian's firefox-esr through geckodriver,
// WebKitGTK's MiniBrowser through WebKitWebDriver (under a virtual display: MiniBrowser has no
// headless mode), both driven over WebDriver (`webdriver.mjs`); scripts/setup.sh installs them.
import test from "node:test";
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { OUTPUT, serveDist } from "./harness.mjs";
import { openSession } from "./webdriver.mjs";

const MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

const BROWSERS = [
  {
    name: "firefox",
    command: "geckodriver",
    args: [],
    capabilities: { "moz:firefoxOptions": { binary: "/usr/bin/firefox-esr", args: ["-headless", "-width=1280", "-height=900"] } },
  },
  {
    name: "webkit",
    command: "xvfb-run",
    args: ["-a", "-s", "-screen 0 1280x900x24", "WebKitWebDriver"],
    capabilities: { "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] } },
  },
];

for (const browser of BROWSERS) {
  test(`in ${browser.name}: the page starts, a strategy is picked, a field typed into, the files and the doctor arrive`, async () => {
    const server = await serveDist();
    const page = await openSession(browser.command, browser.args, browser.capabilities);
    try {
      // A desktop's window: the form is open beside the picture (on a phone it is folded).
      await page.resize(1280, 900);
      await page.goto(server.url);
      // The app takes the prerendered view over: its WebAssembly runs in this engine.
      await page.until(`return !document.getElementById("prerendered") && document.querySelector("[data-testid=title]")`, "the app to start");
      await page.until(`return /reachable/.test(document.querySelector("[data-testid=walkthrough-outcome]")?.textContent)`, "the walkthrough's verdict");
      // A strategy picked with a click: its explanation, walkthrough and diagram follow.
      await page.click("[data-testid=strategy-loadbalancer-per-broker]");
      await page.until(
        `return document.querySelector("[data-testid=explanation] h2")?.textContent.includes("LoadBalancer")`,
        "the load balancer strategy's explanation",
      );
      // Typed with the keyboard into the namespace: the diagram's names follow.
      await page.type("[data-testid=field-namespace]", "streams");
      await page.until(
        `return /kafka-0\\.broker\\.streams\\.svc/.test(document.querySelector("[data-testid=diagram]")?.textContent)`,
        "the namespace in the diagram",
      );
      // The files' module arrives when the files near the screen, and writes the manifests.
      await page.run(`document.querySelector("[data-testid=file-content]").scrollIntoView()`);
      const manifests = await page.until(
        `const f = document.querySelector("[data-testid=file-content][aria-busy=false]"); return f && f.textContent`,
        "the manifests' text",
      );
      assert.match(manifests, /namespace: streams\n/);
      assert.match(manifests, /type: LoadBalancer/);
      // The doctor's module arrives when the doctor nears the screen.
      await page.run(`document.querySelector("[data-testid=doctor]").scrollIntoView()`);
      await page.until(`return document.querySelector("[data-testid=doctor-objects]")`, "the doctor's form");
      await page.run(`document.querySelector("[data-testid=title]").scrollIntoView()`);
      await mkdir(OUTPUT, { recursive: true });
      await writeFile(join(OUTPUT, `${browser.name}.png`), await page.screenshot());
    } finally {
      await page.close();
      await server.close();
    }
  });
}
