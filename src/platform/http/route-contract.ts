import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Access } from '../auth/roles.ts';

/**
 * The route table and the route contract. Every route the app registers is recorded (method,
 * URL, config, schemas) so that the quality harnesses — the contract test, the permission
 * matrix, the bad-input fuzzer, the accessibility crawl, the load tool — cover each new route
 * without anyone listing it. The contract is what each route must declare for them to work:
 * who may call it (`config.access`) and a schema for every input it takes.
 */

/** Example inputs that make a route do its normal thing (the harnesses and the crawl call it with these). */
export interface RouteExamples {
  /** One value per `:param` of the URL (and `*` for a wildcard). */
  params?: Readonly<Record<string, string>>;
  /** Query parameters; an array repeats the key. */
  query?: Readonly<Record<string, string | readonly string[]>>;
  /** The body: sent as a form (HTML routes) or JSON (`/api/v1/*`), unless `bodyType` says otherwise. */
  body?: Readonly<Record<string, unknown>>;
  bodyType?: 'form' | 'json';
}

/**
 * A route that acts on one person's object (a case, a draft, a booking). The harnesses create
 * the object with the named fixture (test/harness/fixtures.ts: it creates an object owned by a
 * given user and returns the params and inputs that address it) and call the route as someone
 * else, who must get 403/404 and none of the owner's data.
 */
export interface RouteOwner {
  /** Name of a fixture in test/harness/fixtures.ts. */
  fixture: string;
  /**
   * Who besides the owner may act on the object, e.g. `{ roles: ['caseworker'] }` on a
   * caseworker's case page. Default: nobody — only the owner.
   */
  othersMay?: Access;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Example inputs for the harnesses and the crawl; without them, values are derived from the schemas. */
    examples?: RouteExamples;
    /** The object this route acts on and who owns it; see RouteOwner. */
    owner?: RouteOwner;
  }
  interface FastifyInstance {
    /** Every route registered so far, one entry per method (filled by collectRouteTable). */
    routeTable: readonly RouteTableEntry[];
  }
}

/** The schemas a route declared, as given to Fastify (zod schemas in this code base). */
export interface RouteSchemas {
  params?: unknown;
  querystring?: unknown;
  body?: unknown;
  headers?: unknown;
  response?: unknown;
}

export interface RouteTableEntry {
  method: string;
  url: string;
  config: {
    access?: Access | undefined;
    examples?: RouteExamples | undefined;
    owner?: RouteOwner | undefined;
    locales?: readonly string[] | undefined;
  };
  schema: RouteSchemas;
  /** A HEAD route Fastify added for a GET route: same handler, same declarations. */
  implicitHead: boolean;
}

/** Records every route as it is registered: call on the root instance before any route or plugin. */
export function collectRouteTable(app: FastifyInstance): void {
  const table: RouteTableEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const schema = (route.schema ?? {}) as RouteSchemas;
    for (const method of methods) {
      const upper = String(method).toUpperCase();
      table.push({
        method: upper,
        url: route.url,
        config: (route.config ?? {}) as RouteTableEntry['config'],
        schema: {
          params: schema.params,
          querystring: schema.querystring,
          body: schema.body,
          headers: schema.headers,
          response: schema.response,
        },
        // Fastify registers the HEAD twin of a GET with the same options (exposeHeadRoutes).
        implicitHead:
          upper === 'HEAD' &&
          !Array.isArray(route.method) &&
          table.some((e) => e.method === 'GET' && e.url === route.url),
      });
    }
  });
}

/** `GET /path/:id`: how every harness names a route in its messages. */
export function routeName(entry: Pick<RouteTableEntry, 'method' | 'url'>): string {
  return `${entry.method} ${entry.url}`;
}

export type ContractInput = 'params' | 'querystring' | 'body';

/**
 * Routes exempt from part of the contract, each with the reason. Keep this list short: a new
 * route belongs here only if it is a machine or protocol endpoint that reads none of the input.
 * `method: '*'` matches every method of the URL.
 */
export const CONTRACT_EXCEPTIONS: readonly {
  method: string;
  url: string;
  exempt: readonly ContractInput[];
  reason: string;
}[] = [
  {
    method: 'GET',
    url: '/healthz',
    exempt: ['querystring'],
    reason: 'liveness probe for the load balancer; reads no input',
  },
  {
    method: 'GET',
    url: '/readyz',
    exempt: ['querystring'],
    reason: 'readiness probe for the load balancer; reads no input',
  },
  {
    method: 'GET',
    url: '/metrics',
    exempt: ['querystring'],
    reason: 'Prometheus scrape endpoint; reads only the Authorization header',
  },
  {
    method: 'GET',
    url: '/assets/:file',
    exempt: ['querystring'],
    reason: 'static assets: the bytes never depend on the query (cache-busting parameters are ignored)',
  },
  { method: 'GET', url: '/api/v1/openapi.json', exempt: ['querystring'], reason: 'a fixed document; reads no input' },
  {
    method: '*',
    url: '/dev/idp/*',
    exempt: ['params', 'querystring', 'body'],
    reason:
      "oidc-provider's own protocol surface (dev mode only): it parses and validates its parameters and raw body itself, per the OpenID Connect specs",
  },
];

export function contractExceptionFor(entry: Pick<RouteTableEntry, 'method' | 'url'>) {
  return CONTRACT_EXCEPTIONS.find((e) => e.url === entry.url && (e.method === '*' || e.method === entry.method));
}

/** The `:name` (and `*`) parameters of a route URL. */
export function urlParams(url: string): string[] {
  const names = [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
  return url.includes('*') ? [...names, '*'] : names;
}

/** The top-level keys a zod object (or JSON-schema object) declares, or undefined if it is neither. */
function declaredKeys(schema: unknown): string[] | undefined {
  const s = schema as { shape?: Record<string, unknown>; properties?: Record<string, unknown> } | null;
  if (s && typeof s.shape === 'object' && s.shape) return Object.keys(s.shape);
  if (s && typeof s.properties === 'object' && s.properties) return Object.keys(s.properties);
  return undefined;
}

export interface ContractViolation {
  route: string;
  problem: string;
}

/**
 * What each route must declare:
 * - `config.access` (also enforced at start-up by the platform);
 * - `params` when the URL has `:params` or `*`, naming each of them;
 * - `body` for POST, PUT and PATCH (DELETE routes take no body unless they declare one);
 * - `querystring` for every GET (every page takes at least `?lang=`; an API route that reads
 *   nothing declares `z.object({})`), except the machine endpoints in CONTRACT_EXCEPTIONS.
 * HEAD twins of GET routes share the GET's declarations and are not checked twice.
 */
export function checkRouteContract(table: readonly RouteTableEntry[]): ContractViolation[] {
  const violations: ContractViolation[] = [];
  for (const entry of table) {
    if (entry.implicitHead || entry.method === 'OPTIONS') continue;
    const route = routeName(entry);
    const exempt = new Set(contractExceptionFor(entry)?.exempt ?? []);
    const add = (problem: string) => violations.push({ route, problem });
    if (!entry.config.access) add('declares no access (config.access: public | authenticated | { roles })');
    const params = urlParams(entry.url);
    if (params.length > 0 && !exempt.has('params')) {
      if (!entry.schema.params) add(`has URL parameters (${params.join(', ')}) but no params schema`);
      else {
        const keys = declaredKeys(entry.schema.params);
        const missing = keys ? params.filter((p) => !keys.includes(p)) : [];
        if (missing.length > 0) add(`params schema does not declare ${missing.join(', ')}`);
      }
    }
    if (['POST', 'PUT', 'PATCH'].includes(entry.method) && !entry.schema.body && !exempt.has('body')) {
      add(`is a ${entry.method} route without a body schema`);
    }
    if (
      (entry.method === 'GET' || entry.method === 'HEAD') &&
      !entry.schema.querystring &&
      !exempt.has('querystring')
    ) {
      add('is a GET route without a querystring schema (declare the query it reads, z.object({}) if none)');
    }
  }
  return violations;
}

/** One line per violation, for test failures and start-up messages. */
export function formatViolations(violations: readonly ContractViolation[]): string {
  return violations.map((v) => `${v.route}: ${v.problem}`).join('\n');
}
