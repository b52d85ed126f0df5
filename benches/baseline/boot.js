import init from "./leptos-baseline.js";

await init({ module_or_path: new URL("./leptos-baseline_bg.wasm", import.meta.url) });
