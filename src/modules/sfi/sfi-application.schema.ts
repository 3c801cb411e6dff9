import { z } from 'zod';
import { AppError } from '../../platform/http/errors.ts';
import { isCalendarDate } from '../../platform/identity/personal-number.ts';
import { residenceBases, swedishLevels } from './sfi-facts.schema.ts';

/**
 * The SFI application as residents (form) and integrations (JSON API) send it: what the law needs
 * and nothing more (domain-sfi.md, "The process"): identity, contact, languages, schooling,
 * literacy, Latin alphabet, Swedish level, Nordic language, earlier SFI, special reasons,
 * preferences, adaptation needs. The personal number's check digit and the birth date's
 * relation to today are checked by the service (they need the clock).
 */

const noControl = /^[^\p{Cc}]*$/u;
/** A one-line text field; every text field is length-limited so a megabyte of text is refused. */
const line = (max: number) => z.string().trim().min(1).max(max).regex(noControl, 'controlCharacters');
/** Free text (may have line breaks, no other control characters). */
const freeText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/u, 'controlCharacters');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date')
  .refine(isCalendarDate, 'date');

/**
 * A Swedish postal code as typed ("211 45", "21145"; Arabic-Indic digits too, as phones with an
 * Arabic or Persian keyboard type them) in the stored form "211 45", or null when it is not one.
 * Swedish postal codes run from 100 00 to 999 99: none starts with 0.
 */
export function postalCodeOf(typed: string): string | null {
  const digits = typed
    .trim()
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
  const match = /^([1-9]\d{2}) ?(\d{2})$/.exec(digits);
  return match ? `${match[1]} ${match[2]}` : null;
}

/** Field lengths of a postal address: what the decision letter's address block holds. */
export const ADDRESS_MAX = { careOf: 100, street: 100, city: 60 } as const;

/** A postal address in Sweden, where the decision is sent by post (the no-e-ID path). */
const postalAddressSchema = z.strictObject({
  /** The name on the mailbox when it is not the applicant's ("c/o"); empty or null for none. */
  careOf: z.string().trim().max(ADDRESS_MAX.careOf).regex(noControl, 'controlCharacters').nullable().optional(),
  street: line(ADDRESS_MAX.street),
  /** Five digits, "211 45" or "21145"; stored as "211 45". */
  postalCode: z
    .string()
    .max(20)
    .refine((v) => postalCodeOf(v) !== null, 'invalid')
    .transform((v) => postalCodeOf(v)!),
  city: line(ADDRESS_MAX.city),
});

export const studyForms = ['daytime', 'evening', 'distance'] as const;
export const studyPaces = ['part-time', 'full-time'] as const;

export const sfiApplicationSchema = z.strictObject({
  identity: z.strictObject({
    /**
     * Personnummer or samordningsnummer (YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN). With e-ID the
     * signed-in resident's verified number is used instead. Optional: applicants without one exist.
     */
    personalNumber: z
      .string()
      .trim()
      .max(20)
      .regex(/^[0-9+-]*$/, 'invalidPersonalNumber')
      .nullable()
      .optional(),
    /** Required without e-ID; with e-ID the name comes from the sign-in when omitted. */
    name: line(200).optional(),
    /** Required when there is no personal number. */
    birthDate: isoDate.nullable().optional(),
    /** The basis of residence in Sweden (folkbokförd, EU right of residence, …); the register confirms folkbokföring. */
    residenceBasis: z.enum(residenceBases).default('folkbokford'),
  }),
  contact: z.strictObject({
    email: z.email().max(254).nullable().optional(),
    phone: z
      .string()
      .trim()
      .max(40)
      .regex(/^[0-9+()\- ]*$/, 'invalid')
      .nullable()
      .optional(),
    /**
     * Where the decision is sent by post. Required without e-ID (the service checks it); with
     * e-ID the population register's address is used and this one only when the register has none.
     */
    address: postalAddressSchema.nullable().optional(),
  }),
  /** Languages the applicant speaks (names or ISO 639 codes), first the mother tongue. */
  languages: z.array(line(60)).min(1).max(10),
  yearsOfSchooling: z.int().min(0).max(40),
  literateInOwnLanguage: z.boolean(),
  knowsLatinAlphabet: z.boolean(),
  swedishLevel: z.enum(swedishLevels),
  /** Danish or Norwegian good enough to make SFI unnecessary (SkolL 20 kap. 32 §). */
  nordicLanguageSufficient: z.boolean(),
  /** Earlier SFI (here or elsewhere): month of the first admission, whether course D was completed. */
  earlierSfi: z
    .strictObject({
      firstAdmissionMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'date'),
      completedCourseD: z.boolean(),
    })
    .nullable()
    .default(null),
  /** Special reasons (to extend the right, or to study in another municipality), in the applicant's words. */
  specialReasons: freeText(2000).nullable().default(null),
  preferences: z.strictObject({
    studyForm: z.enum(studyForms),
    pace: z.enum(studyPaces),
    /** A school id from the municipality's list, where it allows a choice. */
    preferredSchool: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/, 'invalid')
      .max(50)
      .nullable()
      .default(null),
  }),
  adaptationNeeds: freeText(2000).nullable().default(null),
});

export type SfiApplication = z.output<typeof sfiApplicationSchema>;
export type SfiApplicationBody = z.input<typeof sfiApplicationSchema>;

/**
 * An application checked against the schema, once: the JSON API's route schema does it for its
 * body; the form calls this on the application its pages make. Bad input: VALIDATION_FAILED with
 * every field's problem (codes the views translate), nothing stored.
 */
export function parseSfiApplication(input: unknown): SfiApplication {
  const parsed = sfiApplicationSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new AppError('VALIDATION_FAILED', 'The application is not valid.', {
    fields: parsed.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || '(body)',
      code: fieldCode(issue.message, issue.code),
    })),
  });
}

function fieldCode(message: string, code: string): string {
  if (['controlCharacters', 'invalidPersonalNumber', 'date', 'invalid', 'required'].includes(message)) return message;
  if (code === 'too_big') return 'tooLong';
  if (code === 'too_small') return 'required';
  if (code === 'unrecognized_keys') return 'unknownField';
  return 'invalid';
}

/**
 * The answers as a case keeps them (`cases.answers`), and as the pipeline reads them back: parsed
 * with this schema when read, never cast. The personal number is a column of the case and the
 * contact details are the case's applicant, so neither is here.
 */
export const storedSfiAnswersSchema = z.object({
  birthDate: isoDate.nullable(),
  residenceBasis: z.enum(residenceBases),
  languages: z.array(z.string()),
  yearsOfSchooling: z.int().min(0).max(40),
  literateInOwnLanguage: z.boolean(),
  knowsLatinAlphabet: z.boolean(),
  swedishLevel: z.enum(swedishLevels),
  nordicLanguageSufficient: z.boolean(),
  earlierSfi: z.object({ firstAdmissionDate: isoDate, completedCourseD: z.boolean() }).nullable(),
  specialReasons: z.string().nullable(),
  preferences: z.object({
    studyForm: z.enum(studyForms),
    pace: z.enum(studyPaces),
    preferredSchool: z.string().nullable(),
  }),
  adaptationNeeds: z.string().nullable(),
});

export type StoredSfiAnswers = z.output<typeof storedSfiAnswersSchema>;

/** A synthetic postal address for examples and tests. */
export const EXAMPLE_ADDRESS = { careOf: null, street: 'Exempelgatan 12', postalCode: '211 22', city: 'Malmö' };

/** A complete application, for examples, tests and the benchmark (synthetic data only). */
export function exampleApplication(overrides: Partial<SfiApplicationBody> = {}): SfiApplicationBody {
  return {
    identity: { name: 'Exempel Person', birthDate: '1990-05-17', residenceBasis: 'folkbokford' },
    contact: { email: 'exempel@example.test', address: EXAMPLE_ADDRESS },
    languages: ['ar'],
    yearsOfSchooling: 9,
    literateInOwnLanguage: true,
    knowsLatinAlphabet: true,
    swedishLevel: 'none',
    nordicLanguageSufficient: false,
    earlierSfi: null,
    specialReasons: null,
    preferences: { studyForm: 'daytime', pace: 'full-time', preferredSchool: null },
    adaptationNeeds: null,
    ...overrides,
    // Overriding the contact keeps the example address unless the override names one (or null).
    ...(overrides.contact ? { contact: { address: EXAMPLE_ADDRESS, ...overrides.contact } } : {}),
  };
}
