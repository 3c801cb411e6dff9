import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { isApiPath, localesFor } from '../../src/platform/http/platform.tsx';
import { ERROR_TEXT } from '../../src/platform/http/error-page.tsx';
import {
  CONTRACT_EXCEPTIONS,
  contractExceptionFor,
  routeName,
  urlParams,
  type RouteTableEntry,
} from '../../src/platform/http/route-contract.ts';
import { platformTranslator } from '../../src/platform/i18n/catalogs/index.ts';
import type { Locale } from '../../src/platform/i18n/locales.ts';
import type { TestApp } from '../helpers/app.ts';
import { bodyTypeOf, examplesFor, fillUrl, jsonSchemaOf, zodSchemaOf, type Input } from './examples.ts';
import { fixtureFor, type Fixture, type FixtureObject } from './fixtures.ts';
import { expectationFor, OWNER } from './permission-matrix.ts';
import { CALLERS, harnessRoutes, HarnessClient, queryString, type Caller } from './routes.ts';
import { installWriteLog, isExempt, type Write, type WriteLog } from './write-log.ts';

/**
 * Bad input, property-based: for every route that takes params, a query or a body, a few hundred
 * seeded cases built from its example by breaking it — wrong types, missing and extra fields,
 * huge strings (up to 1 MB), control characters and lone surrogates, invalid dates, invalid
 * identity numbers, broken UTF-8 (raw bytes and bad escapes), oversized bodies, wrong content
 * types, malformed and deeply nested JSON — sent as a caller the route lets in. Each answer must:
 * - never be a 5xx;
 * - be a 4xx when the input is bad whatever the handler does (the route's own schema refuses
 *   it, the body is over the limit, unparsable, or of a type nobody parses);
 * - when it is a 4xx, carry a message: pages an error summary or error page in the language
 *   asked for (`<html lang>` and a text of the platform catalog in that language), the API
 *   problem+json with a title (and field errors for 422);
 * - when it is a 4xx, have written no row (write-log.ts: every table, minus its exemptions).
 *
 * Reproducible: the cases of a route depend only on the base seed and the route's name. A
 * failure prints both and the command to replay it.
 */

export interface FuzzOptions {
  /** Cases per route (env FUZZ_RUNS; default DEFAULT_RUNS). */
  runs?: number;
  /** Base seed (env FUZZ_SEED; default DEFAULT_SEED). */
  seed?: number;
  routes?: (entry: RouteTableEntry) => boolean;
  /** Fixtures besides test/harness/fixtures.ts (tests of the harness itself). */
  fixtures?: Readonly<Record<string, Fixture>>;
  /** Print how long each route took. */
  timings?: boolean;
}

export const DEFAULT_RUNS = 200;
export const DEFAULT_SEED = 20_261_128;

export interface FuzzFinding {
  route: string;
  caller: Caller;
  seed: number;
  /** What was sent. */
  input: string;
  problem: string;
}

/**
 * Options from the environment: FUZZ_RUNS (cases per route), FUZZ_SEED (a number, or `random`),
 * FUZZ_ROUTES (a regular expression on "METHOD /url"), FUZZ_TIMINGS=1 (print each route's time).
 * On PostgreSQL a quarter of the runs by default (FUZZ_RUNS_POSTGRES to change): the cases test
 * the routes, which are the same on both engines; the second engine checks that the database's
 * refusals (NUL, lengths, types) are handled there too.
 */
export function fuzzOptionsFromEnv(
  engine: 'pglite' | 'postgres' = 'pglite',
  env: NodeJS.ProcessEnv = process.env,
): FuzzOptions {
  const runs = env.FUZZ_RUNS ? Number(env.FUZZ_RUNS) : DEFAULT_RUNS;
  const postgresRuns = env.FUZZ_RUNS_POSTGRES ? Number(env.FUZZ_RUNS_POSTGRES) : Math.ceil(runs / 4);
  const seed =
    env.FUZZ_SEED === 'random'
      ? Math.floor(Math.random() * 2 ** 31)
      : env.FUZZ_SEED
        ? Number(env.FUZZ_SEED)
        : DEFAULT_SEED;
  const filter = env.FUZZ_ROUTES ? new RegExp(env.FUZZ_ROUTES) : undefined;
  return {
    runs: engine === 'postgres' ? postgresRuns : runs,
    seed,
    timings: env.FUZZ_TIMINGS === '1',
    ...(filter ? { routes: (entry: RouteTableEntry) => filter.test(routeName(entry)) } : {}),
  };
}

/** The seed of one route's cases: the base seed mixed with the route's name, so new routes never change old ones' cases. */
export function routeSeed(base: number, route: string): number {
  return (base ^ createHash('sha256').update(route).digest().readInt32BE(0)) | 0;
}

// ---------------------------------------------------------------------------------------------
// Cases

interface BadCase {
  label: string;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: Record<string, unknown> | undefined;
  raw?: { payload: Buffer | string; contentType: string | undefined };
  /** The whole path and query, when they must carry bytes a URL builder would escape. */
  path?: string;
  locale: Locale;
  /** Bad whatever the schema says (oversized, unparsable, unknown content type): must be a 4xx. */
  mustReject: boolean;
}

interface Base {
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: Record<string, unknown> | undefined;
}

const CONTROL = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\u0008',
  '\u000b',
  '\u000c',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u200b',
  '\u200e',
  '\u2028',
  '\u202e',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\uffff',
];
const INVALID_DATES = [
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '0000-00-00',
  '2026-1-1',
  '31/12/2026',
  '12/31/2026',
  '2025-02-29',
  '1900-02-29',
  '-0001-01-01',
  '99999-01-01',
  '2026-12-01T25:61:00Z',
  '2026-12-32',
  'i morgon',
  ' 2026-12-01',
  '2026-12-01\u0000',
];
/** Wrong check digit, separators, impossible months and days, wrong length, other digit systems. */
const INVALID_IDENTITY_NUMBERS = [
  '198803052384',
  '19880305-2383',
  '8803052383',
  '198813052383',
  '198803322383',
  '198803922383',
  '000000000000',
  '19880305238',
  '1988030523830',
  'ÅÄÖÅÄÖÅÄÖÅÄÖ',
  '١٩٨٨٠٣٠٥٢٣٨٣',
  '１９８８０３０５２３８３',
  '19880305+2383',
  '-198803052383',
  '1.98803052383e11',
];
const HOSTILE = [
  "' or 1=1 --",
  '"; drop table cases; --',
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  '../../../etc/passwd',
  '%00',
  '\\',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '[object Object]',
];
const NUMBERISH = [
  '-1',
  '0',
  '-0',
  '1e309',
  '9007199254740993',
  '0x10',
  '1_000',
  '１２',
  'NaN',
  'Infinity',
  '1.5',
  '99999999999999999999',
];
const SPECIAL_KEYS = ['__proto__', 'constructor', 'prototype', 'a[b]', 'x.y', '', 'lang', '_csrf', 'toString'];

const controlString = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.array(fc.constantFrom(...CONTROL), { minLength: 1, maxLength: 5 }),
    fc.string({ maxLength: 8 }),
  )
  .map(([a, cs, b]) => a + cs.join('') + b);

function hugeString(maxChars: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...[1_000, 10_000, 100_000, 1_000_000].filter((n) => n <= maxChars)),
      fc.constantFrom('a', 'å', '🙂', '\u0000'),
    )
    .map(([n, c]) => c.repeat(Math.ceil(n / c.length)));
}

/** A value of the wrong kind for the encoding: repeated keys and empty strings on forms, any JSON type in JSON. */
function wrongType(encoding: 'form' | 'json'): fc.Arbitrary<unknown> {
  if (encoding === 'form')
    return fc.oneof(fc.array(fc.string({ maxLength: 5 }), { minLength: 2, maxLength: 3 }), fc.constant(''));
  return fc.oneof(
    fc.constantFrom(null, 0, -1, 1.5, 1e308, true, false, [], {}),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
    fc.string({ maxLength: 5 }),
    fc.integer(),
  );
}

function badValue(encoding: 'form' | 'json', maxChars: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: controlString },
    { weight: 2, arbitrary: fc.constantFrom(...INVALID_DATES) },
    { weight: 2, arbitrary: fc.constantFrom(...INVALID_IDENTITY_NUMBERS) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE, ...NUMBERISH) },
    { weight: 1, arbitrary: hugeString(maxChars) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 3, arbitrary: wrongType(encoding) },
  );
}

/** Keys worth breaking: the schema's, the example's, and now and then a new one. */
function keysOf(entry: RouteTableEntry, input: Input, base: Record<string, unknown> | undefined): string[] {
  const schema = zodSchemaOf(entry, input);
  const fromSchema = schema ? Object.keys(jsonSchemaOf(schema).properties ?? {}) : [];
  return [...new Set([...fromSchema, ...Object.keys(base ?? {})])].filter((k) => k !== '_csrf');
}

/** Mutations of one input object (query or body). */
function objectMutations(
  keys: string[],
  encoding: 'form' | 'json',
  maxChars: number,
): fc.Arbitrary<{ label: string; apply: (o: Record<string, unknown>) => Record<string, unknown> }> {
  const key =
    keys.length > 0
      ? fc.oneof(
          { weight: 5, arbitrary: fc.constantFrom(...keys) },
          { weight: 1, arbitrary: fc.constantFrom(...SPECIAL_KEYS) },
        )
      : fc.constantFrom(...SPECIAL_KEYS);
  const set = fc.array(fc.tuple(key, badValue(encoding, maxChars)), { minLength: 1, maxLength: 3 }).map((pairs) => ({
    label: pairs.map(([k, v]) => `${k} = ${show(v)}`).join(', '),
    apply: (o: Record<string, unknown>) => {
      const out = { ...o };
      for (const [k, v] of pairs)
        Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      return out;
    },
  }));
  const missing = () =>
    fc.subarray(keys, { minLength: 1 }).map((gone) => ({
      label: `without ${gone.join(', ')}`,
      apply: (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([k]) => !gone.includes(k))),
    }));
  const extra = fc
    .dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...SPECIAL_KEYS)), badValue(encoding, 10_000), {
      minKeys: 1,
      maxKeys: 3,
    })
    .map((more) => ({
      label: `extra ${Object.entries(more)
        .map(([k, v]) => `${JSON.stringify(k)} = ${show(v)}`)
        .join(', ')}`,
      apply: (o: Record<string, unknown>) => {
        const out = { ...o };
        for (const [k, v] of Object.entries(more))
          Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
        return out;
      },
    }));
  const empty = fc.constant({ label: 'nothing at all', apply: () => ({}) });
  return keys.length > 0
    ? fc.oneof(
        { weight: 6, arbitrary: set },
        { weight: 2, arbitrary: missing() },
        { weight: 2, arbitrary: extra },
        { weight: 1, arbitrary: empty },
      )
    : fc.oneof({ weight: 3, arbitrary: set }, { weight: 2, arbitrary: extra });
}

const BAD_ESCAPES = ['%FF', '%C3%28', '%E2%82', '%ED%A0%80', '%C0%AF', '%', '%ZZ', '%00', '%0A', '..%2F..%2F'];
const RAW_UTF8 = [
  Buffer.from([0xc3, 0x28]),
  Buffer.from([0xff, 0xfe]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xc0, 0xaf]),
  Buffer.from([0xe2, 0x82]),
  Buffer.from([0xf4, 0x90, 0x80, 0x80]),
];
/** Types no parser is registered for: Fastify answers 415. */
const UNPARSED_TYPES = [
  'application/xml',
  'text/html',
  'application/octet-stream',
  'image/png',
  'application/x-www-form-urlencoded-but-not',
];
const MALFORMED_JSON = [
  '{',
  '{"a":',
  "{'a':1}",
  '{"a":1,}',
  'NaN',
  '{"a":"\\x"}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
];

function encode(values: Record<string, unknown>, type: 'form' | 'json'): string {
  return type === 'json' ? JSON.stringify(values) : queryString(values);
}

/** Whole-body breakage: raw bytes, sizes, content types, syntax. */
function rawBodies(
  base: Record<string, unknown>,
  type: 'form' | 'json',
  keys: string[],
): fc.Arbitrary<{ label: string; raw: BadCase['raw']; mustReject: boolean }> {
  const field = keys[0] ?? 'text';
  const encoded = encode(base, type);
  const oversized = fc.constantFrom(1_048_577, 1_500_000, 3_000_000).map((size) => {
    const filler =
      type === 'json'
        ? JSON.stringify({ ...base, [field]: 'x'.repeat(size) })
        : `${encoded}&${field}=${'x'.repeat(size)}`;
    return {
      label: `a ${filler.length}-byte body (over the 1 MiB limit)`,
      raw: { payload: filler, contentType: type === 'json' ? 'application/json' : 'application/x-www-form-urlencoded' },
      mustReject: true,
    };
  });
  const brokenUtf8 = fc.constantFrom(...RAW_UTF8).map((bytes) => {
    const payload =
      type === 'json'
        ? Buffer.concat([Buffer.from(`{"${field}":"`), bytes, Buffer.from('"}')])
        : Buffer.concat([Buffer.from(encoded ? `${encoded}&${field}=` : `${field}=`), bytes]);
    return {
      label: `raw bytes ${bytes.toString('hex')} in ${field} (not UTF-8)`,
      raw: { payload, contentType: type === 'json' ? 'application/json' : 'application/x-www-form-urlencoded' },
      mustReject: false,
    };
  });
  const badEscapes = fc.constantFrom(...BAD_ESCAPES).map((escape) => ({
    label: `form body ${field}=${escape}`,
    raw: {
      payload: `${encoded ? `${encoded}&` : ''}${field}=${escape}`,
      contentType: 'application/x-www-form-urlencoded',
    },
    mustReject: false,
  }));
  const unparsed = fc.constantFrom(...UNPARSED_TYPES).map((contentType) => ({
    label: `content-type ${contentType}`,
    raw: { payload: encoded || 'x', contentType },
    mustReject: true,
  }));
  const otherParser = fc
    .constantFrom<[string, string]>(
      ['application/json', 'form'],
      ['application/x-www-form-urlencoded', 'json'],
      ['text/plain', 'text'],
      ['multipart/form-data; boundary=----harness', 'garbage'],
    )
    .map(([contentType, what]) => ({
      label: `content-type ${contentType} with a ${what} body`,
      raw: {
        payload:
          what === 'json'
            ? JSON.stringify(base)
            : what === 'garbage'
              ? '------harness\r\nnot a part\r\n'
              : queryString(base) || 'a=1',
        contentType,
      },
      // A form body sent as JSON is unparsable; the others may parse into something the schema refuses.
      mustReject: contentType === 'application/json',
    }));
  const noType = fc.constant({
    label: 'a body without content-type',
    raw: { payload: encoded || 'a=1', contentType: undefined },
    mustReject: false,
  });
  const malformed = fc.constantFrom(...MALFORMED_JSON).map((text) => ({
    label: `JSON ${text}`,
    raw: { payload: text, contentType: 'application/json' },
    mustReject: true,
  }));
  const deep = fc.constantFrom(1_000, 100_000).map((depth) => ({
    label: `JSON nested ${depth} deep`,
    raw: { payload: '['.repeat(depth) + ']'.repeat(depth), contentType: 'application/json' },
    mustReject: false,
  }));
  const notObject = fc.constantFrom('null', '[]', '"text"', '1', 'true').map((text) => ({
    label: `JSON body ${text}`,
    raw: { payload: text, contentType: 'application/json' },
    mustReject: false,
  }));
  return fc.oneof(oversized, brokenUtf8, badEscapes, unparsed, otherParser, noType, malformed, deep, notObject);
}

/** Path parameters: wrong shapes, too long, control characters, and escapes that decode to nothing valid. */
function badParams(
  entry: RouteTableEntry,
  base: Base,
): fc.Arbitrary<{ label: string; params?: Record<string, string>; path?: string }> {
  const names = urlParams(entry.url).filter((n) => n !== '*');
  const name = fc.constantFrom(...names);
  const value = fc.oneof(
    // ('.' and '..' are left out: URL parsing resolves them before any route sees them.)
    fc.constantFrom(
      '0',
      '-1',
      'null',
      'undefined',
      '...',
      'not-a-uuid',
      '00000000-0000-0000-0000-00000000000g',
      '3f2c1e9a6b7d4c8e9f101a2b3c4d5e6f',
      ' ',
      'ÅÄÖ',
      "1' or '1'='1",
    ),
    fc.constantFrom(201, 1_000, 10_000).map((n) => 'a'.repeat(n)),
    controlString,
    fc.string({ unit: 'binary', maxLength: 20 }).filter((s) => s.length > 0),
  );
  const encodedValue = fc
    .tuple(name, value)
    .map(([n, v]) => ({ label: `:${n} = ${show(v)}`, params: { ...base.params, [n]: v } }));
  const rawEscape = fc.tuple(name, fc.constantFrom(...BAD_ESCAPES)).map(([n, escape]) => ({
    label: `:${n} = raw ${escape}`,
    path: fillUrl(entry.url, { ...base.params, [n]: '\u0001' }).replace('%01', escape),
  }));
  return fc.oneof({ weight: 3, arbitrary: encodedValue }, { weight: 1, arbitrary: rawEscape });
}

function caseArbitrary(entry: RouteTableEntry, base: Base, locales: readonly Locale[]): fc.Arbitrary<BadCase> {
  const kinds: fc.Arbitrary<Omit<BadCase, 'locale'>>[] = [];
  const plain = { params: base.params, query: base.query, body: base.body, mustReject: false };
  if (zodSchemaOf(entry, 'query')) {
    const keys = keysOf(entry, 'query', base.query);
    // A URL over ~100 KB never reaches a real server (Node answers 431 first): no point sending one.
    kinds.push(
      objectMutations(keys, 'form', 100_000).map((m) => ({
        ...plain,
        label: `query ${m.label}`,
        query: m.apply(base.query),
      })),
    );
    kinds.push(
      fc
        .tuple(fc.constantFrom(...(keys.length > 0 ? keys : ['lang'])), fc.constantFrom(...BAD_ESCAPES))
        .map(([k, escape]) => ({
          ...plain,
          label: `query ${k}=${escape} (raw)`,
          path: `${fillUrl(entry.url, base.params)}?${[queryString(base.query), `${encodeURIComponent(k)}=${escape}`].filter(Boolean).join('&')}`,
        })),
    );
  }
  if (zodSchemaOf(entry, 'body')) {
    const type = bodyTypeOf(entry);
    const keys = keysOf(entry, 'body', base.body);
    kinds.push(
      objectMutations(keys, type, 1_000_000).map((m) => ({
        ...plain,
        label: `body ${m.label}`,
        body: m.apply(base.body ?? {}),
      })),
    );
    kinds.push(
      rawBodies(base.body ?? {}, type, keys).map((r) => ({
        ...plain,
        label: r.label,
        raw: r.raw,
        mustReject: r.mustReject,
      })),
    );
  }
  if (zodSchemaOf(entry, 'params') && urlParams(entry.url).some((n) => n !== '*')) {
    kinds.push(
      badParams(entry, base).map((p) => ({
        ...plain,
        label: p.label,
        params: p.params ?? base.params,
        ...(p.path ? { path: p.path } : {}),
      })),
    );
  }
  return fc.tuple(fc.oneof(...kinds), fc.constantFrom(...locales)).map(([c, locale]) => ({ ...c, locale }));
}

/** A value for a failure message: short, with invisible characters visible. */
function show(value: unknown): string {
  if (typeof value === 'string') {
    const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value).replace(
      /[\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\ufeff\ud800-\udfff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    return value.length > 40 ? `${shown} (${value.length} chars)` : shown;
  }
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 60)}…` : json;
}

// ---------------------------------------------------------------------------------------------
// The oracle

/** What the server will see for a query or form: parsed back from the encoded text, repeated keys as arrays. */
function asParsed(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(queryString(values))) {
    const previous = out[key];
    out[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return out;
}

/** Whether the route's own schemas refuse what the case sends (undefined when the case is raw and cannot be predicted). */
function schemaRefuses(entry: RouteTableEntry, c: BadCase): boolean | undefined {
  if (c.path || c.raw) return undefined;
  const refuses = (input: Input, value: unknown) => {
    const schema = zodSchemaOf(entry, input);
    return !!schema && !schema.safeParse(value).success;
  };
  if (refuses('params', c.params)) return true;
  if (refuses('query', asParsed(c.query))) return true;
  if (c.body !== undefined) {
    const wire = bodyTypeOf(entry) === 'json' ? JSON.parse(JSON.stringify(c.body)) : asParsed(c.body);
    if (refuses('body', wire)) return true;
  }
  return false;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const localizedMessages = new Map<Locale, string[]>();
/** The platform's error texts in one language: a page answering a 4xx must show one of them. */
function messagesIn(locale: Locale): string[] {
  let messages = localizedMessages.get(locale);
  if (!messages) {
    const t = platformTranslator(locale);
    messages = [t.t('form.errorSummaryTitle'), ...Object.values(ERROR_TEXT).map((text) => t.t(text.title))].map(
      escapeHtml,
    );
    localizedMessages.set(locale, messages);
  }
  return messages;
}

/**
 * A path the route table's protocol surfaces (CONTRACT_EXCEPTIONS with a wildcard, e.g.
 * /dev/idp/*) answer when a bad parameter makes the router fall through to them: their own
 * answers, not ours to judge.
 */
function servedByProtocolSurface(path: string): boolean {
  return CONTRACT_EXCEPTIONS.some(
    (e) => e.url.endsWith('/*') && e.exempt.includes('body') && path.startsWith(e.url.slice(0, -1)),
  );
}

/** Problems with a 4xx answer's message (undefined: fine). */
export function errorMessageProblem(
  url: string,
  response: LightMyRequestResponse,
  locales: readonly string[],
  path = url,
): string | undefined {
  const type = String(response.headers['content-type'] ?? '');
  if (!type.startsWith('text/html') && servedByProtocolSurface(path)) return undefined;
  if (isApiPath(url)) {
    if (!type.startsWith('application/problem+json'))
      return `a ${response.statusCode} answered as ${type || 'no content type'}, not application/problem+json`;
    let problem: { title?: unknown; status?: unknown; errors?: { field?: unknown; message?: unknown }[] };
    try {
      problem = JSON.parse(response.body);
    } catch {
      return `a ${response.statusCode} whose problem+json does not parse`;
    }
    if (typeof problem.title !== 'string' || problem.title.length === 0)
      return `a ${response.statusCode} problem+json without a title`;
    if (problem.status !== response.statusCode)
      return `a ${response.statusCode} problem+json saying status ${String(problem.status)}`;
    if (
      response.statusCode === 422 &&
      (!Array.isArray(problem.errors) ||
        problem.errors.length === 0 ||
        problem.errors.some((e) => typeof e.field !== 'string' || typeof e.message !== 'string' || !e.message))
    ) {
      return 'a 422 problem+json without field errors (errors: [{ field, code, message }])';
    }
    return undefined;
  }
  if (!type.startsWith('text/html'))
    return `a ${response.statusCode} answered as ${type || 'no content type'}, not an HTML error page`;
  const lang = /<html[^>]*\slang="([^"]+)"/.exec(response.body)?.[1];
  if (!lang || !locales.includes(lang))
    return `a ${response.statusCode} page in lang="${lang ?? ''}", asked for ${locales.join(' or ')}`;
  if (!messagesIn(lang as Locale).some((m) => response.body.includes(m)))
    return `a ${response.statusCode} page without an error summary or error message in ${lang}`;
  return undefined;
}

function writesProblem(status: number, writes: readonly Write[]): string | undefined {
  const written = writes.filter((w) => !isExempt(w));
  if (written.length === 0) return undefined;
  const summary = [...new Set(written.map((w) => `${w.op} ${w.table}${w.detail ? ` (${w.detail})` : ''}`))].join(', ');
  return `answered ${status} but wrote: ${summary}`;
}

// ---------------------------------------------------------------------------------------------
// The run

/** The caller the fuzzer sends as: the first in CALLERS the route (and its object) lets in. */
async function allowedCaller(client: HarnessClient, entry: RouteTableEntry): Promise<Caller | undefined> {
  const owner = (await client.user(OWNER))!;
  for (const caller of CALLERS) {
    if (expectationFor(entry, await client.user(caller), owner).allowed) return caller;
  }
  return undefined;
}

/** The routes the fuzzer covers: every route with a params, query or body schema, minus protocol surfaces exempt from the contract. */
export function fuzzedRoutes(entries: readonly RouteTableEntry[]): RouteTableEntry[] {
  return entries.filter((entry) => {
    const exempt = contractExceptionFor(entry)?.exempt ?? [];
    if (exempt.includes('body') && exempt.includes('querystring')) return false;
    return !!(entry.schema.params || entry.schema.querystring || entry.schema.body);
  });
}

export async function runBadInput(t: TestApp, options: FuzzOptions = {}): Promise<FuzzFinding[]> {
  const runs = options.runs ?? DEFAULT_RUNS;
  const seed = options.seed ?? DEFAULT_SEED;
  const client = new HarnessClient(t, true);
  const writes: WriteLog = await installWriteLog(t.database);
  const findings: FuzzFinding[] = [];
  const owner = (await client.user(OWNER))!;

  for (const entry of fuzzedRoutes(harnessRoutes(t.app)).filter(options.routes ?? (() => true))) {
    const route = routeName(entry);
    const caller = await allowedCaller(client, entry);
    if (!caller) continue; // nobody may call it: the matrix covers that it refuses everyone
    const examples = examplesFor(entry);
    let object: FixtureObject | undefined;
    if (entry.config.owner)
      object = await fixtureFor(
        route,
        entry.config.owner.fixture,
        options.fixtures,
      )({ db: t.database.db, app: t.app, config: t.config, now: t.clock() }, owner);
    const base: Base = {
      params: { ...examples.params, ...object?.params },
      query: { ...examples.query, ...object?.query },
      body: examples.body === undefined && !object?.body ? undefined : { ...examples.body, ...object?.body },
    };
    const locales = localesFor(entry.config as never);
    const perRoute = routeSeed(seed, route);
    // The caller's session or API token is made now, so no case sees it as its own write.
    await client.credentials(entry, caller);
    await writes.reset();

    const property = fc.asyncProperty(caseArbitrary(entry, base, locales), async (c) => {
      const send = await client.prepare(entry, {
        as: caller,
        params: c.params,
        query: c.query,
        body: c.body,
        locale: c.locale,
        ...(c.raw ? { raw: c.raw } : {}),
        ...(c.path ? { path: c.path } : {}),
      });
      // Only the session table is written between the previous case's check and this send (exempt).
      const response = await send();
      const written = await writes.take();
      const status = response.statusCode;
      if (status >= 500) throw new Error(`answered ${status}`);
      if (status < 400 && (c.mustReject || schemaRefuses(entry, c)))
        throw new Error(`answered ${status} to input it must refuse`);
      if (status >= 400) {
        const lang =
          typeof c.query.lang === 'string' && (locales as readonly string[]).includes(c.query.lang) && !c.path
            ? [c.query.lang]
            : [];
        const message = errorMessageProblem(
          entry.url,
          response,
          [c.locale, ...lang],
          c.path ?? fillUrl(entry.url, c.params),
        );
        if (message) throw new Error(message);
        const wrote = writesProblem(status, written);
        if (wrote) throw new Error(wrote);
      }
    });
    const started = performance.now();
    const result = await fc.check(property, { seed: perRoute, numRuns: runs, endOnFailure: true });
    if (options.timings)
      console.info(`bad input: ${route}: ${runs} cases in ${Math.round(performance.now() - started)} ms`);
    if (result.failed) {
      const counterexample = result.counterexample?.[0] as BadCase | undefined;
      const error = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
      findings.push({
        route,
        caller,
        seed,
        input: counterexample
          ? `${counterexample.label} [Accept-Language: ${counterexample.locale}]`
          : '(no counterexample)',
        problem: error,
      });
    }
  }
  return findings;
}

export function formatFuzzFindings(findings: readonly FuzzFinding[]): string {
  if (findings.length === 0) return 'Bad input: every route refused every bad input properly.';
  const lines = findings.map(
    (f) =>
      `  ${f.route} — as ${f.caller}, sent ${f.input}: ${f.problem}\n    replay: FUZZ_SEED=${f.seed} FUZZ_ROUTES='^${f.route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$' npx vitest run --project db test/harness/bad-input.db.test.ts`,
  );
  return `Bad input: ${findings.length} route(s) mishandled bad input:\n${lines.join('\n')}`;
}
