import { sql } from 'kysely';
import type { Db, Trx } from '../../platform/db/database.ts';
import {
  DEFAULT_POLICY,
  policySchema,
  serviceDefinitionSchema,
  type EService,
  type EServicePolicy,
  type ServiceDefinition,
} from './e-services.schema.ts';
import { eDb, eTrx } from './e-services.table.ts';

/** A stored policy that no longer parses (hand-edited) falls back to the safe default: only admissions are final. */
function policyOf(value: unknown): EServicePolicy {
  const parsed = policySchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_POLICY;
}

/**
 * The service and the definition version in force on `day` (YYYY-MM-DD); the earliest version
 * before any is in force. One statement: every submission and every decision reads it.
 */
export async function findEService(db: Db | Trx, id: string, day: string): Promise<EService | undefined> {
  const row = await eDb(db)
    .selectFrom('e_services as s')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('e_service_versions as v')
          .select(['v.version', 'v.definition'])
          .whereRef('v.service_id', '=', 's.id')
          // In force first (latest first), then the versions not yet in force (earliest first).
          .orderBy(sql`v.effective_from <= ${day}::date`, 'desc')
          .orderBy(sql`case when v.effective_from <= ${day}::date then v.effective_from end`, (ob) =>
            ob.desc().nullsLast(),
          )
          .orderBy(sql`case when v.effective_from <= ${day}::date then v.version end`, (ob) => ob.desc().nullsLast())
          .orderBy('v.version')
          .limit(1)
          .as('version'),
      (join) => join.onTrue(),
    )
    .selectAll('s')
    .select(['version.version', 'version.definition'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    caseNumberPrefix: row.case_number_prefix,
    policy: policyOf(row.policy),
    minutesPerManualCase: row.minutes_per_manual_case,
    version: row.version,
    definition: parsedDefinition(row.id, row.version, row.definition),
  };
}

/**
 * Parsed definitions by service version, each with the stored JSON it came from: validating a
 * definition costs more than comparing its text, and a version is not changed once stored.
 */
const definitions = new Map<string, { json: string; parsed: ServiceDefinition }>();
function parsedDefinition(serviceId: string, version: number, definition: unknown): ServiceDefinition {
  const key = `${serviceId}@${version}`;
  const json = JSON.stringify(definition);
  const known = definitions.get(key);
  if (known?.json === json) return known.parsed;
  const parsed = serviceDefinitionSchema.parse(definition);
  definitions.set(key, { json, parsed });
  return parsed;
}

export async function listEServiceIds(db: Db | Trx): Promise<string[]> {
  const rows = await eDb(db).selectFrom('e_services').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Creates the service if it does not exist (policy and counters untouched when it does). */
export async function insertEServiceIfMissing(
  trx: Trx,
  input: { id: string; caseNumberPrefix: string },
): Promise<void> {
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
    .values({
      service_id: input.serviceId,
      version: input.version,
      effective_from: input.effectiveFrom,
      definition: JSON.stringify(input.definition),
    })
    .onConflict((oc) => oc.columns(['service_id', 'version']).doNothing())
    .execute();
}

/** Adds the names a stored version lacks; the names it has win (`||` keeps its right side). */
export async function addMissingServiceNames(
  trx: Trx,
  input: { serviceId: string; version: number; names: ServiceDefinition['names'] },
): Promise<void> {
  await eDb(trx)
    .updateTable('e_service_versions')
    .set({
      definition: sql`jsonb_set(definition, '{names}', ${JSON.stringify(input.names)}::jsonb || (definition -> 'names'))`,
    })
    .where('service_id', '=', input.serviceId)
    .where('version', '=', input.version)
    .where(sql<boolean>`not (definition -> 'names' ?& array[${sql.join(Object.keys(input.names))}]::text[])`)
    .execute();
}

/** The service row, locked until the transaction ends (policy changes are read-modify-write). */
export async function lockEServiceById(
  trx: Trx,
  id: string,
): Promise<{ policy: EServicePolicy; minutesPerManualCase: number } | undefined> {
  const row = await eTrx(trx)
    .selectFrom('e_services')
    .select(['policy', 'minutes_per_manual_case'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row && { policy: policyOf(row.policy), minutesPerManualCase: row.minutes_per_manual_case };
}

export async function updateEServicePolicy(
  trx: Trx,
  id: string,
  policy: EServicePolicy,
  minutesPerManualCase: number,
  now: Date,
): Promise<void> {
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
  return nextCaseSerials(trx, serviceId, year, 1);
}

/** Takes `count` consecutive serials (one statement, the counter row locked to commit); returns the first. */
export async function nextCaseSerials(trx: Trx, serviceId: string, year: number, count: number): Promise<number> {
  const row = await eDb(trx)
    .insertInto('case_number_counters')
    .values({ service_id: serviceId, year, last_value: count })
    .onConflict((oc) =>
      oc.columns(['service_id', 'year']).doUpdateSet({ last_value: sql`case_number_counters.last_value + ${count}` }),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return row.last_value - count + 1;
}
