import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

/**
 * Stateless double-submit CSRF protection: a random secret in an httpOnly cookie, and a token
 * (HMAC of that secret under the server key) in every form. Anonymous forms are covered too,
 * without a session row per visitor. API routes authenticate by bearer token only, so they
 * carry no ambient credentials and need no token.
 */
export const CSRF_COOKIE = 'smb_csrf';
export const CSRF_FIELD = '_csrf';

export function csrfTokenFor(secret: string, key: string): string {
  return createHmac('sha256', key).update(secret).digest('base64url');
}

export function issueCsrfToken(request: FastifyRequest, reply: FastifyReply, key: string, secure: boolean): string {
  let secret = request.cookies[CSRF_COOKIE];
  if (!secret || secret.length < 32) {
    secret = randomBytes(32).toString('base64url');
    reply.setCookie(CSRF_COOKIE, secret, { path: '/', httpOnly: true, sameSite: 'lax', secure });
    request.cookies[CSRF_COOKIE] = secret;
  }
  return csrfTokenFor(secret, key);
}

export function verifyCsrf(request: FastifyRequest, key: string): void {
  const secret = request.cookies[CSRF_COOKIE];
  // Runs for every unsafe route, before its schema: the body is whatever was sent (a form, JSON, nothing).
  const body = request.body;
  const field = typeof body === 'object' && body !== null && CSRF_FIELD in body ? body[CSRF_FIELD] : undefined;
  const sent = (typeof field === 'string' ? field : undefined) ?? request.headers['x-csrf-token'];
  if (!secret || typeof sent !== 'string') throw new AppError('CSRF_INVALID');
  const expected = Buffer.from(csrfTokenFor(secret, key));
  const actual = Buffer.from(sent);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) throw new AppError('CSRF_INVALID');
}
