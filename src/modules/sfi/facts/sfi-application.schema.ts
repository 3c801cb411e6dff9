import { z } from 'zod';
import { isValidPersonalNumber } from '../../../platform/identity/personal-number.ts';
import { isoDateSchema } from '../../rules/index.ts';
import { residenceBases, swedishLevels } from '../sfi-facts.schema.ts';

/**
 * What the SFI form collects that the facts need — the input of `gatherFacts`. Everything here
 * is the applicant's own statement (self-declared); registers confirm or override parts of it.
 * The form (and the JSON API) validate their own input and map it to this shape.
 */

export type ResidenceBasis = (typeof residenceBases)[number];
export type SwedishLevel = (typeof swedishLevels)[number];

/** The stored form of a personnummer/samordningsnummer: 12 digits with a valid check digit. */
const storedPersonalNumberSchema = z
  .string()
  .regex(/^\d{12}$/, 'must be the stored 12-digit form YYYYMMDDNNNC')
  .refine((value) => isValidPersonalNumber(value), { message: 'invalidPersonalNumber' });

export const sfiApplicationInputSchema = z
  .strictObject({
    /** From e-ID, or typed by an applicant without e-ID; null when the applicant has none. */
    personalNumber: storedPersonalNumberSchema.nullable(),
    /** Asked only when there is no personal number (the number itself carries the birth date). */
    birthDate: isoDateSchema.nullable(),
    residenceBasis: z.enum(residenceBases),
    swedishLevel: z.enum(swedishLevels),
    /** Danish or Norwegian good enough to make SFI unnecessary (SkolL 20 kap. 32 §). */
    nordicLanguageSufficient: z.boolean(),
    yearsOfSchooling: z.int().min(0).max(40),
    literateInOwnLanguage: z.boolean(),
    knowsLatinAlphabet: z.boolean(),
    /** Earlier SFI as the applicant states it (perhaps in another municipality); null: never studied SFI. */
    earlierSfi: z
      .strictObject({
        /** The first admission; the form may ask month and year and send the first of the month. */
        firstAdmissionDate: isoDateSchema,
        completedCourseD: z.boolean(),
      })
      .nullable(),
    /** The applicant states special reasons (to extend the right, or to study in another municipality). */
    specialReasonsStated: z.boolean(),
  })
  .superRefine((application, ctx) => {
    if (application.personalNumber === null && application.birthDate === null) {
      ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'required' });
    }
  });

export type SfiApplicationInput = z.output<typeof sfiApplicationInputSchema>;
