import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config/config.ts';
import { platformTranslator } from '../i18n/catalogs/index.ts';
import { ALL_LOCALES, negotiateLocale } from '../i18n/locales.ts';
import { renderPage } from '../views/render.ts';
import { ErrorPage, titleOf } from './error-page.tsx';
import type { ErrorCode } from './errors.ts';
import { statusOf } from './errors.ts';

/**
 * Answers for requests Fastify's router refuses before any hook or error handler runs: a path
 * whose percent-escapes do not decode (`/cases/%FF`) or a parameter over `maxParamLength`.
 * Without this, Fastify answers those with its own JSON; a person who mistypes or pastes a broken
 * link must get the same friendly page in their language as any other bad request, and an API
 * client problem+json. Such a request is served by no route: no session, no user, no CSRF token
 * (nothing to submit), so the page is built from the headers alone; the security headers that
 * helmet adds to routed answers are set here, as strict.
 */
export function frameworkErrorHandler(config: Config) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const code: ErrorCode =
      error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'BAD_REQUEST' : 'INTERNAL';
    const status = statusOf(code);
    if (status >= 500) request.log.error({ err: error, requestId: request.id }, 'request failed in the router');
    const cookieLang = /(?:^|;\s*)smb_lang=([a-z]{2})(?:;|$)/.exec(request.headers.cookie ?? '')?.[1];
    const locale = negotiateLocale({ cookie: cookieLang, acceptLanguage: request.headers['accept-language'] });
    const t = platformTranslator(locale);
    reply
      .header('x-request-id', request.id)
      .header('x-content-type-options', 'nosniff')
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'strict-origin-when-cross-origin')
      .header(
        'content-security-policy',
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
      )
      .header('cache-control', 'no-store')
      .status(status);
    // The raw URL may not even decode: compare undecoded text only.
    if (request.raw.url?.startsWith('/api/v1/')) {
      reply.type('application/problem+json').send({
        type: `urn:smorgasbord:error:${code.toLowerCase()}`,
        title: titleOf(t, code),
        status,
        requestId: request.id,
      });
      return;
    }
    const ctx = {
      locale,
      locales: ALL_LOCALES,
      t,
      user: null,
      csrfToken: '',
      requestId: request.id,
      // The broken URL is not a page to switch language on or return to after signing in.
      currentUrl: '/',
      municipalityName: config.MUNICIPALITY_NAME,
      devMode: config.AUTH_MODE === 'dev',
      flash: [],
      nav: [],
    };
    reply.type('text/html; charset=utf-8').send(renderPage(<ErrorPage ctx={ctx} code={code} />));
  };
}
