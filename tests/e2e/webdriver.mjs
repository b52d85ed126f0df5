// A W3C WebDriver client, just big enough to use the page in Firefox (geckodriver) and WebKit
// (WebKitWebDriver) as a person would: the end-to-end tests drive Chromium with Playwright, which
// cannot drive Debian's Firefox or WebKitGTK. The protocol: https://www.w3.org/TR/webdriver2/
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** A free port on loopback. */
async function freePort() {
  const server = createServer();
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}

/** The W3C element reference's key. */
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

/**
 * Starts `command` (a WebDriver server taking `--port=N` ) and opens a session with
 * `capabilities`; resolves to the session's commands. `close()` ends the session and the server.
 */
export async function openSession(command, args, capabilities) {
  const port = await freePort();
  // A process group of its own: a driver started through a wrapper (xvfb-run) is ended with the
  // wrapper's children, which would otherwise outlive the test and keep it from finishing.
  const driver = spawn(command, [...args, `--port=${port}`], { stdio: ["ignore", "ignore", "pipe"], detached: true });
  const stop = () => {
    try {
      process.kill(-driver.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  };
  let log = "";
  driver.stderr.on("data", (d) => (log = (log + d).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, path, body) => {
    const response = await fetch(base + path, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`${method} ${path}: ${json.value?.error}: ${json.value?.message}\n${log}`);
    return json.value;
  };
  // The server answers once it is up.
  for (let i = 0; ; i++) {
    try {
      await call("GET", "/status");
      break;
    } catch (error) {
      if (i > 100) {
        stop();
        throw new Error(`${command} did not start: ${error.message}\n${log}`);
      }
      await sleep(100);
    }
  }
  const { sessionId } = await call("POST", "/session", { capabilities: { alwaysMatch: capabilities } });
  const at = (path) => `/session/${sessionId}${path}`;
  const session = {
    goto: (url) => call("POST", at("/url"), { url }),
    resize: (width, height) => call("POST", at("/window/rect"), { width, height }),
    /** Runs `script` (a function body; `arguments` as WebDriver passes them) in the page. */
    run: (script, ...args) => call("POST", at("/execute/sync"), { script, args }),
    /** Waits until `script` returns something truthy, and returns it. */
    async until(script, what, timeout = 30000) {
      const end = Date.now() + timeout;
      for (;;) {
        const value = await session.run(script);
        if (value) return value;
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await sleep(100);
      }
    },
    async find(css) {
      const found = await call("POST", at("/element"), { using: "css selector", value: css });
      return found[ELEMENT];
    },
    async click(css) {
      await call("POST", at(`/element/${await session.find(css)}/click`), {});
    },
    /** Types `text` into the field, after emptying it, as a person would with the keyboard. */
    async type(css, text) {
      const id = await session.find(css);
      await call("POST", at(`/element/${id}/clear`), {});
      await call("POST", at(`/element/${id}/value`), { text });
    },
    text: (css) => session.run("return document.querySelector(arguments[0])?.textContent ?? null", css),
    /** A PNG of the viewport. */
    screenshot: async () => Buffer.from(await call("GET", at("/screenshot")), "base64"),
    async close() {
      await call("DELETE", at("")).catch(() => {});
      stop();
    },
  };
  return session;
}
