// The last step of `make build`: writes the page as the app first renders it for the default config
// into dist/index.html with the stylesheet inlined, then a gzip and a brotli twin beside every file
// for hosts that serve them.
//
// Why a snapshot the app takes over, not Leptos's server rendering and hydration: hydration needs
// the components to compile natively with the `ssr` feature (a second build of Leptos, every
// browser call in a component guarded), and the page's wasm to carry the hydration code; the
// snapshot is the very DOM the same components render in Chromium, and the app takes it over by
// building itself hidden, part by part, then swapping in one task (`ui::start`, `browser::take_over`). What the snapshot cannot know (a share link, a saved
// config, this visit's new cluster id) it marks as not yet the user's: its controls are disabled,
// the whole is `aria-busy`, and public/boot.js hides the configurator's parts while a link or a
// saved config is being restored. Text stays readable, with or without JavaScript.
import { createHash } from "node:crypto";
import { readFile, readdir, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { launch, root, serveDist } from "./browser.mjs";

const dist = join(root, "dist");
const indexPath = join(dist, "index.html");
const MARK = "<!-- prerendered -->";

const server = await serveDist(dist);
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(server.url);
  await page.getByTestId("title").waitFor();
  // The files' text comes with its module, which the page fetches once the files come near the
  // screen: bring them there, and wait for the text.
  await page.getByTestId("file-content").scrollIntoViewIfNeeded();
  await page.locator("[data-testid=file-content][aria-busy=false]").waitFor();
  // The primer's text comes with the same module, once the primer nears the screen.
  await page.locator("#primer-title").scrollIntoViewIfNeeded();
  await page.getByTestId("primer-security").waitFor();
  // The doctor's module comes when it is wanted; the snapshot shows its form (disabled, as every
  // control), which says what the doctor asks for even to a reader without JavaScript.
  await page.evaluate(() => dispatchEvent(new Event("kafka-expose:doctor")));
  await page.getByTestId("doctor-objects").waitFor();
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  if (errors.length) throw new Error(`the page failed while rendering: ${errors.join("; ")}`);
  const { frameWidth, html } = await page.evaluate(() => {
    // What properties hold (typed values, checked boxes) becomes attributes, so the snapshot shows
    // them; every control is disabled until the app takes over.
    for (const el of document.querySelectorAll("input, textarea, select, button")) {
      if (el.type === "checkbox" || el.type === "radio") el.toggleAttribute("checked", el.checked);
      else if (el.tagName === "TEXTAREA") el.textContent = el.value;
      else if (el.tagName === "SELECT") for (const o of el.options) o.toggleAttribute("selected", o.selected);
      else if (el.tagName === "INPUT") el.setAttribute("value", el.value);
      el.setAttribute("disabled", "");
    }
    // The share link names the machine that took the snapshot: the app writes the visitor's own.
    for (const link of document.querySelectorAll("[data-testid=share-link]")) link.setAttribute("value", "");
    // The page's CSP refuses style attributes in markup (the app sets styles through the DOM): the
    // diagram's frame gives its size to the drawing instead, clipped to the drawing's height, and
    // its width goes into the stylesheet, so the drawing shows at the size the app draws it.
    let frameWidth;
    for (const frame of document.querySelectorAll("[style]")) {
      const svg = frame.querySelector(":scope > svg");
      const [w, h] = (frame.style.aspectRatio || "").split("/").map(Number);
      if (svg && w && h) {
        svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
        svg.setAttribute("width", String(w));
        svg.setAttribute("height", String(h));
        frameWidth ??= frame.style.width;
      }
      frame.removeAttribute("style");
    }
    // This visit's cluster id is random: the app makes a new one when it starts, so the snapshot
    // names none rather than one that is nobody's.
    const id = document.querySelector("[data-testid='field-kafka.clusterId']")?.value;
    const body = document.body.cloneNode(true);
    for (const el of body.querySelectorAll("script, noscript")) el.remove();
    // The live page's doctor mounts by this id (and reads the config there): only the app's own
    // place may carry them, not the snapshot's copy that stays until the app takes over.
    for (const el of body.querySelectorAll("#doctor-app")) {
      el.removeAttribute("id");
      el.removeAttribute("data-config");
      el.removeAttribute("data-pasted");
    }
    // The file below the fold is most of the snapshot (manifests.yaml, with the start scripts in its
    // ConfigMap): its first lines read until the app, which shows it whole, takes over.
    const KEEP = 60;
    for (const pre of body.querySelectorAll("[data-testid='file-content']")) {
      const text = pre.querySelector("code") ?? pre;
      const lines = text.textContent.split("\n");
      if (lines.length > KEEP) {
        text.textContent = `${lines.slice(0, KEEP).join("\n")}\n… and ${lines.length - KEEP} more lines once the configurator has started`;
      }
    }
    // Leptos's empty comments mark where its dynamic parts go: the app builds its own.
    const comments = document.createNodeIterator(body, NodeFilter.SHOW_COMMENT);
    for (let c; (c = comments.nextNode()); ) c.remove();
    return { frameWidth, html: id ? body.innerHTML.replaceAll(id, "(a new id)") : body.innerHTML };
  });
  if (!frameWidth) throw new Error("the page drew no diagram");
  let index = await readFile(indexPath, "utf8");
  if (index.includes(MARK)) throw new Error("dist/index.html is already prerendered: build it again");
  // The stylesheet goes into the page: on a slow network a separate request holds the first
  // paint back by a round trip. The CSP allows that one <style> by its hash, nothing else inline.
  const link = index.match(/<link rel="stylesheet" href="\.\/([^"]+)"[^>]*>/);
  if (!link) throw new Error("dist/index.html links no stylesheet");
  const css = `${(await readFile(join(dist, link[1]), "utf8")).trim()}\n#prerendered .diagram-frame { width: ${frameWidth}; }`;
  const hash = createHash("sha256").update(css).digest("base64");
  index = index
    .replace(link[0], () => `<style>${css}</style>`)
    .replace("style-src 'self'", `style-src 'self' 'sha256-${hash}'`);
  if (!index.includes(`'sha256-${hash}'`)) throw new Error("the page's CSP has no style-src 'self' to extend");
  await unlink(join(dist, link[1]));
  // The icon too, as a data URL (the CSP allows data: images): the app's first update of the URL
  // fragment makes Chromium ask for the icon again, and an icon in the page is never fetched.
  const icon = index.match(/<link rel="icon" href="\.\/([^"]+\.svg)"[^>]*>/);
  if (icon) {
    const svg = (await readFile(join(dist, icon[1]), "utf8")).trim();
    index = index.replace(icon[0], () => `<link rel="icon" href="data:image/svg+xml,${encodeURIComponent(svg)}">`);
    await unlink(join(dist, icon[1]));
  }
  const snapshot =
    `${MARK}\n<div id="prerendered" aria-busy="true">` +
    `<p class="prerender-status" role="status">Starting the configurator, which needs JavaScript and WebAssembly…</p>` +
    `${html}</div>`;
  index = index.replace(/<\/body>/, `${snapshot}\n</body>`);
  await writeFile(indexPath, index);
  console.log(`prerender: ${(html.length / 1024).toFixed(1)} KiB of the default view into dist/index.html`);
} finally {
  await browser.close();
  await server.close();
}

// Precompressed twins for static hosts that serve them as they are (nginx gzip_static and
// brotli_static, Caddy's file_server precompressed): the best levels, paid once at build time.
let gz = 0;
let br = 0;
for (const name of await readdir(dist)) {
  if (/\.(gz|br)$/.test(name)) continue;
  const bytes = await readFile(join(dist, name));
  const g = gzipSync(bytes, { level: 9 });
  const b = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  await writeFile(join(dist, `${name}.gz`), g);
  await writeFile(join(dist, `${name}.br`), b);
  gz += g.length;
  br += b.length;
}
console.log(`prerender: precompressed dist/: ${(gz / 1024).toFixed(1)} KiB gzip, ${(br / 1024).toFixed(1)} KiB brotli`);
