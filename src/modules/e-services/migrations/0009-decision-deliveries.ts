import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Frozen migration: Kysely<any>, never imports application code.
//
// How each decision letter reaches its applicant: on My pages (e-ID), by the state digital
// mailbox, or by post through a print queue that the post room prints in batches. A letter
// that has no way to its applicant is kept as 'undeliverable' so a caseworker can act.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('print_batches')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('posted_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('posted_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('decision_deliveries')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('decision_id', 'uuid', (c) => c.notNull().references('decisions.id').onDelete('cascade'))
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('case_documents.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) =>
      c.notNull().check(sql`channel in ('my-pages', 'digital-mailbox', 'post', 'undeliverable')`),
    )
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'sent', 'failed')`))
    // The postal address the letter goes to (post only); never kept for a protected identity.
    .addColumn('postal_address', 'jsonb')
    .addColumn('print_batch_id', 'uuid', (c) => c.references('print_batches.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    // Digital mailbox: tries so far and the last failure's code (never personal data).
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addUniqueConstraint('decision_deliveries_document', ['document_id'])
    .execute();
  await db.schema
    .createIndex('decision_deliveries_pending_post_idx')
    .on('decision_deliveries')
    .column('created_at')
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema
    .createIndex('decision_deliveries_batch_idx')
    .on('decision_deliveries')
    .column('print_batch_id')
    .execute();
}
