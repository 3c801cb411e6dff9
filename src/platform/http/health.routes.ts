import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import client from 'prom-client';
import type { Db } from '../db/database.ts';

export interface HealthOptions {
  db: Db;
  registry: client.Registry;
  /** When set, /metrics needs `Authorization: Bearer <token>`. */
  metricsToken?: string | undefined;
  isShuttingDown: () => boolean;
}

/** Liveness, readiness (the database answers) and Prometheus metrics. */
export async function healthRoutes(app: FastifyInstance, options: HealthOptions): Promise<void> {
  app.get('/healthz', { config: { access: 'public' }, logLevel: 'warn' }, async (_request, reply) => {
    return reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });

  app.get('/readyz', { config: { access: 'public' }, logLevel: 'warn' }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    if (options.isShuttingDown()) return reply.status(503).send({ status: 'shutting-down' });
    try {
      await sql`select 1`.execute(options.db);
      return reply.send({ status: 'ready', database: 'ok' });
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: 'down' });
    }
  });

  app.get('/metrics', { config: { access: 'public' }, logLevel: 'warn' }, async (request, reply) => {
    if (options.metricsToken && request.headers.authorization !== `Bearer ${options.metricsToken}`) {
      return reply.status(401).header('www-authenticate', 'Bearer').send('unauthorized\n');
    }
    return reply.type(options.registry.contentType).send(await options.registry.metrics());
  });
}

/** HTTP metrics labelled by route pattern (never the raw URL, which may hold identifiers). */
export function registerHttpMetrics(app: FastifyInstance, registry: client.Registry): void {
  const duration = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'not-found', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}
