import { describe, expect, it } from 'vitest';
import { syntheticPersonalNumber } from '../../../platform/identity/personal-number.ts';
import { FakePopulationRegister, FakeStudentRecords } from './fake-registers.ts';
import { gatherFacts, type FactProvenance, type GatherFactsDeps } from './gather-facts.service.ts';
import { FactsSourceError, isRetryableFactsError, type PopulationRecord, type StudentRecord } from './registers.ts';
import type { GatherFactsInput } from './gather-facts.service.ts';

const NOW = new Date('2026-09-01T10:00:00Z');
const pn = syntheticPersonalNumber('1990-05-17', 321);
const samordning = syntheticPersonalNumber('1990-05-17', 322, { kind: 'samordningsnummer' });

const registered: PopulationRecord = {
  personalNumber: pn,
  birthDate: '1990-05-17',
  registeredMunicipality: '1280',
  protectedIdentity: false,
  protectionMarking: null,
  name: { givenName: 'Amina', familyName: 'Testsson' },
  postalAddress: { careOf: null, street: 'Exempelgatan 1', postalCode: '211 22', city: 'MALMÖ' },
};

const application = (overrides: Partial<GatherFactsInput> = {}): GatherFactsInput => ({
  personalNumber: pn,
  birthDate: null,
  residenceBasis: 'folkbokford',
  swedishLevel: 'none',
  nordicLanguageSufficient: false,
  yearsOfSchooling: 9,
  literateInOwnLanguage: true,
  knowsLatinAlphabet: true,
  earlierSfi: null,
  specialReasonsStated: false,
  ...overrides,
});

function deps(
  people: PopulationRecord[] = [registered],
  records: Array<[string, StudentRecord]> = [],
  overrides: Partial<GatherFactsDeps> = {},
) {
  const register = new FakePopulationRegister(people);
  const studentRecords = new FakeStudentRecords(records);
  return {
    register,
    studentRecords,
    deps: {
      register,
      records: studentRecords,
      clock: () => NOW,
      municipality: { code: '1280', offersSfiToTemporaryProtection: false },
      ...overrides,
    } satisfies GatherFactsDeps,
  };
}

/** The provenance entries of one fact, used first. */
function entries(provenance: FactProvenance[], name: string): FactProvenance[] {
  return provenance.filter((entry) => entry.name === name).sort((a, b) => Number(b.used) - Number(a.used));
}

describe('gatherFacts: register data wins over self-declared data', () => {
  it('takes birth date, identity kind, municipality of registration and protection from the population register', async () => {
    const { deps: d } = deps();
    const { facts, provenance } = await gatherFacts(d, application());
    expect(facts.applicant).toMatchObject({
      birthDate: '1990-05-17',
      identityKind: 'personnummer',
      registeredMunicipality: '1280',
      protectedIdentity: false,
      residenceBasis: 'folkbokford',
    });
    for (const name of [
      'applicant.birthDate',
      'applicant.identityKind',
      'applicant.registeredMunicipality',
      'applicant.protectedIdentity',
    ]) {
      expect(entries(provenance, name)[0]).toMatchObject({
        source: 'population-register',
        selfDeclared: false,
        used: true,
      });
    }
  });

  it("uses folkbokföring for the residence basis and keeps the applicant's different statement, unused", async () => {
    const { deps: d } = deps();
    const { facts, provenance } = await gatherFacts(d, application({ residenceBasis: 'asylum-seeker' }));
    expect(facts.applicant.residenceBasis).toBe('folkbokford');
    expect(entries(provenance, 'applicant.residenceBasis')).toEqual([
      expect.objectContaining({ value: 'folkbokford', source: 'population-register', used: true }),
      expect.objectContaining({
        value: 'asylum-seeker',
        source: 'self-declared',
        selfDeclared: true,
        used: false,
        note: 'overridden-by-register',
      }),
    ]);
  });

  it('keeps a self-declared basis the register cannot know (EU citizen with a samordningsnummer, not folkbokförd)', async () => {
    const person: PopulationRecord = {
      ...registered,
      personalNumber: samordning,
      registeredMunicipality: null,
      postalAddress: null,
    };
    const { deps: d } = deps([person]);
    const { facts, provenance } = await gatherFacts(
      d,
      application({ personalNumber: samordning, residenceBasis: 'eu-free-movement' }),
    );
    expect(facts.applicant).toMatchObject({
      identityKind: 'samordningsnummer',
      residenceBasis: 'eu-free-movement',
      registeredMunicipality: null,
    });
    expect(entries(provenance, 'applicant.residenceBasis')).toEqual([
      expect.objectContaining({ value: 'eu-free-movement', source: 'self-declared', used: true }),
    ]);
  });

  it('records "folkbokförd" that the register does not confirm as an unknown basis, not as the applicant\'s "other" (the rules get it as unclear)', async () => {
    const emigrated: PopulationRecord = { ...registered, registeredMunicipality: null, postalAddress: null };
    const { deps: d } = deps([emigrated]);
    const { facts, provenance } = await gatherFacts(d, application({ residenceBasis: 'folkbokford' }));
    expect(facts.applicant.residenceBasis).toBe('other');
    expect(entries(provenance, 'applicant.residenceBasis')).toEqual([
      expect.objectContaining({
        value: null,
        source: 'unknown',
        selfDeclared: false,
        used: true,
        note: 'folkbokford-not-confirmed',
      }),
      expect.objectContaining({
        value: 'folkbokford',
        source: 'self-declared',
        used: false,
        note: 'folkbokford-not-confirmed',
      }),
    ]);
  });

  it('uses a residence-basis hint from an adapter that has an authoritative source, over the statement', async () => {
    const hinted: PopulationRecord = {
      ...registered,
      personalNumber: samordning,
      registeredMunicipality: null,
      postalAddress: null,
      residenceBasisHint: 'temporary-protection',
    };
    const { deps: d } = deps([hinted]);
    const { facts, provenance } = await gatherFacts(
      d,
      application({ personalNumber: samordning, residenceBasis: 'eu-free-movement' }),
    );
    expect(facts.applicant.residenceBasis).toBe('temporary-protection');
    expect(
      entries(provenance, 'applicant.residenceBasis').map((entry) => [entry.value, entry.source, entry.used]),
    ).toEqual([
      ['temporary-protection', 'population-register', true],
      ['eu-free-movement', 'self-declared', false],
    ]);
  });

  it('takes protected identity from the register and passes no address on', async () => {
    const hidden: PopulationRecord = {
      ...registered,
      protectedIdentity: true,
      protectionMarking: 'skyddad-folkbokforing',
    };
    const { deps: d } = deps([hidden]);
    const gathered = await gatherFacts(d, application());
    expect(gathered.facts.applicant.protectedIdentity).toBe(true);
    expect(gathered.registeredPerson).toEqual({ name: hidden.name, postalAddress: null });
  });

  it("uses the student records over the applicant's statement about earlier SFI, and records both", async () => {
    const record: StudentRecord = {
      firstAdmissionDate: '2024-02-05',
      completedCourseD: false,
      extensionGrantedUntil: '2029-06-30',
    };
    const { deps: d } = deps([registered], [[pn, record]]);
    const { facts, provenance } = await gatherFacts(
      d,
      application({ earlierSfi: { firstAdmissionDate: '2023-01-01', completedCourseD: true } }),
    );
    expect(facts.history).toEqual({
      firstAdmissionDate: '2024-02-05',
      completedCourseD: false,
      extensionGrantedUntil: '2029-06-30',
      specialReasonsStated: false,
    });
    expect(entries(provenance, 'history.firstAdmissionDate')).toEqual([
      expect.objectContaining({ value: '2024-02-05', source: 'student-records', used: true }),
      expect.objectContaining({
        value: '2023-01-01',
        source: 'self-declared',
        used: false,
        note: 'overridden-by-register',
      }),
    ]);
    expect(entries(provenance, 'history.completedCourseD').map((entry) => [entry.value, entry.used])).toEqual([
      [false, true],
      [true, false],
    ]);
  });

  it("uses the applicant's statement about earlier SFI when the municipality has no record (studied elsewhere)", async () => {
    const { deps: d } = deps();
    const { facts, provenance } = await gatherFacts(
      d,
      application({ earlierSfi: { firstAdmissionDate: '2023-03-01', completedCourseD: true } }),
    );
    expect(facts.history).toMatchObject({
      firstAdmissionDate: '2023-03-01',
      completedCourseD: true,
      extensionGrantedUntil: null,
    });
    expect(entries(provenance, 'history.firstAdmissionDate')).toEqual([
      expect.objectContaining({ source: 'self-declared', selfDeclared: true, used: true }),
    ]);
    expect(entries(provenance, 'history.extensionGrantedUntil')).toEqual([
      expect.objectContaining({ value: null, source: 'student-records', note: 'no-student-record' }),
    ]);
  });
});

describe("gatherFacts: the platform's own cases", () => {
  const readAt = '2026-09-01T10:00:00.000Z';

  it('takes an earlier admission on the platform as the first admission: the three-year right does not restart', async () => {
    const { deps: d } = deps();
    const { facts, provenance } = await gatherFacts(
      d,
      application({
        platformCases: { admissionDates: ['2026-08-31', '2026-08-20'], openEarlierApplications: 0, readAt },
      }),
    );
    expect(facts.history).toMatchObject({
      firstAdmissionDate: '2026-08-20',
      platformAdmissionDate: '2026-08-20',
      openApplication: false,
    });
    expect(entries(provenance, 'history.firstAdmissionDate')).toEqual([
      expect.objectContaining({ value: '2026-08-20', source: 'platform', selfDeclared: false, used: true }),
      expect.objectContaining({ value: null, source: 'self-declared', used: false, note: 'overridden-by-platform' }),
    ]);
  });

  it('keeps an earlier first admission from the student records over a later one on the platform', async () => {
    const record: StudentRecord = {
      firstAdmissionDate: '2024-02-05',
      completedCourseD: false,
      extensionGrantedUntil: null,
    };
    const { deps: d } = deps([registered], [[pn, record]]);
    const { facts } = await gatherFacts(
      d,
      application({ platformCases: { admissionDates: ['2026-08-20'], openEarlierApplications: 1, readAt } }),
    );
    expect(facts.history).toMatchObject({
      firstAdmissionDate: '2024-02-05',
      platformAdmissionDate: '2026-08-20',
      openApplication: true,
    });
  });

  it("records no admission and no open application as the platform's facts when it has none", async () => {
    const { deps: d } = deps();
    const { provenance } = await gatherFacts(
      d,
      application({ platformCases: { admissionDates: [], openEarlierApplications: 0, readAt } }),
    );
    expect(entries(provenance, 'history.platformAdmissionDate')).toEqual([
      expect.objectContaining({ value: null, source: 'platform', used: true, retrievedAt: readAt }),
    ]);
    expect(entries(provenance, 'history.openApplication')).toEqual([
      expect.objectContaining({ value: false, source: 'platform', used: true }),
    ]);
  });

  it('has them unknown, and absent for the rules, when they were not looked up (a number typed without e-ID)', async () => {
    const { deps: d } = deps();
    const { facts, provenance } = await gatherFacts(d, application({ platformCases: null }));
    expect(facts.history).not.toHaveProperty('platformAdmissionDate');
    expect(facts.history).not.toHaveProperty('openApplication');
    for (const name of ['history.platformAdmissionDate', 'history.openApplication'])
      expect(entries(provenance, name), name).toEqual([
        expect.objectContaining({ value: null, source: 'unknown', used: true, note: 'identity-unverified' }),
      ]);
  });
});

describe('gatherFacts: without a verified identity', () => {
  it('looks nothing up without a personal number and uses the self-declared birth date', async () => {
    const { deps: d, register, studentRecords } = deps();
    const { facts, provenance, registeredPerson } = await gatherFacts(
      d,
      application({ personalNumber: null, birthDate: '1985-12-24', residenceBasis: 'eu-free-movement' }),
    );
    expect(register.lookups + studentRecords.lookups).toBe(0);
    expect(registeredPerson).toBeNull();
    expect(facts.applicant).toMatchObject({
      identityKind: 'none',
      birthDate: '1985-12-24',
      residenceBasis: 'eu-free-movement',
    });
    // Nobody said whether the applicant is protected or registered anywhere: unknown, not false/null.
    expect(facts.applicant).not.toHaveProperty('protectedIdentity');
    expect(facts.applicant).not.toHaveProperty('registeredMunicipality');
    expect(facts.history).not.toHaveProperty('extensionGrantedUntil');
    for (const name of [
      'applicant.protectedIdentity',
      'applicant.registeredMunicipality',
      'history.extensionGrantedUntil',
    ]) {
      expect(entries(provenance, name), name).toEqual([
        expect.objectContaining({
          value: null,
          source: 'unknown',
          selfDeclared: false,
          used: true,
          note: 'no-identity-number',
        }),
      ]);
    }
    expect(entries(provenance, 'applicant.birthDate')).toEqual([
      expect.objectContaining({ source: 'self-declared', used: true }),
    ]);
    expect(entries(provenance, 'applicant.identityKind')).toEqual([
      expect.objectContaining({ value: 'none', note: 'no-identity-number' }),
    ]);
  });

  it('treats a number the register does not know as no verified identity, birth date from the number', async () => {
    const unknown = syntheticPersonalNumber('1979-11-02', 45);
    const { deps: d } = deps();
    const { facts, provenance } = await gatherFacts(
      d,
      application({ personalNumber: unknown, residenceBasis: 'folkbokford' }),
    );
    expect(facts.applicant).toMatchObject({ identityKind: 'none', birthDate: '1979-11-02', residenceBasis: 'other' });
    expect(facts.applicant).not.toHaveProperty('protectedIdentity');
    expect(facts.applicant).not.toHaveProperty('registeredMunicipality');
    for (const name of ['applicant.protectedIdentity', 'applicant.registeredMunicipality', 'applicant.residenceBasis'])
      expect(entries(provenance, name)[0], name).toMatchObject({ value: null, source: 'unknown', used: true });
    expect(entries(provenance, 'applicant.identityKind')).toEqual([
      expect.objectContaining({ source: 'population-register', note: 'not-in-register' }),
    ]);
    expect(entries(provenance, 'applicant.birthDate')).toEqual([
      expect.objectContaining({ source: 'self-declared', note: 'from-identity-number' }),
    ]);
  });

  it('refuses a self-declared birth date after the decision date', async () => {
    const { deps: d } = deps();
    await expect(gatherFacts(d, application({ personalNumber: null, birthDate: '2026-09-02' }))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});

describe('gatherFacts: configuration, time and failures', () => {
  it('takes the municipality settings from the parameter (source municipality-config)', async () => {
    const { deps: d } = deps([registered], [], {
      municipality: { code: '1281', offersSfiToTemporaryProtection: true },
    });
    const { facts, provenance } = await gatherFacts(d, application());
    expect(facts.municipality).toEqual({ code: '1281', offersSfiToTemporaryProtection: true });
    expect(entries(provenance, 'municipality.offersSfiToTemporaryProtection')).toEqual([
      expect.objectContaining({ value: true, source: 'municipality-config', selfDeclared: false }),
    ]);
  });

  it('decides on the Stockholm calendar date of the clock (23:30 UTC on 30 June is 1 July)', async () => {
    const { deps: d } = deps([registered], [], { clock: () => new Date('2026-06-30T23:30:00Z') });
    const { facts } = await gatherFacts(d, application());
    expect(facts.decisionDate).toBe('2026-07-01');
  });

  it('marks self-declared facts so, and has exactly one used value per fact', async () => {
    const { deps: d } = deps(
      [registered],
      [[pn, { firstAdmissionDate: '2025-01-01', completedCourseD: false, extensionGrantedUntil: null }]],
    );
    const { provenance } = await gatherFacts(
      d,
      application({
        residenceBasis: 'other',
        earlierSfi: { firstAdmissionDate: '2024-01-01', completedCourseD: false },
      }),
    );
    for (const entry of provenance) expect(entry.selfDeclared).toBe(entry.source === 'self-declared');
    for (const name of [
      'applicant.swedishLevel',
      'applicant.nordicLanguageSufficient',
      'applicant.yearsOfSchooling',
      'applicant.literateInOwnLanguage',
      'applicant.knowsLatinAlphabet',
      'history.specialReasonsStated',
    ]) {
      expect(entries(provenance, name)).toEqual([expect.objectContaining({ source: 'self-declared', used: true })]);
    }
    const used = provenance.filter((entry) => entry.used).map((entry) => entry.name);
    expect(new Set(used).size).toBe(used.length);
    // Every leaf of the facts but decisionDate (the clock's, recorded with the decision itself).
    expect(used).toHaveLength(18);
    expect(provenance.every((entry) => !Number.isNaN(Date.parse(entry.retrievedAt)))).toBe(true);
  });

  it('lets a retryable register failure through to the caller (the pipeline retries)', async () => {
    const { deps: d, register } = deps();
    register.failNext(1);
    const failure = await gatherFacts(d, application()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(FactsSourceError);
    expect(isRetryableFactsError(failure)).toBe(true);
    await expect(gatherFacts(d, application())).resolves.toBeTruthy();
  });
});
