import './e-services.audit.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { User } from '../../platform/auth/roles.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { stockholmDate } from './calendar.ts';
import {
  addMissingServiceNames,
  findEService,
  insertEServiceIfMissing,
  insertServiceVersionIfMissing,
  listEServiceIds,
  lockEServiceById,
  updateEServicePolicy,
} from './e-service.repository.ts';
import {
  autoFinalOutcomes,
  registeredServiceDefinitionSchema,
  type DecisionOutcome,
  type EService,
  type EServiceEntry,
  type EServicePolicy,
} from './e-services.schema.ts';

/**
 * Registers an e-service and a version of its definition, idempotently: safe at every start
 * (the SFI module calls it when it boots). An existing service keeps its policy; an existing
 * version is never rewritten, because cases refer to it — except that names in languages it
 * lacks are added (a translation changes no case), never changing a name it has.
 */
export async function ensureEService(db: Db, input: EServiceEntry): Promise<void> {
  const definition = registeredServiceDefinitionSchema.parse(input.definition);
  await db.transaction().execute(async (trx) => {
    await insertEServiceIfMissing(trx, { id: input.id, caseNumberPrefix: input.caseNumberPrefix });
    await insertServiceVersionIfMissing(trx, {
      serviceId: input.id,
      version: input.version,
      effectiveFrom: input.effectiveFrom,
      definition,
    });
    await addMissingServiceNames(trx, { serviceId: input.id, version: input.version, names: definition.names });
  });
}

/** The e-service with the definition in force at `now`; NOT_FOUND when there is none. */
export async function getEService(db: Db, serviceId: string, now: Date): Promise<EService> {
  const service = await findEService(db, serviceId, stockholmDate(now));
  if (!service) throw new AppError('NOT_FOUND', `There is no e-service "${serviceId}".`);
  return service;
}

export async function listEServices(db: Db, now: Date): Promise<EService[]> {
  const ids = await listEServiceIds(db);
  const services = await Promise.all(ids.map((id) => findEService(db, id, stockholmDate(now))));
  return services.filter((s): s is EService => !!s);
}

/** Whether the policy lets this outcome stand without a human. `manual` never does. */
export function isFinalUnderPolicy(policy: EServicePolicy, outcome: DecisionOutcome): boolean {
  return outcome !== 'manual' && policy.autoFinal.includes(outcome);
}

/**
 * An administrator sets which outcomes are final without a human (e.g. admissions only) and
 * the minutes a manual case takes (for "staff hours saved"). Audited with old and new values.
 */
export async function setPolicy(
  db: Db,
  input: {
    serviceId: string;
    autoFinal: readonly DecisionOutcome[];
    minutesPerManualCase: number;
    actor: User;
    now: Date;
    requestId?: string | null;
  },
): Promise<EServicePolicy> {
  const autoFinal = autoFinalOutcomes.filter((o) => input.autoFinal.includes(o));
  if (input.autoFinal.some((o) => !(autoFinalOutcomes as readonly string[]).includes(o))) {
    throw new AppError('VALIDATION_FAILED', 'Only admit and refuse can be final without a human.', {
      fields: [{ field: 'autoFinal', code: 'invalid' }],
    });
  }
  if (
    !Number.isInteger(input.minutesPerManualCase) ||
    input.minutesPerManualCase < 1 ||
    input.minutesPerManualCase > 10_000
  ) {
    throw new AppError('VALIDATION_FAILED', 'Minutes per manual case must be a whole number from 1 to 10000.', {
      fields: [{ field: 'minutesPerManualCase', code: 'number' }],
    });
  }
  const policy: EServicePolicy = { autoFinal };
  await db.transaction().execute(async (trx) => {
    const before = await lockEServiceById(trx, input.serviceId);
    if (!before) throw new AppError('NOT_FOUND', `There is no e-service "${input.serviceId}".`);
    await updateEServicePolicy(trx, input.serviceId, policy, input.minutesPerManualCase, input.now);
    await recordAudit(trx, {
      type: 'e-service.policy-changed',
      actor: { kind: 'user', id: input.actor.id },
      occurredAt: input.now,
      subject: { type: 'e_service', id: input.serviceId },
      oldValue: { autoFinal: [...before.policy.autoFinal], minutesPerManualCase: before.minutesPerManualCase },
      newValue: { autoFinal: [...autoFinal], minutesPerManualCase: input.minutesPerManualCase },
      requestId: input.requestId ?? null,
    });
  });
  return policy;
}
