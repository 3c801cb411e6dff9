import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Frozen migration: Kysely<any>, never imports application code.
//
// An appeal becomes a record of its own, so the municipality's three actions on it
// (förvaltningslagen 38–39, 45 and 46 §§) have somewhere to land: it lapses when the decision is
// changed as asked, is dismissed when it came in late, or is forwarded to the appeal body with
// the case file. Appeals made before this migration are read back from their time line entries.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('case_appeals')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    // The decision appealed against.
    .addColumn('decision_id', 'uuid', (c) => c.notNull().references('decisions.id').onDelete('cascade'))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_day', 'date')
    .addColumn('late', 'boolean', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull().check(sql`length(text) <= 5000`))
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`state in ('pending', 'lapsed', 'dismissed', 'forwarded')`),
    )
    // Omprövning (38 §) that did not change the decision as asked: the appeal still goes on.
    .addColumn('reconsidered_at', 'timestamptz')
    // The decision that made it lapse (a changed decision) or dismissed it (45 §).
    .addColumn('resolved_by_decision_id', 'uuid', (c) => c.references('decisions.id').onDelete('set null'))
    .addColumn('forwarded_at', 'timestamptz')
    .addColumn('case_file_document_id', 'uuid', (c) => c.references('case_documents.id').onDelete('set null'))
    .addColumn('closed_at', 'timestamptz')
    .addCheckConstraint('case_appeals_closed', sql`(state = 'pending') = (closed_at is null)`)
    .addCheckConstraint('case_appeals_forwarded', sql`(state = 'forwarded') = (forwarded_at is not null)`)
    .execute();
  // At most one appeal waits for the municipality per case.
  await db.schema
    .createIndex('case_appeals_one_pending')
    .on('case_appeals')
    .column('case_id')
    .unique()
    .where(sql.ref('state'), '=', 'pending')
    .execute();
  await db.schema.createIndex('case_appeals_received_idx').on('case_appeals').column('received_at').execute();

  await sql`
    insert into case_appeals (case_id, decision_id, received_at, last_day, late, text, state, closed_at)
    select e.case_id, (e.data->>'decisionId')::uuid, e.occurred_at, (e.data->>'deadline')::date,
           coalesce((e.data->>'late')::boolean, false), coalesce(e.data->>'text', ''),
           case when c.status = 'appealed' and e.id = (
             select max(l.id) from case_events l where l.case_id = e.case_id and l.type = 'case.appealed'
           ) then 'pending' else 'lapsed' end,
           case when c.status = 'appealed' and e.id = (
             select max(l.id) from case_events l where l.case_id = e.case_id and l.type = 'case.appealed'
           ) then null else e.occurred_at end
    from case_events e
    join cases c on c.id = e.case_id
    where e.type = 'case.appealed'
      and exists (select 1 from decisions d where d.id::text = e.data->>'decisionId')
  `.execute(db);

  // The bundle sent to the appeal body is a document of the case, not a letter to the applicant.
  await sql`alter table case_documents drop constraint case_documents_kind_check`.execute(db);
  await sql`alter table case_documents add constraint case_documents_kind_check check (kind in ('evidence', 'letter', 'case-file'))`.execute(
    db,
  );
}
