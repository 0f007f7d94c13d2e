// One autocannon run in a worker thread, so the load generator has an event loop of its own
// and does not queue behind the server it measures (same process, other core). Plain
// JavaScript: a worker is started without the TypeScript loader.
import { parentPort, workerData } from "node:worker_threads";
import autocannon from "autocannon";

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
  let next = 0;
  request.setupRequest = (req, context) => {
    if (context.indicator === undefined) {
      const k = next++ % write.indicators.length;
      context.indicator = write.indicators[k];
      context.rowVersion = write.rowVersions[k];
      context.flip = 0;
    }
    context.flip ^= 1;
    const payload = write.payload(context.indicator, context.flip);
    return {
      ...req,
      body: JSON.stringify({ ...payload, expectedRowVersion: context.rowVersion }),
    };
  };
  request.onResponse = (status, responseBody, context) => {
    if (status !== 200) {
      refused ??= `${status} ${String(responseBody).slice(0, 300)}`;
      return;
    }
    const reply = JSON.parse(responseBody);
    context.rowVersion = reply.result.data.value.rowVersion;
  };
} else if (body !== undefined) request.body = body;

// Functions cannot cross into a worker: the write payload is rebuilt here from its template.
if (write) {
  const template = write.template;
  write.payload = (indicator, flip) => ({
    ...template,
    indicatorCode: indicator,
    value: write.values[indicator][flip],
  });
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
const raw = await autocannon(options);
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
});
