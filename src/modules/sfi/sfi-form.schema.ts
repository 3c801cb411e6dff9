import { z } from 'zod';
import { CSRF_FIELD } from '../../platform/http/csrf.ts';
import { isCalendarDate, parsePersonalNumber } from '../../platform/identity/personal-number.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { ADDRESS_MAX, postalCodeOf, type SfiApplicationBody } from './sfi-application.schema.ts';
import { residenceBases, swedishLevels } from './sfi-facts.schema.ts';

/**
 * The resident-facing SFI form, one question per page. Each page posts strings (an HTML form);
 * its schema checks them and names message codes from the validation catalog. The answers are
 * kept in the draft as the page's values (strings), so a page shows exactly what was typed;
 * `toSubmission` turns the complete set into the typed application at the end.
 *
 * The form asks what the rules and the process need and nothing more (domain-sfi.md, "The
 * process around the rules").
 */

// Printable text: the catalog's `controlCharacters` message for anything else. Multi-line
// fields may also hold line breaks.
const noControl = /^[^\p{Cc}]*$/u;
const noControlExceptNewlines = /^[^\p{Cc}]*$|^(?:[^\p{Cc}]|\r|\n|\t)*$/u;
const line = (max: number) => z.string().trim().min(1, 'required').max(max).regex(noControl, 'controlCharacters');
const optionalLine = (max: number) => z.string().trim().max(max).regex(noControl, 'controlCharacters').optional();
const optionalText = (max: number) =>
  z.string().trim().max(max).regex(noControlExceptNewlines, 'controlCharacters').optional();
const yesNo = z.enum(['yes', 'no'], 'chooseOne');
const csrf = { [CSRF_FIELD]: z.string().optional() };

export const TEXT_MAX = 2000;

export const studyTimes = ['daytime', 'evening', 'distance'] as const;
export const paces = ['full-time', 'part-time'] as const;
export const specialReasonKinds = ['extension', 'other-municipality'] as const;

/** Identity without e-ID: name, birth date (three parts), and a personnummer or samordningsnummer if the person has one. */
export const identityPage = z.object({
  ...csrf,
  name: line(200),
  'birthDate-day': z.string().trim().max(2),
  'birthDate-month': z.string().trim().max(2),
  'birthDate-year': z.string().trim().max(4),
  personalNumber: z.string().trim().max(20).optional(),
});

export const contactPage = z
  .object({
    ...csrf,
    email: z.union([z.literal(''), z.email('invalidEmail').max(254, 'invalidEmail')]).optional(),
    phone: z
      .string()
      .trim()
      .max(40)
      .regex(/^[0-9+()\- ]*$/, 'invalid')
      .optional(),
  })
  .superRefine((value, ctx) => {
    // One way to reach the applicant is enough; none is not.
    if (!value.email && !value.phone) ctx.addIssue({ code: 'custom', path: ['email'], message: 'required' });
  });

/** Where the decision is sent by post (without e-ID): Swedish address lines, c/o optional. */
export const addressPage = z.object({
  ...csrf,
  careOf: optionalLine(ADDRESS_MAX.careOf),
  street: line(ADDRESS_MAX.street),
  postalCode: z
    .string()
    .trim()
    .min(1, 'required')
    .max(20, 'invalid')
    // One message per problem: empty and overlong are told above.
    .refine((v) => v === '' || v.length > 20 || postalCodeOf(v) !== null, 'invalid'),
  city: line(ADDRESS_MAX.city),
});

export const residencePage = z.object({ ...csrf, residenceBasis: z.enum(residenceBases, 'chooseOne') });

export const languagesPage = z.object({
  ...csrf,
  // The service keeps at most ten languages of 60 characters each.
  motherTongue: line(60),
  otherLanguages: optionalLine(500).refine(
    (v) => !v || (splitLanguages(v).length <= 9 && splitLanguages(v).every((l) => l.length <= 60)),
    'invalid',
  ),
  nordicLanguageSufficient: yesNo,
});

export const schoolingPage = z.object({
  ...csrf,
  yearsOfSchooling: z
    .string()
    .trim()
    .min(1, 'required')
    .regex(/^\d{1,2}$/, 'number')
    .refine((v) => Number(v) <= 40, 'invalid'),
});

export const literacyPage = z.object({ ...csrf, literateInOwnLanguage: yesNo });
export const latinAlphabetPage = z.object({ ...csrf, knowsLatinAlphabet: yesNo });
export const swedishPage = z.object({ ...csrf, swedishLevel: z.enum(swedishLevels, 'chooseOne') });
export const earlierSfiPage = z.object({ ...csrf, earlierSfi: yesNo });

export const earlierSfiDetailsPage = z.object({
  ...csrf,
  'earlierSfiDate-month': z.string().trim().max(2),
  'earlierSfiDate-year': z.string().trim().max(4),
  completedCourseD: yesNo,
});

const oneOrMany = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.enum(values, 'chooseOne'), z.array(z.enum(values, 'chooseOne')).max(values.length)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

export const specialReasonsPage = z
  .object({
    ...csrf,
    specialReasons: oneOrMany(specialReasonKinds),
    specialReasonsText: optionalText(TEXT_MAX),
  })
  .superRefine((value, ctx) => {
    // A reason ticked needs the applicant's words: the caseworker decides on them.
    if (value.specialReasons.length > 0 && !value.specialReasonsText)
      ctx.addIssue({ code: 'custom', path: ['specialReasonsText'], message: 'required' });
  });

export const preferencesPage = z.object({
  ...csrf,
  studyTime: z.enum(studyTimes, 'chooseOne'),
  pace: z.enum(paces, 'chooseOne'),
  // A school id from the municipality's list ('' = no preference); the route checks it is on the list.
  preferredSchool: z
    .string()
    .trim()
    .max(50)
    .regex(/^([a-z][a-z0-9-]*)?$/, 'chooseOne')
    .optional(),
});

export const adaptationsPage = z.object({ ...csrf, adaptationNeeds: optionalText(TEXT_MAX) });

export const submitBody = z.object({
  ...csrf,
  // A random UUID made when the check page was shown: the same key twice is one application.
  idempotencyKey: z.string().regex(/^[0-9a-f-]{36}$/, 'invalid'),
});

/** Stored per page: the page's values as strings (checkbox groups as arrays). */
export type PageAnswers = Record<string, string | string[]>;
/** The draft: one entry per answered page. */
export type SfiDraftAnswers = Partial<Record<StepId, PageAnswers>>;

export const STEP_IDS = [
  'identity',
  'contact',
  'address',
  'residence',
  'languages',
  'schooling',
  'literacy',
  'latinAlphabet',
  'swedish',
  'earlierSfi',
  'earlierSfiDetails',
  'specialReasons',
  'preferences',
  'adaptations',
] as const;
export type StepId = (typeof STEP_IDS)[number];

export const pageSchemas: Record<StepId, z.ZodType> = {
  identity: identityPage,
  contact: contactPage,
  address: addressPage,
  residence: residencePage,
  languages: languagesPage,
  schooling: schoolingPage,
  literacy: literacyPage,
  latinAlphabet: latinAlphabetPage,
  swedish: swedishPage,
  earlierSfi: earlierSfiPage,
  earlierSfiDetails: earlierSfiDetailsPage,
  specialReasons: specialReasonsPage,
  preferences: preferencesPage,
  adaptations: adaptationsPage,
};

/**
 * Checks the schema cannot express because they need today's date or two fields together:
 * the birth date is a real date and not in the future, the identity number is valid and
 * belongs to that birth date. Returns field errors (nothing is stored when there are any).
 */
export function identityErrors(values: Record<string, unknown>, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const part = (name: string) => (typeof values[name] === 'string' ? (values[name] as string).trim() : '');
  const [day, month, year] = [part('birthDate-day'), part('birthDate-month'), part('birthDate-year')];
  const birthDate = birthDateOf(values);
  if (!day && !month && !year) errors.push({ field: 'birthDate', code: 'required' });
  else if (!day) errors.push({ field: 'birthDate-day', code: 'required' });
  else if (!month) errors.push({ field: 'birthDate-month', code: 'required' });
  else if (!year) errors.push({ field: 'birthDate-year', code: 'required' });
  else if (!birthDate) errors.push({ field: 'birthDate', code: 'invalidDate' });
  else if (birthDate > today) errors.push({ field: 'birthDate', code: 'futureDate' });
  const number = part('personalNumber');
  if (number) {
    const parsed = parsePersonalNumber(number, { today });
    if (!parsed.ok) errors.push({ field: 'personalNumber', code: 'invalidPersonalNumber' });
    else if (birthDate && parsed.personalNumber.birthDate !== birthDate)
      errors.push({ field: 'personalNumber', code: 'birthDateMismatch' });
  }
  return errors;
}

/** The month of the first SFI admission: a real month, not in the future. */
export function earlierSfiErrors(values: Record<string, unknown>, today: string): FieldError[] {
  const part = (name: string) => (typeof values[name] === 'string' ? (values[name] as string).trim() : '');
  const [month, year] = [part('earlierSfiDate-month'), part('earlierSfiDate-year')];
  if (!month && !year) return [{ field: 'earlierSfiDate', code: 'required' }];
  if (!month) return [{ field: 'earlierSfiDate-month', code: 'required' }];
  if (!year) return [{ field: 'earlierSfiDate-year', code: 'required' }];
  if (!/^\d{1,2}$/.test(month) || Number(month) < 1 || Number(month) > 12 || !/^(19|20)\d{2}$/.test(year))
    return [{ field: 'earlierSfiDate', code: 'invalidDate' }];
  if (`${year}-${month.padStart(2, '0')}` > today.slice(0, 7)) return [{ field: 'earlierSfiDate', code: 'futureDate' }];
  return [];
}

/** The birth date the three parts make (YYYY-MM-DD), or null when they make none. */
export function birthDateOf(values: Record<string, unknown>): string | null {
  const part = (name: string) => (typeof values[name] === 'string' ? (values[name] as string).trim() : '');
  const [day, month, year] = [part('birthDate-day'), part('birthDate-month'), part('birthDate-year')];
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
}

const str = (page: PageAnswers | undefined, key: string): string => {
  const value = page?.[key];
  return typeof value === 'string' ? value : '';
};
const orNull = (value: string) => (value === '' ? null : value);

/** Other languages as typed ("engelska, franska") → one entry each, at most nine. */
export function splitLanguages(text: string): string[] {
  return text
    .split(/[,;\n\u060C]/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * The typed application from a complete draft. On the e-ID path (`eId`) identity comes from
 * the sign-in and the identity page is not asked. `reasonLabels` are the Swedish names of the
 * special-reason kinds (the caseworker reads them with the applicant's own words).
 */
export function toApplication(
  answers: SfiDraftAnswers,
  eId: boolean,
  reasonLabels: Record<(typeof specialReasonKinds)[number], string>,
): SfiApplicationBody {
  const a = answers;
  const kinds = (
    Array.isArray(a.specialReasons?.specialReasons) ? a.specialReasons.specialReasons : []
  ) as (typeof specialReasonKinds)[number][];
  const reasonText = str(a.specialReasons, 'specialReasonsText');
  const specialReasons =
    kinds.length > 0 || reasonText
      ? [kinds.map((k) => reasonLabels[k]).join('; '), reasonText].filter(Boolean).join(': ')
      : null;
  const month = str(a.earlierSfiDetails, 'earlierSfiDate-month').padStart(2, '0');
  const year = str(a.earlierSfiDetails, 'earlierSfiDate-year');
  return {
    identity: eId
      ? { residenceBasis: str(a.residence, 'residenceBasis') as SfiApplicationBody['identity']['residenceBasis'] }
      : {
          name: str(a.identity, 'name'),
          personalNumber: orNull(normalizedNumber(str(a.identity, 'personalNumber'))),
          birthDate: birthDateOf(a.identity ?? {}),
          residenceBasis: str(a.residence, 'residenceBasis') as SfiApplicationBody['identity']['residenceBasis'],
        },
    contact: {
      email: orNull(str(a.contact, 'email')),
      phone: orNull(str(a.contact, 'phone')),
      // Asked only without e-ID; with e-ID the population register's address is used.
      address:
        !eId && a.address
          ? {
              careOf: orNull(str(a.address, 'careOf')),
              street: str(a.address, 'street'),
              postalCode: postalCodeOf(str(a.address, 'postalCode')) ?? str(a.address, 'postalCode'),
              city: str(a.address, 'city'),
            }
          : null,
    },
    languages: [str(a.languages, 'motherTongue'), ...splitLanguages(str(a.languages, 'otherLanguages'))].slice(0, 10),
    yearsOfSchooling: Number(str(a.schooling, 'yearsOfSchooling')),
    literateInOwnLanguage: str(a.literacy, 'literateInOwnLanguage') === 'yes',
    knowsLatinAlphabet: str(a.latinAlphabet, 'knowsLatinAlphabet') === 'yes',
    swedishLevel: str(a.swedish, 'swedishLevel') as SfiApplicationBody['swedishLevel'],
    nordicLanguageSufficient: str(a.languages, 'nordicLanguageSufficient') === 'yes',
    earlierSfi:
      str(a.earlierSfi, 'earlierSfi') === 'yes'
        ? {
            firstAdmissionMonth: `${year}-${month}`,
            completedCourseD: str(a.earlierSfiDetails, 'completedCourseD') === 'yes',
          }
        : null,
    specialReasons,
    preferences: {
      studyForm: str(a.preferences, 'studyTime') as SfiApplicationBody['preferences']['studyForm'],
      pace: str(a.preferences, 'pace') as SfiApplicationBody['preferences']['pace'],
      preferredSchool: orNull(str(a.preferences, 'preferredSchool')),
    },
    adaptationNeeds: orNull(str(a.adaptations, 'adaptationNeeds')),
  };
}

/** The stored 12-digit form of a valid number as typed; '' stays ''. */
export function normalizedNumber(typed: string): string {
  if (!typed) return '';
  const parsed = parsePersonalNumber(typed);
  return parsed.ok ? parsed.personalNumber.value : typed;
}
