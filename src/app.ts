import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import client from 'prom-client';
import type { Config } from './platform/config/config.ts';
import type { DatabaseHandle } from './platform/db/database.ts';
import { genRequestId, registerHttpPlatform } from './platform/http/platform.tsx';
import { collectRouteTable } from './platform/http/route-contract.ts';
import { frameworkErrorHandler } from './platform/http/framework-errors.tsx';
import { healthRoutes, registerHttpMetrics } from './platform/http/health.routes.ts';
import { assetRoutes } from './platform/http/assets.routes.ts';
import { registerOpenApi } from './platform/http/openapi.ts';
import { loggerOptions } from './platform/logging/logger.ts';
import { portalRoutes, portalNav } from './modules/portal/index.ts';
import { adminNav, adminRoutes } from './modules/admin/index.ts';
import { eServicesNav, eServicesRoutes } from './modules/e-services/index.ts';
import { transparencyRoutes } from './modules/rules/index.ts';
import { createSfiAutomation, type SfiPipeline } from './modules/sfi/index.ts';
import { sfiApplicationRoutes } from './modules/sfi/sfi-application.routes.ts';
import { sfiFormRoutes } from './modules/sfi/sfi-form.routes.tsx';
import { sfiFormNav } from './modules/sfi/sfi-form.nav.ts';
import { SFI_FORM_PATH, SFI_SERVICE } from './modules/sfi/index.ts';
import { bookingNav, bookingRoutes } from './modules/booking/index.ts';
import type { Jobs } from './platform/jobs/jobs.service.ts';
import type { Notifier } from './platform/mail/notifier.service.ts';
import { authRoutes } from './platform/auth/auth.routes.tsx';
import { devIdentityProvider, injectFetch } from './platform/auth/dev-idp.tsx';
import { claimMappingFrom, createOidcClients, type OidcClients } from './platform/auth/oidc.ts';

/** Everything the app needs, built by main.ts (or a test) — no container, no globals. */
export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  clock: () => Date;
  /** Enqueue jobs in a transaction (started, not necessarily working: ROLE=web only enqueues). */
  jobs: Jobs;
  /** E-mail and Teams notifications, delivered by jobs after the caller's transaction commits. */
  notifier: Notifier;
  /** The SFI automation pipeline (main.ts builds it so ROLE=worker has its jobs); built here when absent. */
  sfiPipeline?: SfiPipeline;
  /** Tests only: an identity provider stand-in that answers with chosen claims. Default: the configured OIDC clients. */
  oidc?: OidcClients;
  /** Where built CSS/JS live; tests may point at the same folder. */
  assetsDir?: string;
  /** Set by main.ts during graceful shutdown so /readyz turns 503 before the server closes. */
  isShuttingDown?: () => boolean;
  logger?: boolean;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database, clock } = deps;
  const app = Fastify({
    logger: deps.logger === false ? false : loggerOptions(config),
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
    nav: [portalNav, eServicesNav, sfiFormNav, bookingNav, adminNav(config)],
  });
  await registerOpenApi(app, config.BASE_URL);
  await app.register(healthRoutes, {
    db: database.db,
    registry,
    metricsToken: config.METRICS_TOKEN,
    isShuttingDown: deps.isShuttingDown ?? (() => false),
  });
  await app.register(assetRoutes, { dir: deps.assetsDir ?? 'public/build' });
  await app.register(portalRoutes, { config });
  await app.register(adminRoutes, { config, db: database.db, jobs: deps.jobs, clock });
  await app.register(transparencyRoutes, { clock });
  const sfiPipeline =
    deps.sfiPipeline ?? createSfiAutomation({ config, jobs: deps.jobs, notifier: deps.notifier, clock });
  if (!deps.sfiPipeline) await deps.jobs.start(); // creates the queues of the pipeline's jobs
  await app.register(sfiApplicationRoutes, {
    db: database.db,
    clock,
    startPipeline: sfiPipeline.start,
    notifier: deps.notifier,
    municipalityName: config.MUNICIPALITY_NAME,
  });
  await app.register(sfiFormRoutes, {
    db: database.db,
    clock,
    secureCookies: config.isProduction,
    startPipeline: sfiPipeline.start,
    notifier: deps.notifier,
    municipalityName: config.MUNICIPALITY_NAME,
    draftRetentionDays: config.DRAFT_RETENTION_DAYS,
  });
  // A caseworker's decision on an SFI case gets the same enrolment and letter as an automatic one (enqueued in their transaction).
  await app.register(eServicesRoutes, {
    config,
    db: database.db,
    notifier: deps.notifier,
    clock,
    onDecided: sfiPipeline.onDecided,
    draftPaths: { [SFI_SERVICE.id]: SFI_FORM_PATH },
  });
  await app.register(bookingRoutes, { config, db: database.db, clock, notifier: deps.notifier });
  // Sign-in. In dev mode the OIDC back-channel (discovery, token) reaches our own test IdP
  // through app.inject, so it needs no socket; the IdP is mounted only in dev mode.
  const oidc =
    deps.oidc ??
    createOidcClients(config, { fetch: config.AUTH_MODE === 'dev' ? injectFetch(app, config.BASE_URL) : undefined });
  await app.register(authRoutes, { config, db: database.db, oidc, claimMapping: claimMappingFrom(config) });
  if (config.AUTH_MODE === 'dev') await app.register(devIdentityProvider, { config });
  return app;
}
