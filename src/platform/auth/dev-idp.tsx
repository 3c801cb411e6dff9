import { createHmac, generateKeyPair, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { CustomFetch } from 'openid-client';
import type { Adapter, AdapterPayload, Interaction, Provider } from 'oidc-provider';
import { z } from 'zod';
import type { Config } from '../config/config.ts';
import { CSRF_FIELD } from '../http/csrf.ts';
import { AppError } from '../http/errors.ts';
import { DEMO_USERS, type DemoUser } from '../seed/demo-users.ts';
import { DevIdpPage } from './auth.views.tsx';
import {
  AUDIENCES,
  callbackPath,
  DEV_IDP_PATH,
  devClientId,
  devClientSecret,
  devIssuer,
  type Audience,
} from './oidc.ts';

/**
 * The built-in test identity provider (AUTH_MODE=dev only): a real OpenID Provider
 * (oidc-provider, Koa-based) mounted on our Fastify server under /dev/idp, so the sign-in code
 * path in dev and tests is the production one — discovery, authorization code + PKCE, token
 * endpoint, ID token validation. Only the people are fake: the demo users.
 *
 * Mounting: two kinds of route live under /dev/idp.
 * - `/dev/idp/interaction/:uid…` are OUR routes: the user picker, rendered in the platform
 *   layout, its POSTs protected by the platform's CSRF check like every form.
 * - everything else (`/dev/idp/*`) is oidc-provider's own protocol endpoints. They are handed to
 *   `provider.callback()` in a route-level preParsing hook, before Fastify parses the body and
 *   before the platform's CSRF preHandler: oidc-provider reads the raw body itself, and its
 *   endpoints carry their own protection (client authentication at the token endpoint, which
 *   our server calls back-channel; signed cookies and state elsewhere), not our form token.
 *
 * State (interactions, codes, sessions) is in memory, one store per provider instance: dev is a
 * single process, and a restart simply means signing in again. Signing keys are generated at
 * boot; cookie keys and client secrets are derived from SESSION_SECRET.
 */
export interface DevIdpOptions {
  config: Config;
}

const AUDIENCE_BY_CLIENT = new Map(AUDIENCES.map((audience) => [devClientId(audience), audience]));

/** Demo users shown for a client: residents for the resident client, staff for the staff client. */
export function devUsersFor(audience: Audience): DemoUser[] {
  return DEMO_USERS.filter((user) => user.kind === audience);
}

/** The claims a real IdP of each kind would send: Entra-like for staff, e-ID-broker-like for residents. */
export function devClaimsOf(user: DemoUser): Record<string, unknown> {
  const [given, ...rest] = user.displayName.split(' ');
  const common = {
    sub: user.username,
    name: user.displayName,
    given_name: given,
    family_name: rest.join(' '),
    email: user.email,
    email_verified: true,
  };
  if (user.kind === 'resident') return { ...common, personal_number: user.personalNumber };
  return { ...common, preferred_username: user.username, roles: user.roles };
}

/** A small in-memory oidc-provider adapter; one store per provider, so test apps never share state. */
function memoryAdapterFactory(now: () => number = Date.now): (model: string) => Adapter {
  const store = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  const live = (key: string) => {
    const entry = store.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now()) {
      store.delete(key);
      return undefined;
    }
    return entry;
  };
  const prune = () => {
    for (const [key, entry] of store) if (entry.expiresAt <= now()) store.delete(key);
  };
  return (model) => ({
    async upsert(id, payload, expiresIn) {
      prune();
      store.set(`${model}:${id}`, {
        payload,
        expiresAt: typeof expiresIn === 'number' ? now() + expiresIn * 1000 : Number.POSITIVE_INFINITY,
      });
    },
    async find(id) {
      return live(`${model}:${id}`)?.payload;
    },
    async findByUid(uid) {
      for (const key of store.keys())
        if (key.startsWith(`${model}:`) && live(key)?.payload.uid === uid) return live(key)!.payload;
      return undefined;
    },
    async findByUserCode(userCode) {
      for (const key of store.keys())
        if (key.startsWith(`${model}:`) && live(key)?.payload.userCode === userCode) return live(key)!.payload;
      return undefined;
    },
    async consume(id) {
      const entry = live(`${model}:${id}`);
      if (entry) entry.payload.consumed = Math.floor(now() / 1000);
    },
    async destroy(id) {
      store.delete(`${model}:${id}`);
    },
    async revokeByGrantId(grantId) {
      for (const [key, entry] of store) if (entry.payload.grantId === grantId) store.delete(key);
    },
  });
}

async function createDevProvider(config: Config, log: FastifyInstance['log']): Promise<Provider> {
  // Loaded only in dev mode: production never loads the test IdP's code.
  const { default: OidcProvider } = await import('oidc-provider');
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256' };
  const cookieKey = createHmac('sha256', config.SESSION_SECRET).update('dev-idp cookie key').digest('base64url');

  const provider = new OidcProvider(devIssuer(config), {
    adapter: memoryAdapterFactory(),
    clients: AUDIENCES.map((audience) => ({
      client_id: devClientId(audience),
      client_secret: devClientSecret(config.SESSION_SECRET, audience),
      redirect_uris: [`${config.BASE_URL}${callbackPath(audience)}`],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_post',
    })),
    async findAccount(_ctx, id) {
      const user = DEMO_USERS.find((u) => u.username === id);
      return user && { accountId: user.username, claims: () => devClaimsOf(user) };
    },
    // Like the real ones: Entra sends `roles` and e-ID brokers the personal number with the sign-in itself.
    claims: {
      openid: ['sub', 'roles', 'personal_number'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
      email: ['email', 'email_verified'],
    },
    // Claims in the ID token itself, as Entra does, so the client needs no userinfo call.
    conformIdTokenClaims: false,
    cookies: { keys: [cookieKey] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `${DEV_IDP_PATH}/interaction/${interaction.uid}` },
    jwks: { keys: [signingKey] },
    pkce: { required: () => true },
    // Short lifetimes (seconds): a dev sign-in takes a minute, and nothing here should linger.
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 600,
      IdToken: 600,
      Interaction: 900,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
    // Errors that cannot go back to the client (an expired interaction, a bad request) land on
    // our sign-in page with a message instead of oidc-provider's bare error page.
    renderError(ctx, out) {
      const reason = out.error === 'invalid_request' || out.error === 'session_not_found' ? 'expired' : 'failed';
      ctx.redirect(`/auth/sign-in?error=${reason}`);
    },
  });
  provider.proxy = config.TRUST_PROXY;
  // Koa prints errors to stderr unless someone listens; log the kind of error, never its data.
  provider.on('error', (error) =>
    log.error({ event: 'dev-idp.error', error: (error as Error)?.name }, 'dev identity provider error'),
  );
  provider.on('server_error', (_ctx, error) =>
    log.error({ event: 'dev-idp.server_error', error: (error as Error)?.name }, 'dev identity provider error'),
  );
  return provider;
}

const uidParams = z.object({ uid: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const langQuery = z.object({ lang: z.string().max(10).optional() });
// For the quality harnesses: an interaction that does not exist, whose normal answer is "sign in again".
const INTERACTION_EXAMPLES = { params: { uid: 'no-such-interaction' } };

export const devIdentityProvider: FastifyPluginAsyncZod<DevIdpOptions> = async (app, options) => {
  const { config } = options;
  // Second guard after loadConfig's: this code must never serve in production.
  if (config.AUTH_MODE !== 'dev' || config.isProduction) {
    throw new Error('The dev identity provider runs only with AUTH_MODE=dev outside production.');
  }
  // oidc-provider's code and an RSA key cost about a quarter of a second of every dev start (and
  // their memory): made on the first request to the identity provider instead. A failure is
  // forgotten, so the next sign-in tries again.
  let made: Promise<{ provider: Provider; handle: ReturnType<Provider['callback']> }> | undefined;
  const devProvider = () =>
    (made ??= createDevProvider(config, app.log).then(
      (provider) => ({ provider, handle: provider.callback() }),
      (error: unknown) => {
        made = undefined;
        throw error;
      },
    ));

  /** The interaction of this request, if its cookie is valid and belongs to the uid in the path. */
  async function interactionOf(
    request: FastifyRequest,
    reply: FastifyReply,
    uid: string,
  ): Promise<{ interaction: Interaction; audience: Audience; provider: Provider } | undefined> {
    const { provider } = await devProvider();
    try {
      const interaction = await provider.interactionDetails(request.raw, reply.raw);
      const audience = AUDIENCE_BY_CLIENT.get(String(interaction.params.client_id));
      if (interaction.uid !== uid || !audience) return undefined;
      return { interaction, audience, provider };
    } catch {
      return undefined; // no or expired interaction cookie
    }
  }

  const expired = (reply: FastifyReply) => reply.redirect('/auth/sign-in?error=expired', 303);

  // The picker (login prompt); the consent prompt is granted at once for our own clients.
  app.get(
    `${DEV_IDP_PATH}/interaction/:uid`,
    {
      config: { access: 'public', examples: INTERACTION_EXAMPLES },
      schema: { params: uidParams, querystring: langQuery },
    },
    async (request, reply) => {
      const { uid } = request.params;
      const found = await interactionOf(request, reply, uid);
      if (!found) return expired(reply);
      const { interaction, audience, provider } = found;
      if (interaction.prompt.name === 'consent') {
        const accountId = interaction.session?.accountId;
        if (!accountId) return expired(reply);
        const grant = interaction.grantId
          ? await provider.Grant.find(interaction.grantId)
          : new provider.Grant({ accountId, clientId: devClientId(audience) });
        if (!grant) return expired(reply);
        const details = interaction.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
        if (details.missingOIDCScope?.length) grant.addOIDCScope(details.missingOIDCScope.join(' '));
        if (details.missingOIDCClaims?.length) grant.addOIDCClaims(details.missingOIDCClaims);
        const grantId = await grant.save();
        const returnTo = await found.provider.interactionResult(
          request.raw,
          reply.raw,
          { consent: { grantId } },
          { mergeWithLastSubmission: true },
        );
        return reply.redirect(returnTo, 303);
      }
      reply.header('cache-control', 'no-store');
      return reply.html(
        <DevIdpPage ctx={request.pageContext()} uid={uid} audience={audience} users={devUsersFor(audience)} />,
      );
    },
  );

  const loginBody = z.object({ [CSRF_FIELD]: z.string().optional(), username: z.string().max(64) });
  app.post(
    `${DEV_IDP_PATH}/interaction/:uid/login`,
    {
      config: { access: 'public', examples: { ...INTERACTION_EXAMPLES, body: { username: 'amina' } } },
      schema: { params: uidParams, body: loginBody },
    },
    async (request, reply) => {
      const { uid } = request.params;
      const { username } = request.body;
      const found = await interactionOf(request, reply, uid);
      if (!found) return expired(reply);
      // Only a user of the client's audience: a resident can never come out of the staff client.
      const user = devUsersFor(found.audience).find((u) => u.username === username);
      if (!user) throw new AppError('BAD_REQUEST', 'not a test user of this client');
      const returnTo = await found.provider.interactionResult(
        request.raw,
        reply.raw,
        { login: { accountId: user.username, remember: false } },
        { mergeWithLastSubmission: false },
      );
      return reply.redirect(returnTo, 303);
    },
  );

  const abortBody = z.object({ [CSRF_FIELD]: z.string().optional() });
  app.post(
    `${DEV_IDP_PATH}/interaction/:uid/abort`,
    { config: { access: 'public', examples: INTERACTION_EXAMPLES }, schema: { params: uidParams, body: abortBody } },
    async (request, reply) => {
      const { uid } = request.params;
      const found = await interactionOf(request, reply, uid);
      if (!found) return expired(reply);
      const returnTo = await found.provider.interactionResult(
        request.raw,
        reply.raw,
        { error: 'access_denied', error_description: 'The person cancelled the sign-in.' },
        { mergeWithLastSubmission: false },
      );
      return reply.redirect(returnTo, 303);
    },
  );

  // oidc-provider's protocol endpoints: discovery, authorization, token, jwks, userinfo, end session.
  app.route({
    method: ['GET', 'POST', 'HEAD', 'OPTIONS'],
    url: `${DEV_IDP_PATH}/*`,
    config: { access: 'public', examples: { params: { '*': '.well-known/openid-configuration' } } },
    preParsing: async (request, reply) => {
      const raw = request.raw as typeof request.raw & { originalUrl?: string };
      // oidc-provider routes relative to its mount point and finds the mount path in originalUrl.
      raw.originalUrl = raw.url;
      raw.url = raw.url!.slice(DEV_IDP_PATH.length) || '/';
      const { handle } = await devProvider();
      reply.hijack();
      await new Promise<void>((resolve) => {
        reply.raw.once('finish', resolve);
        reply.raw.once('close', resolve);
        void handle(raw, reply.raw);
      });
    },
    // Never reached: the preParsing hook has hijacked the reply and handed it to oidc-provider.
    handler: async (_request, reply) => reply,
  });
};

/**
 * A fetch for openid-client's back-channel calls in dev mode: requests to our own dev IdP go
 * through `app.inject`, so sign-in works with no listening socket (tests) and without the
 * server calling itself over the network (dev). Anything else is refused: in dev mode the
 * only identity provider is our own.
 */
export function injectFetch(app: FastifyInstance, baseUrl: string): CustomFetch {
  const base = new URL(baseUrl);
  return async (url, options) => {
    const target = new URL(url);
    const ours =
      target.origin === base.origin &&
      (target.pathname === DEV_IDP_PATH || target.pathname.startsWith(`${DEV_IDP_PATH}/`));
    if (!ours)
      throw new TypeError(
        `dev mode talks only to its own identity provider at ${base.origin}${DEV_IDP_PATH}, not ${target.origin}`,
      );
    const headers: Record<string, string> = { ...options.headers, host: base.host };
    const body =
      options.body == null ? undefined : Buffer.from(await new Response(options.body as BodyInit).arrayBuffer());
    const response = await app.inject({
      method: options.method as 'GET' | 'POST',
      url: `${target.pathname}${target.search}`,
      headers,
      ...(body ? { payload: body } : {}),
    });
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [String(value)]) responseHeaders.append(name, item);
    }
    const bodyless = [101, 204, 205, 304].includes(response.statusCode);
    return new Response(bodyless ? null : new Uint8Array(response.rawPayload), {
      status: response.statusCode,
      headers: responseHeaders,
    });
  };
}
