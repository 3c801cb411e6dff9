import { z } from 'zod';
import { isoDateSchema, outcomeSchema, ruleSetRefSchema, type RuleSetSchemas } from '../rules/index.ts';

/**
 * The SFI rule-evaluation contract (../shared/design/domain-sfi.md, "The rule-evaluation
 * contract"): the facts the rule set `sfi` reads and the decision it gives. The same shapes
 * are used by the e-service pipeline, stored with every case, and printed by
 * `npm run cli -- rules eval sfi`.
 */

/** Kommunkod: four digits (Malmö 1280). */
const municipalityCodeSchema = z
  .string()
  .regex(/^\d{4}$/, 'must be a four-digit municipality code (kommunkod), e.g. 1280');

export const identityKinds = ['personnummer', 'samordningsnummer', 'none'] as const;
export const residenceBases = [
  'folkbokford',
  'eu-free-movement',
  'finnish-border-commuter',
  'temporary-protection',
  'asylum-seeker',
  'no-permit',
  'other',
] as const;
export const swedishLevels = ['none', 'basic', 'good'] as const;

export type ResidenceBasis = (typeof residenceBases)[number];
export type SwedishLevel = (typeof swedishLevels)[number];

export const sfiFactsSchema = z
  .strictObject({
    decisionDate: isoDateSchema,
    municipality: z.strictObject({
      code: municipalityCodeSchema,
      offersSfiToTemporaryProtection: z.boolean(),
    }),
    applicant: z.strictObject({
      birthDate: isoDateSchema,
      identityKind: z.enum(identityKinds),
      /** From the population register; absent when unknown (no register answer: the identity is unverified too). */
      protectedIdentity: z.boolean().optional(),
      /** 'other' also stands for an unknown basis (see factsForRules): "annan eller oklar", a caseworker looks. */
      residenceBasis: z.enum(residenceBases),
      /** Folkbokföring municipality; null when not folkbokförd; absent when unknown (no register answer). */
      registeredMunicipality: municipalityCodeSchema.nullable().optional(),
      /** Self-declared. */
      swedishLevel: z.enum(swedishLevels),
      nordicLanguageSufficient: z.boolean(),
      yearsOfSchooling: z.int().min(0).max(40),
      literateInOwnLanguage: z.boolean(),
      knowsLatinAlphabet: z.boolean(),
    }),
    history: z.strictObject({
      /** Earlier SFI admission, if any. */
      firstAdmissionDate: isoDateSchema.nullable(),
      completedCourseD: z.boolean(),
      /** From the student records; null: none granted; absent when unknown (nothing could be looked up). */
      extensionGrantedUntil: isoDateSchema.nullable().optional(),
      /** The applicant asks for an extension or to study in another municipality. */
      specialReasonsStated: z.boolean(),
      /**
       * The platform's own admission of this person to this e-service (an earlier case admitted, by
       * the rules or a caseworker): its date; null: none. Absent when unknown (no personal number)
       * and in facts gathered before the platform was a source (rule sets before 2026-12-07).
       */
      platformAdmissionDate: isoDateSchema.nullable().optional(),
      /** An earlier application of this person to this e-service that is not decided yet; absent when unknown. */
      openApplication: z.boolean().optional(),
    }),
  })
  .superRefine((facts, ctx) => {
    // Without it "registered in another municipality" could not be told apart from "unknown".
    if (facts.applicant.residenceBasis === 'folkbokford' && facts.applicant.registeredMunicipality === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['applicant', 'registeredMunicipality'],
        message: 'is required when residenceBasis is folkbokford (the municipality the applicant is registered in)',
      });
    }
  });

export type SfiFacts = z.output<typeof sfiFactsSchema>;

/**
 * Where a fact comes from: a register (`population-register`, `student-records`), the applicant
 * (`self-declared`), the municipality's settings, the platform itself (its clock, its own earlier
 * cases, its judgement of an application without e-ID) — or nowhere: `unknown`, when nothing was
 * said and nothing could be looked up. Never a default dressed as somebody's answer.
 */
export const factSources = [
  'population-register',
  'student-records',
  'self-declared',
  'municipality-config',
  'platform',
  'unknown',
] as const;
export type FactSource = (typeof factSources)[number];

/** Sets a dotted path in a nested object. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts.at(-1)!] = value;
}

/**
 * The rule set's input from facts with their sources (as gathered, or as stored rows read back),
 * validated. A fact whose source is `unknown` is left out, so the rules see it as absent, never as
 * a default — except the residence basis, which every rule set needs: unknown is given to it as
 * 'other' ("annan eller oklar"), and RESIDENCE_UNCLEAR sends the case to a caseworker
 * (docs/decisions/0012-fact-sources.md).
 */
export function factsForRules(rows: readonly { name: string; value: unknown; source: string }[]): SfiFacts {
  const raw: Record<string, unknown> = {};
  for (const row of rows) {
    if (row.source !== 'unknown') setPath(raw, row.name, row.value);
    else if (row.name === 'applicant.residenceBasis') setPath(raw, row.name, 'other');
  }
  return sfiFactsSchema.parse(raw);
}

export const sfiReasonCodes = [
  'ELIGIBLE',
  'AGE_BELOW_THRESHOLD',
  'NOT_ENTITLED_RESIDENCE',
  'NOT_ENTITLED_TEMPORARY_PROTECTION',
  'OFFER_TEMPORARY_PROTECTION',
  'REGISTERED_IN_OTHER_MUNICIPALITY',
  'STUDY_IN_OTHER_MUNICIPALITY',
  'EVIDENCE_OF_RESIDENCE_REQUIRED',
  'EVIDENCE_OF_BORDER_COMMUTING_REQUIRED',
  'RESIDENCE_UNCLEAR',
  'NORDIC_LANGUAGE',
  'SWEDISH_LEVEL_UNCLEAR',
  'RIGHT_EXPIRED',
  'EXTENSION_REQUESTED',
  'PROTECTED_IDENTITY',
  'IDENTITY_UNVERIFIED',
  'ALREADY_ADMITTED',
  'EARLIER_APPLICATION_OPEN',
] as const;
export type SfiReasonCode = (typeof sfiReasonCodes)[number];

/**
 * The decision, keys in contract order. The Zen Engine leaves null-valued keys out of an
 * expression node's output, so the nullable fields default to null.
 */
export const sfiDecisionSchema = z
  .strictObject({
    outcome: outcomeSchema,
    reasons: z.array(z.strictObject({ code: z.enum(sfiReasonCodes), legalRef: z.string().min(1) })).min(1),
    /** Preliminary; the knowledge assessment (kartläggning) decides the final placement. Null when refused. */
    studyPath: z
      .union([z.literal(1), z.literal(2), z.literal(3)])
      .nullable()
      .default(null),
    startCourse: z.enum(['A', 'B', 'C']).nullable().default(null),
    /** 1 July of the year the applicant turns 16. */
    eligibleFrom: isoDateSchema,
    /** The first day without the three-year right (decisionDate ≥ rightExpires means expired); null when refused or when the rule set has no time limit. */
    rightExpires: isoDateSchema.nullable().default(null),
    ruleSet: ruleSetRefSchema,
  })
  .superRefine((decision, ctx) => {
    // Invariants of the contract; a rule set that breaks them has a bug.
    const refused = decision.outcome === 'refuse';
    const eligibleReason = decision.reasons.some((reason) => reason.code === 'ELIGIBLE');
    if (refused && (decision.studyPath !== null || decision.startCourse !== null || decision.rightExpires !== null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['studyPath'],
        message: 'a refusal has no study path, start course or right expiry',
      });
    }
    if (!refused && (decision.studyPath === null || decision.startCourse === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['studyPath'],
        message: 'an admission or manual case has a preliminary study path and start course',
      });
    }
    if ((decision.outcome === 'admit') !== (eligibleReason && decision.reasons.length === 1)) {
      ctx.addIssue({
        code: 'custom',
        path: ['reasons'],
        message: 'ELIGIBLE is the one reason of an admission, and only of an admission',
      });
    }
  });

export type SfiDecision = z.output<typeof sfiDecisionSchema>;

/** The SFI rule set's contract (rules/sfi): what its facts and its decisions must look like. */
export const sfiRuleSet: RuleSetSchemas<SfiFacts, SfiDecision> = { facts: sfiFactsSchema, decision: sfiDecisionSchema };
