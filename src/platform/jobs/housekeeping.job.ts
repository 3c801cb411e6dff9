import { z } from 'zod';
import { logAuditHeadJob } from '../audit/audit-head.job.ts';
import { deleteExpiredSessions } from '../auth/session.ts';
import { defineJob } from './job-definition.ts';

/**
 * Deletes expired sign-in sessions every 15 minutes. Expired sessions are already refused when
 * loaded; this keeps the table small. Idempotent: a second run finds nothing to delete.
 */
export const deleteExpiredSessionsJob = defineJob({
  name: 'delete-expired-sessions',
  payload: z.object({}),
  retry: { retryLimit: 2, retryDelay: 60, retryBackoff: false },
  expireInSeconds: 300,
  schedule: { cron: '*/15 * * * *', slotSeconds: 15 * 60 },
  async handler(_payload, { db, clock, log }) {
    const deleted = await deleteExpiredSessions(db, clock());
    log.info({ deleted }, 'expired sessions deleted');
  },
});

/** The platform's own jobs; main.ts registers them with the modules' jobs. */
export const platformJobs = [deleteExpiredSessionsJob, logAuditHeadJob];
