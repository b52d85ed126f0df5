// `make bench`: bundle size, load time and regeneration latency of the release page, side by side
// with a minimal Leptos page built in the same run, plus the native core timings and where the wasm's
// bytes go. Prints one report and writes it to benches/results.md. Budgets are reported as met or
// not; nothing here fails on timing.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { execFileSync } from "node:child_process";
import { extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import os from "node:os";
import { launch } from "../tests/e2e/harness.mjs";

const root = resolve(fileURLToPath(import.meta.url), "../..");
const APP = { name: "kafka-expose", dist: join(root, "dist"), mark: "kafka-expose:ready" };
const BASE = { name: "Leptos baseline", dist: join(root, "benches/baseline/dist"), mark: "baseline:ready" };
const LOADS = 21;
const CHANGES = 60;
const ROUNDS = 6;
const KINDS = [".html", ".js", ".wasm", ".css"];

const kb = (n) => (n / 1024).toFixed(1);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;
/** "a ×3, b ×1": how often each value occurs, most often first. */
const tally = (xs) =>
  Object.entries(xs.reduce((n, x) => ({ ...n, [x]: (n[x] ?? 0) + 1 }), {}))
    .sort((a, b) => b[1] - a[1])
    .map(([x, n]) => `${x} ×${n}`)
    .join(", ") || "none";
const verdict = (ok) => (ok ? "met" : "**not met**");

/** Files a page fetches only when they are wanted (public/boot.js): the doctor's module, and the
 * files' module, which writes the generated files' text. */
const ON_DEMAND = /^kafka-expose-(doctor|files)/;

/**
 * Bytes raw and gzip -9 of each kind of file in a dist folder that a load fetches, their total,
 * and apart (`onDemand`, by module) the files fetched only when wanted.
 */
function bundle(dist) {
  const sizes = Object.fromEntries(KINDS.map((k) => [k, { raw: 0, gzip: 0 }]));
  const onDemand = {};
  for (const file of readdirSync(dist)) {
    const kind = extname(file);
    if (!sizes[kind]) continue;
    const bytes = readFileSync(join(dist, file));
    const module = file.match(ON_DEMAND)?.[1];
    if (module) onDemand[module] ??= { raw: 0, gzip: 0 };
    const into = module ? onDemand[module] : sizes[kind];
    into.raw += bytes.length;
    into.gzip += gzipSync(bytes, { level: 9 }).length;
  }
  sizes.total = Object.values(sizes).reduce((t, s) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip }), { raw: 0, gzip: 0 });
  sizes.onDemand = onDemand;
  return sizes;
}

/** A static server for one dist folder on loopback, in a worker thread (see static-server.mjs). */
async function serve(dist) {
  const worker = new Worker(new URL("./static-server.mjs", import.meta.url), { workerData: dist });
  const port = await new Promise((ok, fail) => {
    worker.once("message", ok);
    worker.once("error", fail);
  });
  return { url: `http://127.0.0.1:${port}/`, close: () => worker.terminate() };
}

/** Milliseconds from navigation start to each page's ready mark, over cold loads (a new context
 * each), taking turns between the pages so that a slower spell of the machine hits both alike. */
async function loads(browser, targets) {
  const servers = await Promise.all(targets.map((t) => serve(t.dist)));
  const times = targets.map(() => []);
  for (let i = 0; i < LOADS; i++) {
    for (const [k, target] of targets.entries()) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(servers[k].url);
      const t = await page.waitForFunction(
        (mark) => performance.getEntriesByName(mark)[0]?.startTime,
        target.mark,
        { polling: 5 },
      );
      times[k].push(await t.jsonValue());
      await context.close();
    }
  }
  await Promise.all(servers.map((s) => s.close()));
  return times;
}

/** The slow phone profile of the first-paint budget: Slow 4G (1.6 Mbit/s down, 750 kbit/s up,
 * 150 ms round trips) through CDP, the CPU slowed 4×, gzip served. */
const SLOW = { latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const SLOW_LOADS = 10;

/** Cold loads (a new context each, pages taking turns), throttled to the slow profile or not:
 * first contentful paint, ready (the page's mark: the first frame after its main output is in the
 * DOM), total blocking time (each long task's time over 50 ms, from first paint until a second
 * after ready) and the longest task. */
async function coldLoads(browser, targets, count, slow) {
  const servers = await Promise.all(targets.map((t) => serve(t.dist)));
  const results = targets.map(() => ({ fcp: [], ready: [], tbt: [], longest: [], where: [] }));
  for (let i = 0; i < count; i++) {
    for (const [k, target] of targets.entries()) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      await context.addInitScript(() => {
        window.benchLongTasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.benchLongTasks.push([e.startTime, e.duration]);
        }).observe({ type: "longtask" });
      });
      const page = await context.newPage();
      if (slow) {
        const cdp = await context.newCDPSession(page);
        await cdp.send("Network.enable");
        await cdp.send("Network.emulateNetworkConditions", { offline: false, ...SLOW });
        await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
      }
      await page.goto(servers[k].url, { waitUntil: "commit" });
      const ready = await page.waitForFunction((mark) => performance.getEntriesByName(mark)[0]?.startTime, target.mark, {
        polling: 20,
        timeout: 120000,
      });
      results[k].ready.push(await ready.jsonValue());
      await page.waitForTimeout(1000);
      const { fcp, long, marks } = await page.evaluate(() => ({
        fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
        long: window.benchLongTasks,
        marks: performance.getEntriesByType("mark").map((m) => [m.name, m.startTime]),
      }));
      results[k].fcp.push(fcp);
      results[k].tbt.push(long.filter(([start]) => start >= fcp).reduce((t, [, d]) => t + Math.max(0, d - 50), 0));
      results[k].longest.push(Math.max(0, ...long.map(([, d]) => d)));
      // Where the longest task was: the page's last mark before it ended (its start parts set
      // `kafka-expose:part-<n>` as each begins), or before any mark (the document, the wasm's compiling).
      const [start, duration] = long.reduce((a, t) => (t[1] > a[1] ? t : a), [0, 0]);
      if (duration) {
        const before = marks.filter(([, t]) => t <= start + duration).at(-1);
        results[k].where.push(before ? before[0].replace(/^[\w-]+:/, "") : "before the app");
      }
      await context.close();
    }
  }
  await Promise.all(servers.map((s) => s.close()));
  return results;
}

/** Lighthouse's mobile scores (its own simulated throttling), when `scripts/setup.sh bench` could
 * install it; otherwise why not. */
async function lighthouse(target) {
  const bin = join(root, ".tools/node/node_modules/.bin/lighthouse");
  const server = await serve(target.dist);
  try {
    const out = execFileSync(
      bin,
      [server.url, "--output=json", "--output-path=stdout", "--quiet", "--only-categories=performance,accessibility",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"],
      { env: { ...process.env, CHROME_PATH: "/usr/bin/chromium" }, maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "pipe"] },
    );
    const r = JSON.parse(out);
    const audit = (id) => r.audits[id]?.numericValue;
    return {
      performance: Math.round(r.categories.performance.score * 100),
      accessibility: Math.round(r.categories.accessibility.score * 100),
      fcp: audit("first-contentful-paint"),
      tbt: audit("total-blocking-time"),
      lcp: audit("largest-contentful-paint"),
    };
  } catch (e) {
    return { error: String(e.stderr ?? e.message).split("\n").find((l) => l.trim()) ?? "failed" };
  } finally {
    await server.close();
  }
}

/** Milliseconds from a change to the next frame showing it, for each of `runs`. For kafka-expose
 * (`brokers` > 0) a change is a new replicas value, shown once the diagram and files have the new
 * brokers; for the baseline (`brokers` 0) a click on its counter, shown once the button has the
 * new count. The pages stay open and take turns, a few changes each, round after round, so that
 * a slower spell of the machine hits all of them alike. */
async function regenerations(browser, runs) {
  const servers = new Map();
  const pages = [];
  for (const { target, brokers } of runs) {
    if (!servers.has(target)) servers.set(target, await serve(target.dist));
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(servers.get(target).url);
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, target.mark);
    await page.evaluate(installTiming);
    await page.evaluate(setUpChanges, brokers);
    pages.push({ context, page, frames: [], updates: [], changed: [] });
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const p of pages) {
      const { frames, updates, changed } = await p.page.evaluate((count) => window.benchChanges(count), CHANGES / ROUNDS);
      p.frames.push(...frames);
      p.updates.push(...updates);
      p.changed.push(...changed);
      // Let the page save its config (it waits for a pause) before the next page is measured.
      await p.page.waitForTimeout(400);
    }
  }
  for (const p of pages) await p.context.close();
  for (const server of servers.values()) await server.close();
  return pages.map(({ frames, updates, changed }) => ({ frames, updates, changed }));
}

/** Runs in the page: defines `window.timing`, how every change here is timed. `change(edit)` waits
 * for the start of a frame (so the wait for the next one is the same every time), calls `edit`, and
 * returns when it started and the milliseconds until the last change to the DOM (a
 * MutationObserver's time, right after the microtasks that made it: the page's own work; 0 when
 * nothing on the page changed) and until a task queued after it runs (once Leptos, whose updates
 * are microtasks, is done and the browser has laid out and painted that frame). */
function installTiming() {
  const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
  const settled = () => new Promise((done) => { const c = new MessageChannel(); c.port1.onmessage = () => done(); c.port2.postMessage(0); });
  let last = 0;
  new MutationObserver(() => (last = performance.now())).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  window.timing = {
    frame,
    async change(edit) {
      await frame();
      const start = performance.now();
      last = start;
      edit();
      await settled();
      return { start, updated: performance.now() - start, changed: last - start };
    },
  };
}

/** Runs in the page, after `installTiming`: defines `benchChanges(count)`, which makes `count`
 * changes and returns their times (until the last DOM change, until painted, until the next frame),
 * alternating between `brokers` and `brokers - 1` so that every change regenerates. */
function setUpChanges(brokers) {
  const input = document.querySelector("[data-testid='field-replicas']");
  const counter = document.querySelector("[data-testid='counter']");
  const { frame } = window.timing;
  let clicks = 0;
  const change = async (n) => {
    const { start, updated, changed } = await window.timing.change(() => {
      if (counter) {
        counter.click();
      } else {
        input.value = String(n);
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
    await frame();
    const elapsed = performance.now() - start;
    if (counter) {
      clicks += 1;
      if (!counter.textContent.includes(` ${clicks} `)) throw new Error(`after ${clicks} clicks: ${counter.textContent}`);
    } else {
      const pods = document.querySelectorAll("[data-testid^='pod-']").length;
      const tabs = document.querySelectorAll("[data-testid^='tab-server-']").length;
      if (pods !== n || tabs !== n) throw new Error(`after ${n}: ${pods} pods, ${tabs} tabs`);
    }
    return { updated, elapsed, changed };
  };
  let measured = 0;
  window.benchChanges = async (count) => {
    const [frames, updates, changes] = [[], [], []];
    // A page that was idle draws its first frames off the beat: let it settle into it first.
    for (let i = 0; i < 3; i++) await frame();
    for (let i = 0; i < count; i++) {
      const { updated, elapsed, changed } = await change(measured++ % 2 ? brokers - 1 : brokers);
      updates.push(updated);
      frames.push(elapsed);
      changes.push(changed);
    }
    return { frames, updates, changed: changes };
  };
  // Unmeasured: from the page's 3 brokers to brokers - 1, so that every measured change regenerates.
  return counter ? undefined : change(brokers - 1);
}

/** The fields a keystroke is measured in, besides the broker count (`regenerations`): one that
 * renames everything drawn, one a node's address that every client path follows, one that only the
 * files read. */
const KEY_FIELDS = ["namespace", "nodes[0].address", "kafka.image"];
const KEYSTROKES = 30;

/** Milliseconds from a keystroke in each of `KEY_FIELDS`, at each broker count (a character typed,
 * then taken back): until the page has stopped changing (its last DOM change), and until that frame
 * is painted (as `regenerations` measures "DOM updated"); and the painted frame of one text changed
 * by hand, Chromium's floor on the same page (`frame N`). */
async function keystrokes(browser, brokerCounts) {
  const server = await serve(APP.dist);
  const results = {};
  for (const brokers of brokerCounts) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, APP.mark);
    await page.getByTestId("field-replicas").fill(String(brokers));
    await page.waitForTimeout(1000);
    await page.evaluate(installTiming);
    for (const field of KEY_FIELDS) {
      const measured = await page.evaluate(
        async ({ field, count }) => {
          const input = document.querySelector(`[data-testid='field-${field}']`);
          const base = input.value;
          const [times, scripted] = [[], []];
          for (let i = 0; i < count; i++) {
            const { updated, changed } = await window.timing.change(() => {
              input.value = i % 2 ? base : `${base}x`;
              input.dispatchEvent(new Event("input", { bubbles: true }));
            });
            times.push(updated);
            scripted.push(changed);
          }
          return { times, scripted };
        },
        { field, count: KEYSTROKES },
      );
      results[`${field} ${brokers}`] = measured.times;
      results[`${field} ${brokers} (last DOM change)`] = measured.scripted;
      await page.waitForTimeout(400);
    }
    // Chromium's own floor on this page: one pod's title in the diagram changed by hand, with no
    // wasm at all, measured as the keystrokes are (until the task after that frame's paint). What a
    // keystroke takes until painted is about its last DOM change plus this, plus a little for each
    // further text it changes.
    results[`frame ${brokers}`] = await page.evaluate(async (count) => {
      const text = document.querySelector("#app .diagram-svg text.box-title").firstChild;
      const base = text.nodeValue;
      const times = [];
      for (let i = 0; i < count; i++) {
        const { updated } = await window.timing.change(() => (text.nodeValue = i % 2 ? base : `${base}x`));
        times.push(updated);
      }
      return times;
    }, KEYSTROKES);
    await context.close();
  }
  await server.close();
  return results;
}

/** The native core's timings, from the `core` bench target: measure → brokers → median and spread. */
function core() {
  const out = execFileSync("cargo", ["bench", "--quiet", "--locked", "--bench", "core"], { cwd: root, encoding: "utf8" });
  const timings = {};
  for (const line of out.split("\n")) {
    const [measure, n, med, min, max] = line.split(" ");
    if (!["core", "shown", "all", "doctor"].includes(measure) || n === "growth") continue;
    timings[measure] ??= {};
    timings[measure][n] = { med: Number(med), min: Number(min), max: Number(max) };
  }
  return timings;
}

/** The ten largest items of the wasm, from a build that keeps function names. */
function whereTheBytesGo() {
  const named = join(root, "target/bench-named.wasm");
  execFileSync("wasm-opt", ["-Oz", "-g", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
    "--enable-mutable-globals", join(root, "target/wasm-bindgen/release/kafka-expose-web_bg.wasm"), "-o", named]);
  return execFileSync("twiggy", ["top", "-n", "11", named], { encoding: "utf8" })
    .split("\n")
    .filter((l) => !l.includes("function names"))
    .map((l) => l.slice(0, 160))
    .join("\n");
}

// BENCH_ONLY=regen measures regeneration alone (while working on it); the report needs everything.
if (process.env.BENCH_ONLY === "regen") {
  const browser = await launch();
  const sizes = [0, 3, 50, 200];
  const results = await regenerations(browser, sizes.map((n) => ({ target: n ? APP : BASE, brokers: n })));
  for (const [k, n] of sizes.entries()) {
    const { frames, updates, changed } = results[k];
    console.log(`regeneration ${n || "baseline"}: stops changing ${median(changed).toFixed(1)} ms (${spread(changed)}), DOM updated ${median(updates).toFixed(1)} ms (${spread(updates)}), next frame ${median(frames).toFixed(1)} ms (${spread(frames)})`);
  }
  await browser.close();
  process.exit(0);
}

// BENCH_ONLY=keys measures the keystrokes alone (while working on them).
if (process.env.BENCH_ONLY === "keys") {
  const browser = await launch();
  const keys = await keystrokes(browser, [3, 200]);
  for (const [what, times] of Object.entries(keys)) {
    console.log(`${what.replace(/ (\d+)/, ", $1 brokers")}: ${median(times).toFixed(1)} ms (${spread(times)})`);
  }
  await browser.close();
  process.exit(0);
}

// BENCH_ONLY=first measures the first paint alone (while working on it). With BENCH_AGAINST=<a
// dist folder> (another build of the page, e.g. a copy of dist/ made before a change) the two
// builds take turns instead of the page and the baseline: on a shared machine, medians move more
// between runs than most changes move them, so a change is judged side by side in one run.
if (process.env.BENCH_ONLY === "first") {
  const against = process.env.BENCH_AGAINST
    ? { name: `kafka-expose from ${process.env.BENCH_AGAINST}`, dist: resolve(process.env.BENCH_AGAINST), mark: APP.mark }
    : BASE;
  const browser = await launch();
  for (const slow of [true, false]) {
    const results = await coldLoads(browser, [APP, against], SLOW_LOADS, slow);
    for (const [k, t] of [APP, against].entries()) {
      const r = results[k];
      console.log(`${t.name} ${slow ? "slow" : "full speed"}: first paint ${median(r.fcp).toFixed(0)} (${spread(r.fcp)}), ready ${median(r.ready).toFixed(0)} (${spread(r.ready)}), TBT ${median(r.tbt).toFixed(0)}, longest task ${median(r.longest).toFixed(0)} (${spread(r.longest)}) after ${tally(r.where)}`);
    }
  }
  await browser.close();
  console.log(await lighthouse(APP), await lighthouse(against));
  process.exit(0);
}

const app = bundle(APP.dist);
const base = bundle(BASE.dist);
const browser = await launch();
const [appLoads, baseLoads] = await loads(browser, [APP, BASE]);
const [appSlow, baseSlow] = await coldLoads(browser, [APP, BASE], SLOW_LOADS, true);
const [appFast, baseFast] = await coldLoads(browser, [APP, BASE], SLOW_LOADS, false);
const [floor, ...sized] = await regenerations(browser, [0, 3, 50, 200].map((n) => ({ target: n ? APP : BASE, brokers: n })));
const regen = { 3: sized[0], 50: sized[1], 200: sized[2] };
const keys = await keystrokes(browser, [3, 200]);
await browser.close();
const native = core();
const [appLighthouse, baseLighthouse] = [await lighthouse(APP), await lighthouse(BASE)];
const bytes = whereTheBytesGo();

const ratio = app.total.gzip / base.total.gzip;
const loadRatio = median(appLoads) / median(baseLoads);
const growth = native.core[200].med / native.core[3].med;
const cell = (t) => `${t.med.toFixed(1)} (${t.min.toFixed(1)}–${t.max.toFixed(1)})`;
const lines = [
  `# Benchmarks`,
  ``,
  `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ` +
    `${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}; headless Chromium on loopback.`,
  ``,
  `## Bundle (KiB, gzip -9)`,
  ``,
  `| file | kafka-expose raw | kafka-expose gzip | baseline raw | baseline gzip |`,
  `| --- | ---: | ---: | ---: | ---: |`,
  ...[...KINDS, "total"].map((k) => `| ${k} | ${kb(app[k].raw)} | ${kb(app[k].gzip)} | ${kb(base[k].raw)} | ${kb(base[k].gzip)} |`),
  ...Object.entries(app.onDemand).map(
    ([name, s]) => `| on demand: the ${name} module (.js, .wasm) | ${kb(s.raw)} | ${kb(s.gzip)} | | |`,
  ),
  ``,
  `*total*: what a load fetches. The doctor's module is fetched only when its section nears the`,
  `screen, "Ask the doctor" is pressed, or there is something pasted to restore; the files' module`,
  `(the code that writes the generated files' text) when the files near the screen or a file's tab`,
  `is pressed.`,
  ``,
  `Ratio (gzip total): ${ratio.toFixed(2)}× the baseline.`,
  ``,
  `## Load (ms from navigation start to first complete render, ${LOADS} cold loads)`,
  ``,
  `| page | median | spread |`,
  `| --- | ---: | ---: |`,
  `| kafka-expose | ${median(appLoads).toFixed(1)} | ${spread(appLoads)} |`,
  `| Leptos baseline | ${median(baseLoads).toFixed(1)} | ${spread(baseLoads)} |`,
  ``,
  `Ratio: ${loadRatio.toFixed(2)}×.`,
  ``,
  `## First paint on a slow phone (ms, ${SLOW_LOADS} cold loads, median and spread)`,
  ``,
  `Slow 4G through CDP (1.6 Mbit/s down, 750 kbit/s up, 150 ms round trips), the CPU slowed 4×, gzip`,
  `served, a 390 × 844 viewport. *First paint*: first contentful paint. *Ready*: the page's mark, the`,
  `first frame after its main output is in the DOM. *TBT*: each long task's time beyond 50 ms, from`,
  `first paint until a second after ready. *Longest task at full speed*: the same loads unthrottled.`,
  ``,
  `| page | first paint | ready | TBT | longest task, throttled | longest task at full speed |`,
  `| --- | ---: | ---: | ---: | ---: | ---: |`,
  ...[["kafka-expose", appSlow, appFast], ["Leptos baseline", baseSlow, baseFast]].map(
    ([name, s, f]) =>
      `| ${name} | ${median(s.fcp).toFixed(0)} (${spread(s.fcp)}) | ${median(s.ready).toFixed(0)} (${spread(s.ready)}) | ` +
      `${median(s.tbt).toFixed(0)} (${spread(s.tbt)}) | ${median(s.longest).toFixed(0)} | ${median(f.longest).toFixed(0)} (${spread(f.longest)}) |`,
  ),
  ``,
  `Where kafka-expose's longest task was, by the last mark before it ended (\`part-<n>\`: the start's`,
  `parts, \`src/ui/app.rs\`): throttled ${tally(appSlow.where)}; at full speed ${tally(appFast.where)}.`,
  ``,
  `## Lighthouse (mobile, simulated throttling)`,
  ``,
  `| page | performance | accessibility | first paint | TBT | largest paint |`,
  `| --- | ---: | ---: | ---: | ---: | ---: |`,
  ...[["kafka-expose", appLighthouse], ["Leptos baseline", baseLighthouse]].map(([name, l]) =>
    l.error
      ? `| ${name} | did not run: ${l.error} | | | | |`
      : `| ${name} | ${l.performance} | ${l.accessibility} | ${l.fcp.toFixed(0)} | ${l.tbt.toFixed(0)} | ${l.lcp.toFixed(0)} |`,
  ),
  ``,
  `## Regeneration (ms after a changed replicas input, ${CHANGES} changes, median and spread)`,
  ``,
  `Each change is made in an animation frame callback. *Stops changing*: until the last change to`,
  `the DOM (a MutationObserver's time), once Leptos has applied every update (the diagram,`,
  `walkthrough and files show the new brokers): the page's own work, which the budgets hold. *DOM`,
  `updated* (painted): until a task queued after the change runs, once the browser has also laid`,
  `out and painted that frame. *Next frame*: until the`,
  `following animation frame, so at least one frame (16.7 ms) whatever the work. The first row is`,
  `the same measure for a click on the baseline's counter: what any change costs on this machine in`,
  `this run, whatever the page. The four pages stay open and take turns, ${CHANGES / ROUNDS} changes each, for`,
  `${ROUNDS} rounds, so that a slower spell of the machine hits them alike.`,
  ``,
  `| brokers | stops changing | spread | DOM updated (painted) | spread | next frame | spread |`,
  `| ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
  ...[["baseline click", floor], ...[3, 50, 200].map((n) => [n, regen[n]])].map(([n, r]) =>
    `| ${n} | ${median(r.changed).toFixed(1)} | ${spread(r.changed)} | ${median(r.updates).toFixed(1)} | ${spread(r.updates)} | ${median(r.frames).toFixed(1)} | ${spread(r.frames)} |`),
  ``,
  `## Keystrokes (ms until the page stops changing, ${KEYSTROKES} keystrokes a field, median and spread)`,
  ``,
  `A character typed into the field, then taken back, each in an animation frame callback. The`,
  `namespace renames every pod and path; a node's address changes every client path through it; the`,
  `image changes the files alone (the diagram is not laid out again).`,
  ``,
  `*Stops changing*: until the last change to the DOM (a MutationObserver's time): the page's own`,
  `work, which the budgets hold; 0 where nothing on the page changes (the image, whose files are off`,
  `screen). *Painted*: until a task queued after the change runs, once Chromium has laid out and`,
  `painted that frame (as *DOM updated* above). *Chromium's floor*: the same for one pod's title`,
  `changed by hand, no wasm at all: what any visible change costs on this page, on this machine, in`,
  `this run.`,
  ``,
  `| field | 3 brokers: stops changing | painted | spread | 200 brokers: stops changing | painted | spread |`,
  `| --- | ---: | ---: | ---: | ---: | ---: | ---: |`,
  ...KEY_FIELDS.map((f) => `| ${f} | ${median(keys[`${f} 3 (last DOM change)`]).toFixed(1)} | ${median(keys[`${f} 3`]).toFixed(1)} | ${spread(keys[`${f} 3`])} | ${median(keys[`${f} 200 (last DOM change)`]).toFixed(1)} | ${median(keys[`${f} 200`]).toFixed(1)} | ${spread(keys[`${f} 200`])} |`),
  `| Chromium's floor (one text, no wasm) | | ${median(keys["frame 3"]).toFixed(1)} | ${spread(keys["frame 3"])} | | ${median(keys["frame 200"]).toFixed(1)} | ${spread(keys["frame 200"])} |`,
  ``,
  `## Core, native (µs per call, median and spread of 31 batches)`,
  ``,
  `*validate + generate*: what the page does on every change before it draws (files whose text`,
  `is large keep the values they are written from). *+ manifests.yaml*: and the text of the file the`,
  `page shows first. *+ every file*: and the text of every file, as "download all" and the command`,
  `line write them.`,
  ``,
  `| brokers | validate + generate | + manifests.yaml | + every file |`,
  `| ---: | ---: | ---: | ---: |`,
  ...[3, 50, 200].map((n) => `| ${n} | ${cell(native.core[n])} | ${cell(native.shown[n])} | ${cell(native.all[n])} |`),
  ``,
  `Growth of validate + generate from 3 to 200 brokers: ${growth.toFixed(1)}× for 66.7× the brokers.`,
  ``,
  `## Doctor, native (µs per paste, median and spread of 31 batches)`,
  ``,
  `Reading a deployment's pasted JSON (its brokers with one NodePort Service each, 300 Services of`,
  `other apps, 50 nodes) and its brokers' properties, then diagnosing it: what the page does on each`,
  `paste.`,
  ``,
  `| brokers | parse + diagnose |`,
  `| ---: | ---: |`,
  ...[3, 50, 200].map((n) => `| ${n} | ${cell(native.doctor[n])} |`),
  ``,
  `## Budgets`,
  ``,
  `| budget | measured | |`,
  `| --- | --- | --- |`,
  `| first download (gzip) ≤ 360 KiB | ${kb(app.total.gzip)} KiB | ${verdict(app.total.gzip <= 360 * 1024)} |`,
  `| first paint ≤ 0.8 s, slow phone (median) | ${(median(appSlow.fcp) / 1000).toFixed(2)} s | ${verdict(median(appSlow.fcp) <= 800)} |`,
  `| ready ≤ 1.8 s, slow phone (median) | ${(median(appSlow.ready) / 1000).toFixed(2)} s | ${verdict(median(appSlow.ready) <= 1800)} |`,
  `| TBT < 50 ms, slow phone (median) | ${median(appSlow.tbt).toFixed(0)} ms | ${verdict(median(appSlow.tbt) < 50)} |`,
  `| no task > 50 ms at full speed (median of the longest) | ${median(appFast.longest).toFixed(0)} ms | ${verdict(median(appFast.longest) <= 50)} |`,
  ...(appLighthouse.error
    ? [`| Lighthouse performance 100 / accessibility 100 | did not run | **not met** |`]
    : [
        `| Lighthouse performance 100 | ${appLighthouse.performance} | ${verdict(appLighthouse.performance === 100)} |`,
        `| Lighthouse accessibility 100 | ${appLighthouse.accessibility} | ${verdict(appLighthouse.accessibility === 100)} |`,
      ]),
  `| total gzip ≤ 4.5× baseline | ${ratio.toFixed(2)}× | ${verdict(ratio <= 4.5)} |`,
  `| load ≤ 1.5× baseline median | ${loadRatio.toFixed(2)}× | ${verdict(loadRatio <= 1.5)} |`,
  `| the broker count changed, until the page stops changing ≤ 16 ms at 200 brokers | ${median(regen[200].changed).toFixed(1)} ms (painted ${median(regen[200].updates).toFixed(1)}) | ${verdict(median(regen[200].changed) <= 16)} |`,
  `| the broker count changed, until the page stops changing ≤ 4 ms at 3 brokers | ${median(regen[3].changed).toFixed(1)} ms (painted ${median(regen[3].updates).toFixed(1)}) | ${verdict(median(regen[3].changed) <= 4)} |`,
  ...KEY_FIELDS.flatMap((f) => [
    `| keystroke in ${f} until the page stops changing ≤ 4 ms at 3 brokers | ${median(keys[`${f} 3 (last DOM change)`]).toFixed(1)} ms (painted ${median(keys[`${f} 3`]).toFixed(1)}) | ${verdict(median(keys[`${f} 3 (last DOM change)`]) <= 4)} |`,
    `| keystroke in ${f} until the page stops changing ≤ 16 ms at 200 brokers | ${median(keys[`${f} 200 (last DOM change)`]).toFixed(1)} ms (painted ${median(keys[`${f} 200`]).toFixed(1)}) | ${verdict(median(keys[`${f} 200 (last DOM change)`]) <= 16)} |`,
  ]),
  `| native validate + generate ≤ 1 ms at 200 brokers | ${(native.core[200].med / 1000).toFixed(2)} ms | ${verdict(native.core[200].med <= 1000)} |`,
  `| native growth no faster than linear | ${growth.toFixed(1)}× for 66.7× | ${verdict(growth <= 66.7)} |`,
  `| native doctor parse + diagnose ≤ 50 ms at 200 brokers (500 Services) | ${(native.doctor[200].med / 1000).toFixed(2)} ms | ${verdict(native.doctor[200].med <= 50000)} |`,
  ``,
  `## Where the wasm's bytes go (twiggy top, names kept)`,
  ``,
  "```",
  bytes,
  "```",
  ``,
];
const report = lines.join("\n");
writeFileSync(join(root, "benches/results.md"), report);
console.log(report);
