import { beforeAll, describe, expect, it } from 'vitest';
import { parsePersonalNumber } from '../../../platform/identity/personal-number.ts';
import { evaluate, loadRuleSet, type RuleSet } from '../../rules/index.ts';
import {
  sfiDecisionSchema,
  sfiFactsSchema,
  sfiReasonCodes,
  type SfiDecision,
  type SfiFacts,
} from '../sfi-facts.schema.ts';
import { createFakeRegisters } from './fake-registers.ts';
import { gatherFacts, type MunicipalitySettings } from './gather-facts.service.ts';
import {
  createSyntheticPopulation,
  DEMO_PERSONAS_VALID,
  demoPersonaKeys,
  syntheticScenarios,
  type SyntheticPopulation,
} from './synthetic-population.ts';

let ruleSet: RuleSet<SfiFacts, SfiDecision>;
const population: SyntheticPopulation = createSyntheticPopulation();
const registers = createFakeRegisters(population);

beforeAll(async () => {
  ruleSet = await loadRuleSet('sfi', { facts: sfiFactsSchema, decision: sfiDecisionSchema });
});

async function decide(
  application: (typeof population.people)[number]['application'],
  decisionDate: string,
  municipality: MunicipalitySettings,
) {
  const clock = () => new Date(`${decisionDate}T10:00:00Z`);
  const { facts } = await gatherFacts({ ...registers, clock, municipality }, application);
  return (await evaluate(ruleSet, facts)).decision;
}

describe('synthetic population', () => {
  it('has at least 1,000 people, every scenario, and unique checksum-valid synthetic numbers', () => {
    expect(population.people.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(population.people.map((person) => person.scenario))).toEqual(new Set(syntheticScenarios));
    const numbers = population.people.flatMap((person) => (person.personalNumber ? [person.personalNumber] : []));
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const person of population.people) {
      if (!person.personalNumber) continue;
      const parsed = parsePersonalNumber(person.personalNumber, { today: '2026-09-01' });
      expect(parsed.ok).toBe(true);
      if (person.register) expect(parsed.ok && parsed.personalNumber.birthDate).toBe(person.register.birthDate);
    }
  });

  it('is deterministic: the same seed gives the same people, another seed other people', () => {
    const again = createSyntheticPopulation();
    expect(again.people).toEqual(population.people);
    expect(again.personas).toEqual(population.personas);
    const other = createSyntheticPopulation({ seed: 7 });
    expect(other.people.map((person) => person.personalNumber)).not.toEqual(
      population.people.map((person) => person.personalNumber),
    );
    // The personas are fixed whatever the seed.
    expect(other.personas.map((persona) => persona.personalNumber)).toEqual(
      population.personas.map((persona) => persona.personalNumber),
    );
  });

  it('includes samordningsnummer holders (day + 60), leap-day births and births on 30 June / 1 July', () => {
    const samordning = population.people.filter(
      (person) => person.personalNumber && Number(person.personalNumber.slice(6, 8)) > 60,
    );
    expect(samordning.length).toBeGreaterThan(20);
    const births = population.people.map((person) => person.register?.birthDate ?? person.application.birthDate ?? '');
    expect(births.filter((date) => date.endsWith('-02-29')).length).toBeGreaterThanOrEqual(6);
    expect(births).toEqual(expect.arrayContaining(['2010-06-30', '2010-07-01']));
  });

  it('never gives a protected identity an address', () => {
    const hidden = population.people.filter((person) => person.register?.protectedIdentity);
    expect(hidden.length).toBeGreaterThan(10);
    for (const person of hidden) expect(person.register?.postalAddress).toBeNull();
  });

  it('reaches every reason code of the rule table, decided through the fake registers and the real rules', async () => {
    const seen = new Set<string>();
    const settings = [false, true].map((offers) => ({
      code: population.homeMunicipality,
      offersSfiToTemporaryProtection: offers,
    }));
    // 2026: before and after the 1 July age threshold; 2029: after the first three-year rights ran out.
    for (const decisionDate of ['2026-06-30', '2026-09-01', '2029-03-01']) {
      for (const municipality of settings) {
        const decisions = await Promise.all(
          population.people.map((person) => decide(person.application, decisionDate, municipality)),
        );
        for (const decision of decisions) for (const reason of decision.reasons) seen.add(reason.code);
      }
    }
    // The population is what the registers hold; the platform's own earlier cases (ALREADY_ADMITTED,
    // EARLIER_APPLICATION_OPEN) are not in it: the pipeline's database tests and rules/sfi/tests cover them.
    const platformOnly = ['ALREADY_ADMITTED', 'EARLIER_APPLICATION_OPEN'];
    expect([...seen].sort()).toEqual(sfiReasonCodes.filter((code) => !platformOnly.includes(code)).sort());
  }, 30_000);
});

describe('demo personas', () => {
  it('lists every persona once with its personal number (one has none)', () => {
    expect(population.personas.map((persona) => persona.key)).toEqual([...demoPersonaKeys]);
    expect(
      population.personas.filter((persona) => persona.personalNumber === null).map((persona) => persona.key),
    ).toEqual(['manual-no-identity-number']);
    expect(population.persona('admitted-automatically').personalNumber).toBe(population.personas[0]!.personalNumber);
    for (const persona of population.personas) {
      if (persona.personalNumber) expect(population.byPersonalNumber.get(persona.personalNumber)).toBe(persona.person);
    }
  });

  it.each([DEMO_PERSONAS_VALID.from, '2026-06-30', '2026-07-01', '2027-11-15', DEMO_PERSONAS_VALID.until])(
    'get their expected decision on %s',
    async (decisionDate) => {
      for (const persona of population.personas) {
        const decision = await decide(persona.person.application, decisionDate, {
          code: population.homeMunicipality,
          offersSfiToTemporaryProtection: false,
        });
        expect({
          key: persona.key,
          outcome: decision.outcome,
          reasons: decision.reasons.map((reason) => reason.code),
        }).toEqual({ key: persona.key, ...persona.expected });
      }
    },
  );

  it('sends the temporary-protection persona to a caseworker where the municipality offers SFI to that group', async () => {
    const decision = await decide(population.persona('refused-temporary-protection').person.application, '2026-09-01', {
      code: population.homeMunicipality,
      offersSfiToTemporaryProtection: true,
    });
    expect(decision.reasons.map((reason) => reason.code)).toEqual(['OFFER_TEMPORARY_PROTECTION']);
  });
});
