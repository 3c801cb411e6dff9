import { dayFromDateParts } from '../../../platform/views/form.tsx';
import { z } from 'zod';
import type { FieldError } from '../../../platform/http/errors.ts';

/**
 * The municipality's settings for one e-service: who is responsible (the board, nämnd), under
 * which delegation decisions are made, where appeals and questions go, and the e-service's local
 * parameters (e.g. whether SFI is offered under temporary protection). An administrator changes
 * them; each change is a new version with the date it takes effect, so a letter prints the
 * settings in force on its decision date.
 */

/** A code per problem; the admin page turns each into a Swedish (or English) sentence. */
export type SettingsErrorCode =
  'required' | 'tooLong' | 'postalCode' | 'phone' | 'invalidEmail' | 'web' | 'invalidDate' | 'pastDate' | 'chooseOne';

const text = (max: number) => z.string().trim().min(1, 'required').max(max, 'tooLong');

/** Swedish postcodes: five digits, the first not 0, written "NNN NN". */
export const swedishPostalCodeSchema = z
  .string()
  .trim()
  .min(1, 'required')
  .transform((value) => value.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^[1-9]\d{4}$/, 'postalCode'))
  .transform((digits) => `${digits.slice(0, 3)} ${digits.slice(3)}`);

/** A Swedish phone number as people write it: digits, spaces, hyphens, a leading + (8–15 digits). */
const phoneSchema = z
  .string()
  .trim()
  .min(1, 'required')
  .max(30, 'tooLong')
  .refine((value) => /^\+?[\d\s()-]+$/.test(value) && /^\d{8,15}$/.test(value.replace(/\D/g, '')), 'phone');

export const municipalSettingsSchema = z.strictObject({
  /** The board (nämnd) responsible for the e-service's decisions. */
  board: text(200),
  delegation: z.strictObject({
    /** The delegation under which the automated decision function decides. */
    automated: text(500),
    /** The delegation under which a caseworker decides. */
    caseworker: text(500),
  }),
  /** Where appeals are sent (the authority's postal address). */
  appealAddress: z.strictObject({
    organisation: text(100),
    unit: text(200),
    street: text(100),
    postalCode: swedishPostalCodeSchema,
    city: text(60),
  }),
  phone: phoneSchema,
  email: z.string().trim().min(1, 'required').max(200, 'tooLong').pipe(z.email('invalidEmail')),
  web: z
    .string()
    .trim()
    .max(300, 'tooLong')
    .refine((value) => value === '' || /^https:\/\/[^\s/]+\.[^\s]+$/.test(value), 'web')
    .transform((value) => (value === '' ? null : value))
    .nullable(),
  /** The e-service's local parameters (yes/no), as its plug-in declares them. */
  parameters: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), z.boolean()),
});

export type MunicipalSettingsInput = z.input<typeof municipalSettingsSchema>;
export type MunicipalSettings = z.output<typeof municipalSettingsSchema>;

/** One saved version of an e-service's settings. */
export interface MunicipalSettingsVersion {
  serviceId: string;
  version: number;
  /** The day (YYYY-MM-DD) from which it is in force. */
  effectiveFrom: string;
  settings: MunicipalSettings;
  /** Who saved it; null for settings seeded at installation. */
  changedBy: { id: string; name: string } | null;
  changedAt: Date;
}

/** A yes/no parameter an e-service plug-in lets the administrator set (SFI: temporary protection). */
export interface SettingsParameter {
  key: string;
  /** The question on the admin page, Swedish and English (staff pages). */
  label: { sv: string; en: string };
  hint?: { sv: string; en: string };
}

/** The admin form's fields, flat as the browser sends them. Parameters are `parameter-<key>` = yes | no. */
export interface SettingsFormFields {
  'effectiveFrom-day': string;
  'effectiveFrom-month': string;
  'effectiveFrom-year': string;
  board: string;
  delegationAutomated: string;
  delegationCaseworker: string;
  organisation: string;
  unit: string;
  street: string;
  postalCode: string;
  city: string;
  phone: string;
  email: string;
  web: string;
}

/** Form field → path in MunicipalSettings, in page order (the error summary's order). */
export const SETTINGS_FIELDS: ReadonlyArray<readonly [keyof SettingsFormFields | 'effectiveFrom', string]> = [
  ['effectiveFrom', 'effectiveFrom'],
  ['board', 'board'],
  ['delegationAutomated', 'delegation.automated'],
  ['delegationCaseworker', 'delegation.caseworker'],
  ['organisation', 'appealAddress.organisation'],
  ['unit', 'appealAddress.unit'],
  ['street', 'appealAddress.street'],
  ['postalCode', 'appealAddress.postalCode'],
  ['city', 'appealAddress.city'],
  ['phone', 'phone'],
  ['email', 'email'],
  ['web', 'web'],
];

export const parameterField = (key: string) => `parameter-${key}`;

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** The stored settings as the form's flat fields (to edit the version in force). */
export function formFieldsOf(settings: MunicipalSettings, effectiveFrom: string): Record<string, string> {
  const [year, month, day] = effectiveFrom.split('-');
  const fields: Record<string, string> = {
    'effectiveFrom-day': String(Number(day)),
    'effectiveFrom-month': String(Number(month)),
    'effectiveFrom-year': year ?? '',
    board: settings.board,
    delegationAutomated: settings.delegation.automated,
    delegationCaseworker: settings.delegation.caseworker,
    organisation: settings.appealAddress.organisation,
    unit: settings.appealAddress.unit,
    street: settings.appealAddress.street,
    postalCode: settings.appealAddress.postalCode,
    city: settings.appealAddress.city,
    phone: settings.phone,
    email: settings.email,
    web: settings.web ?? '',
  };
  for (const [key, value] of Object.entries(settings.parameters)) fields[parameterField(key)] = value ? 'yes' : 'no';
  return fields;
}

/**
 * Reads the admin form: the settings and the day they take effect, or every problem at its field.
 * The day may not be before `today`: a version in force on a past day would change what earlier
 * decisions were made under.
 */
export function settingsFromForm(
  values: Record<string, unknown>,
  parameters: readonly SettingsParameter[],
  today: string,
): { ok: true; effectiveFrom: string; settings: MunicipalSettings } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const anyDatePart = ['day', 'month', 'year'].some((p) => str(values[`effectiveFrom-${p}`]).trim() !== '');
  const effectiveFrom = dayFromDateParts(values, 'effectiveFrom');
  if (!anyDatePart) errors.push({ field: 'effectiveFrom', code: 'required' });
  else if (!effectiveFrom) errors.push({ field: 'effectiveFrom', code: 'invalidDate' });
  else if (effectiveFrom < today) errors.push({ field: 'effectiveFrom', code: 'pastDate' });

  const parameterValues: Record<string, boolean> = {};
  for (const parameter of parameters) {
    const value = str(values[parameterField(parameter.key)]);
    if (value === 'yes' || value === 'no') parameterValues[parameter.key] = value === 'yes';
  }
  const parsed = municipalSettingsSchema.safeParse({
    board: str(values.board),
    delegation: { automated: str(values.delegationAutomated), caseworker: str(values.delegationCaseworker) },
    appealAddress: {
      organisation: str(values.organisation),
      unit: str(values.unit),
      street: str(values.street),
      postalCode: str(values.postalCode),
      city: str(values.city),
    },
    phone: str(values.phone),
    email: str(values.email),
    web: str(values.web),
    parameters: parameterValues,
  });
  if (!parsed.success) {
    const byPath = new Map(SETTINGS_FIELDS.map(([field, path]) => [path, field]));
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const field = byPath.get(issue.path.join('.'));
      if (!field || seen.has(field)) continue;
      seen.add(field);
      errors.push({ field, code: issue.message as SettingsErrorCode });
    }
  }
  for (const parameter of parameters) {
    if (!(parameter.key in parameterValues)) errors.push({ field: parameterField(parameter.key), code: 'chooseOne' });
  }
  if (errors.length > 0 || !parsed.success || !effectiveFrom) return { ok: false, errors };
  return { ok: true, effectiveFrom, settings: parsed.data };
}
