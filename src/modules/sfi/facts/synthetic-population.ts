import { syntheticPersonalNumber } from '../../../platform/identity/personal-number.ts';
import type { SfiReasonCode } from '../sfi-facts.schema.ts';
import type { Outcome } from '../../rules/index.ts';
import type { PersonName, PopulationRecord, PostalAddress, ProtectionMarking, StudentRecord } from './registers.ts';
import type { GatherFactsInput } from './gather-facts.service.ts';

/**
 * A deterministic synthetic population for dev, demos, tests and benchmarks: the same seed gives
 * the same people, byte for byte. Everything is invented — birth dates, checksum-valid synthetic
 * numbers (syntheticPersonalNumber), names combined at random from lists, street names that are
 * plainly made up. Never send these numbers to a real register.
 *
 * Every person has a scenario: what the registers hold about them and what they would answer in
 * the form. Together the scenarios reach every row of the SFI rule table (domain-sfi.md), and a
 * handful of fixed "demo personas" give the demo and browser tests a known outcome to pick.
 */

export const syntheticScenarios = [
  'resident',
  'protected-identity',
  'other-municipality',
  'eu-citizen',
  'eu-citizen-without-number',
  'finnish-border-commuter',
  'temporary-protection',
  'asylum-seeker',
  'no-permit',
  'residence-unclear',
  'not-folkbokford',
  'not-in-register',
  'nordic-language',
  'good-swedish',
  'course-d-completed',
  'admitted-before-2026',
  'admitted-from-2026',
  'right-ending-2029',
  'extension-granted',
  'earlier-sfi-self-declared',
  'under-16',
  'leap-day-birth',
] as const;
export type SyntheticScenario = (typeof syntheticScenarios)[number];

export interface SyntheticPerson {
  /** Stable within a seed: `person-0001` … */
  id: string;
  scenario: SyntheticScenario;
  /** The number the person applies with; null for people who have none. */
  personalNumber: string | null;
  /** What the population register holds; null when it has nothing (no number, or unknown number). */
  register: PopulationRecord | null;
  /** What the municipality's student records hold; null when the person never studied SFI here. */
  studentRecord: StudentRecord | null;
  /** The form as this person would fill it in. */
  application: GatherFactsInput;
  /** Name for letters when the register has none (applicants without a number give it in the form). */
  name: PersonName;
}

export const demoPersonaKeys = [
  'admitted-automatically',
  'admitted-study-path-1',
  'admitted-study-path-3',
  'admitted-earlier-admission',
  'manual-protected-identity',
  'manual-eu-citizen',
  'manual-finnish-border-commuter',
  'manual-no-identity-number',
  'manual-other-municipality-special-reasons',
  'manual-nordic-language',
  'manual-course-d-completed',
  'refused-other-municipality',
  'refused-asylum-seeker',
  'refused-temporary-protection',
  'refused-under-16',
] as const;
export type DemoPersonaKey = (typeof demoPersonaKeys)[number];

export interface DemoPersona {
  key: DemoPersonaKey;
  /** For developers choosing a persona (not shown to residents). */
  summary: string;
  /** What to type or sign in with; null for the persona without a number (use `person.application.birthDate`). */
  personalNumber: string | null;
  person: SyntheticPerson;
  /**
   * The decision the rules give with the default municipality settings (offersSfiToTemporaryProtection
   * false) for any decision date in DEMO_PERSONAS_VALID; reasons in rule-row order.
   */
  expected: { outcome: Outcome; reasons: SfiReasonCode[] };
}

/**
 * The decision dates for which every persona's `expected` holds. It ends when the under-16
 * persona turns 16 in the rule's sense and before any three-year right (counted from 2026-01-01
 * at the earliest) can have run out.
 */
export const DEMO_PERSONAS_VALID = { from: '2026-01-01', until: '2028-12-31' } as const;

export interface SyntheticPopulationOptions {
  /** Default 20260101. */
  seed?: number;
  /** People in addition to the demo personas; default 1,200 (at least 1,000 with the personas). */
  size?: number;
  /** The municipality the population lives in (kommunkod); default 1280. */
  homeMunicipality?: string;
}

export interface SyntheticPopulation {
  seed: number;
  homeMunicipality: string;
  people: readonly SyntheticPerson[];
  /** O(1) access by the number people apply with (every person who has one). */
  byPersonalNumber: ReadonlyMap<string, SyntheticPerson>;
  personas: readonly DemoPersona[];
  persona(key: DemoPersonaKey): DemoPersona;
}

const DEFAULT_SEED = 20260101;
const DEFAULT_SIZE = 1200;

/** Builds the population; cheap (a few milliseconds) and pure: same options, same people. */
export function createSyntheticPopulation(options: SyntheticPopulationOptions = {}): SyntheticPopulation {
  const seed = options.seed ?? DEFAULT_SEED;
  const size = options.size ?? DEFAULT_SIZE;
  const home = options.homeMunicipality ?? '1280';
  if (!/^\d{4}$/.test(home)) throw new RangeError('homeMunicipality must be a four-digit kommunkod');
  const builder = new PopulationBuilder(seed, home);

  const personas = buildPersonas(builder);
  const weights = scenarioWeights();
  const totalWeight = weights.reduce((sum, [, weight]) => sum + weight, 0);
  // Scenarios in fixed proportions (deterministic counts), so every scenario is present at any size ≥ 100.
  let made = 0;
  for (const [scenario, weight] of weights) {
    const count = Math.max(1, Math.round((size * weight) / totalWeight));
    for (let i = 0; i < count && made < size; i++, made++) builder.random(scenario);
  }
  while (made++ < size) builder.random('resident');

  const byPersonalNumber = new Map<string, SyntheticPerson>();
  for (const person of builder.people) if (person.personalNumber) byPersonalNumber.set(person.personalNumber, person);
  const byKey = new Map(personas.map((persona) => [persona.key, persona]));
  return {
    seed,
    homeMunicipality: home,
    people: builder.people,
    byPersonalNumber,
    personas,
    persona(key) {
      const found = byKey.get(key);
      if (!found) throw new RangeError(`no demo persona ${key}`);
      return found;
    },
  };
}

let defaultPopulation: SyntheticPopulation | undefined;

/** The default population (seed 20260101, 1,200 + personas, Malmö), built once per process. */
export function defaultSyntheticPopulation(): SyntheticPopulation {
  defaultPopulation ??= createSyntheticPopulation();
  return defaultPopulation;
}

/** Relative frequencies of the scenarios in the random part of the population. */
function scenarioWeights(): Array<[SyntheticScenario, number]> {
  return [
    ['resident', 500],
    ['protected-identity', 30],
    ['other-municipality', 60],
    ['eu-citizen', 40],
    ['eu-citizen-without-number', 15],
    ['finnish-border-commuter', 20],
    ['temporary-protection', 40],
    ['asylum-seeker', 30],
    ['no-permit', 15],
    ['residence-unclear', 10],
    ['not-folkbokford', 10],
    ['not-in-register', 10],
    ['nordic-language', 20],
    ['good-swedish', 20],
    ['course-d-completed', 20],
    ['admitted-before-2026', 50],
    ['admitted-from-2026', 50],
    ['right-ending-2029', 40],
    ['extension-granted', 20],
    ['earlier-sfi-self-declared', 20],
    ['under-16', 30],
    ['leap-day-birth', 12],
  ];
}

// ---------------------------------------------------------------------------------------------

const OTHER_MUNICIPALITIES = ['1281', '1283', '1233', '0180', '1480'] as const;
const CITY_BY_CODE: Record<string, string> = {
  '1280': 'MALMÖ',
  '1281': 'LUND',
  '1283': 'HELSINGBORG',
  '1233': 'VELLINGE',
  '0180': 'STOCKHOLM',
  '1480': 'GÖTEBORG',
};
const GIVEN_NAMES = [
  'Amina',
  'Ahmad',
  'Olena',
  'Mohamed',
  'Fatima',
  'Yonas',
  'Sara',
  'Ali',
  'Hodan',
  'Dmytro',
  'Layla',
  'Omar',
  'Maryam',
  'Abdi',
  'Iryna',
  'Hassan',
  'Zahra',
  'Tesfay',
  'Nour',
  'Reza',
  'Aziza',
  'Mehmet',
  'Ana',
  'Jonas',
  'Elif',
  'Samir',
  'Hana',
  'Viktor',
  'Leila',
  'Daniel',
  'Noor',
  'Bashir',
  'Mina',
  'Oksana',
  'Yusuf',
  'Selam',
] as const;
const FAMILY_NAMES = [
  'Testsson',
  'Exempel',
  'Provberg',
  'Påhittad',
  'Fiktiv',
  'Demoson',
  'Låtsasdotter',
  'Syntetisk',
  'Modellsson',
  'Provkvist',
  'Exempelsson',
  'Testlund',
  'Fantasia',
  'Övningsson',
  'Mallström',
  'Skissberg',
] as const;
// Plainly invented streets: no real address can be mistaken for one of these.
const STREETS = [
  'Exempelgatan',
  'Provvägen',
  'Testallén',
  'Påhittade gränd',
  'Låtsasbacken',
  'Fiktiva torget',
  'Övningsstigen',
] as const;

/** mulberry32: a small, fast, well-distributed 32-bit PRNG; enough for test data, not for secrets. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

interface PersonSpec {
  scenario: SyntheticScenario;
  birthDate: string;
  /** 'personnummer' | 'samordningsnummer' | null (no number); serial chosen by the builder unless given. */
  numberKind: 'personnummer' | 'samordningsnummer' | null;
  serial?: number;
  /** Whether the register knows the number (false: a valid-looking number the register lacks). */
  inRegister?: boolean;
  registeredMunicipality: string | null;
  protectionMarking?: ProtectionMarking | null;
  hasAddress?: boolean;
  studentRecord?: StudentRecord | null;
  application: Omit<GatherFactsInput, 'personalNumber' | 'birthDate'>;
}

class PopulationBuilder {
  readonly people: SyntheticPerson[] = [];
  private readonly numbers = new Set<string>();
  /** Random people made so far per scenario (the personas do not count). */
  private readonly made = new Map<SyntheticScenario, number>();
  private readonly rng: () => number;

  constructor(
    seed: number,
    readonly home: string,
  ) {
    this.rng = mulberry32(seed);
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.rng() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.rng() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }

  date(fromYear: number, toYear: number): string {
    const year = this.int(fromYear, toYear);
    const month = this.int(1, 12);
    return `${year}-${pad2(month)}-${pad2(this.int(1, daysInMonth(year, month)))}`;
  }

  /** Answers of an ordinary applicant: no Swedish, varied schooling (all three study paths). */
  answers(overrides: Partial<PersonSpec['application']> = {}): PersonSpec['application'] {
    const years = this.int(0, 18);
    return {
      residenceBasis: 'folkbokford',
      swedishLevel: this.chance(0.7) ? 'none' : 'basic',
      nordicLanguageSufficient: false,
      yearsOfSchooling: years,
      literateInOwnLanguage: years === 0 ? this.chance(0.3) : this.chance(0.95),
      knowsLatinAlphabet: this.chance(0.55),
      earlierSfi: null,
      specialReasonsStated: false,
      ...overrides,
    };
  }

  add(spec: PersonSpec): SyntheticPerson {
    let personalNumber: string | null = null;
    if (spec.numberKind) {
      let serial = spec.serial ?? this.int(1, 999);
      personalNumber = syntheticPersonalNumber(spec.birthDate, serial, { kind: spec.numberKind });
      while (this.numbers.has(personalNumber)) {
        if (spec.serial !== undefined) throw new Error(`demo persona number collides: serial ${spec.serial}`);
        serial = (serial % 999) + 1;
        personalNumber = syntheticPersonalNumber(spec.birthDate, serial, { kind: spec.numberKind });
      }
      this.numbers.add(personalNumber);
    }
    const name: PersonName = { givenName: this.pick(GIVEN_NAMES), familyName: this.pick(FAMILY_NAMES) };
    const marking = spec.protectionMarking ?? null;
    const addressCity = CITY_BY_CODE[spec.registeredMunicipality ?? this.home] ?? 'MALMÖ';
    const postalAddress: PostalAddress | null =
      marking === null && (spec.hasAddress ?? spec.registeredMunicipality !== null)
        ? {
            careOf: null,
            street: `${this.pick(STREETS)} ${this.int(1, 60)}`,
            postalCode: `${this.int(200, 299)} ${pad2(this.int(0, 99))}`,
            city: addressCity,
          }
        : null;
    const register: PopulationRecord | null =
      personalNumber && spec.inRegister !== false
        ? {
            personalNumber,
            birthDate: spec.birthDate,
            registeredMunicipality: spec.registeredMunicipality,
            protectedIdentity: marking !== null,
            protectionMarking: marking,
            name,
            postalAddress,
          }
        : null;
    const person: SyntheticPerson = {
      id: `person-${String(this.people.length + 1).padStart(4, '0')}`,
      scenario: spec.scenario,
      personalNumber,
      register,
      studentRecord: personalNumber ? (spec.studentRecord ?? null) : null,
      application: {
        personalNumber,
        // Only applicants without a number are asked for their birth date.
        birthDate: personalNumber ? null : spec.birthDate,
        ...spec.application,
      },
      name,
    };
    this.people.push(person);
    return person;
  }

  /** The birth date of an adult applicant (born 1955–2007). */
  adult(): string {
    return this.date(1955, 2007);
  }

  /** One of the other municipalities. */
  elsewhere(): string {
    return this.pick(OTHER_MUNICIPALITIES.filter((code) => code !== this.home));
  }

  /**
   * One random person of `scenario`, made from its recipe (SCENARIO_RECIPES). The random draws
   * come in a fixed order — birth date, number kind, municipality, address, student record,
   * answers — because that order is part of which people a seed gives.
   */
  random(scenario: SyntheticScenario): SyntheticPerson {
    const index = this.made.get(scenario) ?? 0;
    this.made.set(scenario, index + 1);
    const recipe = SCENARIO_RECIPES[scenario];
    if (typeof recipe === 'function') return this.add({ scenario, ...recipe(this, index) });
    const birthDate = recipe.birthDate ? recipe.birthDate(this, index) : this.adult();
    const numberKind = drawn(recipe.numberKind, this, index);
    const registered = drawn(recipe.registered, this, index);
    const registeredMunicipality =
      registered === 'home' ? this.home : registered === 'elsewhere' ? this.elsewhere() : null;
    const hasAddress = drawn(recipe.hasAddress, this, index);
    const studentRecord = recipe.studentRecord?.(this, index);
    const application = this.answers(recipe.answers?.(this, index));
    return this.add({
      scenario,
      birthDate,
      numberKind,
      registeredMunicipality,
      hasAddress,
      inRegister: recipe.inRegister,
      studentRecord,
      application,
    });
  }
}

type Draw<T> = (builder: PopulationBuilder, index: number) => T;
type NumberKind = NonNullable<PersonSpec['numberKind']>;

/** A fixed value, or one drawn for the scenario's `index`-th random person. */
function drawn<T extends string | boolean | null | undefined>(
  value: T | Draw<T>,
  builder: PopulationBuilder,
  index: number,
): T {
  return typeof value === 'function' ? value(builder, index) : value;
}

/** What the registers hold about a scenario's people and how they answer the form. */
interface ScenarioRecipe {
  /** Default: an adult (born 1955–2007). */
  birthDate?: Draw<string>;
  numberKind: NumberKind | null | Draw<NumberKind | null>;
  /** Where the population register has them: the home municipality, another one, or none. */
  registered: 'home' | 'elsewhere' | null | Draw<'home' | null>;
  /** Default: an address when registered in a municipality. */
  hasAddress?: boolean | Draw<boolean>;
  /** false: a checksum-valid number the register does not know. */
  inRegister?: false;
  studentRecord?: Draw<StudentRecord>;
  /** How their answers differ from an ordinary applicant's (PopulationBuilder.answers). */
  answers?: Draw<Partial<PersonSpec['application']>>;
}

const noRecord = { completedCourseD: false, extensionGrantedUntil: null } as const;

/**
 * Every scenario of the random part of the population, as data. The two written as functions
 * draw something before the birth date; as recipes they would draw in another order and so
 * change the people every seed gives.
 */
const SCENARIO_RECIPES: Record<SyntheticScenario, ScenarioRecipe | Draw<Omit<PersonSpec, 'scenario'>>> = {
  resident: { numberKind: 'personnummer', registered: 'home' },
  'protected-identity': (b) => {
    // Under skyddad folkbokföring the registered municipality can differ from where the person lives.
    const marking: ProtectionMarking = b.chance(0.6) ? 'sekretessmarkering' : 'skyddad-folkbokforing';
    const registered = marking === 'skyddad-folkbokforing' && b.chance(0.3) ? b.elsewhere() : b.home;
    return {
      birthDate: b.adult(),
      numberKind: 'personnummer',
      registeredMunicipality: registered,
      protectionMarking: marking,
      application: b.answers(),
    };
  },
  'other-municipality': {
    numberKind: 'personnummer',
    registered: 'elsewhere',
    answers: (b) => ({ specialReasonsStated: b.chance(0.5) }),
  },
  'eu-citizen': {
    numberKind: 'samordningsnummer',
    registered: null,
    hasAddress: (b) => b.chance(0.5),
    answers: () => ({ residenceBasis: 'eu-free-movement', knowsLatinAlphabet: true }),
  },
  'eu-citizen-without-number': {
    numberKind: null,
    registered: null,
    answers: () => ({ residenceBasis: 'eu-free-movement' }),
  },
  'finnish-border-commuter': {
    numberKind: 'samordningsnummer',
    registered: null,
    hasAddress: false,
    answers: (b) => ({
      residenceBasis: 'finnish-border-commuter',
      knowsLatinAlphabet: true,
      yearsOfSchooling: b.int(9, 16),
    }),
  },
  'temporary-protection': {
    numberKind: (b) => (b.chance(0.8) ? 'samordningsnummer' : null),
    registered: null,
    hasAddress: false,
    answers: () => ({ residenceBasis: 'temporary-protection' }),
  },
  'asylum-seeker': {
    numberKind: (b) => (b.chance(0.4) ? 'samordningsnummer' : null),
    registered: null,
    hasAddress: false,
    answers: () => ({ residenceBasis: 'asylum-seeker' }),
  },
  'no-permit': { numberKind: null, registered: null, answers: () => ({ residenceBasis: 'no-permit' }) },
  'residence-unclear': {
    numberKind: 'samordningsnummer',
    registered: null,
    hasAddress: false,
    answers: () => ({ residenceBasis: 'other' }),
  },
  // Has a personnummer but is no longer folkbokförd (e.g. emigrated), yet answers "folkbokförd".
  'not-folkbokford': { numberKind: 'personnummer', registered: null, hasAddress: false },
  // A checksum-valid number the register does not know: identity cannot be verified.
  'not-in-register': { numberKind: 'personnummer', registered: null, inRegister: false },
  'nordic-language': {
    numberKind: 'personnummer',
    registered: 'home',
    answers: () => ({ nordicLanguageSufficient: true, knowsLatinAlphabet: true }),
  },
  'good-swedish': { numberKind: 'personnummer', registered: 'home', answers: () => ({ swedishLevel: 'good' }) },
  'course-d-completed': {
    numberKind: 'personnummer',
    registered: 'home',
    studentRecord: (b) => ({
      firstAdmissionDate: b.date(2019, 2025),
      completedCourseD: true,
      extensionGrantedUntil: null,
    }),
    answers: () => ({ swedishLevel: 'basic' }),
  },
  'admitted-before-2026': {
    numberKind: 'personnummer',
    registered: 'home',
    studentRecord: (b) => ({ firstAdmissionDate: b.date(2022, 2025), ...noRecord }),
  },
  'admitted-from-2026': (b) => {
    const month = b.int(1, 6);
    return {
      birthDate: b.adult(),
      numberKind: 'personnummer',
      registeredMunicipality: b.home,
      studentRecord: { firstAdmissionDate: `2026-${pad2(month)}-${pad2(b.int(2, 28))}`, ...noRecord },
      application: b.answers(),
    };
  },
  // First admitted before 2026: the three years count from 2026-01-01, so the right ends
  // 2029-01-01. Decisions from that day refuse (row 12) or, with special reasons, go to a caseworker (row 13).
  'right-ending-2029': {
    numberKind: 'personnummer',
    registered: 'home',
    studentRecord: (b) => ({ firstAdmissionDate: b.date(2020, 2025), ...noRecord }),
    answers: (b) => ({ specialReasonsStated: b.chance(0.5) }),
  },
  'extension-granted': {
    numberKind: 'personnummer',
    registered: 'home',
    studentRecord: (b) => ({
      firstAdmissionDate: b.date(2021, 2025),
      completedCourseD: false,
      extensionGrantedUntil: b.date(2029, 2030),
    }),
    answers: () => ({ specialReasonsStated: true }),
  },
  // Studied SFI in another municipality: this municipality's records know nothing.
  'earlier-sfi-self-declared': {
    numberKind: 'personnummer',
    registered: 'home',
    answers: (b) => ({
      earlierSfi: { firstAdmissionDate: b.date(2021, 2026).slice(0, 8) + '01', completedCourseD: b.chance(0.2) },
    }),
  },
  // The right starts 1 July of the year of the 16th birthday: births on 30 June and 1 July
  // of 2010 and 2011 sit either side of a birthday boundary that does NOT matter, and the
  // decision date's 30 June / 1 July is the one that does.
  'under-16': {
    birthDate: (b, index) =>
      ['2010-06-30', '2010-07-01', '2011-06-30', '2011-07-01', '2010-12-31', '2011-01-01'][index] ?? b.date(2010, 2014),
    numberKind: 'personnummer',
    registered: 'home',
    answers: (b) => ({ yearsOfSchooling: b.int(6, 10) }),
  },
  // Every third one an EU citizen with a samordningsnummer.
  'leap-day-birth': {
    birthDate: (_, index) => `${[1992, 1996, 2000, 2004, 2008, 2012][index % 6]}-02-29`,
    numberKind: (_, index) => (index % 3 === 2 ? 'samordningsnummer' : 'personnummer'),
    registered: (_, index) => (index % 3 === 2 ? null : 'home'),
    answers: (_, index) => (index % 3 === 2 ? { residenceBasis: 'eu-free-movement' } : {}),
  },
};

/** The fixed personas: explicit birth dates and serials, so their numbers never change. */
function buildPersonas(builder: PopulationBuilder): DemoPersona[] {
  const home = builder.home;
  const elsewhere = home === '1281' ? '1283' : '1281';
  const base = (overrides: Partial<PersonSpec['application']> = {}): PersonSpec['application'] => ({
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
  const persona = (
    key: DemoPersonaKey,
    summary: string,
    spec: Omit<PersonSpec, 'application'> & { application?: Partial<PersonSpec['application']> },
    expected: DemoPersona['expected'],
  ): DemoPersona => {
    const person = builder.add({ ...spec, application: base(spec.application) });
    return { key, summary, personalNumber: person.personalNumber, person, expected };
  };
  const admitted = (): DemoPersona['expected'] => ({ outcome: 'admit', reasons: ['ELIGIBLE'] });
  return [
    persona(
      'admitted-automatically',
      'Folkbokförd in the municipality, nine years of schooling: admitted automatically, study path 2 (course B).',
      {
        scenario: 'resident',
        birthDate: '1991-04-12',
        serial: 101,
        numberKind: 'personnummer',
        registeredMunicipality: home,
      },
      admitted(),
    ),
    persona(
      'admitted-study-path-1',
      'Three years of schooling, not literate in own language: admitted, study path 1 (course A).',
      {
        scenario: 'resident',
        birthDate: '1978-09-03',
        serial: 102,
        numberKind: 'personnummer',
        registeredMunicipality: home,
        application: { yearsOfSchooling: 3, literateInOwnLanguage: false, knowsLatinAlphabet: false },
      },
      admitted(),
    ),
    persona(
      'admitted-study-path-3',
      'Fifteen years of schooling, knows the Latin alphabet: admitted, study path 3 (course C).',
      {
        scenario: 'resident',
        birthDate: '1995-11-20',
        serial: 103,
        numberKind: 'personnummer',
        registeredMunicipality: home,
        application: { yearsOfSchooling: 15 },
      },
      admitted(),
    ),
    persona(
      'admitted-earlier-admission',
      'Admitted before in 2024 (student records): admitted again; the right runs to 2029-01-01.',
      {
        scenario: 'admitted-before-2026',
        birthDate: '1986-01-25',
        serial: 104,
        numberKind: 'personnummer',
        registeredMunicipality: home,
        studentRecord: { firstAdmissionDate: '2024-09-02', completedCourseD: false, extensionGrantedUntil: null },
      },
      admitted(),
    ),
    persona(
      'manual-protected-identity',
      'Sekretessmarkering in the register: a caseworker with the right authorisation decides; no address anywhere.',
      {
        scenario: 'protected-identity',
        birthDate: '1990-06-15',
        serial: 105,
        numberKind: 'personnummer',
        registeredMunicipality: home,
        protectionMarking: 'sekretessmarkering',
      },
      { outcome: 'manual', reasons: ['PROTECTED_IDENTITY'] },
    ),
    persona(
      'manual-eu-citizen',
      'EU citizen with a samordningsnummer, not folkbokförd: evidence of residence needed.',
      {
        scenario: 'eu-citizen',
        birthDate: '1993-03-08',
        serial: 106,
        numberKind: 'samordningsnummer',
        registeredMunicipality: null,
        hasAddress: true,
        application: { residenceBasis: 'eu-free-movement', yearsOfSchooling: 13 },
      },
      { outcome: 'manual', reasons: ['EVIDENCE_OF_RESIDENCE_REQUIRED'] },
    ),
    persona(
      'manual-finnish-border-commuter',
      'Lives in Finland near the border and works in the municipality: evidence of work needed.',
      {
        scenario: 'finnish-border-commuter',
        birthDate: '1984-10-30',
        serial: 107,
        numberKind: 'samordningsnummer',
        registeredMunicipality: null,
        hasAddress: false,
        application: { residenceBasis: 'finnish-border-commuter', yearsOfSchooling: 12 },
      },
      { outcome: 'manual', reasons: ['EVIDENCE_OF_BORDER_COMMUTING_REQUIRED'] },
    ),
    persona(
      'manual-no-identity-number',
      'No personnummer or samordningsnummer (applies without e-ID, gives a birth date), EU citizen.',
      {
        scenario: 'eu-citizen-without-number',
        birthDate: '1988-02-14',
        numberKind: null,
        registeredMunicipality: null,
        application: { residenceBasis: 'eu-free-movement' },
      },
      { outcome: 'manual', reasons: ['EVIDENCE_OF_RESIDENCE_REQUIRED', 'IDENTITY_UNVERIFIED'] },
    ),
    persona(
      'manual-other-municipality-special-reasons',
      'Folkbokförd in another municipality, states special reasons to study here.',
      {
        scenario: 'other-municipality',
        birthDate: '1997-07-07',
        serial: 108,
        numberKind: 'personnummer',
        registeredMunicipality: elsewhere,
        application: { specialReasonsStated: true },
      },
      { outcome: 'manual', reasons: ['STUDY_IN_OTHER_MUNICIPALITY'] },
    ),
    persona(
      'manual-nordic-language',
      'Speaks Norwegian well enough that SFI may be unnecessary.',
      {
        scenario: 'nordic-language',
        birthDate: '1982-12-01',
        serial: 109,
        numberKind: 'personnummer',
        registeredMunicipality: home,
        application: { nordicLanguageSufficient: true, yearsOfSchooling: 12 },
      },
      { outcome: 'manual', reasons: ['NORDIC_LANGUAGE'] },
    ),
    persona(
      'manual-course-d-completed',
      'Student records: course D completed in 2025.',
      {
        scenario: 'course-d-completed',
        birthDate: '1989-05-19',
        serial: 110,
        numberKind: 'personnummer',
        registeredMunicipality: home,
        studentRecord: { firstAdmissionDate: '2025-01-13', completedCourseD: true, extensionGrantedUntil: null },
        application: { swedishLevel: 'basic' },
      },
      { outcome: 'manual', reasons: ['SWEDISH_LEVEL_UNCLEAR'] },
    ),
    persona(
      'refused-other-municipality',
      'Folkbokförd in another municipality, no special reasons: refused (apply there).',
      {
        scenario: 'other-municipality',
        birthDate: '1994-08-21',
        serial: 111,
        numberKind: 'personnummer',
        registeredMunicipality: elsewhere,
      },
      { outcome: 'refuse', reasons: ['REGISTERED_IN_OTHER_MUNICIPALITY'] },
    ),
    persona(
      'refused-asylum-seeker',
      'Asylum seeker with a samordningsnummer: no right to SFI (SkolL 29 kap. 3 §).',
      {
        scenario: 'asylum-seeker',
        birthDate: '1992-01-09',
        serial: 112,
        numberKind: 'samordningsnummer',
        registeredMunicipality: null,
        hasAddress: false,
        application: { residenceBasis: 'asylum-seeker', yearsOfSchooling: 6, knowsLatinAlphabet: false },
      },
      { outcome: 'refuse', reasons: ['NOT_ENTITLED_RESIDENCE'] },
    ),
    persona(
      'refused-temporary-protection',
      'Temporary protection, not folkbokförd: refused unless the municipality offers SFI to that group (then manual).',
      {
        scenario: 'temporary-protection',
        birthDate: '1987-04-04',
        serial: 113,
        numberKind: 'samordningsnummer',
        registeredMunicipality: null,
        hasAddress: false,
        application: { residenceBasis: 'temporary-protection', yearsOfSchooling: 14, knowsLatinAlphabet: false },
      },
      { outcome: 'refuse', reasons: ['NOT_ENTITLED_TEMPORARY_PROTECTION'] },
    ),
    persona(
      'refused-under-16',
      'Born 2013: the right starts 1 July 2029.',
      {
        scenario: 'under-16',
        birthDate: '2013-05-05',
        serial: 114,
        numberKind: 'personnummer',
        registeredMunicipality: home,
        application: { yearsOfSchooling: 7 },
      },
      { outcome: 'refuse', reasons: ['AGE_BELOW_THRESHOLD'] },
    ),
  ];
}
