import { sql } from 'kysely';
import type { Db, Trx } from '../../platform/db/database.ts';
import { DEFAULT_POLICY, policySchema, serviceDefinitionSchema, type EService, type EServicePolicy, type ServiceDefinition } from './e-services.schema.ts';
import { eDb, eTrx } from './e-services.table.ts';

/** A stored policy that no longer parses (hand-edited) falls back to the safe default: only admissions are final. */
function policyOf(value: unknown): EServicePolicy {
  const parsed = policySchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_POLICY;
}

/** The service and the definition version in force on `day` (YYYY-MM-DD); the earliest version before any is in force. */
export async function findEService(db: Db | Trx, id: string, day: string): Promise<EService | undefined> {
  const e = eDb(db);
  const service = await e.selectFrom('e_services').selectAll().where('id', '=', id).executeTakeFirst();
  if (!service) return undefined;
  const version =
    (await e
      .selectFrom('e_service_versions')
      .select(['version', 'definition'])
      .where('service_id', '=', id)
      .where('effective_from', '<=', day as unknown as Date)
      .orderBy('effective_from', 'desc')
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst()) ??
    (await e.selectFrom('e_service_versions').select(['version', 'definition']).where('service_id', '=', id).orderBy('version').limit(1).executeTakeFirst());
  if (!version) return undefined;
  return {
    id: service.id,
    caseNumberPrefix: service.case_number_prefix,
    policy: policyOf(service.policy),
    minutesPerManualCase: service.minutes_per_manual_case,
    version: version.version,
    definition: serviceDefinitionSchema.parse(version.definition),
  };
}

export async function listEServiceIds(db: Db | Trx): Promise<string[]> {
  const rows = await eDb(db).selectFrom('e_services').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Creates the service if it does not exist (policy and counters untouched when it does). */
export async function insertEServiceIfMissing(trx: Trx, input: { id: string; caseNumberPrefix: string }): Promise<void> {
  await eDb(trx)
    .insertInto('e_services')
    .values({ id: input.id, case_number_prefix: input.caseNumberPrefix })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Adds a definition version; an existing version is never rewritten (cases refer to it). */
export async function insertServiceVersionIfMissing(
  trx: Trx,
  input: { serviceId: string; version: number; effectiveFrom: string; definition: ServiceDefinition },
): Promise<void> {
  await eDb(trx)
    .insertInto('e_service_versions')
    .values({ service_id: input.serviceId, version: input.version, effective_from: input.effectiveFrom, definition: JSON.stringify(input.definition) })
    .onConflict((oc) => oc.columns(['service_id', 'version']).doNothing())
    .execute();
}

/** The service row, locked until the transaction ends (policy changes are read-modify-write). */
export async function lockEServiceById(trx: Trx, id: string): Promise<{ policy: EServicePolicy; minutesPerManualCase: number } | undefined> {
  const row = await eTrx(trx).selectFrom('e_services').select(['policy', 'minutes_per_manual_case']).where('id', '=', id).forUpdate().executeTakeFirst();
  return row && { policy: policyOf(row.policy), minutesPerManualCase: row.minutes_per_manual_case };
}

export async function updateEServicePolicy(trx: Trx, id: string, policy: EServicePolicy, minutesPerManualCase: number, now: Date): Promise<void> {
  await eDb(trx)
    .updateTable('e_services')
    .set({ policy: JSON.stringify(policy), minutes_per_manual_case: minutesPerManualCase, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/**
 * The next serial of a service's case numbers in `year`. The upsert takes the counter row's
 * lock until the transaction ends, so concurrent submissions get distinct, gap-free serials on
 * PostgreSQL and PGlite alike; a rolled-back submission gives its serial back.
 */
export async function nextCaseSerial(trx: Trx, serviceId: string, year: number): Promise<number> {
  const row = await eDb(trx)
    .insertInto('case_number_counters')
    .values({ service_id: serviceId, year, last_value: 1 })
    .onConflict((oc) => oc.columns(['service_id', 'year']).doUpdateSet({ last_value: sql`case_number_counters.last_value + 1` }))
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return row.last_value;
}
