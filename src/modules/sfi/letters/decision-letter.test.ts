import { beforeAll, describe, expect, it } from 'vitest';
import { create } from 'fontkit';
import { sfiReasonCodes, type SfiFacts } from '../sfi-facts.schema.ts';
import { buildLetterContent } from './decision-letter.content.ts';
import { decisionLetterInputSchema, type DecisionLetterInput } from './decision-letter.schema.ts';
import { renderDecisionLetter } from './decision-letter.ts';
import { TrueTypeTables } from './truetype-subset.ts';
import { admissionLetter } from '../../../../test/fixtures/decision-letters.ts';
import { sfiFacts } from '../../../../test/fixtures/sfi-facts.ts';
import { flattenText, readPdf, type ReadPdf } from '../../../../test/helpers/pdf.ts';
import { readPdfObjects } from '../../../../test/helpers/pdf-objects.ts';

const NOW = new Date('2026-09-01T10:00:00Z');

const facts: SfiFacts = sfiFacts({ decisionDate: '2026-09-01', applicant: { birthDate: '1990-05-17' } });

const admission: DecisionLetterInput = admissionLetter;

const otherMunicipality: SfiFacts = { ...facts, applicant: { ...facts.applicant, registeredMunicipality: '1281' } };
const refusal: DecisionLetterInput = {
  ...admission,
  decision: {
    outcome: 'refuse',
    reasons: [{ code: 'REGISTERED_IN_OTHER_MUNICIPALITY', legalRef: 'SkolL 20 kap. 31 §' }],
    studyPath: null,
    startCourse: null,
    eligibleFrom: '2006-07-01',
    rightExpires: null,
    ruleSet: { id: 'sfi', version: '2026-01-01' },
  },
  facts: otherMunicipality,
  factSources: {
    'applicant.registeredMunicipality': 'population-register',
    'history.specialReasonsStated': 'self-declared',
  },
  school: null,
};

/** The letter's text without the page footers (drawn last on each page, they would split sentences across pages). */
async function textOf(input: DecisionLetterInput): Promise<string> {
  const { pages } = await readPdf(renderDecisionLetter(input, { now: NOW }));
  return flattenText(
    pages
      .map((page) =>
        page
          .split('\n')
          .filter((line) => !line.includes(' · Sida '))
          .join('\n'),
      )
      .join('\n'),
  );
}

describe('decision letter content (Swedish)', () => {
  it('tells an admitted applicant the decision, preliminary study path, school, how long the right lasts, the facts, provisions and contact', async () => {
    const text = await textOf(admission);
    expect(text).toContain('Beslut om sfi – svenska för invandrare');
    expect(text).toContain('Ärendenummer SFI-2026-000123');
    expect(text).toContain('1 september 2026');
    expect(text).toContain('Du antas till sfi, kommunal vuxenutbildning i svenska för invandrare.');
    expect(text).toContain('Preliminär studieväg: studieväg 2 (kurserna B–D). Du börjar på kurs B.');
    expect(text).toContain('Skola: Exempelskolan Sfi Centrum.');
    // rightExpires is the first day without the right: the letter names the last day with it.
    expect(text).toContain('Din rätt till sfi gäller till och med den 31 augusti 2029.');
    expect(text).toContain('Födelsedatum: 17 maj 1990 (folkbokföringen)');
    expect(text).toContain('Antal år i skola: 9 år (dina egna uppgifter)');
    expect(text).toContain('skollagen (2010:800) 20 kap. 31 §');
    expect(text).toContain(
      'Beslutet har fattats av Arbetsmarknads- och vuxenutbildningsnämnden, Malmö stad, genom automatiserat beslutsfattande enligt Delegationsordning för arbetsmarknads- och vuxenutbildningsnämnden, punkt 4.2, beslutad 2026-01-15, § 12. Det är tillåtet enligt 6 kap. 37 § kommunallagen (2017:725) och 28 § förvaltningslagen (2017:900).',
    );
    expect(text).toContain('regelverk sfi, version 2026-01-01');
    expect(text).toContain('telefon 040-34 10 00, e-post sfi@kommun.example');
  });

  it('gives an admission no appeal instructions (nothing went against the applicant)', async () => {
    expect(await textOf(admission)).not.toContain('överklaga');
  });

  it('explains a refusal in plain Swedish and says how to appeal: Skolväsendets överklagandenämnd, via the municipality, within three weeks', async () => {
    const text = await textOf(refusal);
    expect(text).toContain('Din ansökan om sfi avslås.');
    expect(text).toContain('Enligt folkbokföringen är du folkbokförd i en annan kommun (kommunkod 1281).');
    expect(text).toContain('Folkbokförd i kommun: kommunkod 1281 (folkbokföringen)');
    expect(text).toContain('Om du vill överklaga');
    expect(text).toContain('överklaga det till Skolväsendets överklagandenämnd');
    expect(text).toContain('Skicka överklagandet till Malmö stad, inte direkt till nämnden.');
    expect(text).toContain('inom tre veckor från den dag du fick del av beslutet');
    expect(text).toContain('ange ärendenummer SFI-2026-000123');
    expect(text).toContain(
      'skicka e-post till sfi@kommun.example eller skicka ett brev till Malmö stad, Vuxenutbildningen, Box 100, 205 80 Malmö.',
    );
  });

  it('prints a caseworker decision with the caseworker, the motivation and the provision they applied', async () => {
    const text = await textOf({
      ...refusal,
      decision: {
        outcome: 'refuse',
        reasons: [{ code: 'MANUAL_DECISION', legalRef: 'förvaltningslagen (2017:900) 32 §' }],
      },
      decidedBy: { kind: 'caseworker', name: 'Kim Handläggare', title: 'handläggare' },
      motivation: 'Underlaget visar att du inte bor i kommunen.',
    });
    expect(text).toContain(
      'Beslutet har fattats av Kim Handläggare, handläggare, Malmö stad, på uppdrag av Arbetsmarknads- och vuxenutbildningsnämnden enligt Delegationsordning för arbetsmarknads- och vuxenutbildningsnämnden, punkt 4.3, beslutad 2026-01-15, § 12.',
    );
    expect(text).toContain('Motivering Underlaget visar att du inte bor i kommunen.');
    expect(text).toContain('förvaltningslagen (2017:900) 32 §');
    expect(text).not.toContain('automatiskt');
  });

  it('says "uppgift saknas" for a fact nobody gave, never "dina egna uppgifter": folkbokförd that the register did not confirm', () => {
    // As the pipeline gives it: the applicant said "folkbokförd", no register answered; the rules
    // got the basis as unclear ('other'), its source is unknown, the registration is absent.
    const { registeredMunicipality: _absent, ...applicant } = facts.applicant;
    const content = buildLetterContent(
      decisionLetterInputSchema.parse({
        ...refusal,
        decision: { ...refusal.decision, reasons: [{ code: 'RESIDENCE_UNCLEAR', legalRef: 'SkolL 29 kap. 2 §' }] },
        facts: { ...facts, applicant: { ...applicant, residenceBasis: 'other' } },
        factSources: {
          'applicant.residenceBasis': 'unknown',
          'applicant.registeredMunicipality': 'unknown',
        },
      }),
    );
    const lines = content.sections.flatMap((section) => section.items ?? []);
    expect(lines).toContain(
      'Grund för att bo i Sverige: okänt, uppgift saknas (varken du eller något register har uppgett det)',
    );
    expect(lines).toContain(
      'Folkbokförd i kommun: okänt, uppgift saknas (varken du eller något register har uppgett det)',
    );
    expect(lines.join('\n')).not.toContain('annan eller oklar');
    expect(lines.join('\n')).not.toContain('dina egna uppgifter');
  });

  it('has a plain-Swedish explanation for every reason code of the rule set', () => {
    for (const code of sfiReasonCodes) {
      const letter = decisionLetterInputSchema.parse({
        ...refusal,
        decision: {
          ...refusal.decision,
          outcome: code === 'ELIGIBLE' ? 'admit' : 'refuse',
          studyPath: 2,
          startCourse: 'B',
          reasons: [{ code, legalRef: 'SkolL 20 kap. 31 §' }],
        },
        facts: {
          ...otherMunicipality,
          history: { ...otherMunicipality.history, firstAdmissionDate: '2024-01-15', completedCourseD: true },
        },
      });
      const reasons = buildLetterContent(letter)
        .sections.find((section) => section.heading === 'Skäl för beslutet')!
        .paragraphs.join(' ');
      expect(reasons, code).not.toMatch(/Skäl: |\{\w+\}|undefined/);
      expect(reasons.length, code).toBeGreaterThan(40);
    }
  });

  it('leaves process rules out of the provisions and writes out skollagen references', () => {
    const letter = decisionLetterInputSchema.parse({
      ...refusal,
      decision: {
        ...refusal.decision,
        reasons: [
          { code: 'NOT_ENTITLED_RESIDENCE', legalRef: 'SkolL 29 kap. 3 §' },
          { code: 'PROTECTED_IDENTITY', legalRef: '(process rule: handled by authorised staff)' },
        ],
      },
    });
    const provisions = buildLetterContent(letter).sections.find(
      (section) => section.heading === 'Bestämmelser som beslutet grundar sig på',
    )!;
    expect(provisions.items).toEqual(['skollagen (2010:800) 29 kap. 3 §']);
  });

  it('flows onto further pages with the case number and page numbers on each', async () => {
    const long = 'Motiveringen är lång. '.repeat(220);
    const pdf = await readPdf(
      renderDecisionLetter(
        { ...refusal, decidedBy: { kind: 'caseworker', name: 'Kim Handläggare' }, motivation: long },
        { now: NOW },
      ),
    );
    expect(pdf.pages.length).toBeGreaterThanOrEqual(3);
    expect(flattenText(pdf.pages.join(' '))).toContain('Motiveringen är lång. Motiveringen är lång.');
    pdf.pages.forEach((page, index) =>
      expect(flattenText(page)).toContain(`Ärendenummer SFI-2026-000123 · Sida ${index + 1} av ${pdf.pages.length}`),
    );
  });

  it('refuses to write a letter for a manual outcome (a caseworker decides first)', () => {
    expect(() =>
      renderDecisionLetter({ ...admission, decision: { ...admission.decision, outcome: 'manual' } }),
    ).toThrow(/manual outcome is not a decision/);
  });
});

describe('decision letter and protected identity', () => {
  const hidden: DecisionLetterInput = {
    ...refusal,
    protectedIdentity: true,
    facts: { ...otherMunicipality, applicant: { ...otherMunicipality.applicant, protectedIdentity: true } },
  };

  it('never prints the address, even when the view model carries one', async () => {
    const text = await textOf(hidden);
    expect(text).toContain('Amina Testsson');
    for (const part of ['Exempelgatan', '211 22', 'MALMÖ']) expect(text).not.toContain(part);
  });

  it('never prints the municipality of registration (address data), in the reasons or the facts', async () => {
    const text = await textOf(hidden);
    expect(text).toContain('Enligt folkbokföringen är du folkbokförd i en annan kommun.');
    expect(text).not.toContain('1281');
    expect(text).not.toMatch(/Folkbokförd i kommun/);
  });

  it('hides the address when only the facts say the identity is protected', async () => {
    const text = await textOf({ ...hidden, protectedIdentity: false });
    expect(text).not.toContain('Exempelgatan');
  });

  it('tells a protected applicant not to write their address in an appeal', async () => {
    expect(await textOf(hidden)).toContain('skriv inte din adress i överklagandet');
  });
});

describe('decision letter as PDF/A', () => {
  const pdf = renderDecisionLetter(refusal, { now: NOW });
  const objects = readPdfObjects(pdf);
  let read: ReadPdf;
  beforeAll(async () => {
    read = await readPdf(pdf);
  });

  it('identifies itself as PDF/A-2b in the XMP metadata, with title and creation time', () => {
    expect(read.xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(read.xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(read.xmp).toContain('<rdf:li xml:lang="x-default">Beslut om sfi, ärende SFI-2026-000123</rdf:li>');
    expect(read.xmp).toContain('<xmp:CreateDate>2026-09-01T10:00:00Z</xmp:CreateDate>');
    expect(read.version).toBe('1.7');
  });

  it('declares Swedish, an sRGB output intent, and is tagged for assistive technology', () => {
    expect(read.language).toBe('sv-SE');
    expect(objects.catalog).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
    const bodies = [...objects.objects.values()].map((object) => object.body);
    expect(bodies.some((body) => body.includes('/S /GTS_PDFA1') && body.includes('sRGB IEC61966-2.1'))).toBe(true);
    expect(read.marked).toBe(true);
    expect(read.structureRoles).toEqual(expect.arrayContaining(['Document', 'H1', 'H2', 'P', 'L', 'LI']));
    expect(read.displayDocTitle).toBe(true);
  });

  it('embeds every font it uses: subsets of DejaVu Sans, with a Unicode map', () => {
    expect(objects.fonts.map((font) => font.baseFont.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'DejaVuSans',
      'DejaVuSans-Bold',
    ]);
    for (const font of objects.fonts) {
      expect(font.baseFont).toMatch(/^[A-Z]{6}\+/);
      expect(font.hasToUnicode).toBe(true);
      expect(font.fontFile).not.toBeNull();
      // A TrueType program that both our reader and fontkit accept, with the glyphs the letter uses.
      const tables = new TrueTypeTables(font.fontFile!);
      expect(tables.numGlyphs).toBeGreaterThan(20);
      expect(create(font.fontFile!).numGlyphs).toBe(tables.numGlyphs);
    }
  });

  it('is reproducible: the same input and time give the same bytes', () => {
    expect(renderDecisionLetter(refusal, { now: NOW }).equals(pdf)).toBe(true);
  });

  it('keeps XML syntax out of the metadata whatever the municipality is called', async () => {
    const odd = await readPdf(
      renderDecisionLetter(
        { ...refusal, municipality: { ...refusal.municipality, name: 'Kommun <A & B>' } },
        { now: NOW },
      ),
    );
    expect(odd.xmp).toContain('<rdf:li>Kommun  A   B </rdf:li>');
  });
});
