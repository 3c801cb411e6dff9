import { AppError } from '../../../platform/http/errors.ts';
import { parsePersonalNumber } from '../../../platform/identity/personal-number.ts';
import {
  factsForRules,
  type FactSource,
  type ResidenceBasis,
  type SfiFacts,
  type SwedishLevel,
} from '../sfi-facts.schema.ts';
import type {
  PersonName,
  PopulationRecord,
  PopulationRegister,
  PostalAddress,
  StudentRecord,
  StudentRecords,
} from './registers.ts';

/**
 * What an application says that the facts need: the applicant's own statements (self-declared);
 * the registers confirm or override parts of them. The pipeline reads it from the stored answers.
 */
export interface GatherFactsInput {
  /** From e-ID, or typed by an applicant without e-ID (stored form, 12 digits); null when there is none. */
  personalNumber: string | null;
  /** Asked only when there is no personal number (the number itself carries the birth date). */
  birthDate: string | null;
  residenceBasis: ResidenceBasis;
  swedishLevel: SwedishLevel;
  /** Danish or Norwegian good enough to make SFI unnecessary (SkolL 20 kap. 32 §). */
  nordicLanguageSufficient: boolean;
  yearsOfSchooling: number;
  literateInOwnLanguage: boolean;
  knowsLatinAlphabet: boolean;
  /** Earlier SFI as the applicant states it (perhaps in another municipality); null: never studied SFI. */
  earlierSfi: { firstAdmissionDate: string; completedCourseD: boolean } | null;
  /** The applicant states special reasons (to extend the right, or to study in another municipality). */
  specialReasonsStated: boolean;
  /**
   * What the platform's own cases say about this personal number in this e-service. Absent or
   * null: not looked up — no number, or a number typed without e-ID (it proves nobody's identity,
   * and whoever typed it must not learn that the number has cases): the facts are unknown.
   */
  platformCases?: PlatformCases | null;
}

/** The platform's own cases of the applicant in this e-service (same personal number), as facts. */
export interface PlatformCases {
  /** Europe/Stockholm dates of the platform's admissions: other cases whose final decision is an admission. */
  admissionDates: readonly string[];
  /** Earlier applications (submitted before this one) not decided yet. */
  openEarlierApplications: number;
  /** ISO timestamp: when the cases were read. */
  readAt: string;
}

/**
 * Gathers the facts of the SFI rule contract for one application, with the provenance of every
 * fact: where it came from, when, and — where a register and the applicant both said something —
 * which one was used. Precedence: register data wins over self-declared data; both are recorded.
 */

export type ProvenanceSource = FactSource;

/** Why a value is what it is, where that is not obvious from its source (a machine code; views translate it). */
export type ProvenanceNote =
  /** The register (or records) said otherwise; the register's value was used. */
  | 'overridden-by-register'
  /** The applicant gave no personal number: nothing could be looked up. */
  | 'no-identity-number'
  /** The population register does not know the given number: identity unverified. */
  | 'not-in-register'
  /** Taken from the (self-declared) personal number's date part. */
  | 'from-identity-number'
  /** The applicant says folkbokförd, but no register confirms a municipality of registration. */
  | 'folkbokford-not-confirmed'
  /** The student records have no entry: nothing granted by this municipality. */
  | 'no-student-record'
  /** The platform's own admission is earlier than any other: the right runs from it. */
  | 'overridden-by-platform'
  /** A number typed without e-ID: the platform's cases of that number are not looked up as the applicant's. */
  | 'identity-unverified';

export interface FactProvenance {
  /** Dotted path in the facts object, e.g. `applicant.birthDate`. */
  name: string;
  value: unknown;
  source: ProvenanceSource;
  selfDeclared: boolean;
  /** ISO timestamp: when the register answered, or when the statement was taken into the facts. */
  retrievedAt: string;
  /** False for a value that was recorded but not used (the register's value won). */
  used: boolean;
  note?: ProvenanceNote;
}

export interface MunicipalitySettings {
  /** Kommunkod, e.g. 1280. */
  code: string;
  /** Whether the municipality offers SFI to people with temporary protection who are not folkbokförda (since June 2023 it may). */
  offersSfiToTemporaryProtection: boolean;
}

export interface GatherFactsDeps {
  register: PopulationRegister;
  records: StudentRecords;
  clock: () => Date;
  municipality: MunicipalitySettings;
}

export interface GatheredFacts {
  /** The rule contract's facts, validated against sfiFactsSchema: ready for `evaluate`. */
  facts: SfiFacts;
  provenance: FactProvenance[];
  /**
   * Name and address from the population register, for the decision letter; null when there was
   * no lookup or no entry. The address is always null for a protected identity.
   */
  registeredPerson: { name: PersonName | null; postalAddress: PostalAddress | null } | null;
}

const stockholmDate = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Europe/Stockholm calendar date of an instant, YYYY-MM-DD (the sv-SE locale writes dates that way). */
export function stockholmDateOf(instant: Date): string {
  return stockholmDate.format(instant);
}

/**
 * Facts for `application`, decided on today's date (Europe/Stockholm) by `deps.clock`. Looks the
 * personal number up in both registers concurrently; without a number nothing is looked up.
 * Register errors propagate (FactsSourceError: `retryable` tells the pipeline whether to retry).
 */
export async function gatherFacts(deps: GatherFactsDeps, application: GatherFactsInput): Promise<GatheredFacts> {
  const startedAt = deps.clock();
  const decisionDate = stockholmDateOf(startedAt);
  const statedAt = startedAt.toISOString();
  const provenance: FactProvenance[] = [];
  const note = (
    name: string,
    value: unknown,
    source: ProvenanceSource,
    retrievedAt: string,
    used: boolean,
    why?: ProvenanceNote,
  ): void => {
    const entry: FactProvenance = { name, value, source, selfDeclared: source === 'self-declared', retrievedAt, used };
    if (why) entry.note = why;
    provenance.push(entry);
  };

  note('municipality.code', deps.municipality.code, 'municipality-config', statedAt, true);
  note(
    'municipality.offersSfiToTemporaryProtection',
    deps.municipality.offersSfiToTemporaryProtection,
    'municipality-config',
    statedAt,
    true,
  );

  // Looked up concurrently: the two registers are independent, and the slower one sets the pace.
  let person: PopulationRecord | null = null;
  let studentRecord: StudentRecord | null = null;
  let registerAt = statedAt;
  let recordsAt = statedAt;
  const number =
    application.personalNumber === null
      ? null
      : parsePersonalNumber(application.personalNumber, { today: decisionDate });
  if (number && !number.ok) {
    throw new AppError('VALIDATION_FAILED', 'invalid personal number', {
      fields: [{ field: 'personalNumber', code: 'invalidPersonalNumber' }],
    });
  }
  const personalNumber = number?.ok ? number.personalNumber : null;
  if (personalNumber) {
    [person, studentRecord] = await Promise.all([
      deps.register.lookup(personalNumber.value).then((found) => {
        registerAt = deps.clock().toISOString();
        return found;
      }),
      deps.records.lookup(personalNumber.value).then((found) => {
        recordsAt = deps.clock().toISOString();
        return found;
      }),
    ]);
  }

  // Identity and birth date.
  let birthDate: string;
  if (!personalNumber) {
    note('applicant.identityKind', 'none', 'self-declared', statedAt, true, 'no-identity-number');
    // The schema requires a birth date whenever there is no number.
    birthDate = application.birthDate!;
    note('applicant.birthDate', birthDate, 'self-declared', statedAt, true);
  } else if (!person) {
    // A number the register does not know cannot identify anyone: handled as unverified.
    note('applicant.identityKind', 'none', 'population-register', registerAt, true, 'not-in-register');
    birthDate = personalNumber.birthDate;
    note('applicant.birthDate', birthDate, 'self-declared', statedAt, true, 'from-identity-number');
  } else {
    note('applicant.identityKind', personalNumber.kind, 'population-register', registerAt, true);
    birthDate = person.birthDate;
    note('applicant.birthDate', birthDate, 'population-register', registerAt, true);
  }
  if (application.birthDate !== null && application.birthDate !== birthDate) {
    // The form asks for a birth date only without a number, but an integration may send both.
    note(
      'applicant.birthDate',
      application.birthDate,
      'self-declared',
      statedAt,
      false,
      person ? 'overridden-by-register' : 'from-identity-number',
    );
  }
  if (birthDate > decisionDate) {
    throw new AppError('VALIDATION_FAILED', 'birth date in the future', {
      fields: [{ field: 'birthDate', code: 'dateInFuture' }],
    });
  }

  // Registration, protection: only the register knows them. Without its answer they are unknown,
  // not "not registered" and not "unprotected" (nobody said so).
  const registeredMunicipality = person ? person.registeredMunicipality : null;
  const protectedIdentity = person ? person.protectedIdentity : null;
  const missingWhy: ProvenanceNote | undefined = person
    ? undefined
    : personalNumber
      ? 'not-in-register'
      : 'no-identity-number';
  const registerSource: ProvenanceSource = person ? 'population-register' : 'unknown';
  const registerTime = person ? registerAt : statedAt;
  note('applicant.registeredMunicipality', registeredMunicipality, registerSource, registerTime, true, missingWhy);
  note('applicant.protectedIdentity', protectedIdentity, registerSource, registerTime, true, missingWhy);

  // Residence basis: folkbokföring decides "folkbokförd"; the other bases are the applicant's
  // statement unless an adapter has an authoritative source (residenceBasisHint).
  const stated = application.residenceBasis;
  const hint: ResidenceBasis | undefined = person?.residenceBasisHint;
  if (registeredMunicipality !== null) {
    note('applicant.residenceBasis', 'folkbokford', 'population-register', registerAt, true);
    if (stated !== 'folkbokford')
      note('applicant.residenceBasis', stated, 'self-declared', statedAt, false, 'overridden-by-register');
  } else if (hint && hint !== 'folkbokford') {
    note('applicant.residenceBasis', hint, 'population-register', registerAt, true);
    if (stated !== hint)
      note('applicant.residenceBasis', stated, 'self-declared', statedAt, false, 'overridden-by-register');
  } else if (stated === 'folkbokford') {
    // "Folkbokförd" that no register confirms: the basis is unknown (not the applicant's answer,
    // and not the register's); the rules get it as unclear and a caseworker looks.
    note('applicant.residenceBasis', stated, 'self-declared', statedAt, false, 'folkbokford-not-confirmed');
    note('applicant.residenceBasis', null, 'unknown', registerTime, true, 'folkbokford-not-confirmed');
  } else {
    note('applicant.residenceBasis', stated, 'self-declared', statedAt, true);
  }

  // Self-declared only: no register holds these.
  for (const key of [
    'swedishLevel',
    'nordicLanguageSufficient',
    'yearsOfSchooling',
    'literateInOwnLanguage',
    'knowsLatinAlphabet',
  ] as const) {
    note(`applicant.${key}`, application[key], 'self-declared', statedAt, true);
  }

  // History: the municipality's records win where they exist; without a record the applicant's
  // statement about earlier SFI (perhaps elsewhere) is used.
  const earlier = application.earlierSfi;
  let firstAdmissionDate: string | null;
  let completedCourseD: boolean;
  if (studentRecord) {
    firstAdmissionDate = studentRecord.firstAdmissionDate;
    completedCourseD = studentRecord.completedCourseD;
    note('history.firstAdmissionDate', firstAdmissionDate, 'student-records', recordsAt, true);
    note('history.completedCourseD', completedCourseD, 'student-records', recordsAt, true);
    note('history.extensionGrantedUntil', studentRecord.extensionGrantedUntil, 'student-records', recordsAt, true);
    if (earlier) {
      note(
        'history.firstAdmissionDate',
        earlier.firstAdmissionDate,
        'self-declared',
        statedAt,
        false,
        'overridden-by-register',
      );
      note(
        'history.completedCourseD',
        earlier.completedCourseD,
        'self-declared',
        statedAt,
        false,
        'overridden-by-register',
      );
    }
  } else {
    firstAdmissionDate = earlier?.firstAdmissionDate ?? null;
    completedCourseD = earlier?.completedCourseD ?? false;
    note('history.firstAdmissionDate', firstAdmissionDate, 'self-declared', statedAt, true);
    note('history.completedCourseD', completedCourseD, 'self-declared', statedAt, true);
    if (personalNumber)
      note('history.extensionGrantedUntil', null, 'student-records', recordsAt, true, 'no-student-record');
    else note('history.extensionGrantedUntil', null, 'unknown', statedAt, true, 'no-identity-number');
  }
  note('history.specialReasonsStated', application.specialReasonsStated, 'self-declared', statedAt, true);

  // The platform's own cases: an admission it made is an admission whatever the records say yet,
  // so the three-year right runs from the first one and does not restart by applying again.
  const platform = application.platformCases ?? null;
  if (!platform) {
    const why: ProvenanceNote = personalNumber ? 'identity-unverified' : 'no-identity-number';
    note('history.platformAdmissionDate', null, 'unknown', statedAt, true, why);
    note('history.openApplication', null, 'unknown', statedAt, true, why);
  } else {
    const admitted = [...platform.admissionDates].sort()[0] ?? null;
    note('history.platformAdmissionDate', admitted, 'platform', platform.readAt, true);
    note('history.openApplication', platform.openEarlierApplications > 0, 'platform', platform.readAt, true);
    if (admitted !== null && (firstAdmissionDate === null || admitted < firstAdmissionDate)) {
      for (const entry of provenance) {
        if (entry.name !== 'history.firstAdmissionDate' || !entry.used) continue;
        entry.used = false;
        entry.note = 'overridden-by-platform';
      }
      note('history.firstAdmissionDate', admitted, 'platform', platform.readAt, true);
    }
  }

  // The rules' input is made from the used values and their sources, as the pipeline makes it
  // from the stored facts: one mapping, so unknown facts are absent (or unclear) in both.
  const facts = factsForRules([
    { name: 'decisionDate', value: decisionDate, source: 'platform' },
    ...provenance.filter((entry) => entry.used),
  ]);

  const registeredPerson = person
    ? { name: person.name, postalAddress: person.protectedIdentity ? null : person.postalAddress }
    : null;
  return { facts, provenance, registeredPerson };
}
