// One autocannon run in a worker thread, so the load generator has an event loop of its own
// and does not queue behind the server it measures (same process, other core). Plain
// JavaScript: a worker is started without the TypeScript loader.
import { performance } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";
import autocannon from "autocannon";
import PipelinedRequestsQueue from "autocannon/lib/pipelinedRequestsQueue.js";

/**
 * workerData: { url, connections, duration, method, path, headers, body, write }.
 * With `write` ({ indicators: string[], rowVersions: number[] }), each connection saves its own
 * indicator of one report, naming the row version it last read (from its previous reply), so
 * every request is a real change and none is refused as a conflict.
 */
const { url, connections, duration, method, path, headers, body, write } = workerData;

const request = { method, path, headers };
/** The first refused write's status and reply, to say why. */
let refused;
if (write) {
  // autocannon resets a request's context after each request, so the writers' state lives
  // here: each request takes an indicator no other request is saving, names the row version
  // last read for it (from a reply: saved, or refused as a conflict) and flips its value.
  const versions = new Map(write.indicators.map((code, k) => [code, write.rowVersions[k]]));
  const flips = new Map();
  const busy = new Set();
  request.setupRequest = (req) => {
    const indicator = write.indicators.find((code) => !busy.has(code)) ?? write.indicators[0];
    busy.add(indicator);
    const flip = (flips.get(indicator) ?? 0) ^ 1;
    flips.set(indicator, flip);
    return {
      ...req,
      body: JSON.stringify({
        ...write.template,
        indicatorCode: indicator,
        value: write.values[indicator][flip],
        expectedRowVersion: versions.get(indicator),
      }),
    };
  };
  request.onResponse = (status, responseBody) => {
    let reply;
    try {
      reply = JSON.parse(responseBody);
    } catch {
      return;
    }
    const row = status === 200 ? reply.result?.data?.value : reply.error?.data?.conflict;
    if (row?.indicatorCode) {
      versions.set(row.indicatorCode, row.rowVersion);
      busy.delete(row.indicatorCode);
    }
    if (status !== 200) refused ??= `${status} ${String(responseBody).slice(0, 300)}`;
  };
} else {
  if (body !== undefined) request.body = body;
  // autocannon appends every body chunk to a string (for onResponse and verifyBody, which reads
  // do not use): for a gzipped reply that is UTF-8 decoding of binary, and on the province
  // dashboard's 19 KB it took 72 % of this thread, so the generator, not the server, set the
  // pace (a CPU profile of the worker, 28/11/2026). Reads count the bytes and skip the string.
  PipelinedRequestsQueue.prototype.addBody = () => {};
}

const options = {
  url,
  connections,
  duration,
  requests: [request],
  // Loopback only; no pipelining: one request in flight per connection, like browsers.
  pipelining: 1,
};
// Off the main thread autocannon hands back raw histograms (it expects to be one of its own
// workers); aggregated here as on the main thread.
const idle = performance.eventLoopUtilization();
const raw = await autocannon(options);
// How busy the generator's thread was: near 1, the case measured the generator, not the server.
const generatorBusy = performance.eventLoopUtilization(idle).utilization;
const result = raw.latency?.p50 !== undefined ? raw : autocannon.aggregateResult([raw], options);
parentPort.postMessage({
  p50: result.latency.p50,
  p99: result.latency.p99,
  max: result.latency.max,
  // Per-second samples are taken by autocannon's main-thread manager only: total over time.
  rps: result.requests.total / duration,
  total: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  refused,
  generatorBusy,
});
