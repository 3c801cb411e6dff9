import './e-services.audit.ts';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { Config } from '../../platform/config/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { defineJob, type JobDefinition } from '../../platform/jobs/job-definition.ts';
import { deleteDraftsChangedBefore, lockDraftIdsChangedBefore } from './case.repository.ts';

/**
 * Retention (gallring) of abandoned drafts: an application nobody sent holds personal data
 * (answers, contact details) for no purpose once its owner has left it. Drafts not changed for
 * DRAFT_RETENTION_DAYS (drafts without e-ID: ANONYMOUS_DRAFT_DAYS, when shorter) are deleted
 * with everything attached to them. Cases beyond the draft
 * stage are never touched: the queries name status 'draft', and the delete checks it again.
 *
 * Batches of DRAFT_DELETE_BATCH, each in its own transaction with its audit event, so a large
 * backlog (the first run after go-live) never holds many row locks for long, and whatever
 * committed is audited. Idempotent: a second run finds nothing.
 */
export const DRAFT_DELETE_BATCH = 500;
/**
 * A draft without e-ID is found again only through its cookie, which lasts this long: after
 * that nobody can reach it, so it is deleted then (or after the retention time, if shorter).
 */
export const ANONYMOUS_DRAFT_DAYS = 7;
const DAY = 86_400_000;

export interface DraftRetentionResult {
  deleted: number;
  batches: number;
}

export async function deleteAbandonedDrafts(
  deps: { db: Db; clock: () => Date },
  options: { retentionDays: number; batchSize?: number },
): Promise<DraftRetentionResult> {
  const batchSize = options.batchSize ?? DRAFT_DELETE_BATCH;
  // One cutoff for the whole run: a draft that ages past it during the run waits for the next.
  const now = deps.clock();
  const changedBefore = new Date(now.getTime() - options.retentionDays * DAY);
  const cutoffs = {
    signedIn: changedBefore,
    anonymous: new Date(now.getTime() - Math.min(options.retentionDays, ANONYMOUS_DRAFT_DAYS) * DAY),
  };
  let deleted = 0;
  let batches = 0;
  for (;;) {
    const { found, count } = await deps.db.transaction().execute(async (trx) => {
      // Two statements, not `where id in (subquery)`: a semi-join may run a SKIP LOCKED
      // subquery more than once, and the batch would not be bounded by its LIMIT.
      const ids = await lockDraftIdsChangedBefore(trx, cutoffs, batchSize);
      const removed = await deleteDraftsChangedBefore(trx, ids, cutoffs);
      if (removed > 0) {
        await recordAudit(trx, {
          type: 'case.drafts-deleted',
          actor: { kind: 'system', id: 'job:delete-abandoned-drafts' },
          occurredAt: now,
          subject: { type: 'case', id: null },
          oldValue: null,
          newValue: {
            deleted: removed,
            retentionDays: options.retentionDays,
            changedBefore: changedBefore.toISOString(),
            anonymousChangedBefore: cutoffs.anonymous.toISOString(),
          },
        });
      }
      return { found: ids.length, count: removed };
    });
    if (count > 0) batches++;
    deleted += count;
    if (found < batchSize) return { deleted, batches };
  }
}

/**
 * Every night at 03:30 (Stockholm). The singleton slot is an hour, not a day (pg-boss refuses a
 * slot longer than its archive interval, 12 h): each worker's scheduler fires the same minute,
 * and the hour's key lets one of them through.
 */
export function createDraftRetentionJob(config: Pick<Config, 'DRAFT_RETENTION_DAYS'>): JobDefinition {
  return defineJob({
    name: 'delete-abandoned-drafts',
    payload: z.object({}),
    retry: { retryLimit: 3, retryDelay: 300, retryBackoff: true },
    expireInSeconds: 1800,
    schedule: { cron: '30 3 * * *', slotSeconds: 3600 },
    async handler(_payload, { db, clock, log }) {
      const result = await deleteAbandonedDrafts({ db, clock }, { retentionDays: config.DRAFT_RETENTION_DAYS });
      // Counts only: which drafts they were is nobody's business any more.
      log.info({ ...result, retentionDays: config.DRAFT_RETENTION_DAYS }, 'abandoned drafts deleted');
    },
  });
}

/** The e-service module's jobs; main.ts registers them (a ROLE=worker process has no routes). */
export function eServicesJobs(options: { config: Pick<Config, 'DRAFT_RETENTION_DAYS'> }): JobDefinition[] {
  return [createDraftRetentionJob(options.config)];
}
