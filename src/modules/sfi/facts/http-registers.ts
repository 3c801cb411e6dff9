import { z } from 'zod';
import { isoDateSchema } from '../../rules/index.ts';
import { residenceBases } from '../sfi-facts.schema.ts';
import {
  FactsSourceError,
  protectionMarkings,
  type FactsSource,
  type PopulationRecord,
  type PopulationRegister,
  type StudentRecord,
  type StudentRecords,
} from './registers.ts';

/**
 * HTTP adapters for the real registers, over the JSON API in README.md (usually a municipal
 * integration layer in front of Navet/SPAR and the student administration system).
 *
 * - The personal number goes in a POST body, never in the URL: URLs end up in proxy and access logs.
 * - 200 → the record (validated; an answer about another number is refused); 404 → null;
 *   408/429/5xx, timeouts and network errors → retryable FactsSourceError; other statuses and
 *   malformed answers → non-retryable FactsSourceError (configuration or contract problem).
 * - Error messages never contain the personal number or the response body (it may hold personal data).
 */

export interface HttpRegisterOptions {
  /** e.g. https://integration.example.se/folkbokforing/v1 (no trailing slash needed). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` when given. */
  bearerToken?: string;
  /** Per request, default 5,000 ms. */
  timeoutMs?: number;
  /**
   * mTLS: an undici Dispatcher for Node's fetch, e.g. `new Agent({ connect: { cert, key, ca } })`
   * from the `undici` package, passed through to fetch as `dispatcher`.
   */
  dispatcher?: object;
  /** Replaces global fetch (tests, or a fetch that carries a client certificate itself). */
  fetch?: typeof fetch;
  /** Extra headers, e.g. an API gateway's subscription key. */
  headers?: Record<string, string>;
}

const municipalityCode = z.string().regex(/^\d{4}$/);

/** The population register's answer (README.md, "Population register"). */
export const populationRecordResponseSchema = z
  .object({
    personalNumber: z.string().regex(/^\d{12}$/),
    birthDate: isoDateSchema,
    registeredMunicipality: municipalityCode.nullable(),
    protectionMarking: z.enum(protectionMarkings).nullable(),
    residenceBasis: z.enum(residenceBases).optional(),
    name: z
      .object({ givenName: z.string().min(1), familyName: z.string().min(1) })
      .nullable()
      .optional(),
    postalAddress: z
      .object({
        careOf: z.string().nullable().optional(),
        street: z.string().min(1),
        postalCode: z.string().min(1),
        city: z.string().min(1),
      })
      .nullable()
      .optional(),
  })
  // Unknown keys are ignored (the integration may add fields), never passed on.
  .strip();

/** The student records' answer (README.md, "Student records"). */
export const studentRecordResponseSchema = z
  .object({
    personalNumber: z.string().regex(/^\d{12}$/),
    firstAdmissionDate: isoDateSchema.nullable(),
    completedCourseD: z.boolean(),
    extensionGrantedUntil: isoDateSchema.nullable(),
  })
  .strip();

/** POSTs `{ personalNumber }` to `url`; the parsed JSON body on 200, null on 404, FactsSourceError otherwise. */
async function lookupJson(
  source: FactsSource,
  url: string,
  personalNumber: string,
  options: HttpRegisterOptions,
): Promise<unknown> {
  const doFetch = options.fetch ?? fetch;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
    ...options.headers,
  };
  if (options.bearerToken) headers.authorization = `Bearer ${options.bearerToken}`;
  const init: RequestInit & { dispatcher?: object } = {
    method: 'POST',
    headers,
    body: JSON.stringify({ personalNumber }),
    signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    redirect: 'error',
  };
  if (options.dispatcher) init.dispatcher = options.dispatcher;

  let response: Response;
  try {
    response = await doFetch(url, init);
  } catch (error) {
    const name = (error as Error).name;
    const timedOut = name === 'TimeoutError' || name === 'AbortError';
    throw new FactsSourceError(
      source,
      timedOut ? `no answer within ${options.timeoutMs ?? 5000} ms` : `request failed (${describeNetworkError(error)})`,
      {
        retryable: true,
        cause: error,
      },
    );
  }

  if (response.status === 404) {
    await response.body?.cancel();
    return null;
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
    throw new FactsSourceError(source, `answered HTTP ${response.status}`, {
      retryable,
      status: response.status,
      retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
    });
  }
  try {
    return await response.json();
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new FactsSourceError(source, `no complete answer within ${options.timeoutMs ?? 5000} ms`, {
        retryable: true,
        cause: error,
      });
    }
    throw new FactsSourceError(source, 'answered 200 with a body that is not JSON', { retryable: false, status: 200 });
  }
}

function describeNetworkError(error: unknown): string {
  // undici puts the system error (ECONNREFUSED, ECONNRESET, …) in `cause`.
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : (error as Error).name;
}

function parseRetryAfter(value: string | null): number | null {
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function invalidAnswer(source: FactsSource, issues: z.ZodError): FactsSourceError {
  // Paths only: the values may be personal data.
  const where = [...new Set(issues.issues.map((issue) => issue.path.join('.') || '(root)'))].join(', ');
  return new FactsSourceError(source, `answered 200 with a body outside the API contract (${where})`, {
    retryable: false,
    status: 200,
  });
}

function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

/**
 * One lookup as both registers answer it: the answer must keep to the API contract and be about
 * the person asked about; null when the register does not know the person (404).
 */
async function lookupChecked<T extends { personalNumber: string }>(
  source: FactsSource,
  path: string,
  schema: z.ZodType<T>,
  personalNumber: string,
  options: HttpRegisterOptions,
): Promise<T | null> {
  const body = await lookupJson(source, joinUrl(options.baseUrl, path), personalNumber, options);
  if (body === null) return null;
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalidAnswer(source, parsed.error);
  if (parsed.data.personalNumber !== personalNumber) {
    throw new FactsSourceError(source, 'answered about another person than asked', { retryable: false, status: 200 });
  }
  return parsed.data;
}

/** Population register over HTTP: `POST {baseUrl}/persons/lookup`. */
export class HttpPopulationRegister implements PopulationRegister {
  constructor(private readonly options: HttpRegisterOptions) {}

  async lookup(personalNumber: string): Promise<PopulationRecord | null> {
    const answer = await lookupChecked(
      'population-register',
      '/persons/lookup',
      populationRecordResponseSchema,
      personalNumber,
      this.options,
    );
    if (answer === null) return null;
    const protectedIdentity = answer.protectionMarking !== null;
    const record: PopulationRecord = {
      personalNumber: answer.personalNumber,
      birthDate: answer.birthDate,
      registeredMunicipality: answer.registeredMunicipality,
      protectedIdentity,
      protectionMarking: answer.protectionMarking,
      name: answer.name ?? null,
      // Defence in depth: even if the integration sends an address for a protected identity, it goes no further.
      postalAddress:
        protectedIdentity || !answer.postalAddress
          ? null
          : {
              careOf: answer.postalAddress.careOf ?? null,
              street: answer.postalAddress.street,
              postalCode: answer.postalAddress.postalCode,
              city: answer.postalAddress.city,
            },
    };
    if (answer.residenceBasis) record.residenceBasisHint = answer.residenceBasis;
    return record;
  }
}

/** Student records over HTTP: `POST {baseUrl}/sfi/students/lookup`. */
export class HttpStudentRecords implements StudentRecords {
  constructor(private readonly options: HttpRegisterOptions) {}

  async lookup(personalNumber: string): Promise<StudentRecord | null> {
    const answer = await lookupChecked(
      'student-records',
      '/sfi/students/lookup',
      studentRecordResponseSchema,
      personalNumber,
      this.options,
    );
    if (answer === null) return null;
    return {
      firstAdmissionDate: answer.firstAdmissionDate,
      completedCourseD: answer.completedCourseD,
      extensionGrantedUntil: answer.extensionGrantedUntil,
    };
  }
}
