import { describe, expect, it } from 'vitest';
import { sfiDecisionSchema, sfiFactsSchema } from './sfi-facts.schema.ts';
import { contractDecision, contractFacts } from '../../../test/fixtures/sfi-facts.ts';

const paths = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }) =>
  result.error?.issues.map((issue) => issue.path.join('.')) ?? [];

describe('SFI facts', () => {
  it('accept the contract example', () => {
    expect(sfiFactsSchema.parse(contractFacts)).toEqual(contractFacts);
  });

  it('require the registration municipality of a folkbokförd applicant', () => {
    const result = sfiFactsSchema.safeParse({
      ...contractFacts,
      applicant: { ...contractFacts.applicant, registeredMunicipality: null },
    });
    expect(paths(result)).toEqual(['applicant.registeredMunicipality']);
  });

  it('allow no registration municipality for other residence bases', () => {
    const result = sfiFactsSchema.safeParse({
      ...contractFacts,
      applicant: { ...contractFacts.applicant, residenceBasis: 'eu-free-movement', registeredMunicipality: null },
    });
    expect(result.success).toBe(true);
  });

  it('reject unknown keys, so a misspelt fact cannot silently count as absent', () => {
    const result = sfiFactsSchema.safeParse({
      ...contractFacts,
      history: { ...contractFacts.history, firstAdmision: '2024-01-01' },
    });
    expect(paths(result)).toEqual(['history']);
  });

  it('reject impossible dates, fractional schooling and unknown residence bases', () => {
    const result = sfiFactsSchema.safeParse({
      ...contractFacts,
      decisionDate: '2026-02-29',
      applicant: { ...contractFacts.applicant, yearsOfSchooling: 9.5, residenceBasis: 'tourist' },
      municipality: { ...contractFacts.municipality, code: '128' },
    });
    expect(paths(result).sort()).toEqual([
      'applicant.residenceBasis',
      'applicant.yearsOfSchooling',
      'decisionDate',
      'municipality.code',
    ]);
  });
});

describe('SFI decisions', () => {
  const admission = contractDecision;

  it('accept the contract example', () => {
    expect(sfiDecisionSchema.parse(admission)).toEqual(admission);
  });

  it('fill absent nullable fields with null (the engine omits null values)', () => {
    const refusal = {
      outcome: 'refuse',
      reasons: [{ code: 'AGE_BELOW_THRESHOLD', legalRef: 'SkolL 20 kap. 31 §' }],
      eligibleFrom: '2026-07-01',
      ruleSet: admission.ruleSet,
    };
    expect(sfiDecisionSchema.parse(refusal)).toEqual({
      ...refusal,
      studyPath: null,
      startCourse: null,
      rightExpires: null,
    });
  });

  it('reject a refusal with a study path, an admission without ELIGIBLE, and ELIGIBLE on a manual case', () => {
    expect(
      sfiDecisionSchema.safeParse({
        ...admission,
        outcome: 'refuse',
        reasons: [{ code: 'RIGHT_EXPIRED', legalRef: 'prop. 2025/26:10' }],
      }).success,
    ).toBe(false);
    expect(
      sfiDecisionSchema.safeParse({
        ...admission,
        reasons: [{ code: 'NORDIC_LANGUAGE', legalRef: 'SkolL 20 kap. 32 §' }],
      }).success,
    ).toBe(false);
    expect(sfiDecisionSchema.safeParse({ ...admission, outcome: 'manual' }).success).toBe(false);
  });

  it('reject reason codes outside the rule table', () => {
    expect(sfiDecisionSchema.safeParse({ ...admission, reasons: [{ code: 'WHATEVER', legalRef: 'x' }] }).success).toBe(
      false,
    );
  });
});
