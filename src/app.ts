import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import client from 'prom-client';
import type { Config } from './platform/config/config.ts';
import { projectRoot } from './platform/config/project-root.ts';
import type { DatabaseHandle } from './platform/db/database.ts';
import { genRequestId, registerHttpPlatform } from './platform/http/platform.tsx';
import { collectRouteTable } from './platform/http/route-contract.ts';
import { frameworkErrorHandler } from './platform/http/framework-errors.tsx';
import { healthRoutes, registerHttpMetrics } from './platform/http/health.routes.ts';
import { assetRoutes } from './platform/http/assets.routes.ts';
import { registerOpenApi } from './platform/http/openapi.ts';
import { loggerOptions } from './platform/logging/logger.ts';
import type { ModuleParts } from './platform/module.ts';
import { authRoutes } from './platform/auth/auth.routes.tsx';
import { devIdentityProvider, injectFetch } from './platform/auth/dev-idp.tsx';
import { claimMappingFrom, createOidcClients, type OidcClients } from './platform/auth/oidc.ts';

/** Everything the app needs, built by main.ts (or a test) — no container, no globals. */
export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  clock: () => Date;
  /**
   * Every module's parts for this process (platform/module.ts setUpModules: main.ts and
   * createTestApp set the modules up once, register their jobs, then build the app).
   */
  modules: readonly ModuleParts[];
  /** Tests only: an identity provider stand-in that answers with chosen claims. Default: the configured OIDC clients. */
  oidc?: OidcClients;
  /** Where built CSS/JS live; tests may point at the same folder. */
  assetsDir?: string;
  /** Set by main.ts during graceful shutdown so /readyz turns 503 before the server closes. */
  isShuttingDown?: () => boolean;
  logger?: boolean;
  /** Tests only: where the log goes (default: the process's asynchronous standard output). */
  logStream?: DestinationStream;
}

/** The app as buildApp makes it: a route's request parts are typed by its zod schemas. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, database, clock } = deps;
  const app = Fastify({
    logger: deps.logger === false ? false : loggerOptions(config, deps.logStream),
    // One line per request (written on the response, with its status and time), not two.
    disableRequestLogging: true,
    genReqId: genRequestId,
    requestIdHeader: false,
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1_048_576,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Paths the router refuses (bad escapes, over-long parameters) get the platform's error page, not Fastify's JSON.
    frameworkErrors: frameworkErrorHandler(config),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // First, so every route is recorded: the quality harnesses are driven by this table.
  collectRouteTable(app);
  // The request line holds only what the serialisers take from it (method, path without its
  // query, id, status) and the time: nothing the redaction looks for. Redaction would walk every
  // such line for its wildcard paths, about 4 % of serving a kept page; lines a handler logs
  // through request.log are still redacted.
  const requestLine = app.log.child({}, { redact: [] });
  app.addHook('onResponse', async (request, reply) => {
    requestLine.info(
      { reqId: request.id, req: request, res: reply, responseTime: Math.round(reply.elapsedTime * 10) / 10 },
      'request completed',
    );
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    return payload;
  });

  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  registerHttpMetrics(app, registry);

  await registerHttpPlatform(app, {
    config,
    db: database.db,
    clock,
    nav: deps.modules.flatMap((parts) => (parts.nav ? [parts.nav] : [])),
    listenForChanges: (handlers) => database.listenForChanges(handlers),
  });
  await registerOpenApi(app, config.BASE_URL);
  await app.register(healthRoutes, {
    db: database.db,
    registry,
    metricsToken: config.METRICS_TOKEN,
    isShuttingDown: deps.isShuttingDown ?? (() => false),
  });
  await app.register(assetRoutes, { dir: deps.assetsDir ?? join(projectRoot, 'public', 'build') });
  for (const parts of deps.modules) if (parts.routes) await app.register(parts.routes);
  // Sign-in. In dev mode the OIDC back-channel (discovery, token) reaches our own test IdP
  // through app.inject, so it needs no socket; the IdP is mounted only in dev mode.
  const oidc =
    deps.oidc ??
    createOidcClients(config, { fetch: config.AUTH_MODE === 'dev' ? injectFetch(app, config.BASE_URL) : undefined });
  await app.register(authRoutes, { config, db: database.db, oidc, claimMapping: claimMappingFrom(config) });
  if (config.AUTH_MODE === 'dev') await app.register(devIdentityProvider, { config });
  return app;
}
