import { recordAudit, recordAudits } from '../../../platform/audit/audit.service.ts';
import { addWorkingDays } from '../../../platform/calendar/swedish-calendar.ts';
import type { Db, Trx } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { startOfStockholmDay, stockholmDate } from '../calendar.ts';
import { recordDecisionsReceived } from '../case.repository.ts';
import type { DeliveryChannel, PostalAddress } from '../e-services.table.ts';
import {
  fallBackFromDigital,
  letterContent,
  listPendingDigital,
  markDeliveredDigitally,
  reachOfCases,
  recordDigitalAttempt,
  findPrintBatch,
  insertDeliveries,
  insertPrintBatch,
  listPrintBatches,
  listUndeliverable,
  lockPrintBatch,
  lettersOfPrintBatch,
  markPrintBatchPosted,
  decisionsOfPrintBatch,
  takePendingPost,
  countPendingPost,
  type DigitalDelivery,
  type PrintBatchSummary,
  type UndeliverableLetter,
} from './delivery.repository.ts';
import { printBatchPdf } from './print-batch-pdf.ts';
import {
  DigitalMailboxError,
  isRetryableDigitalMailboxError,
  type DigitalMailbox,
} from '../../../platform/digital-mailbox/digital-mailbox.ts';
import './delivery.audit.ts';

export type { PostalAddress };

/**
 * A posted letter is presumed to have reached its applicant this many working days after it was
 * posted (PostNord must deliver 95 % of letters within two working days, postförordningen).
 * The appeal time runs from that day.
 */
export const POSTAL_PRESUMPTION_WORKING_DAYS = 2;

/**
 * A letter through Skatteverket's forwarding travels twice (to Skatteverket, then on to the
 * person) and is presumed received after twice the working days: the appeal time must not be
 * shortened by a route the applicant did not choose. Our assumption; Skatteverket publishes no
 * time, and a later receipt the applicant shows still counts.
 */
export const FORWARDED_PRESUMPTION_WORKING_DAYS = 2 * POSTAL_PRESUMPTION_WORKING_DAYS;

/** Where a letter to a case's applicant goes: the lines it prints (none for a protected identity). */
export interface LetterAddress {
  postalAddress: Omit<PostalAddress, 'name'> | null;
  protectedIdentity: boolean;
}

/** A decision letter just attached to its case, and where it can go. */
export interface LetterToDeliver {
  caseId: string;
  decisionId: string;
  documentId: string;
  /** The postal address the letter prints, or null (none known, or a protected identity). */
  postalAddress: PostalAddress | null;
  /** The letter is to a protected identity (whatever the case says): never posted to an address. */
  protectedIdentity?: boolean;
  now: Date;
}

/**
 * Chooses how each decision letter reaches its applicant, in the transaction that attached it:
 * an applicant with e-ID reads it on My pages (already told by e-mail, received when read); one
 * whose identity a caseworker verified goes to the state digital mailbox (Mina meddelanden) if
 * they have one, else by post; one with an unverified identity goes by post through the print
 * queue (a mailbox is never looked up for a number nobody verified: the letter could reach a
 * stranger). A protected identity's letter is never posted to an address: it goes through
 * Skatteverket's forwarding (särskild postförmedling) by personal identity number, which reaches
 * the person the number belongs to and nobody else. One with no way at all is undeliverable and
 * listed for a caseworker, who must find another. A letter planned before is left alone.
 */
export async function planDeliveries(trx: Trx, letters: readonly LetterToDeliver[]): Promise<void> {
  if (letters.length === 0) return;
  const reach = await reachOfCases(trx, [...new Set(letters.map((l) => l.caseId))]);
  await insertDeliveries(
    trx,
    letters.map((letter) => {
      const reached = reach.get(letter.caseId);
      const onMyPages = reached?.onMyPages ?? false;
      const verifiedNumber = reached?.verifiedNumber ?? null;
      const isProtected = letter.protectedIdentity === true || reached?.isProtected === true;
      const postalAddress = isProtected ? null : letter.postalAddress;
      const channel: DeliveryChannel = onMyPages
        ? 'my-pages'
        : verifiedNumber
          ? 'digital-mailbox'
          : postalAddress
            ? 'post'
            : isProtected && reached?.personalNumber
              ? 'post-via-skatteverket'
              : 'undeliverable';
      return {
        caseId: letter.caseId,
        decisionId: letter.decisionId,
        documentId: letter.documentId,
        channel,
        status: channel === 'my-pages' ? 'sent' : channel === 'undeliverable' ? 'failed' : 'pending',
        // Kept for the digital mailbox too: the way by post if the mailbox cannot take it.
        postalAddress: channel === 'post' || channel === 'digital-mailbox' ? postalAddress : null,
        sentAt: channel === 'my-pages' ? letter.now : null,
        now: letter.now,
      };
    }),
  );
}

export interface PrintQueue {
  /** Letters waiting for the next print batch. */
  pending: number;
  /** Letters with no way to their applicant: a caseworker must act. */
  undeliverable: UndeliverableLetter[];
  /** The latest batches, newest first. */
  batches: PrintBatchSummary[];
}

export async function getPrintQueue(db: Db): Promise<PrintQueue> {
  const [pending, undeliverable, batches] = await Promise.all([
    countPendingPost(db),
    listUndeliverable(db),
    listPrintBatches(db, 20),
  ]);
  return { pending, undeliverable, batches };
}

/**
 * Takes every letter waiting for post into a new print batch. Two clicks at once make one batch:
 * the second finds nothing left and gets null.
 */
export async function createPrintBatch(
  db: Db,
  input: { userId: string; now: Date; requestId?: string | null },
): Promise<{ batchId: string; letters: number } | null> {
  return db.transaction().execute(async (trx) => {
    const pending = await takePendingPost(trx);
    if (pending.length === 0) return null;
    const batchId = await insertPrintBatch(trx, { createdBy: input.userId, now: input.now, deliveryIds: pending });
    await recordAudit(trx, {
      type: 'print-batch.created',
      actor: { kind: 'user', id: input.userId },
      occurredAt: input.now,
      subject: { type: 'print_batch', id: batchId },
      newValue: { letters: pending.length },
      requestId: input.requestId ?? null,
    });
    return { batchId, letters: pending.length };
  });
}

/** The batch as one PDF for the printer: a cover sheet for the post room, then every letter. */
export async function getPrintBatchPdf(db: Db, batchId: string): Promise<{ filename: string; content: Uint8Array }> {
  const batch = await findPrintBatch(db, batchId);
  if (!batch) throw new AppError('NOT_FOUND');
  const letters = await lettersOfPrintBatch(db, batchId);
  const content = await printBatchPdf({ batch, letters });
  return { filename: `utskrift-${stockholmDate(batch.createdAt)}-${batchId.slice(0, 8)}.pdf`, content };
}

/**
 * The post room has posted the batch: its letters are sent, and each decision is presumed
 * received two working days later (four through Skatteverket's forwarding), the day its appeal
 * time starts from (unless the applicant had received it before). Posting twice changes nothing.
 * The day returned is the one for letters posted to an address.
 */
export async function markPrintBatchAsPosted(
  db: Db,
  input: { batchId: string; userId: string; now: Date; requestId?: string | null },
): Promise<{ presumedReceivedOn: string }> {
  return db.transaction().execute(async (trx) => {
    const batch = await lockPrintBatch(trx, input.batchId);
    if (!batch) throw new AppError('NOT_FOUND');
    const postedOn = stockholmDate(batch.postedAt ?? input.now);
    const presumedReceivedOn = addWorkingDays(postedOn, POSTAL_PRESUMPTION_WORKING_DAYS);
    if (batch.postedAt) return { presumedReceivedOn };
    await markPrintBatchPosted(trx, { batchId: input.batchId, postedBy: input.userId, now: input.now });
    const decisions = await decisionsOfPrintBatch(trx, input.batchId);
    for (const forwarded of [false, true]) {
      const decisionIds = decisions.filter((d) => d.forwarded === forwarded).map((d) => d.decisionId);
      if (decisionIds.length === 0) continue;
      const days = forwarded ? FORWARDED_PRESUMPTION_WORKING_DAYS : POSTAL_PRESUMPTION_WORKING_DAYS;
      await recordDecisionsReceived(trx, {
        decisionIds,
        via: 'post',
        at: startOfStockholmDay(addWorkingDays(postedOn, days)),
        actor: { kind: 'system', component: 'print-queue' },
        now: input.now,
      });
    }
    await recordAudits(trx, [
      {
        type: 'print-batch.posted',
        actor: { kind: 'user', id: input.userId },
        occurredAt: input.now,
        subject: { type: 'print_batch', id: input.batchId },
        newValue: { letters: batch.letters, presumedReceivedOn },
        requestId: input.requestId ?? null,
      },
    ]);
    return { presumedReceivedOn };
  });
}

/** A failed try at the digital mailbox is retried on later runs this many times, then the letter goes by post. */
export const DIGITAL_MAILBOX_ATTEMPTS = 5;

/**
 * Sends the letters waiting for the digital mailbox (a scheduled job runs this every minute):
 * asks once which recipients can be reached, delivers each letter with its delivery id as the
 * message id (a retry never delivers twice), and marks the decision received when delivered.
 * Without a mailbox (none configured), unreachable, or refused: the letter goes by post, or to
 * a caseworker when it has no address. A failure that may pass is retried on the next run.
 */
export async function deliverToDigitalMailbox(
  deps: { db: Db; mailbox: DigitalMailbox | null; clock: () => Date },
  options: { batchSize?: number } = {},
): Promise<{ delivered: number; fellBack: number; retrying: number }> {
  const { db, mailbox } = deps;
  const pending = await listPendingDigital(db, options.batchSize ?? 50);
  const result = { delivered: 0, fellBack: 0, retrying: 0 };
  if (pending.length === 0) return result;
  const fallBack = async (id: string, code: string) => {
    await fallBackFromDigital(db, id, code);
    result.fellBack += 1;
  };
  let reachable = new Map<string, { reachable: boolean }>();
  if (mailbox) {
    try {
      reachable = await mailbox.reachability([...new Set(pending.flatMap((d) => d.personalNumber ?? []))]);
    } catch (error) {
      if (!isRetryableDigitalMailboxError(error)) throw error;
      for (const delivery of pending) await retryOrFallBack(delivery, 'transport');
      return result;
    }
  }
  async function retryOrFallBack(delivery: DigitalDelivery, code: string) {
    if (delivery.attempts + 1 >= DIGITAL_MAILBOX_ATTEMPTS) return fallBack(delivery.id, code);
    await recordDigitalAttempt(db, delivery.id, code);
    result.retrying += 1;
  }
  for (const delivery of pending) {
    if (!mailbox) {
      await fallBack(delivery.id, 'no-mailbox-service');
      continue;
    }
    if (!delivery.personalNumber || !reachable.get(delivery.personalNumber)?.reachable) {
      await fallBack(delivery.id, 'unreachable');
      continue;
    }
    try {
      const content = await letterContent(db, delivery.documentId);
      const sent = await mailbox.deliver({
        messageId: delivery.id,
        recipient: delivery.personalNumber,
        subject: `Beslut i ärende ${delivery.caseNumber ?? ''}`.trim(),
        body: 'Du har fått ett beslut från kommunen. Beslutet finns i den bifogade filen. Läs hur du kan överklaga i beslutet.',
        attachment: {
          filename: `beslut-${delivery.caseNumber ?? delivery.caseId}.pdf`,
          contentType: 'application/pdf',
          content,
        },
      });
      await db.transaction().execute(async (trx) => {
        await markDeliveredDigitally(trx, { deliveryId: delivery.id, deliveredAt: sent.deliveredAt });
        await recordDecisionsReceived(trx, {
          decisionIds: [delivery.decisionId],
          via: 'digital-mailbox',
          at: sent.deliveredAt,
          actor: { kind: 'system', component: 'digital-mailbox' },
          now: sent.deliveredAt,
        });
      });
      result.delivered += 1;
    } catch (error) {
      if (!(error instanceof DigitalMailboxError)) throw error;
      const code = error.errorCode ?? error.failure;
      if (error.retryable) await retryOrFallBack(delivery, code);
      else await fallBack(delivery.id, code);
    }
  }
  return result;
}
