import { sql } from 'kysely';
import type { Db, Trx } from '../../../platform/db/database.ts';
import { eDb, eTrx } from '../e-services.table.ts';
import { municipalSettingsSchema, type MunicipalSettingsVersion } from './municipal-settings.schema.ts';

const columns = (db: ReturnType<typeof eDb>) =>
  db
    .selectFrom('e_service_settings as s')
    .leftJoin('users as u', 'u.id', 's.changed_by')
    .select([
      's.service_id',
      's.version',
      sql<string>`to_char(s.effective_from, 'YYYY-MM-DD')`.as('effective_from'),
      's.settings',
      's.changed_by',
      'u.display_name',
      's.changed_at',
    ]);

type Row = {
  service_id: string;
  version: number;
  effective_from: string;
  settings: unknown;
  changed_by: string | null;
  display_name: string | null;
  changed_at: Date;
};

function versionOf(row: Row): MunicipalSettingsVersion {
  return {
    serviceId: row.service_id,
    version: row.version,
    effectiveFrom: row.effective_from,
    // Stored through the same schema; a row that no longer parses is an error to see, not to hide.
    settings: municipalSettingsSchema.parse(row.settings),
    changedBy: row.changed_by ? { id: row.changed_by, name: row.display_name ?? '' } : null,
    changedAt: new Date(row.changed_at),
  };
}

/** The version in force on `day` (YYYY-MM-DD): the latest effective_from on or before it, the latest version on a tie. */
export async function findSettingsInForce(
  db: Db | Trx,
  serviceId: string,
  day: string,
): Promise<MunicipalSettingsVersion | undefined> {
  const row = await columns(eDb(db))
    .where('s.service_id', '=', serviceId)
    .where(sql<boolean>`s.effective_from <= ${day}::date`)
    .orderBy('s.effective_from', 'desc')
    .orderBy('s.version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && versionOf(row);
}

/** Every version of a service's settings, the latest saved first. */
export async function listSettingsVersions(db: Db | Trx, serviceId: string): Promise<MunicipalSettingsVersion[]> {
  const rows = await columns(eDb(db)).where('s.service_id', '=', serviceId).orderBy('s.version', 'desc').execute();
  return rows.map(versionOf);
}

/** The highest version number saved for the service (0: none); call with the service row locked. */
export async function findLatestSettingsVersionNumber(trx: Trx, serviceId: string): Promise<number> {
  const row = await eTrx(trx)
    .selectFrom('e_service_settings')
    .select(sql<number>`coalesce(max(version), 0)::int`.as('latest'))
    .where('service_id', '=', serviceId)
    .executeTakeFirstOrThrow();
  return Number(row.latest);
}

export async function insertSettingsVersion(
  trx: Trx,
  input: Omit<MunicipalSettingsVersion, 'changedBy'> & { changedBy: string | null },
): Promise<void> {
  await eTrx(trx)
    .insertInto('e_service_settings')
    .values({
      service_id: input.serviceId,
      version: input.version,
      effective_from: input.effectiveFrom,
      settings: JSON.stringify(input.settings),
      changed_by: input.changedBy,
      changed_at: input.changedAt,
    })
    .execute();
}
