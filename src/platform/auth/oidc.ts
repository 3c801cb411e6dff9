import { createHmac } from 'node:crypto';
import * as client from 'openid-client';
import type { Config } from '../config/config.ts';
import type { Locale } from '../i18n/locales.ts';
import { ROLES, STAFF_ROLES, type Role, type StaffRole } from './roles.ts';
import type { SessionData } from './session.ts';

/**
 * OpenID Connect sign-in (authorization code flow + PKCE + state + nonce) with two separate
 * clients: staff (the municipality's Entra ID) and residents (an e-ID broker for BankID/Freja).
 * With AUTH_MODE=dev both clients talk to the built-in test identity provider (dev-idp.tsx)
 * under `${BASE_URL}/dev/idp` instead.
 *
 * Discovery is lazy — on the first sign-in of each audience, never at start-up — and cached;
 * a failed discovery is forgotten so the next sign-in tries again.
 *
 * Back-channel calls (discovery, token) go through `fetch`, which can be swapped: in dev mode
 * app.ts routes them to our own dev IdP with `app.inject` (see `injectFetch` in dev-idp.tsx),
 * so no socket is needed — the same path works under `app.inject` in tests and when listening.
 */
export const AUDIENCES = ['resident', 'staff'] as const;
export type Audience = (typeof AUDIENCES)[number];
export type PendingLogin = NonNullable<SessionData['pendingLogin']>;

/** Where the built-in test identity provider lives (AUTH_MODE=dev only). */
export const DEV_IDP_PATH = '/dev/idp';

export function devIssuer(config: Config): string {
  return `${config.BASE_URL}${DEV_IDP_PATH}`;
}

export function devClientId(audience: Audience): string {
  return `smorgasbord-${audience}`;
}

/** Dev client secrets are derived from SESSION_SECRET, so the dev IdP and the client agree without configuration. */
export function devClientSecret(sessionSecret: string, audience: Audience): string {
  return createHmac('sha256', sessionSecret).update(`dev-idp client secret ${audience}`).digest('base64url');
}

export function callbackPath(audience: Audience): string {
  return `/auth/oidc/${audience}/callback`;
}

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scope: string;
  /** Dev only: ask the test IdP to show its user picker every time, so testers can switch users. */
  forceLogin: boolean;
}

/**
 * Scopes per audience. Entra puts `roles` (app roles) in the ID token without a scope; e-ID
 * brokers release the personal identity number with the sign-in itself (the dev IdP mirrors both).
 */
const SCOPES: Record<Audience, string> = { staff: 'openid profile email', resident: 'openid profile' };

export function oidcSettings(config: Config, audience: Audience): OidcSettings {
  const redirectUri = `${config.BASE_URL}${callbackPath(audience)}`;
  if (config.AUTH_MODE === 'dev') {
    return {
      issuer: new URL(devIssuer(config)),
      clientId: devClientId(audience),
      clientSecret: devClientSecret(config.SESSION_SECRET, audience),
      redirectUri,
      scope: SCOPES[audience],
      forceLogin: true,
    };
  }
  const prefix = audience === 'staff' ? 'STAFF' : 'RESIDENT';
  const issuer = config[`${prefix}_OIDC_ISSUER`];
  const clientId = config[`${prefix}_OIDC_CLIENT_ID`];
  const clientSecret = config[`${prefix}_OIDC_CLIENT_SECRET`];
  // loadConfig refuses AUTH_MODE=oidc without these; this guards code paths that bypass it.
  if (!issuer || !clientId || !clientSecret)
    throw new Error(`${prefix}_OIDC_ISSUER, _CLIENT_ID and _CLIENT_SECRET are required when AUTH_MODE=oidc.`);
  return { issuer: new URL(issuer), clientId, clientSecret, redirectUri, scope: SCOPES[audience], forceLogin: false };
}

/** Why a sign-in did not complete; each reason has its own message on the sign-in page. */
export const SIGN_IN_ERRORS = ['failed', 'denied', 'expired', 'unavailable', 'account'] as const;
export type SignInErrorReason = (typeof SIGN_IN_ERRORS)[number];

export class SignInError extends Error {
  constructor(
    public readonly reason: SignInErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SignInError';
  }
}

export interface OidcClients {
  /** The authorization URL to redirect to, and the pending login to keep in the server-side session. */
  begin(audience: Audience, returnTo: string, locale?: Locale): Promise<{ url: URL; pending: PendingLogin }>;
  /** Validates the callback (state, PKCE, nonce, issuer) and returns the ID token's claims. */
  complete(pending: PendingLogin, callbackUrl: URL): Promise<client.IDToken>;
}

export interface OidcClientOptions {
  /** Replaces the global fetch for back-channel calls (dev mode: requests to our own dev IdP). */
  fetch?: client.CustomFetch | undefined;
}

export function createOidcClients(config: Config, options: OidcClientOptions = {}): OidcClients {
  const discovered = new Map<Audience, Promise<client.Configuration>>();

  function configurationFor(audience: Audience): Promise<client.Configuration> {
    let pending = discovered.get(audience);
    if (!pending) {
      const settings = oidcSettings(config, audience);
      // Plain http only for a dev issuer outside production (the dev IdP on http://localhost).
      const insecure = settings.issuer.protocol === 'http:' && !config.isProduction;
      pending = client
        .discovery(
          settings.issuer,
          settings.clientId,
          { client_secret: settings.clientSecret },
          client.ClientSecretPost(settings.clientSecret),
          {
            execute: insecure ? [client.allowInsecureRequests] : [],
            ...(options.fetch ? { [client.customFetch]: options.fetch } : {}),
          },
        )
        .then((configuration) => {
          configuration.timeout = 15;
          return configuration;
        });
      discovered.set(audience, pending);
      // Forget a failure so the next sign-in retries instead of failing until restart.
      pending.catch(() => discovered.delete(audience));
    }
    return pending;
  }

  return {
    async begin(audience, returnTo, locale) {
      let configuration: client.Configuration;
      try {
        configuration = await configurationFor(audience);
      } catch (cause) {
        throw new SignInError('unavailable', `discovery of the ${audience} identity provider failed`, { cause });
      }
      const settings = oidcSettings(config, audience);
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const parameters: Record<string, string> = {
        redirect_uri: settings.redirectUri,
        scope: settings.scope,
        state,
        nonce,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      };
      if (locale) parameters.ui_locales = locale;
      if (settings.forceLogin) parameters.prompt = 'login';
      return {
        url: client.buildAuthorizationUrl(configuration, parameters),
        pending: { audience, state, nonce, codeVerifier, returnTo },
      };
    },

    async complete(pending, callbackUrl) {
      let configuration: client.Configuration;
      try {
        configuration = await configurationFor(pending.audience);
      } catch (cause) {
        throw new SignInError('unavailable', `discovery of the ${pending.audience} identity provider failed`, {
          cause,
        });
      }
      try {
        const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims) throw new SignInError('failed', 'the token response had no ID token');
        return claims;
      } catch (error) {
        if (error instanceof SignInError) throw error;
        if (error instanceof client.AuthorizationResponseError) {
          // The IdP redirected back with an error: the person cancelled, or the IdP refused.
          const denied =
            error.error === 'access_denied' || error.error === 'login_required' || error.error === 'consent_required';
          throw new SignInError(denied ? 'denied' : 'failed', `the identity provider answered ${error.error}`, {
            cause: error,
          });
        }
        throw new SignInError('failed', 'the authorization response did not validate', { cause: error });
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Claims → user

/** Who signed in, as our user table needs it. `subject` is namespaced per audience. */
export interface SignInIdentity {
  kind: Audience;
  /** `staff:<sub>` or `resident:<sub>`: an IdP subject never collides with the other IdP's. */
  subject: string;
  /** Staff: the work account's username (UPN). Residents get a generated one on first sign-in. */
  usernameHint: string | null;
  displayName: string | null;
  roles: Role[];
  email: string | null;
  personalNumber: string | null;
}

export { STAFF_ROLES, type StaffRole } from './roles.ts';

export interface ClaimMappingOptions {
  /**
   * Entra group object id (or name) → role, for tenants that manage access with security groups
   * (the ID token's `groups` claim, enabled in the app registration's token configuration).
   * Matched case-insensitively. Set from OIDC_GROUP_ROLES (see `claimMappingFrom`).
   */
  groupRoles?: Readonly<Record<string, StaffRole>>;
}

/** The claim mapping a deployment configures: OIDC_GROUP_ROLES (already validated by loadConfig). */
export function claimMappingFrom(config: Pick<Config, 'OIDC_GROUP_ROLES'>): ClaimMappingOptions {
  return { groupRoles: config.OIDC_GROUP_ROLES };
}

/**
 * Claim names that carry a Swedish personal identity number, by broker. `personal_number` is what
 * our dev IdP sends; the URI is the Swedish OIDC profile's (Sweden Connect / id.oidc.se).
 */
export const PERSONAL_NUMBER_CLAIMS = [
  'personal_number',
  'personnummer',
  'personal_identity_number',
  'https://id.oidc.se/claim/personalIdentityNumber',
] as const;

function text(value: unknown, max = 200): string | null {
  if (typeof value !== 'string') return null;
  // eslint-disable-next-line no-control-regex
  const cleaned = value.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return cleaned.length > 0 && cleaned.length <= max ? cleaned : null;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** 12 digits (YYYYMMDDNNNN) with a valid Luhn check digit over the last ten; samordningsnummer (day + 60) pass too. */
export function isValidPersonalNumber(value: string): boolean {
  if (!/^\d{12}$/.test(value)) return false;
  const month = Number(value.slice(4, 6));
  const day = Number(value.slice(6, 8));
  const calendarDay = day > 60 ? day - 60 : day;
  if (month < 1 || month > 12 || calendarDay < 1 || calendarDay > 31) return false;
  let sum = 0;
  for (const [i, ch] of [...value.slice(2)].entries()) {
    let d = Number(ch) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Maps verified ID-token claims to an identity. Staff: every work account is an `employee`;
 * further roles come from the Entra `roles` claim (app roles whose *value* is one of
 * `caseworker`, `civic-lab`, `admin`, matched case-insensitively; unknown values are ignored)
 * and, optionally, from `groups` through `groupRoles`. Residents: role `resident` only, and a
 * valid personal identity number is required.
 */
export function identityFromClaims(
  audience: Audience,
  claims: client.IDToken,
  options: ClaimMappingOptions = {},
): SignInIdentity {
  const sub = text(claims.sub, 255);
  if (!sub) throw new SignInError('account', 'the ID token has no usable sub claim');
  const given = text(claims.given_name);
  const family = text(claims.family_name);
  const displayName = text(claims.name) ?? ([given, family].filter(Boolean).join(' ') || null);
  const email = text(claims.email, 320);

  if (audience === 'resident') {
    const raw = PERSONAL_NUMBER_CLAIMS.map((name) => claims[name]).find((v) => typeof v === 'string') as
      string | undefined;
    const personalNumber = raw?.replace(/[-+\s]/g, '');
    if (!personalNumber || !isValidPersonalNumber(personalNumber)) {
      throw new SignInError('account', 'the e-ID sign-in gave no valid personal identity number');
    }
    return {
      kind: 'resident',
      subject: `resident:${sub}`,
      usernameHint: null,
      displayName,
      roles: ['resident'],
      email,
      personalNumber,
    };
  }

  const username = (text(claims.preferred_username) ?? text(claims.upn) ?? email)?.toLowerCase() ?? null;
  if (!username) throw new SignInError('account', 'the work account has no preferred_username, upn or email claim');
  const granted = new Set<Role>(['employee']);
  for (const value of strings(claims.roles)) {
    const role = STAFF_ROLES.find((r) => r === value.toLowerCase());
    if (role) granted.add(role);
  }
  if (options.groupRoles) {
    const groupRoles = new Map(Object.entries(options.groupRoles).map(([group, role]) => [group.toLowerCase(), role]));
    for (const group of strings(claims.groups)) {
      const role = groupRoles.get(group.toLowerCase());
      if (role) granted.add(role);
    }
  }
  return {
    kind: 'staff',
    subject: `staff:${sub}`,
    usernameHint: username,
    displayName,
    roles: ROLES.filter((r) => granted.has(r)),
    email: email ?? (username.includes('@') ? username : null),
    personalNumber: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Where to go after sign-in

/**
 * Only a same-site relative path is a safe place to return to: anything else (absolute URLs,
 * `//host`, backslashes, control characters, our own sign-in paths) becomes `/`, so the sign-in
 * can never be used as an open redirect or send someone round in a loop.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return '/';
  const base = 'http://same-site.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return '/';
  }
  if (url.origin !== base) return '/';
  if (url.pathname === '/auth' || url.pathname.startsWith('/auth/') || url.pathname.startsWith(DEV_IDP_PATH))
    return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
