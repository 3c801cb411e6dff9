import { sql } from 'kysely';
import type { Db, Trx } from '../../../platform/db/database.ts';
import { eDb, type DeliveryChannel, type DeliveryStatus, type PostalAddress } from '../e-services.table.ts';

/** Queries of decision deliveries and print batches (`db` or `trx` first). */

export interface NewDelivery {
  caseId: string;
  decisionId: string;
  documentId: string;
  channel: DeliveryChannel;
  status: DeliveryStatus;
  postalAddress: PostalAddress | null;
  sentAt: Date | null;
  now: Date;
}

/** One INSERT; a letter that has its delivery already keeps it. */
export async function insertDeliveries(trx: Trx, deliveries: readonly NewDelivery[]): Promise<void> {
  if (deliveries.length === 0) return;
  await eDb(trx)
    .insertInto('decision_deliveries')
    .values(
      deliveries.map((d) => ({
        case_id: d.caseId,
        decision_id: d.decisionId,
        document_id: d.documentId,
        channel: d.channel,
        status: d.status,
        postal_address: d.postalAddress ? JSON.stringify(d.postalAddress) : null,
        sent_at: d.sentAt,
        created_at: d.now,
      })),
    )
    .onConflict((oc) => oc.column('document_id').doNothing())
    .execute();
}

/**
 * How each case's applicant can be reached: signed in with e-ID (My pages), a verified identity
 * number, whether the case is a protected identity, and the number it gives (Skatteverket
 * forwards post by it).
 */
export async function reachOfCases(
  trx: Trx,
  caseIds: readonly string[],
): Promise<
  Map<
    string,
    { onMyPages: boolean; verifiedNumber: string | null; isProtected: boolean; personalNumber: string | null }
  >
> {
  if (caseIds.length === 0) return new Map();
  const rows = await eDb(trx)
    .selectFrom('cases')
    .select(['id', 'applicant_user_id', 'identity_verified', 'applicant_personal_number', 'protected_identity'])
    .where('id', 'in', caseIds)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        onMyPages: r.applicant_user_id !== null,
        verifiedNumber: r.identity_verified ? r.applicant_personal_number : null,
        isProtected: r.protected_identity,
        personalNumber: r.applicant_personal_number,
      },
    ]),
  );
}

export interface DigitalDelivery {
  id: string;
  caseId: string;
  caseNumber: string | null;
  decisionId: string;
  documentId: string;
  personalNumber: string | null;
  postalAddress: PostalAddress | null;
  attempts: number;
}

/** Letters waiting for the digital mailbox, oldest first. */
export async function listPendingDigital(db: Db, limit: number): Promise<DigitalDelivery[]> {
  const rows = await eDb(db)
    .selectFrom('decision_deliveries as d')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .select([
      'd.id',
      'd.case_id',
      'c.case_number',
      'd.decision_id',
      'd.document_id',
      'c.applicant_personal_number',
      'd.postal_address',
      'd.attempts',
    ])
    .where('d.channel', '=', 'digital-mailbox')
    .where('d.status', '=', 'pending')
    .orderBy('d.created_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    decisionId: r.decision_id,
    documentId: r.document_id,
    personalNumber: r.applicant_personal_number,
    postalAddress: r.postal_address,
    attempts: r.attempts,
  }));
}

/** The letter's PDF (the delivery's document). */
export async function letterContent(db: Db, deliveryDocumentId: string): Promise<Uint8Array> {
  const row = await eDb(db)
    .selectFrom('case_documents')
    .select('content')
    .where('id', '=', deliveryDocumentId)
    .executeTakeFirstOrThrow();
  return row.content;
}

/** Delivered to the mailbox: the letter is sent. */
export async function markDeliveredDigitally(
  trx: Trx,
  input: { deliveryId: string; deliveredAt: Date },
): Promise<void> {
  await eDb(trx)
    .updateTable('decision_deliveries')
    .set({ status: 'sent', sent_at: input.deliveredAt })
    .where('id', '=', input.deliveryId)
    .execute();
}

/** A try that failed and may succeed later: counted, with the failure's code. */
export async function recordDigitalAttempt(db: Db, deliveryId: string, error: string): Promise<void> {
  await eDb(db)
    .updateTable('decision_deliveries')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error }))
    .where('id', '=', deliveryId)
    .execute();
}

/**
 * The mailbox cannot take it: the letter goes by post when it has an address, through
 * Skatteverket's forwarding for a protected identity, else to a caseworker.
 */
export async function fallBackFromDigital(db: Db, deliveryId: string, error: string): Promise<void> {
  const forwardable = sql<boolean>`exists (select 1 from cases c where c.id = decision_deliveries.case_id
    and c.protected_identity and c.applicant_personal_number is not null)`;
  await eDb(db)
    .updateTable('decision_deliveries')
    .set({
      channel: sql<DeliveryChannel>`case when postal_address is not null then 'post'
        when ${forwardable} then 'post-via-skatteverket' else 'undeliverable' end`,
      status: sql<DeliveryStatus>`case when postal_address is not null or ${forwardable} then 'pending' else 'failed' end`,
      last_error: error,
    })
    .where('id', '=', deliveryId)
    .where('status', '=', 'pending')
    .execute();
}

/** The channels the print queue prints. */
export const POSTED_CHANNELS = ['post', 'post-via-skatteverket'] as const satisfies readonly DeliveryChannel[];

export async function countPendingPost(db: Db): Promise<number> {
  const row = await eDb(db)
    .selectFrom('decision_deliveries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('channel', 'in', POSTED_CHANNELS)
    .where('status', '=', 'pending')
    .where('print_batch_id', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface UndeliverableLetter {
  caseId: string;
  caseNumber: string | null;
  createdAt: Date;
}

export async function listUndeliverable(db: Db): Promise<UndeliverableLetter[]> {
  const rows = await eDb(db)
    .selectFrom('decision_deliveries as d')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .select(['d.case_id', 'c.case_number', 'd.created_at'])
    .where('d.channel', '=', 'undeliverable')
    .orderBy('d.created_at')
    .limit(200)
    .execute();
  return rows.map((r) => ({ caseId: r.case_id, caseNumber: r.case_number, createdAt: new Date(r.created_at) }));
}

/** Locks the letters waiting for post (oldest first); another transaction taking them skips these. */
export async function takePendingPost(trx: Trx): Promise<string[]> {
  const rows = await eDb(trx)
    .selectFrom('decision_deliveries')
    .select('id')
    .where('channel', 'in', POSTED_CHANNELS)
    .where('status', '=', 'pending')
    .where('print_batch_id', 'is', null)
    .orderBy('created_at')
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((r) => r.id);
}

export async function insertPrintBatch(
  trx: Trx,
  input: { createdBy: string; now: Date; deliveryIds: readonly string[] },
): Promise<string> {
  const batch = await eDb(trx)
    .insertInto('print_batches')
    .values({ created_by: input.createdBy, created_at: input.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await eDb(trx)
    .updateTable('decision_deliveries')
    .set({ print_batch_id: batch.id })
    .where('id', 'in', input.deliveryIds)
    .execute();
  return batch.id;
}

export interface PrintBatchSummary {
  id: string;
  createdAt: Date;
  createdByName: string;
  postedAt: Date | null;
  letters: number;
}

function batchQuery(db: Db | Trx) {
  return eDb(db)
    .selectFrom('print_batches as b')
    .innerJoin('users as u', 'u.id', 'b.created_by')
    .select((eb) => [
      'b.id',
      'b.created_at',
      'b.posted_at',
      'u.display_name',
      eb
        .selectFrom('decision_deliveries as d')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('d.print_batch_id', '=', 'b.id')
        .as('letters'),
    ]);
}

function toSummary(r: {
  id: string;
  created_at: Date;
  posted_at: Date | null;
  display_name: string;
  letters: number | null;
}): PrintBatchSummary {
  return {
    id: r.id,
    createdAt: new Date(r.created_at),
    createdByName: r.display_name,
    postedAt: r.posted_at && new Date(r.posted_at),
    letters: Number(r.letters ?? 0),
  };
}

export async function listPrintBatches(db: Db, limit: number): Promise<PrintBatchSummary[]> {
  const rows = await batchQuery(db).orderBy('b.created_at', 'desc').limit(limit).execute();
  return rows.map(toSummary);
}

export async function findPrintBatch(db: Db | Trx, batchId: string): Promise<PrintBatchSummary | undefined> {
  const row = await batchQuery(db).where('b.id', '=', batchId).executeTakeFirst();
  return row && toSummary(row);
}

export async function lockPrintBatch(trx: Trx, batchId: string): Promise<PrintBatchSummary | undefined> {
  await eDb(trx).selectFrom('print_batches').select('id').where('id', '=', batchId).forUpdate().execute();
  return findPrintBatch(trx, batchId);
}

/** How a letter in a print batch is posted. */
export type PostalRoute =
  | { kind: 'address'; postalAddress: PostalAddress }
  /** Through Skatteverket's forwarding: an inner envelope with the personal identity number. */
  | { kind: 'skatteverket'; personalNumber: string };

export interface LetterInBatch {
  caseNumber: string | null;
  route: PostalRoute;
  content: Uint8Array;
}

/**
 * The batch's letters with their PDFs, in post-room order: by postal code, then case number;
 * the letters for Skatteverket's forwarding last, together (they share one outer envelope).
 */
export async function lettersOfPrintBatch(db: Db, batchId: string): Promise<LetterInBatch[]> {
  const rows = await eDb(db)
    .selectFrom('decision_deliveries as d')
    .innerJoin('case_documents as doc', 'doc.id', 'd.document_id')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .select(['c.case_number', 'd.channel', 'd.postal_address', 'c.applicant_personal_number', 'doc.content'])
    .where('d.print_batch_id', '=', batchId)
    .orderBy(sql`d.channel = 'post-via-skatteverket'`)
    .orderBy(sql`d.postal_address->>'postalCode'`)
    .orderBy('c.case_number')
    .execute();
  return rows.map((r) => ({
    caseNumber: r.case_number,
    route:
      r.channel === 'post-via-skatteverket'
        ? { kind: 'skatteverket' as const, personalNumber: r.applicant_personal_number! }
        : { kind: 'address' as const, postalAddress: r.postal_address! },
    content: r.content,
  }));
}

export async function markPrintBatchPosted(
  trx: Trx,
  input: { batchId: string; postedBy: string; now: Date },
): Promise<void> {
  await eDb(trx)
    .updateTable('print_batches')
    .set({ posted_by: input.postedBy, posted_at: input.now })
    .where('id', '=', input.batchId)
    .execute();
  await eDb(trx)
    .updateTable('decision_deliveries')
    .set({ status: 'sent', sent_at: input.now })
    .where('print_batch_id', '=', input.batchId)
    .execute();
}

/** The decisions whose letters are in the batch, and whether each went through Skatteverket's forwarding. */
export async function decisionsOfPrintBatch(
  trx: Trx,
  batchId: string,
): Promise<{ decisionId: string; forwarded: boolean }[]> {
  const rows = await eDb(trx)
    .selectFrom('decision_deliveries')
    .select(['decision_id', 'channel'])
    .where('print_batch_id', '=', batchId)
    .execute();
  return rows.map((r) => ({ decisionId: r.decision_id, forwarded: r.channel === 'post-via-skatteverket' }));
}
