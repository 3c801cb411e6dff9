import type { FastifySchemaValidationError } from 'fastify';
import type { PlatformTranslator, PlatformKey } from '../i18n/catalogs/index.ts';
import type { FieldError } from './errors.ts';

const KNOWN_CODES = new Set([
  'required',
  'invalid',
  'tooLong',
  'tooShort',
  'invalidDate',
  'futureDate',
  'invalidPersonalNumber',
  'invalidEmail',
  'chooseOne',
  'number',
  'controlCharacters',
]);

/**
 * Turns schema-validation failures (zod issues surfaced by Fastify) into field errors with
 * message codes from the validation catalog. Schemas may name a code as their message
 * (`z.string().min(1, 'required')`); otherwise the zod issue code decides.
 */
export function fieldErrorsFrom(validation: readonly FastifySchemaValidationError[], context?: string): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const issue of validation) {
    const path = issue.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
    const field = path || (context && context !== 'body' ? context : '_');
    if (seen.has(field)) continue; // one message per field, the first problem
    seen.add(field);
    const params = (issue.params ?? {}) as Record<string, unknown>;
    let code: string;
    const extra: Record<string, string | number> = {};
    if (KNOWN_CODES.has(issue.message ?? '')) code = issue.message!;
    else if (issue.keyword === 'invalid_type' && (params.input === undefined || params.received === 'undefined'))
      code = 'required';
    else if (issue.keyword === 'too_big') {
      code = 'tooLong';
      extra.max = Number(params.maximum ?? 0);
    } else if (issue.keyword === 'too_small') {
      code = Number(params.minimum ?? 0) <= 1 ? 'required' : 'tooShort';
      extra.min = Number(params.minimum ?? 0);
    } else if (issue.keyword === 'invalid_value' || issue.keyword === 'invalid_union') code = 'chooseOne';
    else code = 'invalid';
    if (issue.keyword === 'too_big' && KNOWN_CODES.has(issue.message ?? '')) extra.max = Number(params.maximum ?? 0);
    out.push({ field, code, params: extra });
  }
  return out;
}

/** A field error as text in the user's language; `label` is the field's visible label. */
export function messageFor(t: PlatformTranslator, error: FieldError, label?: string): string {
  const key = `validation.${error.code}` as PlatformKey;
  return t.t(KNOWN_CODES.has(error.code) ? key : 'validation.invalid', {
    field: label ?? error.field,
    ...(error.params ?? {}),
  });
}
