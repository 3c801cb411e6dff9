import fc from 'fast-check';
import { z } from 'zod';
import type { RouteExamples, RouteTableEntry } from '../../src/platform/http/route-contract.ts';
import { isApiPath } from '../../src/platform/http/platform.tsx';

/**
 * Example inputs for a route: what it declares in `config.examples`, and for every input it
 * declares none of, a value derived from its zod schema (the smallest input the schema accepts:
 * required fields only, enums' first value, formats honoured, patterns matched). Derived
 * examples make every route callable; a route whose normal path needs a real object still needs
 * an owner fixture or examples (reported by the contract test).
 */

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  additionalProperties?: boolean | JsonSchema;
};

export type Input = 'params' | 'query' | 'body';
export type WireValues = Record<string, unknown>;

/** The route's zod schema for an input, if it declared one that zod can use. */
export function zodSchemaOf(entry: RouteTableEntry, input: Input): z.ZodType | undefined {
  const schema =
    input === 'params' ? entry.schema.params : input === 'query' ? entry.schema.querystring : entry.schema.body;
  return schema && typeof (schema as z.ZodType).safeParse === 'function' ? (schema as z.ZodType) : undefined;
}

/** The input side of a zod schema as JSON Schema (what a client must send). */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** How the body travels: forms for HTML routes, JSON under /api/v1, unless the route says otherwise. */
export function bodyTypeOf(entry: RouteTableEntry): 'form' | 'json' {
  return entry.config.examples?.bodyType ?? (isApiPath(entry.url) ? 'json' : 'form');
}

const FORMAT_EXAMPLES: Record<string, string> = {
  uuid: '3f2c1e9a-6b7d-4c8e-9f10-1a2b3c4d5e6f',
  email: 'exempel@example.test',
  date: '2026-12-01',
  'date-time': '2026-12-01T09:00:00.000Z',
  time: '09:00:00',
  uri: 'https://example.test/',
  url: 'https://example.test/',
};

/** The smallest value a JSON schema accepts, deterministically; undefined when unsure. */
export function canonicalValue(schema: JsonSchema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const options = schema.anyOf ?? schema.oneOf;
  if (options) {
    const first = options.find((o) => o.type !== 'null') ?? options[0];
    return first ? canonicalValue(first) : undefined;
  }
  if (schema.allOf?.[0]) return canonicalValue(schema.allOf[0]);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = canonicalValue(schema.properties?.[key] ?? {});
      return out;
    }
    case 'array': {
      const item = schema.items ?? {};
      return Array.from({ length: schema.minItems ?? 0 }, () => canonicalValue(item));
    }
    case 'integer':
    case 'number': {
      if (schema.minimum !== undefined) return schema.minimum;
      if (schema.exclusiveMinimum !== undefined) return schema.exclusiveMinimum + 1;
      return schema.maximum !== undefined && schema.maximum < 1 ? schema.maximum : 1;
    }
    case 'boolean':
      return true;
    case 'string': {
      if (schema.format && FORMAT_EXAMPLES[schema.format]) return FORMAT_EXAMPLES[schema.format];
      if (schema.pattern) return fc.sample(fc.stringMatching(new RegExp(schema.pattern)), { seed: 1, numRuns: 1 })[0];
      const min = schema.minLength ?? 0;
      const text = 'Exempel';
      return text.length >= min ? text.slice(0, schema.maxLength ?? text.length) : text.padEnd(min, 'x');
    }
    case 'null':
      return null;
    default:
      return 'exempel';
  }
}

/** A fast-check arbitrary of values a JSON schema accepts (best effort: formats, patterns, bounds). */
export function arbitraryOf(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const options = schema.anyOf ?? schema.oneOf;
  if (options && options.length > 0) return fc.oneof(...options.map((o) => arbitraryOf(o, depth + 1)));
  if (schema.allOf?.[0]) return arbitraryOf(schema.allOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      if (depth > 4) return fc.constant({});
      const properties = schema.properties ?? {};
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, value] of Object.entries(properties)) record[key] = arbitraryOf(value, depth + 1);
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
    }
    case 'array':
      return fc.array(arbitraryOf(schema.items ?? {}, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'string': {
      if (schema.format && FORMAT_EXAMPLES[schema.format]) {
        if (schema.format === 'uuid') return fc.uuid();
        if (schema.format === 'email') return fc.emailAddress();
        if (schema.format === 'date')
          return fc
            .date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10));
        return fc.constant(FORMAT_EXAMPLES[schema.format]);
      }
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
    }
    case 'null':
      return fc.constant(null);
    default:
      return fc.oneof(fc.string(), fc.integer(), fc.boolean());
  }
}

/**
 * A value as it arrives on the wire: query strings and forms carry only strings (repeated keys
 * for arrays), JSON carries anything. Used to check an example against its schema as the server will.
 */
export function toWire(value: unknown, encoding: 'form' | 'json'): unknown {
  if (encoding === 'json') return value;
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v)));
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function wireObject(values: Record<string, unknown>, encoding: 'form' | 'json'): WireValues {
  if (encoding === 'json') return values;
  const out: WireValues = {};
  for (const [key, value] of Object.entries(values)) {
    const wire = toWire(value, encoding);
    if (wire !== undefined) out[key] = wire;
  }
  return out;
}

function encodingOf(entry: RouteTableEntry, input: Input): 'form' | 'json' {
  return input === 'body' ? bodyTypeOf(entry) : 'form';
}

/** A value the schema accepts as it will arrive, or undefined: the canonical one first, then a seeded search. */
export function deriveExample(entry: RouteTableEntry, input: Input): WireValues | undefined {
  const schema = zodSchemaOf(entry, input);
  if (!schema) return undefined;
  const encoding = encodingOf(entry, input);
  const json = jsonSchemaOf(schema);
  const accepts = (candidate: unknown): candidate is Record<string, unknown> =>
    !!candidate &&
    typeof candidate === 'object' &&
    !Array.isArray(candidate) &&
    schema.safeParse(wireObject(candidate as Record<string, unknown>, encoding)).success;
  const canonical = canonicalValue(json);
  if (accepts(canonical)) return wireObject(canonical, encoding);
  for (const candidate of fc.sample(arbitraryOf(json), { seed: 42, numRuns: 200 })) {
    if (accepts(candidate)) return wireObject(candidate, encoding);
  }
  return undefined;
}

export interface ResolvedExamples {
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: Record<string, unknown> | undefined;
  /** Which inputs were derived from schemas rather than declared. */
  derived: Input[];
  /** Inputs the route takes for which no value could be found (the route cannot be called normally). */
  missing: Input[];
}

/** Declared examples where given, schema-derived values elsewhere. */
export function examplesFor(entry: RouteTableEntry): ResolvedExamples {
  const declared: RouteExamples = entry.config.examples ?? {};
  const out: ResolvedExamples = { params: {}, query: {}, body: undefined, derived: [], missing: [] };
  const resolve = (input: Input, given: Record<string, unknown> | undefined): Record<string, unknown> | undefined => {
    if (given) return { ...given };
    if (!zodSchemaOf(entry, input)) return undefined;
    const derived = deriveExample(entry, input);
    if (derived) out.derived.push(input);
    else out.missing.push(input);
    return derived;
  };
  out.params = (resolve('params', declared.params) ?? {}) as Record<string, string>;
  out.query = resolve('query', declared.query) ?? {};
  const takesBody = !['GET', 'HEAD', 'OPTIONS'].includes(entry.method);
  out.body = takesBody ? (resolve('body', declared.body) ?? (entry.schema.body ? undefined : {})) : undefined;
  return out;
}

/** The URL with its parameters filled in (a wildcard takes its value unencoded: it is a path). */
export function fillUrl(url: string, params: Record<string, string>): string {
  return url
    .replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) =>
      encodeURIComponent(wellFormed(params[name] ?? `missing-${name}`)),
    )
    .replace('*', params['*'] ?? '');
}

/** Lone surrogates as U+FFFD, as a browser sends them (a URL cannot carry them). */
export function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}
