/**
 * The load generator, run in a worker thread by bench/lib.ts so it does not compete with the
 * server for the main event loop. Drives autocannon for a bounded time and reports, every
 * `windowMs` and at the end, counts by outcome and latency percentiles from its own histogram
 * (autocannon's summary has no p95, and its events are only available in-thread).
 */
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import { LatencyHistogram } from './histogram.ts';
import type { LoadJob, LoadWindow } from './lib.ts';

const job = workerData as LoadJob;

function summary(histogram: LatencyHistogram, counts: Counts, seconds: number): Omit<LoadWindow, 'type' | 'heapMB'> {
  return {
    seconds,
    requests: counts.responses,
    throughput: seconds > 0 ? Math.round(counts.responses / seconds) : 0,
    p50: histogram.percentile(50),
    p95: histogram.percentile(95),
    p99: histogram.percentile(99),
    max: Math.round(histogram.max * 100) / 100,
    statusErrors: counts.statusErrors,
    socketErrors: counts.socketErrors,
    timeouts: counts.timeouts,
    statuses: { ...counts.statuses },
  };
}

interface Counts {
  responses: number;
  statusErrors: number;
  socketErrors: number;
  timeouts: number;
  statuses: Record<string, number>;
}

const zero = (): Counts => ({ responses: 0, statusErrors: 0, socketErrors: 0, timeouts: 0, statuses: {} });

/**
 * `distinct`: each request of the list once, in order, whichever connection asks next, through
 * the warm-up and the measured run alike (bookings that must not repeat). Past the end of the
 * list the last request is sent again; the caller checks it made enough.
 */
let distinctNext = 0;
function nextDistinct(request: autocannon.Request): autocannon.Request {
  const spec = job.requests![Math.min(distinctNext++, job.requests!.length - 1)]!;
  return {
    ...request,
    method: (spec.method ?? 'GET') as 'GET',
    path: spec.path,
    headers: spec.headers,
    body: spec.body,
  };
}

function drive(seconds: number, record: boolean): Promise<void> {
  const total = new LatencyHistogram();
  const window = new LatencyHistogram();
  const totals = zero();
  let windowCounts = zero();
  let windowStarted = performance.now();
  const started = performance.now();
  // Without a callback autocannon returns its event emitter, made thenable (its types say only Promise).
  const instance = autocannon({
    url: job.url,
    connections: job.connections,
    duration: seconds,
    ...(job.requests && job.distinct
      ? { requests: [{ setupRequest: nextDistinct }] }
      : job.requests
        ? {
            requests: job.requests.map((r) => ({
              method: (r.method ?? 'GET') as 'GET',
              path: r.path,
              headers: r.headers,
              body: r.body,
            })),
          }
        : {}),
    timeout: 10,
  }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;
  const count = (update: (c: Counts) => void) => {
    update(totals);
    update(windowCounts);
  };
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (!record) return;
    total.record(responseTime);
    window.record(responseTime);
    count((c) => {
      c.responses++;
      c.statuses[statusCode] = (c.statuses[statusCode] ?? 0) + 1;
      // 2xx and 3xx (a redirect after a form post) are successes; 4xx/5xx are the app saying no.
      if (statusCode >= 400) c.statusErrors++;
    });
  });
  instance.on('reqError', (error: Error) => {
    if (!record) return;
    count((c) => {
      c.socketErrors++;
      if (error.message === 'request timed out') c.timeouts++;
    });
  });
  const timer = record
    ? setInterval(() => {
        const now = performance.now();
        const message: LoadWindow = {
          type: 'window',
          ...summary(window, windowCounts, (now - windowStarted) / 1000),
          heapMB: heapMB(),
        };
        parentPort!.postMessage(message);
        window.reset();
        windowCounts = zero();
        windowStarted = now;
      }, job.windowMs)
    : undefined;
  return Promise.resolve(instance).then(() => {
    if (timer) clearInterval(timer);
    if (record) {
      const message: LoadWindow = {
        type: 'done',
        ...summary(total, totals, (performance.now() - started) / 1000),
        heapMB: heapMB(),
      };
      parentPort!.postMessage(message);
    }
  });
}

function heapMB(): number {
  return Math.round((process.memoryUsage().heapUsed / 1_048_576) * 10) / 10;
}

if (job.warmupSeconds > 0) await drive(job.warmupSeconds, false);
parentPort!.postMessage({ type: 'start' });
await drive(job.seconds, true);
