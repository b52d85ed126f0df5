// Starts the WebAssembly app. A file of its own, not an inline script, so that the page's
// Content-Security-Policy can forbid inline scripts. Paths are relative to this file, so the
// page works under any folder of any static host.
import init from "./kafka-expose-web.js";

await init({ module_or_path: new URL("./kafka-expose-web_bg.wasm", import.meta.url) });
