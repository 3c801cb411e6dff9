import { z } from 'zod';
import { isCalendarDate } from '../../platform/identity/personal-number.ts';

/**
 * The generic parts of every rule set's contract. A rule set's own facts and decision schemas
 * (e.g. src/modules/sfi/sfi-facts.schema.ts) build on these.
 */

/** A real calendar date written YYYY-MM-DD (dates in facts and decisions are Europe/Stockholm days). */
export const isoDateSchema = z
  .string()
  .refine((value) => isCalendarDate(value), { message: 'must be a real date written YYYY-MM-DD' });

/** Every rule set is chosen by the facts' decision date, so every facts object carries one. */
export const baseFactsSchema = z.looseObject({ decisionDate: isoDateSchema });
export type BaseFacts = z.output<typeof baseFactsSchema>;

export const outcomes = ['admit', 'refuse', 'manual'] as const;
export const outcomeSchema = z.enum(outcomes);
export type Outcome = z.output<typeof outcomeSchema>;

/** Which rule set and which version (its effective date) made a decision. */
export const ruleSetRefSchema = z.strictObject({ id: z.string().min(1), version: isoDateSchema });
export type RuleSetRef = z.output<typeof ruleSetRefSchema>;

/** What every decision has: an outcome, the reasons (code + provision applied), the rule set. */
export const baseDecisionSchema = z.looseObject({
  outcome: outcomeSchema,
  reasons: z.array(z.strictObject({ code: z.string().min(1), legalRef: z.string().min(1) })).min(1),
  ruleSet: ruleSetRefSchema,
});
export type BaseDecision = z.output<typeof baseDecisionSchema>;

/**
 * One test case as data (rules/<id>/tests/*.json hold arrays of these). `expected` names the
 * outcome and the reason codes in rule-row order; any other key present in `expected`
 * (studyPath, eligibleFrom, …) must equal the decision's field of that name, `null` included.
 * `ruleSetVersion` checks which version the decision date selected.
 */
export const ruleTestCaseSchema = z.strictObject({
  name: z.string().min(1),
  facts: z.record(z.string(), z.unknown()),
  expected: z.looseObject({
    outcome: outcomeSchema,
    reasonCodes: z.array(z.string().min(1)).min(1),
    ruleSetVersion: isoDateSchema.optional(),
  }),
});
export type RuleTestCase = z.output<typeof ruleTestCaseSchema>;

export const ruleTestFileSchema = z.array(ruleTestCaseSchema).min(1);
