import { evaluateExpressionSync, evaluateUnaryExpressionSync } from '@gorules/zen-engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileStandard, compileUnary, JdmDate, JdmUnsupportedError, type JdmObject, type JdmValue } from './jdm-expression.ts';

// Every construct the compiler accepts is checked against the Zen Engine's own expression
// evaluator: same value, or the compiler refuses (never a different answer).

const context: JdmObject = {
  decisionDate: '2026-07-01',
  applicant: { birthDate: '2010-03-14', yearsOfSchooling: 9, residenceBasis: 'folkbokford', registeredMunicipality: null },
  municipality: { code: '1280' },
  history: { firstAdmissionDate: null, completedCourseD: false },
  derived: { eligibleFrom: '2026-07-01', rightExpires: '2029-07-01', threeYearsAfterStart: '2029-06-30' },
  ruleResults: [
    { outcome: 'manual', code: 'NORDIC_LANGUAGE', legalRef: 'SkolL 20 kap. 32 §' },
    { outcome: 'refuse', code: 'RIGHT_EXPIRED', legalRef: 'prop. 2025/26:10' },
  ],
  $: { outcome: 'refuse', derived: { rightStart: '2026-01-01' } },
  n: 7,
};

function ours(source: string, env: JdmObject = context): JdmValue {
  return compileStandard(source)({ env });
}

/** The SFI rule sets' expressions and the rest of the subset, each with the value Zen gives. */
const supported = [
  "string(d(applicant.birthDate).year() + 16) + '-07-01'",
  "history.firstAdmissionDate == null ? decisionDate : (d(history.firstAdmissionDate) < d('2026-01-01') ? '2026-01-01' : history.firstAdmissionDate)",
  "d($.derived.rightStart).add(36, 'M').format('%Y-%m-%d')",
  "history.firstAdmissionDate != null and history.extensionGrantedUntil != null and d(history.extensionGrantedUntil) > d(derived.threeYearsAfterStart) ? history.extensionGrantedUntil : derived.threeYearsAfterStart",
  'd(decisionDate) < d(derived.eligibleFrom)',
  'd(decisionDate) >= d(derived.rightExpires)',
  'applicant.registeredMunicipality != null and applicant.registeredMunicipality != municipality.code',
  "applicant.residenceBasis == 'good' or history.completedCourseD",
  "some(ruleResults, #.outcome == 'refuse') ? 'refuse' : (some(ruleResults, #.outcome == 'manual') ? 'manual' : 'admit')",
  "$.outcome == 'admit' ? [{code: 'ELIGIBLE', legalRef: 'SkolL 20 kap. 31 §'}] : map(filter(ruleResults, #.outcome == $.outcome), {code: #.code, legalRef: #.legalRef})",
  "$.outcome == 'refuse' ? null : applicant.yearsOfSchooling",
  'null',
  "all(ruleResults, #.code != 'X')",
  "none(ruleResults, #.outcome == 'admit')",
  "count(ruleResults, #.outcome == 'manual')",
  'n * 3 - 4 + -2',
  "'a' + 'b'",
  "d('2026-01-31').add(1, 'M').format('%Y-%m-%d')",
  "d('2028-02-29').add(36, 'M').format('%Y-%m-%d')",
  "d('2026-12-31').add(1, 'd').format('%Y-%m-%d')",
  "d('2026-03-01').add(-1, 'd').format('%Y-%m-%d')",
  "d('2026-01-01') == d('2026-01-01')",
  "d('2026-01-01') == '2026-01-01'",
  "1 == '1'",
  'missing.key',
  'applicant.yearsOfSchooling.nothing',
  'string(true) + string(null) + string(12)',
  '[1, 2, n]',
  "{a: 1, 'b c': n}",
  'false and missing.key > 1',
  'true or missing.key > 1',
  'n >= 7 and n <= 7 and n > 6 and n < 8',
];

describe('JDM expressions (standard)', () => {
  it.each(supported)('%s gives what Zen gives', (source) => {
    expect(ours(source)).toEqual(evaluateExpressionSync(source, context));
  });

  /** Outside the subset at compile time: decimals, division, negation, `in`, indexing, unknown functions. */
  const refusedAtCompile = ['1.5 + 1', '10 / 2', '7 % 2', 'not true', "n in [1, 2]", 'ruleResults[0]', "upper('a')", "x ?? 'y'", '"a\\"b"', '$nodes.x', '[1..2]', 'n == 1 == true'];
  it.each(refusedAtCompile)('refuses to compile %s', (source) => {
    expect(() => compileStandard(source)).toThrow(JdmUnsupportedError);
  });

  /** Values whose Zen semantics are an error or a quirk: refused when met, so Zen evaluates instead. */
  const refusedAtRun = [
    'd(history.firstAdmissionDate)', // Zen: "Invalid date"
    "d('2026-02-30')",
    "d('2026-01-01T10:00:00Z')",
    'history.firstAdmissionDate < 1', // Zen: an error
    'true and null', // Zen: null
    "'x' ? 1 : 2", // Zen: an error
    "n + 'a'",
    "d('2026-01-01').add(1, 'y')", // Zen: "Invalid date" on 29 February
    "d('2026-01-01').format('%d.%m.%Y')",
    'ruleResults == ruleResults',
    '9007199254740991 + 1',
  ];
  it.each(refusedAtRun)('refuses to evaluate %s', (source) => {
    expect(() => ours(source)).toThrow(JdmUnsupportedError);
  });

  it('month arithmetic gives the same day or the month\'s last day, as Zen, for any date and any number of months', () => {
    const day = fc.integer({ min: 0, max: 365 * 120 }).map((offset) => new Date(Date.UTC(1950, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: -600, max: 600 }), fc.constantFrom('M', 'd'), (date, amount, unit) => {
        const source = `d('${date}').add(${amount}, '${unit}').format('%Y-%m-%d')`;
        expect(ours(source, {})).toBe(evaluateExpressionSync(source, {}));
      }),
      { numRuns: 1000 },
    );
  });

  it('compares dates and integers as Zen does', () => {
    const day = fc.integer({ min: 0, max: 365 * 60 }).map((offset) => new Date(Date.UTC(1990, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }), (a, b, x, y) => {
        for (const op of ['<', '<=', '>', '>=', '==', '!=']) {
          const env = { a, b, x, y };
          expect(ours(`d(a) ${op} d(b)`, env)).toBe(evaluateExpressionSync(`d(a) ${op} d(b)`, env));
          expect(ours(`x ${op} y`, env)).toBe(evaluateExpressionSync(`x ${op} y`, env));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps dates inside expressions: a date value never reaches a result unconverted', () => {
    expect(ours("d('2026-01-01')")).toBeInstanceOf(JdmDate);
  });
});

describe('JDM table cells (unary tests against the column value $)', () => {
  const cells = ['true', 'false', "'asylum-seeker', 'no-permit'", "'none'", '<= 6', '>= 12', '< 0', '> -3', '== 4', '!= 4', '[7..11]', '(7..11)', '[7..11)', '(7..11]', '1, 3, [5..6]', '-2', '$ > 3 and $ < 9', 'null'];
  const references: JdmValue[] = [true, false, 'true', 'none', 'no-permit', 'asylum-seeker', null, -3, -2, 0, 4, 5, 6, 7, 8, 11, 12, 40];

  it.each(cells)('%s matches exactly the values Zen matches (or refuses the value)', (cell) => {
    const test = compileUnary(cell);
    for (const reference of references) {
      let mine: boolean | 'refused';
      try {
        mine = test(reference);
      } catch (error) {
        if (!(error instanceof JdmUnsupportedError)) throw error;
        mine = 'refused';
      }
      if (mine === 'refused') continue;
      expect({ cell, reference, matches: mine }).toEqual({ cell, reference, matches: evaluateUnaryExpressionSync(cell, { $: reference }) });
    }
  });

  it('refuses the values where Zen errors (a comparison or interval with null or text)', () => {
    expect(() => compileUnary('<= 6')(null)).toThrow(JdmUnsupportedError);
    expect(() => compileUnary('[7..11]')('8')).toThrow(JdmUnsupportedError);
  });

  it('refuses cells outside the subset', () => {
    for (const cell of ['> 3 and < 9', 'applicant.x', '[1.5..2]', "startsWith($, 'a')", '']) {
      expect(() => compileUnary(cell), cell).toThrow(JdmUnsupportedError);
    }
  });
});
