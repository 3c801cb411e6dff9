import { z } from 'zod';
import { CSRF_FIELD } from '../../platform/http/csrf.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { isCalendarDate } from '../../platform/identity/personal-number.ts';
import { residenceBases, swedishLevels, type SfiFacts } from './sfi-facts.schema.ts';
import { birthDateOf, earlierSfiErrors, identityErrors } from './sfi-form.schema.ts';

/**
 * "Prova själv": the main SFI facts as a public form, for a made-up person. No name, no identity
 * number, no address: only what the rules read. The rest of the facts are fixed to the ordinary
 * case (identity verified, no protected identity, no Nordic language, no earlier application).
 */

const yesNo = z.enum(['yes', 'no'], 'chooseOne');
const part = (max: number) => z.string().trim().max(max);

export const simulationFormSchema = z.object({
  [CSRF_FIELD]: z.string().optional(),
  'birthDate-day': part(2),
  'birthDate-month': part(2),
  'birthDate-year': part(4),
  residenceBasis: z.enum(residenceBases, 'chooseOne'),
  registeredHere: yesNo.optional(),
  swedishLevel: z.enum(swedishLevels, 'chooseOne'),
  yearsOfSchooling: z
    .string()
    .trim()
    .min(1, 'required')
    .regex(/^\d{1,2}$/, 'number'),
  literateInOwnLanguage: yesNo,
  knowsLatinAlphabet: yesNo,
  earlierSfi: yesNo,
  'earlierSfiDate-month': part(2).optional(),
  'earlierSfiDate-year': part(4).optional(),
  'decisionDate-day': part(2),
  'decisionDate-month': part(2),
  'decisionDate-year': part(4),
});
export type SimulationFormInput = z.output<typeof simulationFormSchema>;

/** What the form shows first: an ordinary adult applicant registered here, decided today. */
export function simulationFormDefaults(today: string): Record<string, string> {
  const [year, month, day] = today.split('-');
  return {
    'birthDate-day': '1',
    'birthDate-month': '1',
    'birthDate-year': '1995',
    residenceBasis: 'folkbokford',
    registeredHere: 'yes',
    swedishLevel: 'none',
    yearsOfSchooling: '9',
    literateInOwnLanguage: 'yes',
    knowsLatinAlphabet: 'yes',
    earlierSfi: 'no',
    'decisionDate-day': String(Number(day)),
    'decisionDate-month': String(Number(month)),
    'decisionDate-year': year!,
  };
}

function dateOf(values: Record<string, unknown>, name: string): string | null {
  const part = (suffix: string) => {
    const value = values[`${name}-${suffix}`];
    return typeof value === 'string' ? value.trim() : '';
  };
  const [day, month, year] = [part('day'), part('month'), part('year')];
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
}

/** A municipality code that is not ours: "registered in another municipality" for the rules. */
function otherMunicipality(code: string): string {
  return code === '0180' ? '1480' : '0180';
}

/**
 * The facts the form's answers make, or the field errors the schema could not see (dates,
 * and the month of an earlier admission when there was one). `today` bounds the birth date.
 */
export function simulationFacts(
  input: SimulationFormInput,
  options: { today: string; municipalityCode: string },
): { facts: SfiFacts; errors: [] } | { facts: null; errors: FieldError[] } {
  const values = input as unknown as Record<string, unknown>;
  const errors: FieldError[] = identityErrors(values, options.today);
  const decisionDate = dateOf(values, 'decisionDate');
  const anyDecisionPart = ['day', 'month', 'year'].some((p) => String(values[`decisionDate-${p}`] ?? '').trim());
  if (!decisionDate) errors.push({ field: 'decisionDate', code: anyDecisionPart ? 'invalidDate' : 'required' });
  const folkbokford = input.residenceBasis === 'folkbokford';
  if (folkbokford && !input.registeredHere) errors.push({ field: 'registeredHere', code: 'chooseOne' });
  if (input.earlierSfi === 'yes') errors.push(...earlierSfiErrors(values, options.today));
  const birthDate = birthDateOf(values);
  if (errors.length > 0 || !decisionDate || !birthDate) return { facts: null, errors };
  const month = String(input['earlierSfiDate-month'] ?? '').padStart(2, '0');
  return {
    facts: {
      decisionDate,
      municipality: { code: options.municipalityCode, offersSfiToTemporaryProtection: false },
      applicant: {
        birthDate,
        identityKind: 'personnummer',
        protectedIdentity: false,
        residenceBasis: input.residenceBasis,
        registeredMunicipality: folkbokford
          ? input.registeredHere === 'yes'
            ? options.municipalityCode
            : otherMunicipality(options.municipalityCode)
          : null,
        swedishLevel: input.swedishLevel,
        nordicLanguageSufficient: false,
        yearsOfSchooling: Math.min(Number(input.yearsOfSchooling), 40),
        literateInOwnLanguage: input.literateInOwnLanguage === 'yes',
        knowsLatinAlphabet: input.knowsLatinAlphabet === 'yes',
      },
      history: {
        firstAdmissionDate: input.earlierSfi === 'yes' ? `${input['earlierSfiDate-year']}-${month}-01` : null,
        completedCourseD: false,
        extensionGrantedUntil: null,
        specialReasonsStated: false,
        platformAdmissionDate: null,
        openApplication: false,
      },
    },
    errors: [],
  };
}
