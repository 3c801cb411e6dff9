import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { VNode } from 'preact';
import type { Config } from '../config/config.ts';
import type { Db, DatabaseHandle } from '../db/database.ts';
import { isAllowed, type Access, type User } from '../auth/roles.ts';
import {
  loadSession,
  newSessionId,
  saveSession,
  destroySession,
  SESSION_COOKIE,
  type SessionData,
} from '../auth/session.ts';
import { findUserByApiToken } from '../auth/tokens.ts';
import { ALL_LOCALES, STAFF_LOCALES, negotiateLocale, type Locale } from '../i18n/locales.ts';
import { answerOversizedBodies } from './oversized-body.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { isAnonymous, registerCachePolicy } from './cache-policy.ts';
import { RenderedPages } from './rendered-once.ts';
import { platformTranslator, type PlatformTranslator } from '../i18n/catalogs/index.ts';
import type { PageContext } from '../views/page-context.ts';
import { renderPage } from '../views/render.ts';
import { AppError, statusOf, type FieldError } from './errors.ts';
import { issueCsrfToken, verifyCsrf } from './csrf.ts';
import { fieldErrorsFrom, messageFor } from './validation.ts';
import { ErrorPage, titleOf } from './error-page.tsx';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route. Required on every route (checked at start-up and by a test). */
    access?: Access;
    /** Languages the page exists in; default: all seven for public/resident pages, sv/en for staff. */
    locales?: readonly Locale[];
  }
  interface FastifyRequest {
    user: User | null;
    locale: Locale;
    t: PlatformTranslator;
    session: { id: string | null; data: SessionData; dirty: boolean };
    /** Everything a page layout needs; issues a CSRF token. */
    pageContext(): PageContext;
    /** Replaces the session with a fresh one for this user (prevents session fixation). */
    signIn(user: User): void;
    signOut(): Promise<void>;
    flash(kind: 'success' | 'info', message: string): void;
  }
  interface FastifyReply {
    /** Sends a rendered page as HTML. */
    html(node: VNode, status?: number): FastifyReply;
    /**
     * Sends a page that, for an anonymous visitor, depends only on its URL, the language,
     * `variant` (e.g. the day) and the data named by `topics`: rendered once and served from
     * memory until that data changes (rendered-once.ts). `render` may read that data, and is
     * called only when the page is not kept. Anyone else gets it rendered as by html().
     */
    htmlOnce(
      page: string | HtmlOnceOptions,
      render: () => VNode | Promise<VNode>,
    ): FastifyReply | Promise<FastifyReply>;
  }
}

/** What a rendered-once page depends on besides its URL and language. */
export interface HtmlOnceOptions {
  /** E.g. the day, when what is in force changes with it. */
  variant?: string;
  /** The data the page shows, as services name it in notifyChanged (e.g. `e-service-settings:sfi`). */
  topics?: readonly string[];
}

export interface NavProvider {
  (user: User | null, t: PlatformTranslator, locale: Locale): { href: string; label: string }[];
}

export interface HttpPlatformOptions {
  config: Config;
  db: Db;
  clock: () => Date;
  nav: NavProvider[];
  /** Hears committed data changes from every process (DatabaseHandle.listenForChanges); kept pages are dropped by them. */
  listenForChanges: DatabaseHandle['listenForChanges'];
}

export function isApiPath(url: string): boolean {
  return url.startsWith('/api/v1/');
}

/** The languages a route's pages exist in (its `config.locales`, else by who may call it). */
export function localesFor(config: RouteOptions['config'] | undefined): readonly Locale[] {
  if (config?.locales) return config.locales;
  const access = config?.access;
  if (!access || access === 'public' || access === 'authenticated') return ALL_LOCALES;
  return access.roles.includes('resident') ? ALL_LOCALES : STAFF_LOCALES;
}

/** Sessions, locale, access control, CSRF, security headers, rate limits and error pages. */
export async function registerHttpPlatform(app: FastifyInstance, options: HttpPlatformOptions): Promise<void> {
  const { config, db, clock } = options;
  const secure = config.isProduction;
  const sessionTtlMs = config.SESSION_TTL_HOURS * 3600_000;

  // Every route must say who may call it: refuse to start otherwise (default deny).
  app.addHook('onRoute', (route) => {
    if (!route.config?.access) {
      throw new Error(
        `Route ${route.method} ${route.url} declares no access (config.access): every route must say who may call it.`,
      );
    }
  });

  // A body over a route's limit: the 413 reaches the client (no reset), Expect: 100-continue answered.
  answerOversizedBodies(app);

  await app.register(fastifyCookie, { secret: config.SESSION_SECRET });
  await app.register(fastifyFormbody, { bodyLimit: 1_048_576 });
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        mediaSrc: ["'self'"],
        ...(secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // For Internet Explorer 8's downloads and Flash/Acrobat's cross-domain files: neither exists
    // any more, and every header is work on every response.
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
  });
  await app.register(fastifyRateLimit, {
    max: config.RATE_LIMIT_MAX,
    timeWindow: 60_000,
    // Per person when signed in (session or token: the platform's onRequest hook has run), per
    // address only for anonymous requests: a whole administration sits behind one address.
    keyGenerator: (request) => (request.user ? `user:${request.user.id}` : `address:${request.ip}`),
    allowList: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics',
    errorResponseBuilder: () => new AppError('RATE_LIMITED'),
    // The limit's headers only on a 429 (with Retry-After). On other responses they were three
    // more headers each time, and a per-client counter inside public pages a shared cache keeps.
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
  });

  app.decorateRequest('user', null);
  app.decorateRequest('locale', 'sv');
  app.decorateRequest('t', null as unknown as PlatformTranslator);
  app.decorateRequest('session', null as unknown as FastifyRequest['session']);
  app.decorateRequest('pageContext', function (this: FastifyRequest) {
    const reply = (this as unknown as { _reply: FastifyReply })._reply;
    const flash = this.session.data.flash ?? [];
    if (flash.length > 0) {
      delete this.session.data.flash;
      this.session.dirty = true;
    }
    const locales = localesFor(this.routeOptions.config);
    let csrfToken: string | undefined;
    const issueToken = () => (csrfToken ??= issueCsrfToken(this, reply, config.SESSION_SECRET, secure));
    return {
      locale: this.locale,
      locales,
      t: this.t,
      user: this.user,
      // Issued (with its cookie, on a first visit) only when the page renders a form: a page
      // without one sets no cookie, so a shared cache may keep it (issue 14).
      get csrfToken() {
        return issueToken();
      },
      requestId: this.id,
      currentUrl: this.url,
      municipalityName: config.MUNICIPALITY_NAME,
      devMode: config.AUTH_MODE === 'dev',
      flash,
      nav: options.nav.flatMap((provide) => provide(this.user, this.t, this.locale)),
    };
  });
  app.decorateRequest('signIn', function (this: FastifyRequest, user: User) {
    this.session.id = null; // a new id is issued on send
    this.session.data = { userId: user.id, flash: this.session.data.flash };
    this.session.dirty = true;
    this.user = user;
  });
  app.decorateRequest('signOut', async function (this: FastifyRequest) {
    if (this.session.id) await destroySession(db, this.session.id);
    this.session = { id: null, data: {}, dirty: false };
    this.user = null;
  });
  app.decorateRequest('flash', function (this: FastifyRequest, kind: 'success' | 'info', message: string) {
    // Written in this request's language: the page that shows it may be in another (a staff page after sign-in).
    this.session.data.flash = [...(this.session.data.flash ?? []), { kind, message, lang: this.locale }];
    this.session.dirty = true;
  });
  app.decorateReply('html', function (this: FastifyReply, node: VNode, status = 200) {
    return this.status(status).type('text/html; charset=utf-8').send(renderPage(node));
  });
  const renderedPages = new RenderedPages();
  // Listening before the first request: a page kept before it could miss a change. Closed with the app.
  const listener = await options.listenForChanges({
    changed: (topic) => renderedPages.drop(topic),
    missed: () => renderedPages.dropAll(),
  });
  app.addHook('onClose', async () => listener.close());
  app.decorateReply(
    'htmlOnce',
    function (this: FastifyReply, page: string | HtmlOnceOptions, render: () => VNode | Promise<VNode>) {
      const request = this.request;
      const send = (sent: { html: string; etag: string | null }) => {
        if (sent.etag) this.header('etag', sent.etag);
        return this.status(200).type('text/html; charset=utf-8').send(sent.html);
      };
      if (!isAnonymous(request)) return Promise.resolve(render()).then((node) => this.html(node));
      const { variant = '', topics = [] } = typeof page === 'string' ? { variant: page } : page;
      // The URL as sent: the page's own links (the language switcher) are made from it.
      const key = [request.url, request.locale, variant].join('\u0000');
      const kept = renderedPages.get(key);
      if (kept) return send(kept);
      return renderedPages.getOrRender(key, async () => renderPage(await render()), topics).then(send);
    },
  );

  // Who is calling, in which language, and may they call this route?
  app.addHook('onRequest', async (request, reply) => {
    (request as unknown as { _reply: FastifyReply })._reply = reply;
    request.session = { id: null, data: {}, dirty: false };
    const api = isApiPath(request.url);
    if (api) {
      const header = request.headers.authorization;
      if (header?.startsWith('Bearer ')) {
        const user = await findUserByApiToken(db, header.slice(7).trim(), clock());
        if (!user) throw new AppError('UNAUTHENTICATED', 'The bearer token is unknown or revoked.');
        request.user = user;
      }
    } else {
      const sid = request.cookies[SESSION_COOKIE];
      if (sid) {
        const loaded = await loadSession(db, sid, clock());
        if (loaded) {
          request.session = { id: loaded.id, data: loaded.data, dirty: false };
          request.user = loaded.user;
        }
      }
    }
    // Every route, before its schema: the query as parsed from the URL, whatever it holds.
    const query = request.query;
    const requested = isPlainObject(query) && typeof query.lang === 'string' ? query.lang : undefined;
    const locales = localesFor(request.routeOptions.config);
    request.locale = negotiateLocale(
      { query: requested, cookie: request.cookies.smb_lang, acceptLanguage: request.headers['accept-language'] },
      locales,
    );
    if (requested && requested === request.locale && request.cookies.smb_lang !== requested) {
      reply.setCookie('smb_lang', requested, { path: '/', sameSite: 'lax', secure, maxAge: 365 * 86400 });
    }
    request.t = platformTranslator(request.locale);

    const access = request.routeOptions.config?.access;
    if (!access) return; // 404 handler and other routes Fastify owns
    if (!isAllowed(access, request.user)) {
      if (!request.user) {
        if (!api && request.method === 'GET') {
          return reply.redirect(`/auth/sign-in?returnTo=${encodeURIComponent(request.url)}`);
        }
        throw new AppError('UNAUTHENTICATED');
      }
      request.log.warn(
        { event: 'access.denied', route: request.routeOptions.url, userId: request.user.id },
        'access denied',
      );
      throw new AppError('FORBIDDEN');
    }
  });

  // Before schema validation: a forged request must get 403, not a 422 form with its input, and
  // zod strips the undeclared `_csrf` field from the validated body.
  app.addHook('preValidation', async (request) => {
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
    if (unsafe && !isApiPath(request.url)) verifyCsrf(request, config.SESSION_SECRET);
    // PostgreSQL cannot store U+0000 in text or jsonb: refused here for every route, so no
    // schema that forgets it can turn a NUL into a database error (500).
    for (const [context, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const field = nulField(value);
      if (field !== undefined) {
        throw new AppError('VALIDATION_FAILED', 'The request contains a NUL character.', {
          fields: [{ field: field || context, code: 'controlCharacters' }],
        });
      }
    }
  });

  // Persist session changes; rotate the id when someone signs in.
  app.addHook('onSend', async (request, reply, payload) => {
    const session = request.session;
    if (session?.dirty) {
      if (!session.id) {
        session.id = newSessionId();
      }
      await saveSession(db, session.id, session.data, new Date(clock().getTime() + sessionTtlMs));
      reply.setCookie(SESSION_COOKIE, session.id, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        maxAge: sessionTtlMs / 1000,
      });
    } else if (
      session &&
      !session.id &&
      request.cookies[SESSION_COOKIE] &&
      request.routeOptions.url === '/auth/sign-out'
    ) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    return payload;
  });

  // Cache-Control and ETag/304 on every response, after every hook that may set a cookie.
  await registerCachePolicy(app);

  app.setNotFoundHandler(async (request, reply) => {
    return sendError(request, reply, new AppError('NOT_FOUND'));
  });

  app.setErrorHandler(async (error, request, reply) => {
    return sendError(request, reply, toAppError(error));
  });

  function toAppError(error: unknown): AppError {
    if (error instanceof AppError) return error;
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = (error as { validationContext?: string }).validationContext;
      return new AppError('VALIDATION_FAILED', 'The request is not valid.', {
        fields: fieldErrorsFrom(error.validation, context),
      });
    }
    const e = error as { statusCode?: number; code?: string; validation?: unknown };
    if (e.validation) return new AppError('BAD_REQUEST');
    switch (e.statusCode) {
      case 400:
        return new AppError('BAD_REQUEST');
      case 404:
        return new AppError('NOT_FOUND');
      case 413:
        return new AppError('PAYLOAD_TOO_LARGE');
      case 415:
        return new AppError('UNSUPPORTED_MEDIA_TYPE');
      case 429:
        return new AppError('RATE_LIMITED');
      default:
        if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return new AppError('BAD_REQUEST');
        return new AppError('INTERNAL', 'Internal error', { cause: error });
    }
  }

  function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError) {
    const status = statusOf(error.code);
    if (status >= 500)
      request.log.error({ err: error.details.cause ?? error, requestId: request.id }, 'request failed');
    // The request may have failed before the platform's onRequest hook ran (e.g. body parsing).
    if (!request.t) {
      request.locale = negotiateLocale({
        cookie: request.cookies?.smb_lang,
        acceptLanguage: request.headers['accept-language'],
      });
      request.t = platformTranslator(request.locale);
      request.session ??= { id: null, data: {}, dirty: false };
      (request as unknown as { _reply: FastifyReply })._reply = reply;
    }
    if (error.code === 'RATE_LIMITED') reply.header('retry-after', '60');
    if (isApiPath(request.url)) {
      return reply
        .status(status)
        .type('application/problem+json')
        .send(problemOf(request, error, status));
    }
    return reply.html(<ErrorPage ctx={request.pageContext()} code={error.code} />, status);
  }

  function problemOf(request: FastifyRequest, error: AppError, status: number) {
    const fields: FieldError[] = error.details.fields ?? [];
    return {
      type: `urn:smorgasbord:error:${error.code.toLowerCase()}`,
      title: titleOf(request.t, error.code),
      status,
      detail: status >= 500 ? undefined : error.message !== error.code ? error.message : undefined,
      instance: request.url.split('?')[0],
      requestId: request.id,
      errors:
        fields.length > 0
          ? fields.map((f) => ({ field: f.field, code: f.code, message: f.message ?? messageFor(request.t, f) }))
          : undefined,
      // RFC 9457 extension members a module adds for API clients (e.g. a booking conflict's alternatives).
      ...(status < 500 && isPlainObject(error.details.problem) ? error.details.problem : {}),
    };
  }
}

/** The dotted path of the first string holding U+0000 in parsed input ('' for the input itself), if any. */
export function nulField(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  // Deeper structures than any form or API body of ours are refused by their schemas anyway.
  if (!value || typeof value !== 'object' || depth > 32 || Buffer.isBuffer(value)) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const itemPath = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return itemPath;
    const found = nulField(item, itemPath, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Request ids: honour a well-formed upstream id (load balancer), else a fresh UUID. */
export function genRequestId(req: { headers: Record<string, string | string[] | undefined> }): string {
  const upstream = req.headers['x-request-id'];
  return typeof upstream === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(upstream) ? upstream : randomUUID();
}
