import { randomUUID } from 'node:crypto';
import type { Insertable, Selectable } from 'kysely';
import type { Db, Trx } from '../db/database.ts';
import { isDeferred, type InTransaction } from '../db/deferred-writes.ts';
import type { OutboxMessagesTable } from '../db/types.ts';

export type OutboxChannel = 'email' | 'teams';
export type OutboxStatus = 'queued' | 'sent' | 'stored' | 'failed';

/** An attachment as stored: base64 in jsonb, so a message is one row. Keep attachments small (letters, invites). */
export interface StoredAttachment {
  filename: string;
  contentType: string;
  contentBase64: string;
}

export interface OutboxMessage {
  id: string;
  channel: OutboxChannel;
  /** An e-mail address, or `teams` for the configured channel (the webhook URL is a secret). */
  recipient: string;
  subject: string;
  bodyText: string;
  attachments: StoredAttachment[];
  status: OutboxStatus;
  error: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

function outboxRowToMessage(row: Selectable<OutboxMessagesTable>): OutboxMessage {
  return {
    id: row.id,
    channel: row.channel,
    recipient: row.recipient,
    subject: row.subject,
    bodyText: row.body_text,
    attachments: (row.attachments ?? []) as StoredAttachment[],
    status: row.status,
    error: row.error,
    createdAt: new Date(row.created_at),
    sentAt: row.sent_at ? new Date(row.sent_at) : null,
  };
}

type NewOutboxMessage = {
  channel: OutboxChannel;
  recipient: string;
  subject: string;
  bodyText: string;
  attachments: StoredAttachment[];
  createdAt: Date;
};

export async function insertOutboxMessage(to: InTransaction, message: NewOutboxMessage): Promise<string> {
  return (await insertOutboxMessages(to, [message]))[0]!;
}

/**
 * Inserts messages with one statement; their ids in the order given, at once. Given a
 * DeferredWrites, the rows are held and inserted with every outbox row held there when its work
 * ends (same transaction, one statement).
 */
export async function insertOutboxMessages(
  to: InTransaction,
  messages: readonly NewOutboxMessage[],
): Promise<string[]> {
  if (messages.length === 0) return [];
  // Ids made here, so the order of the result does not rest on RETURNING's order, and a held
  // insert has them before it is written.
  const rows = messages.map((message) => ({
    id: randomUUID(),
    channel: message.channel,
    recipient: message.recipient,
    subject: message.subject,
    body_text: message.bodyText,
    attachments: JSON.stringify(message.attachments),
    status: 'queued' as const,
    created_at: message.createdAt,
  }));
  // Given a DeferredWrites: held, and written with every outbox row held there when its work ends.
  if (isDeferred(to)) to.hold(writeOutboxRows, rows);
  else await writeOutboxRows(to, rows);
  return rows.map((row) => row.id);
}

type OutboxInsert = Insertable<OutboxMessagesTable> & { id: string };

async function writeOutboxRows(trx: Trx, rows: OutboxInsert[]): Promise<void> {
  await trx.insertInto('outbox_messages').values(rows).execute();
}

export async function findOutboxMessageById(db: Db, id: string): Promise<OutboxMessage | undefined> {
  const row = await db.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirst();
  return row && outboxRowToMessage(row);
}

export async function findOutboxMessagesByIds(db: Db, ids: readonly string[]): Promise<OutboxMessage[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('outbox_messages').selectAll().where('id', 'in', ids).execute();
  return rows.map(outboxRowToMessage);
}

/** Marks several messages alike (a delivered batch) with one statement. */
export async function markOutboxMessages(
  db: Db,
  ids: readonly string[],
  change: { status: OutboxStatus; sentAt?: Date | null },
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox_messages')
    .set({ status: change.status, sent_at: change.sentAt ?? null, error: null })
    .where('id', 'in', ids)
    .execute();
}

export async function markOutboxMessage(
  db: Db,
  id: string,
  change: { status: OutboxStatus; sentAt?: Date | null; error?: string | null },
): Promise<void> {
  await db
    .updateTable('outbox_messages')
    .set({ status: change.status, sent_at: change.sentAt ?? null, error: change.error ?? null })
    .where('id', '=', id)
    .execute();
}

/** Newest first, one page, and how many there are in all. */
export async function listOutboxMessages(
  db: Db,
  page: { limit: number; offset: number },
): Promise<{ messages: OutboxMessage[]; total: number }> {
  const rows = await db
    .selectFrom('outbox_messages')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const count = await db
    .selectFrom('outbox_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { messages: rows.map(outboxRowToMessage), total: Number(count.n) };
}
