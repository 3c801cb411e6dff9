import { z } from 'zod';
import { defineJob, type RetryPolicy } from '../jobs/job-definition.ts';
import type { MailTransport } from './mail-transport.ts';
import { findOutboxMessageById, markOutboxMessage } from './outbox.repository.ts';

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
 * Delivers one outbox message by e-mail. Idempotent on the outbox row: a message already `sent`
 * or `stored` is left alone. The one duplicate it cannot rule out — SMTP accepted the message but
 * the worker died before marking the row — carries the same Message-ID (derived from the row id),
 * so receiving systems can drop it.
 */
export function createSendEmailJob(deps: SendEmailJobDeps) {
  return defineJob({
    name: 'send-email',
    payload: z.object({ outboxId: z.uuid() }),
    retry: EMAIL_RETRY,
    expireInSeconds: 120,
    async handler({ outboxId }, { db, clock, log, retryCount }) {
      const message = await findOutboxMessageById(db, outboxId);
      if (!message || message.channel !== 'email') {
        log.warn({ outboxId }, 'outbox message not found; nothing to send');
        return;
      }
      if (message.status === 'sent' || message.status === 'stored') return;
      if (!deps.transport) {
        await markOutboxMessage(db, outboxId, { status: 'stored' });
        log.info({ outboxId }, 'e-mail stored in the outbox (no SMTP_URL)');
        return;
      }
      try {
        await deps.transport.sendMail({
          from: deps.from,
          to: message.recipient,
          subject: message.subject,
          text: message.bodyText,
          messageId: `<${outboxId}@${deps.messageIdDomain}>`,
          attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.contentBase64, 'base64') })),
        });
      } catch (error) {
        const failure = smtpFailure(error);
        const final = retryCount >= EMAIL_RETRY.retryLimit;
        await markOutboxMessage(db, outboxId, { status: final ? 'failed' : 'queued', error: failure });
        // Deliberately no `cause`: the SMTP error quotes the recipient and must not travel with the job.
        // eslint-disable-next-line preserve-caught-error
        throw new Error(failure);
      }
      await markOutboxMessage(db, outboxId, { status: 'sent', sentAt: clock() });
      log.info({ outboxId }, 'e-mail sent');
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
