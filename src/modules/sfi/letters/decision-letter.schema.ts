import { z } from 'zod';
import { isoDateSchema, outcomeSchema, ruleSetRefSchema } from '../../rules/index.ts';
import { factSources, sfiFactsSchema } from '../sfi-facts.schema.ts';

/**
 * The decision letter's view model: everything the letter prints, as plain data, so the pipeline
 * (or a caseworker's manual decision) can render a letter without a database.
 */

const line = (max: number) => z.string().trim().min(1).max(max);

/** Every source a fact can have; `unknown` prints as "uppgift saknas", whatever value the rules were given. */
export const letterSources = factSources;

export const decisionLetterInputSchema = z
  .strictObject({
    municipality: z.strictObject({
      /** e.g. "Malmö stad" */
      name: line(100),
      /** The unit that handles SFI, e.g. "Vuxenutbildningen" */
      department: line(200),
      /** The board (nämnd) responsible for the decision, e.g. "Arbetsmarknads- och vuxenutbildningsnämnden". */
      board: line(200),
      /** The delegations under which the automated function and a caseworker decide (the municipal settings). */
      delegation: z.strictObject({ automated: line(500), caseworker: line(500) }),
      /** The municipality's postal address, one line per element (where appeals are sent). */
      postalAddress: z.array(line(100)).min(1).max(4),
      phone: line(40),
      email: z.email(),
      web: z.url().optional(),
    }),
    /** Case numbers are printed and go into the PDF metadata: letters, digits and hyphens only. */
    caseNumber: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/, 'letters, digits and hyphens only'),
    decisionDate: isoDateSchema,
    applicant: z.strictObject({
      name: line(200),
      /** Printed in the address field, unless the identity is protected (then never). */
      postalAddress: z
        .strictObject({ careOf: line(100).nullable(), street: line(100), postalCode: line(20), city: line(60) })
        .nullable(),
    }),
    /** Skyddade personuppgifter: no address and no municipality of registration is printed. */
    protectedIdentity: z.boolean(),
    /**
     * The decision: the rule contract's decision object (SfiDecision fits), or a caseworker's
     * decision with the rules' study path and dates. A `manual` outcome is not a decision and
     * has no letter.
     */
    decision: z.object({
      outcome: outcomeSchema.refine(
        (outcome) => outcome !== 'manual',
        'a manual outcome is not a decision: a caseworker decides first',
      ),
      reasons: z.array(z.object({ code: line(100), legalRef: line(200) })).min(1),
      studyPath: z
        .union([z.literal(1), z.literal(2), z.literal(3)])
        .nullable()
        .optional(),
      startCourse: z.enum(['A', 'B', 'C']).nullable().optional(),
      eligibleFrom: isoDateSchema.nullable().optional(),
      rightExpires: isoDateSchema.nullable().optional(),
      ruleSet: ruleSetRefSchema.nullable().optional(),
    }),
    /** The facts the decision was made on; the letter explains the decisive ones from them. */
    facts: sfiFactsSchema,
    /** Where each fact came from (dotted fact path → source), e.g. from gatherFacts' provenance. */
    factSources: z.record(z.string(), z.enum(letterSources)).optional(),
    decidedBy: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('automated') }),
      z.strictObject({ kind: z.literal('caseworker'), name: line(200), title: line(200).optional() }),
    ]),
    /** A caseworker's written motivation. */
    motivation: z.string().trim().max(5000).nullable().optional(),
    /** The assigned school, when known at the time of the letter. */
    school: line(200).nullable().optional(),
  })
  .superRefine((input, ctx) => {
    if (
      input.decision.outcome === 'admit' &&
      (input.decision.studyPath == null || input.decision.startCourse == null)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['decision', 'studyPath'],
        message: 'an admission letter needs the preliminary study path and start course',
      });
    }
  });

export type DecisionLetterInput = z.input<typeof decisionLetterInputSchema>;
export type DecisionLetter = z.output<typeof decisionLetterInputSchema>;
