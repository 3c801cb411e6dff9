import { AppError } from '../http/errors.ts';
import { luhnCheckDigit } from '../identity/personal-number.ts';

/**
 * The state's digital mailbox service for residents ("Mina meddelanden", Digg's
 * Förmedlingstjänst): secure messages to a person's mailbox at Kivra, Min myndighetspost,
 * e-Boks or Billo, for applicants who are not signed in with e-ID. Adapters: the SOAP adapter
 * for the real service (mina-meddelanden.ts) and an in-memory fake for dev, demos and tests
 * (fake-digital-mailbox.ts); createDigitalMailbox picks one from the configuration.
 */

/** Whether a person can be sent secure messages from this sender, and through which mailbox service. */
export interface Reachability {
  /** A secure mailbox exists, its registration is not pending, and the person accepts this sender. */
  reachable: boolean;
  /** The mailbox operator as the service names it (e.g. "Kivra"), when the person has a mailbox. */
  serviceName?: string;
}

export interface DigitalMailboxMessage {
  /**
   * The message's own id, a UUID: the caller makes it once per message (e.g. from its outbox
   * row) and sends the same one on every retry. Delivery is idempotent on it.
   */
  messageId: string;
  /** The recipient's personnummer or samordningsnummer, stored form (12 digits). */
  recipient: string;
  subject: string;
  /** Plain text. */
  body: string;
  attachment: { filename: string; contentType: 'application/pdf'; content: Uint8Array };
  /** What the recipient should do with questions about this message; the sender's default otherwise. */
  supportText?: string;
}

export interface Delivery {
  /** When the service confirmed delivery to the mailbox (the service answers at once; it sends no time of its own). */
  deliveredAt: Date;
  /** The service's id of the delivery (TransId), for support cases with the mailbox operator. */
  transactionId: string;
}

export interface DigitalMailbox {
  /** For each identity number (12 digits): whether a mailbox that accepts this sender's messages exists, and which service holds it. */
  reachability(personalNumbers: readonly string[]): Promise<Map<string, Reachability>>;
  /**
   * Delivers one secure message with a PDF attachment. Idempotent on `messageId`: a retry with
   * the same id answers the first delivery and does not deliver twice.
   */
  deliver(message: DigitalMailboxMessage): Promise<Delivery>;
}

/**
 * Why a call failed:
 * - `unreachable`: the recipient has no mailbox that accepts this sender (any more) — send by post;
 * - `rejected`: the service or the mailbox operator refused the message (`errorCode` says why);
 * - `transport`: no usable answer (network, timeout, HTTP error, malformed answer, certificate).
 */
export type DigitalMailboxFailure = 'unreachable' | 'rejected' | 'transport';

/**
 * A digital mailbox call failed. `retryable` says whether trying again later can help
 * (timeouts, 5xx, network errors: yes; a rejection, a refused certificate, a malformed answer:
 * no — the caller sends by post or an admin must look). The message never contains an identity
 * number or anything of the message's content.
 */
export class DigitalMailboxError extends AppError {
  readonly failure: DigitalMailboxFailure;
  readonly retryable: boolean;
  /** The service's error code (a SOAP fault code or a delivery status ErrorCode), when it sent one. */
  readonly errorCode: string | null;
  readonly status: number | null;

  constructor(
    failure: DigitalMailboxFailure,
    message: string,
    options: { retryable: boolean; errorCode?: string | null; status?: number | null; cause?: unknown },
  ) {
    super(options.retryable ? 'UNAVAILABLE' : 'INTERNAL', `digital mailbox: ${message}`);
    this.name = 'DigitalMailboxError';
    this.failure = failure;
    this.retryable = options.retryable;
    this.errorCode = options.errorCode ?? null;
    this.status = options.status ?? null;
    if (options.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** True for failures worth retrying later (the service down or slow), false for everything else. */
export function isRetryableDigitalMailboxError(error: unknown): boolean {
  return error instanceof DigitalMailboxError && error.retryable;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STORED_IDENTITY_NUMBER = /^\d{12}$/;

/**
 * Refuses a message no adapter may send (a programming error, so a TypeError, never retried):
 * every adapter calls it first, so the fake refuses exactly what the real adapter refuses.
 */
export function assertSendable(message: DigitalMailboxMessage): void {
  if (!UUID.test(message.messageId)) throw new TypeError('digital mailbox: messageId must be a UUID');
  if (!STORED_IDENTITY_NUMBER.test(message.recipient))
    throw new TypeError('digital mailbox: recipient must be a 12-digit identity number');
  if (message.subject.trim() === '') throw new TypeError('digital mailbox: the subject is empty');
  if (message.attachment.contentType !== 'application/pdf')
    throw new TypeError('digital mailbox: the attachment must be a PDF');
  if (message.attachment.content.byteLength === 0) throw new TypeError('digital mailbox: the attachment is empty');
  if (!/\.pdf$/i.test(message.attachment.filename))
    throw new TypeError('digital mailbox: the attachment’s filename must end in .pdf');
  // The service's support text is at most 1,024 characters (SupportInfo/Text).
  if (message.supportText !== undefined && message.supportText.length > 1024)
    throw new TypeError('digital mailbox: supportText is longer than 1,024 characters');
}

export function assertIdentityNumbers(personalNumbers: readonly string[]): void {
  for (const number of personalNumbers)
    if (!STORED_IDENTITY_NUMBER.test(number))
      throw new TypeError('digital mailbox: identity numbers must be in the 12-digit stored form');
}

/**
 * The sender's organisation number in the service's 12-digit form ("16" + the 10 digits, as
 * in 162120001124), from `212000-1124`, `2120001124` or `162120001124`; null when it is not a
 * valid organisation number (wrong length or check digit).
 */
export function normalizeOrganisationNumber(input: string): string | null {
  const digits = input.trim().replace(/-/g, '');
  const ten = /^16\d{10}$/.test(digits) ? digits.slice(2) : digits;
  if (!/^\d{10}$/.test(ten)) return null;
  // Organisation numbers carry the same Luhn check digit as personal numbers; the third digit is ≥ 2.
  if (Number(ten[2]) < 2 || luhnCheckDigit(ten.slice(0, 9)) !== Number(ten[9])) return null;
  return `16${ten}`;
}
