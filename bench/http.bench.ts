import {
  asUser,
  emit,
  emitLoad,
  emitSoak,
  load,
  rssMegabytes,
  soak,
  startApp,
  type BenchOptions,
  type RequestSpec,
  type RunningApp,
} from './lib.ts';

/**
 * HTTP throughput and latency of the real app, in-process, logger off, after 2 s of warm-up,
 * 50 connections, 10 s per target (--seconds, --connections, BENCH_SECONDS):
 *   /healthz         the floor: no database, no rendering;
 *   /                the rendered start page for an anonymous visitor (locale negotiation,
 *                    Preact render, CSP headers);
 *   / (signed in)    the same page for a signed-in resident: the session and user are read from
 *                    the database on every request.
 *
 * `--soak M`: the three in turn on every connection for M minutes, sampling memory (see
 * bench/lib.ts soak) and reporting its growth; `--max-errors`/`--max-heap-slope` make it a check.
 */
async function targets(app: RunningApp): Promise<{ name: string; requests: RequestSpec[] }[]> {
  return [
    { name: '/healthz', requests: [{ path: '/healthz' }] },
    { name: '/', requests: [{ path: '/' }] },
    { name: '/ (signed in)', requests: [await asUser(app, 'amina', { path: '/' })] },
  ];
}

export async function run(options: BenchOptions): Promise<void> {
  const app = await startApp();
  const connections = options.connections ?? 50;
  try {
    const list = await targets(app);
    if (options.soakMinutes !== undefined) {
      const result = await soak(app.url, {
        minutes: options.soakMinutes,
        sampleSeconds: options.sampleSeconds,
        connections,
        requests: list.flatMap((t) => t.requests),
      });
      emitSoak('http', result, options, {
        target: list.map((t) => t.name).join(' + '),
        engine: app.engine,
        connections,
      });
      return;
    }
    for (const target of list) {
      const result = await load(app.url, { requests: target.requests, connections, seconds: options.seconds });
      emitLoad('http', result, { target: target.name, engine: app.engine, connections });
    }
    emit({
      bench: 'http',
      metric: 'rss',
      value: rssMegabytes(),
      unit: 'MB',
      engine: app.engine,
      note: 'server and load generator in one process',
    });
  } finally {
    await app.close();
  }
}
