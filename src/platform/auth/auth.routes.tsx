import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config/config.ts';
import type { Db } from '../db/database.ts';
import { CSRF_FIELD } from '../http/csrf.ts';
import { SignInPage } from './auth.views.tsx';
import {
  AUDIENCES,
  identityFromClaims,
  safeReturnTo,
  SIGN_IN_ERRORS,
  SignInError,
  type Audience,
  type ClaimMappingOptions,
  type OidcClients,
  type SignInErrorReason,
} from './oidc.ts';
import { ROLES } from './roles.ts';
import { destroySession } from './session.ts';
import { signInFromIdentity } from './sign-in.service.ts';

export interface AuthRoutesOptions {
  config: Config;
  db: Db;
  oidc: OidcClients;
  claimMapping?: ClaimMappingOptions;
}

const signInQuery = z.object({
  // Unknown values are ignored rather than refused: these come from links, not forms.
  audience: z.enum(AUDIENCES).optional().catch(undefined),
  returnTo: z.string().max(2000).optional().catch(undefined),
  error: z.enum(SIGN_IN_ERRORS).optional().catch(undefined),
  lang: z.string().max(10).optional(),
});
const audienceParams = z.object({ audience: z.enum(AUDIENCES) });
const startQuery = z.object({
  returnTo: z.string().max(2000).optional().catch(undefined),
  lang: z.string().max(10).optional(),
});
// The callback's parameters are validated by openid-client from the raw URL; this only types them.
const callbackQuery = z
  .object({
    code: z.string().optional(),
    state: z.string().optional(),
    iss: z.string().optional(),
    error: z.string().optional(),
    error_description: z.string().optional(),
  })
  .catchall(z.unknown());
const signOutBody = z.object({ [CSRF_FIELD]: z.string().optional() });
const meResponse = z.object({
  id: z.string().describe('User id (UUID).'),
  username: z.string(),
  roles: z.array(z.enum(ROLES)),
});

function signInUrl(audience: Audience, reason: SignInErrorReason, returnTo: string): string {
  const query = new URLSearchParams({ audience, error: reason });
  if (returnTo !== '/') query.set('returnTo', returnTo);
  return `/auth/sign-in?${query}`;
}

/** Why it failed, for the log: error class and code names only — never claims or tokens. */
function failureLog(audience: Audience, error: unknown) {
  const cause = error instanceof SignInError ? error.cause : error;
  return {
    event: 'sign-in.failed',
    audience,
    reason: error instanceof SignInError ? error.reason : 'failed',
    error: (cause as { name?: string } | undefined)?.name,
    code: (cause as { code?: string } | undefined)?.code,
  };
}

/** Sign-in page, the OIDC start and callback per audience, sign-out, and `GET /api/v1/me`. */
export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, options) => {
  const { config, db, oidc } = options;

  app.get(
    '/auth/sign-in',
    { config: { access: 'public' }, schema: { querystring: signInQuery } },
    async (request, reply) => {
      const query = request.query;
      reply.header('cache-control', 'no-store');
      return reply.html(
        <SignInPage
          ctx={request.pageContext()}
          returnTo={safeReturnTo(query.returnTo)}
          audience={query.audience}
          error={query.error}
        />,
      );
    },
  );

  app.get(
    '/auth/oidc/:audience/start',
    {
      config: { access: 'public', examples: { params: { audience: 'resident' }, query: { returnTo: '/' } } },
      schema: { params: audienceParams, querystring: startQuery },
    },
    async (request, reply) => {
      const { audience } = request.params;
      const returnTo = safeReturnTo(request.query.returnTo);
      reply.header('cache-control', 'no-store');
      try {
        const { url, pending } = await oidc.begin(audience, returnTo, request.locale);
        // A new start replaces an unfinished one (the old tab's callback then fails safely).
        request.session.data.pendingLogin = pending;
        request.session.dirty = true;
        return reply.redirect(url.href, 303);
      } catch (error) {
        if (!(error instanceof SignInError)) throw error;
        request.log.warn(failureLog(audience, error), 'sign-in could not start');
        return reply.redirect(signInUrl(audience, error.reason, returnTo), 303);
      }
    },
  );

  app.get(
    '/auth/oidc/:audience/callback',
    // Without a pending sign-in in the session, the callback's normal answer is "start again".
    {
      config: {
        access: 'public',
        examples: { params: { audience: 'resident' }, query: { code: 'example-code', state: 'example-state' } },
      },
      schema: { params: audienceParams, querystring: callbackQuery },
    },
    async (request, reply) => {
      const { audience } = request.params;
      reply.header('cache-control', 'no-store');
      const pending = request.session.data.pendingLogin;
      // One attempt per pending login, successful or not: a replayed callback finds nothing.
      delete request.session.data.pendingLogin;
      request.session.dirty = true;
      try {
        if (!pending || pending.audience !== audience)
          throw new SignInError('expired', 'no pending sign-in for this audience in the session');
        const claims = await oidc.complete(pending, new URL(request.url, config.BASE_URL));
        const user = await signInFromIdentity(db, identityFromClaims(audience, claims, options.claimMapping));
        // The pre-sign-in session (and any id someone may have planted) dies here; signIn issues a new id.
        if (request.session.id) await destroySession(db, request.session.id);
        request.signIn(user);
        request.flash('success', request.t.t('signIn.welcome', { name: user.displayName }));
        request.log.info({ event: 'sign-in', audience, userId: user.id }, 'signed in');
        return reply.redirect(safeReturnTo(pending.returnTo), 303);
      } catch (error) {
        // Names and codes only, even for unexpected errors: a database error's detail can quote
        // the personal identity number being saved.
        if (error instanceof SignInError) request.log.warn(failureLog(audience, error), 'sign-in failed');
        else request.log.error(failureLog(audience, error), 'unexpected error in sign-in callback');
        await forgetAnonymousSession(request);
        const reason = error instanceof SignInError ? error.reason : 'failed';
        return reply.redirect(signInUrl(audience, reason, safeReturnTo(pending?.returnTo)), 303);
      }
    },
  );

  app.post(
    '/auth/sign-out',
    { config: { access: 'public' }, schema: { body: signOutBody } },
    async (request, reply) => {
      if (request.user) request.log.info({ event: 'sign-out', userId: request.user.id }, 'signed out');
      await request.signOut();
      return reply.redirect('/?signed-out=1', 303);
    },
  );

  app.get(
    '/api/v1/me',
    {
      config: { access: 'authenticated' },
      schema: {
        summary: 'The user the API token belongs to',
        description: 'Who the bearer token authenticates as: user id, username and roles. Useful to check a token.',
        tags: ['identity'],
        querystring: z.object({}),
        response: { 200: meResponse },
      },
    },
    async (request) => {
      const user = request.user!;
      return { id: user.id, username: user.username, roles: user.roles };
    },
  );
};

/** A failed sign-in leaves no session behind, unless someone was already signed in. */
async function forgetAnonymousSession(request: FastifyRequest): Promise<void> {
  if (!request.session.data.userId) await request.signOut();
}
