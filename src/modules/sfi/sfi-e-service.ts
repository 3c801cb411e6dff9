import type { Db } from '../../platform/db/database.ts';
import { ensureEService, type EServiceEntry } from '../e-services/index.ts';
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
