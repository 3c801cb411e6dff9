import { z } from 'zod';
import type { DigitalMailbox } from '../../../platform/digital-mailbox/digital-mailbox.ts';
import { defineJob, type JobDefinition } from '../../../platform/jobs/job-definition.ts';
import { deliverToDigitalMailbox } from './delivery.service.ts';

/**
 * Every minute: the decision letters waiting for the digital mailbox are sent (or, when the
 * mailbox cannot take them, moved to the print queue). One slot a minute: two workers' schedulers
 * never run the same minute twice, and a delivery's id is its message id, so a retry is harmless.
 */
export function createDigitalDeliveryJob(mailbox: DigitalMailbox | null): JobDefinition {
  return defineJob({
    name: 'deliver-decisions-to-digital-mailbox',
    payload: z.object({}),
    retry: { retryLimit: 2, retryDelay: 30, retryBackoff: true },
    expireInSeconds: 300,
    schedule: { cron: '* * * * *', slotSeconds: 60 },
    async handler(_payload, { db, clock, log }) {
      const result = await deliverToDigitalMailbox({ db, mailbox, clock });
      // Counts only: who got what is in the case tables.
      if (result.delivered + result.fellBack + result.retrying > 0)
        log.info(result, 'decision letters to the digital mailbox');
    },
  });
}
