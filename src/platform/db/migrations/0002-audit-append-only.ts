import { sql, type Kysely } from 'kysely';

// Frozen migration: Kysely<any>, never imports application code.
//
// audit_events becomes append-only inside the database: UPDATE, DELETE and TRUNCATE raise an
// error whoever runs them (production additionally grants the application role no UPDATE or
// DELETE — defence in depth; a superuser can still disable triggers, which the hash chain
// then exposes).
//
// The one escape hatch is retention (gallring): a transaction that has set
//   set_config('smorgasbord.audit_prune_through', '<id>', true)   -- local to the transaction
// may DELETE rows with id <= that value. Only pruneAuditEvents() does this; it deletes a prefix
// of the chain and appends an `audit.pruned` event carrying the last pruned hash, from which
// verifyAuditChain() starts. Deleting anything else is refused here.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        if old.id <= coalesce(nullif(current_setting('smorgasbord.audit_prune_through', true), '')::bigint, 0) then
          return old;
        end if;
      end if;
      raise exception 'audit_events is append-only: % is not allowed (retention goes through pruneAuditEvents)', tg_op
        using errcode = 'insufficient_privilege';
    end;
    $$
  `.execute(db);
  await sql`
    create trigger audit_events_no_update_delete before update or delete on audit_events
    for each row execute function audit_events_append_only()
  `.execute(db);
  await sql`
    create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function audit_events_append_only()
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists audit_events_no_truncate on audit_events`.execute(db);
  await sql`drop trigger if exists audit_events_no_update_delete on audit_events`.execute(db);
  await sql`drop function if exists audit_events_append_only()`.execute(db);
}
