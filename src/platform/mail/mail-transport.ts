import { createRequire } from 'node:module';
import type Nodemailer from 'nodemailer';

/** What the send-email job needs from nodemailer (tests may pass their own). */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    messageId: string;
    attachments: { filename: string; contentType: string; content: Buffer }[];
  }): Promise<unknown>;
  close?(): void;
}

/**
 * An SMTP transport from SMTP_URL, or null when mail should stay in the outbox table.
 * Timeouts default to 10 s to connect/greet and 30 s idle, so a dead relay fails the job (which
 * is retried) instead of holding a worker for minutes; the URL's query can override them
 * (`?connectionTimeout=…&greetingTimeout=…&socketTimeout=…`, milliseconds).
 */
export function createMailTransport(smtpUrl: string | undefined): MailTransport | null {
  if (!smtpUrl) return null;
  const url = new URL(smtpUrl);
  const defaults = { connectionTimeout: '10000', greetingTimeout: '10000', socketTimeout: '30000' };
  for (const [key, value] of Object.entries(defaults)) if (!url.searchParams.has(key)) url.searchParams.set(key, value);
  // Required here, not at start: without SMTP_URL (the demo, tests) nodemailer is never loaded.
  const nodemailer = createRequire(import.meta.url)('nodemailer') as typeof Nodemailer;
  return nodemailer.createTransport(url.toString());
}
