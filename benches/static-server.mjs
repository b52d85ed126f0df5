// The static file server of scripts/browser.mjs for one dist folder, run in a worker thread by
// bench.mjs so that driving the browser from the main thread never delays a response. Posts its
// port when listening.
import { parentPort, workerData } from "node:worker_threads";
import { serveDist } from "../scripts/browser.mjs";

const server = await serveDist(workerData);
parentPort.postMessage(new URL(server.url).port);
