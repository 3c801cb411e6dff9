import fastifyEtag from '@fastify/etag';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** How long a shared cache (nginx, Varnish) may serve a public page before it asks again. */
export const PUBLIC_PAGE_MAX_AGE_SECONDS = 30;
/** During an outage a cache may keep serving the last public page this long (crisis information). */
const STALE_IF_ERROR_SECONDS = 24 * 3600;

/**
 * Cache-Control on every response, chosen by what it is (issue 14), and a strong ETag with 304
 * on If-None-Match (@fastify/etag):
 * - a response that sets its own Cache-Control keeps it (assets, calendar feeds, the door);
 * - anything but a successful GET or HEAD: `no-store`;
 * - anything for a signed-in person, a session, a bearer token, or that sets a cookie:
 *   `private, no-cache` — a browser may keep it and revalidate it with its ETag, a shared cache
 *   never stores it;
 * - an API answer for nobody in particular: `no-cache` (revalidated, never personal);
 * - a public page for an anonymous visitor (start page, rules, transparency, catalogue):
 *   `public`, for PUBLIC_PAGE_MAX_AGE_SECONDS, varying by the cookies and languages that choose
 *   its language, so a cache in front of the platform can carry the load of a crisis.
 * Only routes whose access is `public` can be public: a page behind sign-in never is, whoever
 * asks.
 */
export async function registerCachePolicy(app: FastifyInstance): Promise<void> {
  await app.register(fastifyEtag, { algorithm: 'sha1' });
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.hasHeader('cache-control')) return payload;
    const policy = cachePolicyFor(request, reply);
    reply.header('cache-control', policy);
    if (policy.startsWith('public')) {
      const vary = String(reply.getHeader('vary') ?? '');
      reply.header('vary', [vary, 'Cookie', 'Accept-Language'].filter(Boolean).join(', '));
    }
    return payload;
  });
}

/**
 * A request for nobody in particular: no signed-in person, no session (nor one being made, nor a
 * flash waiting in it), no bearer token. Only such a request may get a shared or kept page.
 */
export function isAnonymous(request: FastifyRequest): boolean {
  return (
    request.user === null &&
    !request.session?.id &&
    !request.session?.dirty &&
    !(request.session?.data.flash?.length ?? 0) &&
    request.headers.authorization === undefined
  );
}

export function cachePolicyFor(request: FastifyRequest, reply: FastifyReply): string {
  const ok = reply.statusCode === 200 || reply.statusCode === 304;
  if ((request.method !== 'GET' && request.method !== 'HEAD') || !ok) return 'no-store';
  if (!isAnonymous(request) || reply.hasHeader('set-cookie')) return 'private, no-cache';
  if (request.url.startsWith('/api/v1/')) return 'no-cache';
  if (request.routeOptions.config?.access !== 'public') return 'private, no-cache';
  return `public, max-age=${PUBLIC_PAGE_MAX_AGE_SECONDS}, stale-if-error=${STALE_IF_ERROR_SECONDS}`;
}
