import { z } from 'zod';
import { defineJob, type RetryPolicy } from '../jobs/job-definition.ts';
import type { MailTransport } from './mail-transport.ts';
import type { JobLog } from '../jobs/job-definition.ts';
import {
  findOutboxMessageById,
  findOutboxMessagesByIds,
  markOutboxMessage,
  markOutboxMessages,
  type OutboxMessage,
} from './outbox.repository.ts';

/** Five retries with backoff cover an SMTP relay that is down for several minutes. */
const EMAIL_RETRY: RetryPolicy = { retryLimit: 5, retryDelay: 30, retryBackoff: true };

export interface SendEmailJobDeps {
  /** null: no SMTP_URL, the message stays in the outbox table with status `stored`. */
  transport: MailTransport | null;
  from: string;
  /** Right-hand side of the Message-ID, e.g. the service's host name. */
  messageIdDomain: string;
}

/**
 * Delivers outbox messages by e-mail: one per job, or a fetched batch at once (one read of the
 * rows, one update marking those sent). Idempotent on the outbox row: a message already `sent`
 * or `stored` is left alone. The one duplicate it cannot rule out — SMTP accepted the message but
 * the worker died before marking the row — carries the same Message-ID (derived from the row id),
 * so receiving systems can drop it.
 */
export function createSendEmailJob(deps: SendEmailJobDeps) {
  /** Sends one message; the SMTP failure (without what the server echoed) when it was not accepted. */
  async function deliver(message: OutboxMessage): Promise<string | null> {
    try {
      await deps.transport!.sendMail({
        from: deps.from,
        to: message.recipient,
        subject: message.subject,
        text: message.bodyText,
        messageId: `<${message.id}@${deps.messageIdDomain}>`,
        attachments: message.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: Buffer.from(a.contentBase64, 'base64'),
        })),
      });
      return null;
    } catch (error) {
      return smtpFailure(error);
    }
  }

  /** The message if this job should send it: an e-mail still queued. */
  function pending(message: OutboxMessage | undefined, outboxId: string, log: JobLog): message is OutboxMessage {
    if (!message || message.channel !== 'email') {
      log.warn({ outboxId }, 'outbox message not found; nothing to send');
      return false;
    }
    return message.status !== 'sent' && message.status !== 'stored';
  }

  return defineJob({
    name: 'send-email',
    payload: z.object({ outboxId: z.uuid() }),
    retry: EMAIL_RETRY,
    expireInSeconds: 120,
    // Receipts and decisions come in bursts: a batch costs two statements however many it holds.
    worker: { batchSize: 16, concurrency: 16, batchWindowMs: 200 },
    async handler({ outboxId }, { db, clock, log, retryCount }) {
      const message = await findOutboxMessageById(db, outboxId);
      if (!pending(message, outboxId, log)) return;
      if (!deps.transport) {
        await markOutboxMessage(db, outboxId, { status: 'stored' });
        log.info({ outboxId }, 'e-mail stored in the outbox (no SMTP_URL)');
        return;
      }
      const failure = await deliver(message);
      if (failure) {
        const final = retryCount >= EMAIL_RETRY.retryLimit;
        await markOutboxMessage(db, outboxId, { status: final ? 'failed' : 'queued', error: failure });
        throw new Error(failure);
      }
      await markOutboxMessage(db, outboxId, { status: 'sent', sentAt: clock() });
      log.info({ outboxId }, 'e-mail sent');
    },
    async handleBatch(jobs, { db, clock, log }) {
      const messages = new Map(
        (await findOutboxMessagesByIds(db, [...new Set(jobs.map((job) => job.payload.outboxId))])).map((m) => [
          m.id,
          m,
        ]),
      );
      const toSend = new Map<string, OutboxMessage>();
      for (const { payload } of jobs) {
        const message = messages.get(payload.outboxId);
        if (pending(message, payload.outboxId, log)) toSend.set(message.id, message);
      }
      const failures = new Map<string, Error>();
      if (toSend.size === 0) return failures;
      if (!deps.transport) {
        await markOutboxMessages(db, [...toSend.keys()], { status: 'stored' });
        log.info({ count: toSend.size }, 'e-mails stored in the outbox (no SMTP_URL)');
        return failures;
      }
      const outcomes = await Promise.all(
        [...toSend.values()].map(async (message) => ({ id: message.id, failure: await deliver(message) })),
      );
      const sent = outcomes.filter((o) => !o.failure).map((o) => o.id);
      if (sent.length > 0) await markOutboxMessages(db, sent, { status: 'sent', sentAt: clock() });
      for (const { id, failure } of outcomes) {
        if (!failure) continue;
        // A first attempt (batches hold only those): the job is retried alone, with its backoff.
        await markOutboxMessage(db, id, { status: 'queued', error: failure });
        for (const job of jobs) if (job.payload.outboxId === id) failures.set(job.id, new Error(failure));
      }
      log.info({ sent: sent.length, failed: outcomes.length - sent.length }, 'e-mails sent');
      return failures;
    },
  });
}

/**
 * What went wrong, without what SMTP servers echo back: their response text routinely quotes
 * the recipient address, and this text is stored with the job and shown to administrators.
 */
export function smtpFailure(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown; command?: unknown };
  const parts = ['SMTP delivery failed:', typeof e?.code === 'string' ? e.code : 'error'];
  if (typeof e?.responseCode === 'number') parts.push(String(e.responseCode));
  // Only the verb ("RCPT TO"), never its argument (the address).
  const verb = typeof e?.command === 'string' ? /^[A-Za-z]+(?: [A-Za-z]+)?/.exec(e.command)?.[0] : undefined;
  if (verb) parts.push(`at ${verb}`);
  return parts.join(' ');
}
