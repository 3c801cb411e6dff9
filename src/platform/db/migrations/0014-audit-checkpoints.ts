import { sql, type Kysely } from 'kysely';

// Frozen migration: Kysely<any>, never imports application code.
//
// audit_checkpoints anchors the audit chain's head: every audit append writes, in its own
// transaction, the new head's id and hash and HMAC(key, id and hash) with a key kept outside the
// database (AUDIT_HMAC_KEY). Deleting or rewriting the newest events then leaves a checkpoint
// naming a row that is gone or has another hash, and a new checkpoint cannot be forged without
// the key. Append-only like audit_events: retention deletes checkpoints at or below the prune
// point through the same transaction-local escape hatch, and nothing else.
//
// The escape hatch itself is narrowed: a DELETE under smorgasbord.audit_prune_through must
// remove the chain's whole prefix through that id and leave at least one newer event, so it can
// neither cut a hole in the chain nor take its newest events.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('head_id', 'bigint', (c) => c.notNull())
    .addColumn('head_hash', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('audit_checkpoints_head_idx').on('audit_checkpoints').column('head_id').execute();

  await sql`
    create function audit_checkpoints_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        if old.head_id <= coalesce(nullif(current_setting('smorgasbord.audit_prune_through', true), '')::bigint, 0) then
          return old;
        end if;
      end if;
      raise exception 'audit_checkpoints is append-only: % is not allowed (retention goes through pruneAuditEvents)', tg_op
        using errcode = 'insufficient_privilege';
    end;
    $$
  `.execute(db);
  await sql`
    create trigger audit_checkpoints_no_update_delete before update or delete on audit_checkpoints
    for each row execute function audit_checkpoints_append_only()
  `.execute(db);
  await sql`
    create trigger audit_checkpoints_no_truncate before truncate on audit_checkpoints
    for each statement execute function audit_checkpoints_append_only()
  `.execute(db);

  await sql`
    create function audit_events_prune_is_prefix() returns trigger language plpgsql as $$
    declare
      through bigint := coalesce(nullif(current_setting('smorgasbord.audit_prune_through', true), '')::bigint, 0);
    begin
      if through = 0 then
        return null; -- no escape hatch open: the row trigger has refused every row already
      end if;
      if exists (select 1 from audit_events where id <= through) then
        raise exception 'audit_events: retention must delete the whole prefix through event %', through
          using errcode = 'insufficient_privilege';
      end if;
      if not exists (select 1 from audit_events where id > through) then
        raise exception 'audit_events: retention may not delete the newest event'
          using errcode = 'insufficient_privilege';
      end if;
      return null;
    end;
    $$
  `.execute(db);
  await sql`
    create trigger audit_events_prune_prefix_only after delete on audit_events
    for each statement execute function audit_events_prune_is_prefix()
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists audit_events_prune_prefix_only on audit_events`.execute(db);
  await sql`drop function if exists audit_events_prune_is_prefix()`.execute(db);
  await db.schema.dropTable('audit_checkpoints').ifExists().execute();
  await sql`drop function if exists audit_checkpoints_append_only()`.execute(db);
}
