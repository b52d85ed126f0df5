// Starts the WebAssembly app. A file of its own, not an inline script, so that the page's
// Content-Security-Policy can forbid inline scripts. Paths are relative to this file, so the
// page works under any folder of any static host.
import init from "./kafka-expose-web.js";

// The prerendered view shows the default config: while a share link or a saved config is on its
// way, the parts that would show the default's choices as the user's are hidden (style/main.css).
let restoring = location.hash.length > 1;
try {
  restoring ||= localStorage.getItem("kafka-expose.config") !== null;
} catch {
  // Storage refused (a privacy setting): nothing saved to restore.
}
if (restoring) document.documentElement.classList.add("restoring");

/** Fetches and starts the module `name` the first time the page dispatches `event`; `failed` hears
 * why it could not be loaded, and the next ask tries again. */
function onDemand(event, name, failed) {
  let started;
  addEventListener(event, () => {
    started ??= import(`./${name}.js`)
      .then(({ default: start }) => start({ module_or_path: new URL(`./${name}_bg.wasm`, import.meta.url) }))
      .catch((error) => {
        started = undefined;
        failed(error.message);
      });
  });
}

// The doctor is a module of its own (src/doctor_main.rs), fetched the first time the page asks for
// it (src/ui/browser.rs, `want_doctor`): most visits never need it.
onDemand("kafka-expose:doctor", "kafka-expose-doctor", (why) => {
  const status = document.querySelector("#doctor-app .doctor-loading");
  if (status) status.textContent = `The doctor could not be loaded (${why}). Reload the page to try again.`;
});

// The files' module (src/files_main.rs) writes the generated files' text: fetched when the page
// asks (src/ui/browser.rs, `want_files`), which is when the files come near the screen. It says it
// is ready itself; a failure is told to the page, which shows it where the file would be.
onDemand("kafka-expose:files", "kafka-expose-files", (why) =>
  dispatchEvent(new CustomEvent("kafka-expose:files-failed", { detail: why })),
);

await init({ module_or_path: new URL("./kafka-expose-web_bg.wasm", import.meta.url) });
