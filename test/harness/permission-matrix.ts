import type { LightMyRequestResponse } from 'fastify';
import { isAllowed, type User } from '../../src/platform/auth/roles.ts';
import { isApiPath } from '../../src/platform/http/platform.tsx';
import { routeName, type RouteTableEntry } from '../../src/platform/http/route-contract.ts';
import type { TestApp } from '../helpers/app.ts';
import { examplesFor, fillUrl } from './examples.ts';
import { fixtureFor, type Fixture, type FixtureObject } from './fixtures.ts';
import { CALLER_ROLE, CALLERS, harnessRoutes, HarnessClient, type Caller } from './routes.ts';

/**
 * The permission matrix: every route × every caller, called the way a real client would, and
 * the answer compared with what the route declares.
 *
 * Expected:
 * - `config.access` lets the caller in, and (for a route with `config.owner`) the caller owns
 *   the object or `owner.othersMay` lets them in → ALLOWED: not 401/403, not a redirect to
 *   sign-in, not 5xx; on an object route also not 404 (the object exists).
 * - otherwise DENIED:
 *   - anonymous: a redirect to /auth/sign-in for an HTML GET (the page a browser should get),
 *     401 for everything else (forms, API);
 *   - signed in without the role: 403;
 *   - the role, but someone else's object: 403 or 404 (a service may hide that it exists).
 * - Never data: the body of a denied answer holds none of the object's identifying strings,
 *   and the second resident and anonymous callers never see any of the owner's strings on any
 *   route (background objects are created for the owner first, so lists would show them).
 *   What a fixture marks owner-only (a private booking's title) reaches nobody but the owner,
 *   not even a caller allowed to open the object, on any route.
 * - Never shared-cacheable when personal: no route behind sign-in answers `Cache-Control: public`,
 *   and no public answer carries the caller's own name, e-mail or identity number.
 *
 * Object routes are called with a fresh object owned by amina for every caller (a call may
 * change or delete it).
 */

export interface MatrixOptions {
  /** Which routes to cover (default: every route in the app's route table). */
  routes?: (entry: RouteTableEntry) => boolean;
  callers?: readonly Caller[];
  /** Fixtures besides test/harness/fixtures.ts (tests of the harness itself). */
  fixtures?: Readonly<Record<string, Fixture>>;
}

export interface MatrixFinding {
  route: string;
  caller: Caller;
  expected: string;
  got: string;
}

/** The owner of every object the matrix creates; the second resident must never see it. */
export const OWNER: Caller = 'amina';
/** Callers that may see none of the owner's data on any route. */
const STRANGERS: readonly Caller[] = ['anonymous', 'oleksandr'];

type Expectation = { allowed: true } | { allowed: false; level: 'route' | 'object' };

export function expectationFor(entry: RouteTableEntry, user: User | null, owner: User): Expectation {
  const access = entry.config.access;
  if (!access || !isAllowed(access, user)) return { allowed: false, level: 'route' };
  const ownerSpec = entry.config.owner;
  if (!ownerSpec || user?.id === owner.id) return { allowed: true };
  if (ownerSpec.othersMay && isAllowed(ownerSpec.othersMay, user)) return { allowed: true };
  return { allowed: false, level: 'object' };
}

function describeExpectation(entry: RouteTableEntry, caller: Caller, expectation: Expectation): string {
  if (expectation.allowed) return entry.config.owner ? 'allowed (not 401/403/404/5xx)' : 'allowed (not 401/403/5xx)';
  if (expectation.level === 'object') return 'denied (403 or 404: the object is amina’s)';
  if (caller === 'anonymous')
    return isHtmlGet(entry) ? 'denied (redirect to /auth/sign-in?returnTo=…)' : 'denied (401)';
  return 'denied (403)';
}

function isHtmlGet(entry: RouteTableEntry): boolean {
  return !isApiPath(entry.url) && (entry.method === 'GET' || entry.method === 'HEAD');
}

/** The platform's answer to an anonymous page request it refuses (not the sign-in flow's own redirects). */
function isSignInRedirect(response: LightMyRequestResponse): boolean {
  return (
    response.statusCode >= 300 &&
    response.statusCode < 400 &&
    String(response.headers.location ?? '').startsWith('/auth/sign-in?returnTo=')
  );
}

function describeResponse(response: LightMyRequestResponse): string {
  const location = response.headers.location ? ` → ${String(response.headers.location).slice(0, 80)}` : '';
  return `${response.statusCode}${location}`;
}

/** Whether the answer matches the expectation; a reason when it does not. */
export function judge(
  entry: RouteTableEntry,
  caller: Caller,
  expectation: Expectation,
  response: LightMyRequestResponse,
): string | undefined {
  const status = response.statusCode;
  if (status >= 500) return `${status} (server error)`;
  if (expectation.allowed) {
    if (status === 401 || status === 403 || isSignInRedirect(response)) return describeResponse(response);
    if (entry.config.owner && status === 404) return `404 (the object exists and this caller may see it)`;
    return undefined;
  }
  if (expectation.level === 'object') return status === 403 || status === 404 ? undefined : describeResponse(response);
  if (caller === 'anonymous') {
    if (isHtmlGet(entry)) return isSignInRedirect(response) ? undefined : describeResponse(response);
    return status === 401 ? undefined : describeResponse(response);
  }
  return status === 403 ? undefined : describeResponse(response);
}

/** Identifying strings found in the answer, except those the caller sent (pages echo their own URL). */
export function leaked(response: LightMyRequestResponse, secrets: readonly string[], requestUrl: string): string[] {
  let sent = requestUrl;
  try {
    sent = decodeURIComponent(requestUrl);
  } catch {
    // a deliberately broken escape: compare with the raw URL
  }
  const text = `${response.body}\n${String(response.headers.location ?? '')}`;
  return [...new Set(secrets)].filter((s) => s.length >= 4 && !sent.includes(s) && text.includes(s));
}

/** A response a shared cache may keep (`public`) that is behind sign-in or names its caller. */
export function sharedCacheProblem(
  entry: RouteTableEntry,
  user: User | null,
  response: LightMyRequestResponse,
): string | undefined {
  const cacheControl = String(response.headers['cache-control'] ?? '');
  if (!/\bpublic\b/.test(cacheControl)) return undefined;
  if (entry.config.access !== 'public')
    return `${response.statusCode} with Cache-Control "${cacheControl}" behind sign-in`;
  const own = user ? personalSecrets(user).filter((s) => s.length >= 4 && response.body.includes(s)) : [];
  return own.length > 0 ? `${response.statusCode} "${cacheControl}" naming the caller` : undefined;
}

/** Identifying strings of a user: never shown to a stranger. */
export function personalSecrets(user: User): string[] {
  return [user.displayName, user.email ?? '', user.personalNumber ?? ''].filter((s) => s.length > 0);
}

/** Runs the matrix and returns every mismatch (empty: every route behaves as declared). */
export async function runPermissionMatrix(t: TestApp, options: MatrixOptions = {}): Promise<MatrixFinding[]> {
  const client = new HarnessClient(t);
  const owner = (await client.user(OWNER))!;
  const routes = harnessRoutes(t.app).filter(options.routes ?? (() => true));
  const callers = options.callers ?? CALLERS;
  const findings: MatrixFinding[] = [];
  const ctx = { db: t.database.db, app: t.app, config: t.config, now: t.clock() };

  // Background objects: one of every kind for the owner, so lists and searches have something to leak.
  const strangerSecrets = personalSecrets(owner);
  const ownerOnlySecrets: string[] = [];
  const fixtureNames = [...new Set(routes.map((r) => r.config.owner?.fixture).filter((f): f is string => !!f))];
  for (const name of fixtureNames) {
    const background = await fixtureFor(name, name, options.fixtures)(ctx, owner);
    strangerSecrets.push(...background.secrets);
    ownerOnlySecrets.push(...(background.ownerOnly ?? []));
  }

  for (const entry of routes) {
    const route = routeName(entry);
    const examples = examplesFor(entry);
    for (const caller of callers) {
      const user = await client.user(caller);
      const expectation = expectationFor(entry, user, owner);
      let object: FixtureObject | undefined;
      if (entry.config.owner)
        object = await fixtureFor(
          route,
          entry.config.owner.fixture,
          options.fixtures,
        )({ ...ctx, now: t.clock() }, owner);
      const params = { ...examples.params, ...object?.params };
      const query = { ...examples.query, ...object?.query };
      const body = examples.body === undefined && !object?.body ? undefined : { ...examples.body, ...object?.body };
      const response = await client.call(entry, { as: caller, params, query, body });
      const requestUrl = fillUrl(entry.url, params);
      const expected = describeExpectation(entry, caller, expectation);
      const problem = judge(entry, caller, expectation, response);
      if (problem) findings.push({ route, caller, expected, got: problem });
      const secrets = [
        ...(!expectation.allowed ? (object?.secrets ?? []) : []),
        ...(STRANGERS.includes(caller) ? [...strangerSecrets, ...(object?.secrets ?? [])] : []),
        ...(caller !== OWNER ? [...ownerOnlySecrets, ...(object?.ownerOnly ?? [])] : []),
      ];
      const shared = sharedCacheProblem(entry, user, response);
      if (shared) findings.push({ route, caller, expected: 'nothing personal in a shared cache', got: shared });
      const leaks = leaked(response, secrets, requestUrl);
      if (leaks.length > 0)
        findings.push({
          route,
          caller,
          expected: 'none of amina’s data in the answer',
          got: `${response.statusCode} containing ${leaks.map((s) => JSON.stringify(s)).join(', ')}`,
        });
    }
  }
  return findings;
}

/** A readable report: one line per mismatch, naming the route, the caller and role, what was expected and what came. */
export function formatFindings(findings: readonly MatrixFinding[]): string {
  if (findings.length === 0) return 'Permission matrix: every route behaves as declared.';
  const lines = findings.map(
    (f) => `  ${f.route} — as ${f.caller} (${CALLER_ROLE[f.caller]}): expected ${f.expected}, got ${f.got}`,
  );
  return `Permission matrix: ${findings.length} route/caller pair(s) do not behave as declared:\n${lines.join('\n')}`;
}
