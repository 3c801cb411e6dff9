import '../e-services.audit.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import type { User } from '../../../platform/auth/roles.ts';
import { notifyChanged } from '../../../platform/db/change-notifications.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { stockholmDate } from '../calendar.ts';
import { lockEServiceById } from '../e-service.repository.ts';
import {
  findLatestSettingsVersionNumber,
  findSettingsInForce,
  insertSettingsVersion,
  listSettingsVersions,
} from './municipal-settings.repository.ts';
import {
  municipalSettingsSchema,
  settingsFromForm,
  type MunicipalSettings,
  type MunicipalSettingsInput,
  type MunicipalSettingsVersion,
  type SettingsParameter,
} from './municipal-settings.schema.ts';

/**
 * What a page that shows an e-service's settings depends on: every saved version announces it
 * (notifyChanged) when its transaction commits, so rendered-once pages in every process drop it.
 */
export function settingsTopic(serviceId: string): string {
  return `e-service-settings:${serviceId}`;
}

/** The settings of an e-service in force on `day` (YYYY-MM-DD), or undefined when none are. */
export async function getSettingsInForce(
  db: Db,
  serviceId: string,
  day: string,
): Promise<MunicipalSettingsVersion | undefined> {
  return findSettingsInForce(db, serviceId, day);
}

/**
 * The settings in force on `day`; a letter or a decision cannot be made without them, so their
 * absence is an error that says how to fix it (the job retries, and shows under failed jobs).
 */
export async function requireSettingsInForce(db: Db, serviceId: string, day: string): Promise<MunicipalSettings> {
  const found = await findSettingsInForce(db, serviceId, day);
  if (!found) {
    throw new Error(
      `No municipal settings for e-service "${serviceId}" are in force on ${day}: an administrator sets them at /admin/e-tjanster/${serviceId}/installningar.`,
    );
  }
  return found.settings;
}

/** Every saved version, the latest first (the admin page's history). */
export async function listSettingsHistory(db: Db, serviceId: string): Promise<MunicipalSettingsVersion[]> {
  return listSettingsVersions(db, serviceId);
}

/**
 * An administrator saves the settings from the admin form as a new version in force from the day
 * given (today or later). Validation failures throw VALIDATION_FAILED with every field's problem;
 * the change is audited with the version it replaces on that day and the new one.
 */
export async function saveSettingsFromForm(
  db: Db,
  input: {
    serviceId: string;
    values: Record<string, unknown>;
    parameters: readonly SettingsParameter[];
    actor: User;
    now: Date;
    requestId?: string | null;
  },
): Promise<MunicipalSettingsVersion> {
  const read = settingsFromForm(input.values, input.parameters, stockholmDate(input.now));
  if (!read.ok) {
    throw new AppError('VALIDATION_FAILED', 'The settings have problems; see the fields.', { fields: read.errors });
  }
  return db.transaction().execute(async (trx) => {
    // One version number at a time per service: the service row is the lock.
    const service = await lockEServiceById(trx, input.serviceId);
    if (!service) throw new AppError('NOT_FOUND', `There is no e-service "${input.serviceId}".`);
    const before = await findSettingsInForce(trx, input.serviceId, read.effectiveFrom);
    const version: MunicipalSettingsVersion = {
      serviceId: input.serviceId,
      version: (await findLatestSettingsVersionNumber(trx, input.serviceId)) + 1,
      effectiveFrom: read.effectiveFrom,
      settings: read.settings,
      changedBy: { id: input.actor.id, name: input.actor.displayName },
      changedAt: input.now,
    };
    await insertSettingsVersion(trx, { ...version, changedBy: input.actor.id });
    await recordAudit(trx, {
      type: 'e-service.settings-changed',
      actor: { kind: 'user', id: input.actor.id },
      occurredAt: input.now,
      subject: { type: 'e_service', id: input.serviceId },
      oldValue: before
        ? { version: before.version, effectiveFrom: before.effectiveFrom, settings: { ...before.settings } }
        : null,
      newValue: { version: version.version, effectiveFrom: version.effectiveFrom, settings: { ...version.settings } },
      requestId: input.requestId ?? null,
    });
    await notifyChanged(trx, settingsTopic(input.serviceId));
    return version;
  });
}

/**
 * Installs settings when the service has none (demo seed; a new installation's first values):
 * idempotent, never overwrites what an administrator saved.
 */
export async function ensureSettings(
  db: Db,
  input: { serviceId: string; effectiveFrom: string; settings: MunicipalSettingsInput; now: Date },
): Promise<void> {
  const settings = municipalSettingsSchema.parse(input.settings);
  await db.transaction().execute(async (trx) => {
    const service = await lockEServiceById(trx, input.serviceId);
    if (!service) throw new AppError('NOT_FOUND', `There is no e-service "${input.serviceId}".`);
    if ((await findLatestSettingsVersionNumber(trx, input.serviceId)) > 0) return;
    await insertSettingsVersion(trx, {
      serviceId: input.serviceId,
      version: 1,
      effectiveFrom: input.effectiveFrom,
      settings,
      changedBy: null,
      changedAt: input.now,
    });
    await notifyChanged(trx, settingsTopic(input.serviceId));
  });
}
