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

// The doctor is a module of its own (src/doctor_main.rs), fetched the first time the page asks for
// it (src/ui/browser.rs, `want_doctor`): most visits never need it.
let doctor;
addEventListener("kafka-expose:doctor", () => {
  doctor ??= import("./kafka-expose-doctor.js")
    .then(({ default: start }) => start({ module_or_path: new URL("./kafka-expose-doctor_bg.wasm", import.meta.url) }))
    .catch((error) => {
      doctor = undefined;
      const status = document.querySelector("#doctor-app .doctor-loading");
      if (status) status.textContent = `The doctor could not be loaded (${error.message}). Reload the page to try again.`;
    });
});

await init({ module_or_path: new URL("./kafka-expose-web_bg.wasm", import.meta.url) });
