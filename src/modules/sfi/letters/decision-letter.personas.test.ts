import { beforeAll, describe, expect, it } from 'vitest';
import { municipalSettingsSchema } from '../../e-services/index.ts';
import { demoSfiSettings, letterMunicipalityOf } from '../sfi-e-service.ts';
import { evaluate, loadRuleSet, type RuleSet } from '../../rules/index.ts';
import { createFakeRegisters } from '../facts/fake-registers.ts';
import { gatherFacts } from '../facts/gather-facts.service.ts';
import { createSyntheticPopulation, type DemoPersonaKey } from '../facts/synthetic-population.ts';
import { sfiDecisionSchema, sfiFactsSchema, type SfiDecision, type SfiFacts } from '../sfi-facts.schema.ts';
import type { DecisionLetterInput } from './decision-letter.schema.ts';
import { renderDecisionLetter } from './decision-letter.ts';
import { letterFonts } from './letter-fonts.ts';
import { readPdfText } from '../../../../test/helpers/pdf.ts';

/**
 * The parts together, as the pipeline will call them: application → gatherFacts (fake registers)
 * → rules → renderDecisionLetter, for the demo personas whose decision is final automatically
 * or a refusal a caseworker would confirm.
 */

const population = createSyntheticPopulation();
const registers = createFakeRegisters(population);
const municipality = { code: population.homeMunicipality, offersSfiToTemporaryProtection: false };
let ruleSet: RuleSet<SfiFacts, SfiDecision>;

beforeAll(async () => {
  ruleSet = await loadRuleSet('sfi', { facts: sfiFactsSchema, decision: sfiDecisionSchema });
  letterFonts(); // parsed once here, not inside the first test's time limit
});

async function letterFor(key: DemoPersonaKey): Promise<string> {
  const person = population.persona(key).person;
  const gathered = await gatherFacts(
    { ...registers, clock: () => new Date('2026-09-01T08:00:00Z'), municipality },
    person.application,
  );
  const { decision } = await evaluate(ruleSet, gathered.facts);
  const name = gathered.registeredPerson?.name ?? person.name;
  const input: DecisionLetterInput = {
    // The demo seed's settings, as the pipeline maps them.
    municipality: letterMunicipalityOf(municipalSettingsSchema.parse(demoSfiSettings('Malmö stad'))),
    caseNumber: 'SFI-2026-000042',
    decisionDate: gathered.facts.decisionDate,
    applicant: {
      name: `${name.givenName} ${name.familyName}`,
      postalAddress: gathered.registeredPerson?.postalAddress ?? null,
    },
    protectedIdentity: gathered.facts.applicant.protectedIdentity === true,
    decision,
    facts: gathered.facts,
    factSources: Object.fromEntries(
      gathered.provenance.filter((entry) => entry.used).map((entry) => [entry.name, entry.source]),
    ),
    decidedBy: { kind: 'automated' },
  };
  return readPdfText(renderDecisionLetter(input));
}

describe('letters for the demo personas', () => {
  it('admits automatically with the register address and the study path from the stated schooling', async () => {
    const text = await letterFor('admitted-automatically');
    const address = population.persona('admitted-automatically').person.register!.postalAddress!;
    expect(text).toContain('Du antas till sfi');
    expect(text).toContain(address.street);
    expect(text).toContain('studieväg 2 (kurserna B–D)');
    expect(text).toContain('Antal år i skola: 9 år (dina egna uppgifter)');
    expect(text).toContain('Födelsedatum: 12 april 1991 (folkbokföringen)');
  });

  it("counts an earlier admission's three years from 2026-01-01", async () => {
    expect(await letterFor('admitted-earlier-admission')).toContain(
      'Din rätt till sfi gäller till och med den 31 december 2028.',
    );
  });

  it('refuses an asylum seeker, saying why and how to appeal', async () => {
    const text = await letterFor('refused-asylum-seeker');
    expect(text).toContain('Du har uppgett att du söker asyl i Sverige.');
    expect(text).toContain('skollagen (2010:800) 29 kap. 3 §');
    expect(text).toContain('Skolväsendets överklagandenämnd');
    // Who decided, under which delegation, and the full appeal address with its postcode.
    expect(text).toContain(
      'Beslutet har fattats av Arbetsmarknads- och vuxenutbildningsnämnden, Malmö stad, genom automatiserat beslutsfattande enligt Delegationsordning för arbetsmarknads- och vuxenutbildningsnämnden, punkt 4.2, beslutad 2026-01-15, § 12.',
    );
    expect(text).toContain('skicka ett brev till Malmö stad, Vuxenutbildningen, Box 100, 205 80 Malmö.');
    expect(text).toContain('telefon 070-174 06 05, e-post sfi@malmo.example');
  });

  it('refuses an applicant under 16 with the date the right starts', async () => {
    expect(await letterFor('refused-under-16')).toContain(
      'Du är född den 5 maj 2013 och har rätt till sfi från och med den 1 juli 2029.',
    );
  });
});
