import { z } from 'zod';
import { defineJob, type RetryPolicy } from '../jobs/job-definition.ts';
import { findOutboxMessageById, markOutboxMessage } from './outbox.repository.ts';
import { teamsCardFor } from './teams-card.ts';

const TEAMS_RETRY: RetryPolicy = { retryLimit: 5, retryDelay: 30, retryBackoff: true };

export interface SendTeamsJobDeps {
  /** null: no TEAMS_WEBHOOK_URL, the message stays in the outbox table with status `stored`. */
  webhookUrl: string | null;
  fetch: typeof fetch;
  timeoutMs: number;
}

/**
 * Posts one outbox message to the Teams channel's incoming webhook. A non-2xx answer, a network
 * error or no answer within the timeout fails the job, which pg-boss retries with backoff.
 * Idempotent on the outbox row (a `sent` message is not posted again).
 */
export function createSendTeamsJob(deps: SendTeamsJobDeps) {
  return defineJob({
    name: 'send-teams',
    payload: z.object({ outboxId: z.uuid() }),
    retry: TEAMS_RETRY,
    expireInSeconds: 120,
    async handler({ outboxId }, { db, clock, log, retryCount }) {
      const message = await findOutboxMessageById(db, outboxId);
      if (!message || message.channel !== 'teams') {
        log.warn({ outboxId }, 'outbox message not found; nothing to post');
        return;
      }
      if (message.status === 'sent' || message.status === 'stored') return;
      if (!deps.webhookUrl) {
        await markOutboxMessage(db, outboxId, { status: 'stored' });
        log.info({ outboxId }, 'Teams message stored in the outbox (no TEAMS_WEBHOOK_URL)');
        return;
      }
      const failure = await post(deps, teamsCardFor({ title: message.subject, text: message.bodyText }));
      if (failure) {
        await markOutboxMessage(db, outboxId, {
          status: retryCount >= TEAMS_RETRY.retryLimit ? 'failed' : 'queued',
          error: failure,
        });
        throw new Error(failure);
      }
      await markOutboxMessage(db, outboxId, { status: 'sent', sentAt: clock() });
      log.info({ outboxId }, 'Teams message posted');
    },
  });
}

/** undefined on success, else what failed — never the webhook URL, which is a credential. */
async function post(deps: SendTeamsJobDeps, card: unknown): Promise<string | undefined> {
  try {
    const response = await deps.fetch(deps.webhookUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(card),
      signal: AbortSignal.timeout(deps.timeoutMs),
      redirect: 'error',
    });
    await response.body?.cancel();
    return response.ok ? undefined : `Teams webhook answered HTTP ${response.status}`;
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError')
      return `Teams webhook did not answer within ${deps.timeoutMs / 1000} s`;
    return `Teams webhook request failed: ${name ?? 'error'}`;
  }
}
