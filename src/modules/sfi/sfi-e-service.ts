import type { Db } from '../../platform/db/database.ts';
import {
  ensureEService,
  ensureSettings,
  type EServiceEntry,
  type MunicipalSettings,
  type MunicipalSettingsInput,
  type SettingsParameter,
} from '../e-services/index.ts';
import type { DecisionLetterInput } from './letters/decision-letter.schema.ts';
import { upsertSchool, type SchoolRow } from './enrolment.repository.ts';

/** The SFI e-service as the e-service catalogue knows it, named in every language residents read. */
export const SFI_SERVICE: EServiceEntry = {
  id: 'sfi',
  caseNumberPrefix: 'SFI',
  version: 1,
  effectiveFrom: '2025-01-01',
  definition: {
    names: {
      sv: 'Ansökan till sfi',
      en: 'Application for SFI',
      ar: 'طلب الالتحاق بتعليم اللغة السويدية للمهاجرين (SFI)',
      fa: 'درخواست آموزش زبان سوئدی ویژه مهاجران (SFI)',
      so: 'Codsiga waxbarashada af-Iswiidhishka ee soogalootiga (SFI)',
      ti: 'መመልከቲ ንትምህርቲ ቋንቋ ሽወደን ንስደተኛታት (SFI)',
      uk: 'Заява на курс шведської мови для іммігрантів (SFI)',
    },
    manualDecisionLegalRef: 'SkolL 20 kap. 33 §',
  },
};

/**
 * Demo schools of a Malmö-sized municipality: the study forms they offer and their seats. A real
 * installation maintains these rows; the demo seed only adds missing ones (seats taken are kept).
 */
export const DEMO_SCHOOLS: ReadonlyArray<Omit<SchoolRow, 'enrolled'>> = [
  { id: 'sodervarn', name: 'Sfi Södervärn', daytime: true, evening: true, distance: false, capacity: 400 },
  { id: 'rosengard', name: 'Sfi Rosengård', daytime: true, evening: false, distance: false, capacity: 300 },
  { id: 'hyllie', name: 'Sfi Hyllie', daytime: true, evening: true, distance: false, capacity: 250 },
  { id: 'centrum-kvall', name: 'Sfi Centrum kväll', daytime: false, evening: true, distance: false, capacity: 150 },
  { id: 'distans', name: 'Sfi Distans', daytime: false, evening: false, distance: true, capacity: 500 },
];

/** Registers the SFI e-service and the demo schools; idempotent, safe at every start. */
export async function ensureSfiEService(
  db: Db,
  options: { schools?: ReadonlyArray<Omit<SchoolRow, 'enrolled'>> } = {},
): Promise<void> {
  await ensureEService(db, SFI_SERVICE);
  for (const school of options.schools ?? DEMO_SCHOOLS) await upsertSchool(db, school);
}

/** SFI's local parameter among the municipal settings (domain-sfi.md: the municipality may offer SFI under temporary protection). */
export const SFI_SETTINGS_PARAMETERS: readonly SettingsParameter[] = [
  {
    key: 'offersSfiToTemporaryProtection',
    label: {
      sv: 'Erbjuder kommunen sfi till personer med tillfälligt skydd som inte är folkbokförda?',
      en: 'Does the municipality offer SFI to people with temporary protection who are not registered?',
    },
    hint: {
      sv: 'Kommunen får erbjuda det sedan juni 2023. Ja: sådana ansökningar prövas av en handläggare. Nej: de avslås.',
      en: 'Allowed since June 2023. Yes: such applications go to a caseworker. No: they are refused.',
    },
  },
];

/** Whether the settings say SFI is offered under temporary protection (absent: not offered, the law's default). */
export function offersSfiToTemporaryProtection(settings: MunicipalSettings): boolean {
  return settings.parameters['offersSfiToTemporaryProtection'] === true;
}

/** The decision letter's sender, appeal address and contact, from the settings in force on the decision date. */
export function letterMunicipalityOf(settings: MunicipalSettings): DecisionLetterInput['municipality'] {
  const address = settings.appealAddress;
  return {
    name: address.organisation,
    department: address.unit,
    board: settings.board,
    delegation: { ...settings.delegation },
    postalAddress: [address.unit, address.street, `${address.postalCode} ${address.city}`],
    phone: settings.phone,
    email: settings.email,
    ...(settings.web ? { web: settings.web } : {}),
  };
}

/**
 * Demo settings of a Malmö-sized municipality — DEMO DATA: the phone number is in the range
 * reserved for fiction (070-174 06 xx), the e-mail and web addresses on the reserved .example
 * domain. A real installation's administrator enters its own at /admin/e-tjanster/sfi/installningar.
 */
export function demoSfiSettings(municipalityName: string): MunicipalSettingsInput {
  return {
    board: 'Arbetsmarknads- och vuxenutbildningsnämnden',
    delegation: {
      automated:
        'Delegationsordning för arbetsmarknads- och vuxenutbildningsnämnden, punkt 4.2, beslutad 2026-01-15, § 12',
      caseworker:
        'Delegationsordning för arbetsmarknads- och vuxenutbildningsnämnden, punkt 4.3, beslutad 2026-01-15, § 12',
    },
    appealAddress: {
      organisation: municipalityName,
      unit: 'Vuxenutbildningen',
      street: 'Box 100',
      postalCode: '205 80',
      city: 'Malmö',
    },
    phone: '070-174 06 05',
    email: 'sfi@malmo.example',
    web: 'https://malmo.example/sfi',
    parameters: { offersSfiToTemporaryProtection: false },
  };
}

/** Seeds the demo settings (SEED_DEMO) when the service has none; an administrator's are kept. */
export async function seedSfiDemoSettings(db: Db, municipalityName: string, now: Date): Promise<void> {
  await ensureSfiEService(db);
  await ensureSettings(db, {
    serviceId: SFI_SERVICE.id,
    effectiveFrom: SFI_SERVICE.effectiveFrom,
    settings: demoSfiSettings(municipalityName),
    now,
  });
}
