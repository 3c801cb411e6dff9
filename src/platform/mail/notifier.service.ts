import { z } from 'zod';
import type { Config } from '../config/config.ts';
import type { InTransaction } from '../db/deferred-writes.ts';
import type { Jobs } from '../jobs/jobs.service.ts';
import { createMailTransport, type MailTransport } from './mail-transport.ts';
import { insertOutboxMessage, insertOutboxMessages } from './outbox.repository.ts';
import { createSendEmailJob } from './send-email.job.ts';
import { createSendTeamsJob } from './send-teams.job.ts';

const singleLine = /^[^\r\n]*$/;

export const emailMessageSchema = z.object({
  to: z.email(),
  subject: z.string().min(1).max(200).regex(singleLine),
  text: z.string().min(1).max(100_000),
  attachments: z
    .array(
      z.object({
        filename: z.string().min(1).max(200).regex(singleLine),
        // Parameters allowed, e.g. `text/calendar; method=REQUEST; charset=UTF-8` (Outlook needs the method).
        contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+(?:; ?[\w.+-]+=[\w.+-]+)*$/),
        content: z.instanceof(Uint8Array),
      }),
    )
    .max(10)
    .optional(),
});
export type EmailMessage = z.input<typeof emailMessageSchema>;

export const teamsMessageSchema = z.object({
  title: z.string().min(1).max(200).regex(singleLine),
  text: z.string().min(1).max(20_000),
});
export type TeamsMessage = z.input<typeof teamsMessageSchema>;

/**
 * Notifications, sent after the caller's transaction commits: each call stores an outbox row
 * and enqueues its delivery job in the caller's transaction, so a rolled-back business
 * transaction sends nothing, and a committed one sends even if the process dies right after the
 * commit. Given a DeferredWrites, the row and the job are held until the end of its work (a group
 * commit's receipts: one INSERT each for the group). Nothing here logs a recipient, subject or body.
 */
export interface Notifier {
  sendEmail(to: InTransaction, message: EmailMessage): Promise<{ id: string }>;
  /** Several e-mails with one outbox INSERT and one job INSERT (a batch's notifications); ids in order. */
  sendEmails(to: InTransaction, messages: readonly EmailMessage[]): Promise<{ id: string }[]>;
  /** To the one Teams channel configured in TEAMS_WEBHOOK_URL (staff-facing alerts). */
  sendTeams(to: InTransaction, message: TeamsMessage): Promise<{ id: string }>;
}

export interface NotifierOptions {
  config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM' | 'TEAMS_WEBHOOK_URL' | 'BASE_URL'>;
  jobs: Jobs;
  clock: () => Date;
  /** Defaults: nodemailer from SMTP_URL; global fetch; 10 s for Teams. */
  transport?: MailTransport | null;
  fetch?: typeof fetch;
  teamsTimeoutMs?: number;
}

/** Builds the notifier and registers its delivery jobs (`send-email`, `send-teams`) with `jobs`; call before jobs.start(). */
export function createNotifier(options: NotifierOptions): Notifier {
  const { config, jobs, clock } = options;
  const sendEmailJob = createSendEmailJob({
    transport: options.transport !== undefined ? options.transport : createMailTransport(config.SMTP_URL),
    from: config.MAIL_FROM,
    messageIdDomain: new URL(config.BASE_URL).hostname,
  });
  const sendTeamsJob = createSendTeamsJob({
    webhookUrl: config.TEAMS_WEBHOOK_URL ?? null,
    fetch: options.fetch ?? fetch,
    timeoutMs: options.teamsTimeoutMs ?? 10_000,
  });
  jobs.register(sendEmailJob);
  jobs.register(sendTeamsJob);

  async function sendEmails(to: InTransaction, inputs: readonly EmailMessage[]): Promise<{ id: string }[]> {
    if (inputs.length === 0) return [];
    const createdAt = clock();
    const ids = await insertOutboxMessages(
      to,
      inputs.map((input) => {
        const message = emailMessageSchema.parse(input);
        return {
          channel: 'email' as const,
          recipient: message.to,
          subject: message.subject,
          bodyText: message.text,
          attachments: (message.attachments ?? []).map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            contentBase64: Buffer.from(a.content).toString('base64'),
          })),
          createdAt,
        };
      }),
    );
    await jobs.enqueueMany(
      to,
      sendEmailJob,
      ids.map((outboxId) => ({ outboxId })),
    );
    return ids.map((id) => ({ id }));
  }

  return {
    async sendEmail(to, input) {
      return (await sendEmails(to, [input]))[0]!;
    },

    sendEmails,

    async sendTeams(to, input) {
      const message = teamsMessageSchema.parse(input);
      const id = await insertOutboxMessage(to, {
        channel: 'teams',
        recipient: 'teams',
        subject: message.title,
        bodyText: message.text,
        attachments: [],
        createdAt: clock(),
      });
      await jobs.enqueue(to, sendTeamsJob, { outboxId: id });
      return { id };
    },
  };
}
