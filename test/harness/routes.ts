import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { User } from '../../src/platform/auth/roles.ts';
import { newSessionId, saveSession, SESSION_COOKIE } from '../../src/platform/auth/session.ts';
import { createApiToken } from '../../src/platform/auth/tokens.ts';
import { findUserByUsername } from '../../src/platform/auth/user.repository.ts';
import { CSRF_COOKIE, csrfTokenFor } from '../../src/platform/http/csrf.ts';
import { isApiPath } from '../../src/platform/http/platform.tsx';
import type { RouteTableEntry } from '../../src/platform/http/route-contract.ts';
import type { TestApp } from '../helpers/app.ts';
import { bodyTypeOf, fillUrl } from './examples.ts';

/**
 * What every harness shares: the routes to cover (from the app's route table), the callers
 * (anonymous and each demo user), and a way to call a route as one of them — HTML routes with a
 * session cookie and a valid CSRF token, `/api/v1/*` with a bearer token, like real clients.
 */

/** anonymous, both residents, and one member of staff per role (seed: src/platform/seed/demo-users.ts). */
export const CALLERS = ['anonymous', 'amina', 'oleksandr', 'erik', 'sara', 'johan', 'admin'] as const;
export type Caller = (typeof CALLERS)[number];
export const CALLER_ROLE: Record<Caller, string> = {
  anonymous: 'anonymous',
  amina: 'resident',
  oleksandr: 'second resident',
  erik: 'employee',
  sara: 'caseworker',
  johan: 'civic-lab',
  admin: 'admin',
};

/** The routes to exercise: one entry per method and URL, without Fastify's HEAD twins and CORS preflights. */
export function harnessRoutes(app: FastifyInstance): RouteTableEntry[] {
  const seen = new Set<string>();
  return app.routeTable.filter((entry) => {
    const key = `${entry.method} ${entry.url}`;
    if (entry.implicitHead || entry.method === 'OPTIONS' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface CallInput {
  as: Caller;
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: Record<string, unknown> | undefined;
  bodyType?: 'form' | 'json';
  /** Sent instead of the encoded body: bytes or text with their own content type (bad-input cases). */
  raw?: { payload: Buffer | string; contentType: string | undefined };
  /** Accept-Language of the request. */
  locale?: string;
  /** A path to call instead of the route's URL with `params` (e.g. with characters a URL must escape). */
  path?: string;
}

/** Calls routes as any caller: a fresh session per call (a route may sign the caller out), one API token per user. */
export class HarnessClient {
  private readonly users = new Map<string, User>();
  private readonly tokens = new Map<string, string>();
  private readonly csrfSecret = randomBytes(32).toString('base64url');
  private readonly sessions = new Map<Caller, string>();

  constructor(
    readonly t: TestApp,
    private readonly reuseSessions = false,
  ) {}

  async user(caller: Caller): Promise<User | null> {
    if (caller === 'anonymous') return null;
    let user = this.users.get(caller);
    if (!user) {
      user = await findUserByUsername(this.t.database.db, caller);
      if (!user) throw new Error(`demo user ${caller} is not seeded`);
      this.users.set(caller, user);
    }
    return user;
  }

  /**
   * A signed-in session for the caller, written straight to the session table: a fresh one per
   * call unless `reuseSessions` is set (the fuzzer's thousands of calls), in which case one per
   * caller until an answer clears the session cookie (sign-out).
   */
  async session(caller: Caller): Promise<string | undefined> {
    const user = await this.user(caller);
    if (!user) return undefined;
    const cached = this.reuseSessions ? this.sessions.get(caller) : undefined;
    if (cached) return cached;
    const sid = newSessionId();
    await saveSession(this.t.database.db, sid, { userId: user.id }, new Date(this.t.clock().getTime() + 24 * 3600_000));
    if (this.reuseSessions) this.sessions.set(caller, sid);
    return sid;
  }

  /** Forgets a reused session an answer has ended. */
  noteAnswer(caller: Caller, response: LightMyRequestResponse): void {
    if (response.cookies.some((c) => c.name === SESSION_COOKIE && (c.value === '' || c.maxAge === 0)))
      this.sessions.delete(caller);
  }

  async token(caller: Caller): Promise<string | undefined> {
    const user = await this.user(caller);
    if (!user) return undefined;
    let token = this.tokens.get(caller);
    if (!token) {
      token = (await createApiToken(this.t.database.db, user.id, 'quality harness')).token;
      this.tokens.set(caller, token);
    }
    return token;
  }

  /** Headers and cookies that authenticate the caller (and pass CSRF) for the route. */
  async credentials(
    entry: Pick<RouteTableEntry, 'url'>,
    caller: Caller,
  ): Promise<{ headers: Record<string, string>; cookies: Record<string, string> }> {
    if (isApiPath(entry.url)) {
      const token = await this.token(caller);
      return { headers: token ? { authorization: `Bearer ${token}` } : {}, cookies: {} };
    }
    const sid = await this.session(caller);
    return {
      headers: { 'x-csrf-token': csrfTokenFor(this.csrfSecret, this.t.config.SESSION_SECRET) },
      cookies: { [CSRF_COOKIE]: this.csrfSecret, ...(sid ? { [SESSION_COOKIE]: sid } : {}) },
    };
  }

  /** Calls the route; credentials are made before the call (so a write check can start after them). */
  async call(entry: RouteTableEntry, input: CallInput): Promise<LightMyRequestResponse> {
    return this.prepare(entry, input).then((send) => send());
  }

  /** Everything a call needs except sending it: lets a harness snapshot the database in between. */
  async prepare(entry: RouteTableEntry, input: CallInput): Promise<() => Promise<LightMyRequestResponse>> {
    const { headers, cookies } = await this.credentials(entry, input.as);
    const path = input.path ?? fillUrl(entry.url, input.params ?? {});
    const search = queryString(input.query ?? {});
    const requestHeaders: Record<string, string> = { ...headers, 'accept-language': input.locale ?? 'sv' };
    let payload: Buffer | string | undefined;
    if (input.raw) {
      payload = input.raw.payload;
      if (input.raw.contentType !== undefined) requestHeaders['content-type'] = input.raw.contentType;
    } else if (input.body !== undefined && !['GET', 'HEAD'].includes(entry.method)) {
      const type = input.bodyType ?? bodyTypeOf(entry);
      if (type === 'json') {
        payload = JSON.stringify(input.body);
        requestHeaders['content-type'] = 'application/json';
      } else {
        payload = queryString(input.body);
        requestHeaders['content-type'] = 'application/x-www-form-urlencoded';
      }
    }
    const method = entry.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
    const url = search ? `${path}?${search}` : path;
    return async () => {
      const response = await this.t.app.inject({
        method,
        url,
        headers: requestHeaders,
        cookies,
        ...(payload !== undefined ? { payload } : {}),
      });
      this.noteAnswer(input.as, response);
      return response;
    };
  }
}

/** `a=1&b=x&b=y`: arrays repeat the key, objects travel as JSON text, null and undefined are left out. */
export function queryString(values: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      search.append(key, typeof item === 'object' ? JSON.stringify(item) : String(item));
    }
  }
  return search.toString();
}
