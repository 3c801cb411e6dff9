import './admin.audit.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { User } from '../../platform/auth/roles.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Jobs } from '../../platform/jobs/jobs.service.ts';
import type { JobSummary } from '../../platform/jobs/jobs.repository.ts';
import { listOutboxMessages, type OutboxMessage } from '../../platform/mail/outbox.repository.ts';

export const PAGE_SIZE = 25;

export interface Page<T> {
  items: T[];
  page: number;
  /** At least 1, so an empty list still has a page. */
  pageCount: number;
  total: number;
}

function pageOf<T>(items: T[], total: number, page: number): Page<T> {
  return { items, page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)), total };
}

export async function listFailedJobsPage(jobs: Jobs, page: number): Promise<Page<JobSummary>> {
  const result = await jobs.listFailed({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  return pageOf(result.jobs, result.total, page);
}

/**
 * Puts a failed job back in its queue and audits who did it, in one transaction. Returns the
 * queue name, or undefined when the job is not (or no longer) failed — two administrators
 * pressing Retry at once get one retry.
 */
export async function retryFailedJob(
  deps: { db: Db; jobs: Jobs },
  input: { id: string; user: User; now: Date; requestId: string },
): Promise<{ queue: string } | undefined> {
  const job = await deps.jobs.findJob(input.id);
  if (!job || job.state !== 'failed') return undefined;
  return deps.db.transaction().execute(async (trx) => {
    if (!(await deps.jobs.retry(input.id, trx))) return undefined;
    await recordAudit(trx, {
      type: 'job.retried',
      actor: { kind: 'user', id: input.user.id },
      occurredAt: input.now,
      subject: { type: 'job', id: input.id },
      oldValue: { queue: job.queue, state: 'failed' },
      newValue: { queue: job.queue, state: 'retry' },
      requestId: input.requestId,
    });
    return { queue: job.queue };
  });
}

export async function listOutboxPage(db: Db, page: number): Promise<Page<OutboxMessage>> {
  const result = await listOutboxMessages(db, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  return pageOf(result.messages, result.total, page);
}
