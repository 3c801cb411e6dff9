import { emit, load, rssMegabytes, startApp } from './lib.ts';

/**
 * HTTP throughput and latency of the real app, in-process, logger off: /healthz (the floor: no
 * database, no rendering) and the rendered start page `/` (session lookup skipped for anonymous
 * visitors, locale negotiation, Preact render, CSP headers). 50 connections, 10 s each
 * (BENCH_SECONDS to change), after 2 s of warm-up.
 */
export async function run(): Promise<void> {
  const app = await startApp();
  try {
    for (const target of ['/healthz', '/']) {
      const result = await load(app.url + target);
      const context = { target, engine: app.engine, connections: 50 };
      emit({ bench: 'http', metric: 'throughput', value: result.throughput, unit: 'req/s', ...context });
      emit({ bench: 'http', metric: 'latency_p50', value: result.p50, unit: 'ms', ...context });
      emit({ bench: 'http', metric: 'latency_p99', value: result.p99, unit: 'ms', ...context });
      emit({ bench: 'http', metric: 'errors', value: result.errors, unit: 'count', ...context });
    }
    emit({ bench: 'http', metric: 'rss', value: rssMegabytes(), unit: 'MB', engine: app.engine, note: 'server and load generator in one process' });
  } finally {
    await app.close();
  }
}
