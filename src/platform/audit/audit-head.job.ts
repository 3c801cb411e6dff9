import { z } from 'zod';
import { defineJob } from '../jobs/job-definition.ts';
import { readSignedAuditHead } from './audit.service.ts';

/**
 * Copies the audit chain's signed head into the log every hour, so a record of it lives outside
 * the database: `audit verify --head <headId>:<headHash>` then also exposes rolling back the
 * events and their checkpoints together, which nothing inside the database can see. Ids, hashes
 * and a signature only — no personal data. Idempotent: a second run logs the same line again.
 */
export const logAuditHeadJob = defineJob({
  name: 'log-audit-head',
  payload: z.object({}),
  retry: { retryLimit: 2, retryDelay: 60, retryBackoff: false },
  expireInSeconds: 300,
  schedule: { cron: '7 * * * *', slotSeconds: 60 * 60 },
  async handler(_payload, { db, log }) {
    const head = await readSignedAuditHead(db);
    if (!head) log.info({ headId: null }, 'audit head: the audit log has no checkpoint yet');
    else if (!head.valid)
      log.warn(
        { headId: head.headId, headHash: head.headHash },
        'audit head: the newest checkpoint is not signed with AUDIT_HMAC_KEY; run `audit verify`',
      );
    else log.info({ headId: head.headId, headHash: head.headHash, signature: head.signature }, 'audit head');
  },
});
