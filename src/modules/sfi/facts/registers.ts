import { AppError } from '../../../platform/http/errors.ts';
import type { ResidenceBasis } from '../sfi-facts.schema.ts';

/**
 * The registers the SFI facts come from, as interfaces: the population register
 * (Skatteverket's folkbokföring, e.g. through Navet or a municipal integration layer) and the
 * municipality's own student records. Adapters: fakes over a synthetic population for dev and
 * tests (fake-registers.ts), HTTP for real registers (http-registers.ts, API in README.md).
 */

/** Skatteverket's two protection markings; either means "protected identity" (skyddade personuppgifter). */
export const protectionMarkings = ['sekretessmarkering', 'skyddad-folkbokforing'] as const;
export type ProtectionMarking = (typeof protectionMarkings)[number];

export interface PersonName {
  givenName: string;
  familyName: string;
}

export interface PostalAddress {
  careOf: string | null;
  street: string;
  postalCode: string;
  city: string;
}

/**
 * What folkbokföring holds about a person and SFI needs. Faithful to the register: it knows
 * birth date, the municipality of registration, the protection marking, name and address — NOT
 * asylum or permit status (that is Migrationsverket's), so `residenceBasisHint` is only set by
 * an adapter whose integration really has that source; otherwise the basis stays self-declared.
 */
export interface PopulationRecord {
  /** The number looked up, stored form (12 digits); the adapter checks the answer is about it. */
  personalNumber: string;
  birthDate: string;
  /** Kommunkod of the municipality of registration; null when not folkbokförd (samordningsnummer holders, emigrated). */
  registeredMunicipality: string | null;
  protectedIdentity: boolean;
  protectionMarking: ProtectionMarking | null;
  /** Only from an adapter with an authoritative source for it (e.g. an integration with Migrationsverket). */
  residenceBasisHint?: ResidenceBasis;
  name: PersonName | null;
  /** Always null for a protected identity: adapters drop it even if a source sends one. */
  postalAddress: PostalAddress | null;
}

export interface PopulationRegister {
  /** The person with this personnummer/samordningsnummer (12 digits), or null when the register has none. */
  lookup(personalNumber: string): Promise<PopulationRecord | null>;
}

/** The municipality's SFI student records about one person (the individual study plan). */
export interface StudentRecord {
  /** The first SFI admission; the three-year right counts from it (from 2026-01-01 for earlier admissions). */
  firstAdmissionDate: string | null;
  completedCourseD: boolean;
  /** An extension of the right granted for special reasons, until this date. */
  extensionGrantedUntil: string | null;
}

export interface StudentRecords {
  /** The person's record, or null when the municipality has never had them in SFI. */
  lookup(personalNumber: string): Promise<StudentRecord | null>;
}

export type FactsSource = 'population-register' | 'student-records';

/**
 * A register could not answer. `retryable` (timeouts, 5xx, 429, network errors): try again
 * later — the pipeline's job retries with backoff. Not retryable (401/403, a malformed answer):
 * configuration or contract problem, retrying will not help; an admin must look.
 * The message never contains the personal number.
 */
export class FactsSourceError extends AppError {
  readonly source: FactsSource;
  readonly retryable: boolean;
  readonly status: number | null;
  /** Seconds from a Retry-After header, when the source sent one. */
  readonly retryAfterSeconds: number | null;

  constructor(
    source: FactsSource,
    message: string,
    options: { retryable: boolean; status?: number | null; retryAfterSeconds?: number | null; cause?: unknown },
  ) {
    super(options.retryable ? 'UNAVAILABLE' : 'INTERNAL', `${source}: ${message}`);
    this.name = 'FactsSourceError';
    this.source = source;
    this.retryable = options.retryable;
    this.status = options.status ?? null;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
    if (options.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** True for errors worth retrying (a register that is down or slow), false for everything else. */
export function isRetryableFactsError(error: unknown): boolean {
  return error instanceof FactsSourceError && error.retryable;
}
