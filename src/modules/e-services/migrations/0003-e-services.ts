import { sql, type Kysely } from 'kysely';

// Frozen migration: Kysely<any>, never imports application code.
//
// The e-service machinery: a catalogue of e-services with versioned definitions, and cases
// with their timeline, facts, decision records, messages, documents and caseworker tasks.
// Rules that data must obey live here as constraints: the case lifecycle's states, one
// automated decision per case (the crash test counts on it), one resubmission key per case,
// one open task of each kind per case, gap-free case numbers per service and year.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('e_services')
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id ~ '^[a-z][a-z0-9-]*$'`))
    .addColumn('case_number_prefix', 'text', (c) => c.notNull().check(sql`case_number_prefix ~ '^[A-Z][A-Z0-9]{0,9}$'`))
    // Which outcomes may be final without a human. 'manual' never can be.
    .addColumn('policy', 'jsonb', (c) => c.notNull().defaultTo(sql`'{"autoFinal":["admit"]}'::jsonb`))
    .addColumn('minutes_per_manual_case', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(30)
        .check(sql`minutes_per_manual_case between 1 and 10000`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('e_service_versions')
    .addColumn('service_id', 'text', (c) => c.notNull().references('e_services.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('effective_from', 'date', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('e_service_versions_pk', ['service_id', 'version'])
    .execute();

  // Case numbers are drawn from a row per service and year, updated in the submitting
  // transaction: race-safe (row lock) and gap-free (a rolled-back submission returns its number).
  await db.schema
    .createTable('case_number_counters')
    .addColumn('service_id', 'text', (c) => c.notNull().references('e_services.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_number_counters_pk', ['service_id', 'year'])
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('case_number', 'text', (c) => c.unique())
    .addColumn('service_id', 'text', (c) => c.notNull().references('e_services.id'))
    .addColumn('service_version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('draft', 'submitted', 'in_progress', 'decided', 'closed', 'appealed')`),
    )
    .addColumn('applicant_user_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('applicant_personal_number', 'text', (c) => c.check(sql`applicant_personal_number ~ '^[0-9]{12}$'`))
    .addColumn('identity_verified', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('protected_identity', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('applicant', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('locale', 'text', (c) => c.notNull().check(sql`locale in ('sv', 'en', 'ar', 'fa', 'so', 'ti', 'uk')`))
    .addColumn('answers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('assigned_to', 'uuid', (c) => c.references('users.id'))
    .addColumn('idempotency_key', 'text', (c) => c.unique())
    // Anonymous drafts (no e-ID) are found by a token the browser keeps; only its hash is stored.
    .addColumn('draft_token_hash', 'text')
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // A case beyond the draft stage has its number and submission time; a draft has neither.
    .addCheckConstraint(
      'cases_submitted_has_number',
      sql`(status = 'draft') = (case_number is null) and (status = 'draft') = (submitted_at is null)`,
    )
    .addCheckConstraint(
      'cases_draft_has_owner',
      sql`status <> 'draft' or applicant_user_id is not null or draft_token_hash is not null`,
    )
    .execute();
  await db.schema
    .createIndex('cases_queue_idx')
    .on('cases')
    .columns(['status', 'service_id', 'submitted_at'])
    .execute();
  await db.schema.createIndex('cases_applicant_idx').on('cases').columns(['applicant_user_id', 'created_at']).execute();
  await db.schema
    .createIndex('cases_assigned_idx')
    .on('cases')
    .column('assigned_to')
    .where(sql.ref('assigned_to'), 'is not', null)
    .execute();
  await db.schema.createIndex('cases_submitted_at_idx').on('cases').columns(['service_id', 'submitted_at']).execute();
  // One draft per service and owner, so saving a draft is an upsert.
  await db.schema
    .createIndex('cases_one_user_draft')
    .unique()
    .on('cases')
    .columns(['service_id', 'applicant_user_id'])
    .where(sql<boolean>`status = 'draft' and applicant_user_id is not null`)
    .execute();
  await db.schema
    .createIndex('cases_one_token_draft')
    .unique()
    .on('cases')
    .columns(['service_id', 'draft_token_hash'])
    .where(sql<boolean>`status = 'draft' and draft_token_hash is not null`)
    .execute();

  await db.schema
    .createTable('case_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull().check(sql`actor_kind in ('applicant', 'caseworker', 'system')`))
    .addColumn('actor_id', 'text')
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex('case_events_case_idx').on('case_events').columns(['case_id', 'occurred_at']).execute();

  await db.schema
    .createTable('case_facts')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('self_declared', 'boolean', (c) => c.notNull())
    .addColumn('retrieved_at', 'timestamptz', (c) => c.notNull())
    // Facts are the case's current facts (each decision keeps its own snapshot): re-gathering upserts.
    .addUniqueConstraint('case_facts_case_name', ['case_id', 'name'])
    .execute();

  await db.schema
    .createTable('decisions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('automated', 'manual')`))
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('admit', 'refuse', 'manual')`))
    .addColumn('reasons', 'jsonb', (c) => c.notNull())
    .addColumn('rule_set_id', 'text')
    .addColumn('rule_set_version', 'text')
    .addColumn('content_hash', 'text')
    .addColumn('facts', 'jsonb', (c) => c.notNull())
    .addColumn('trace', 'jsonb')
    // The whole decision as the rule set gave it (study path, dates, …), for letters and replay.
    .addColumn('result', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('actor_kind', 'text', (c) => c.notNull().check(sql`actor_kind in ('system', 'caseworker')`))
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('motivation', 'text')
    .addColumn('is_final', 'boolean', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint(
      'decisions_automated_has_rule_set',
      sql`kind <> 'automated' or (rule_set_id is not null and rule_set_version is not null and content_hash is not null)`,
    )
    .addCheckConstraint(
      'decisions_manual_is_reasoned',
      sql`kind <> 'manual' or (motivation is not null and length(btrim(motivation)) > 0 and outcome <> 'manual' and is_final)`,
    )
    .addCheckConstraint('decisions_manual_outcome_not_final', sql`outcome <> 'manual' or not is_final`)
    .execute();
  // At most one automated decision per case: a retried or duplicated pipeline run cannot add a second.
  await db.schema
    .createIndex('decisions_one_automated_per_case')
    .unique()
    .on('decisions')
    .column('case_id')
    .where(sql<boolean>`kind = 'automated'`)
    .execute();
  await db.schema.createIndex('decisions_case_idx').on('decisions').columns(['case_id', 'decided_at']).execute();
  await sql`create index decisions_reasons_idx on decisions using gin (reasons jsonb_path_ops)`.execute(db);

  await db.schema
    .createTable('case_messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('sender_kind', 'text', (c) =>
      c.notNull().check(sql`sender_kind in ('applicant', 'caseworker', 'system')`),
    )
    .addColumn('sender_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull().check(sql`length(body) between 1 and 5000`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('read_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('case_messages_case_idx')
    .on('case_messages')
    .columns(['case_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('case_documents')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('evidence', 'letter')`))
    .addColumn('filename', 'text', (c) => c.notNull().check(sql`length(filename) between 1 and 200`))
    .addColumn('content_type', 'text', (c) =>
      c.notNull().check(sql`content_type in ('application/pdf', 'image/jpeg', 'image/png')`),
    )
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size > 0`))
    .addColumn('sha256', 'text', (c) => c.notNull().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('case_documents_size_matches', sql`size = octet_length(content)`)
    .execute();
  await db.schema
    .createIndex('case_documents_case_idx')
    .on('case_documents')
    .columns(['case_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('case_tasks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('manual-review', 'appeal')`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'done')`),
    )
    .addColumn('assigned_to', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('done_at', 'timestamptz')
    .addCheckConstraint('case_tasks_done_has_time', sql`(status = 'done') = (done_at is not null)`)
    .execute();
  await db.schema
    .createIndex('case_tasks_one_open_per_kind')
    .unique()
    .on('case_tasks')
    .columns(['case_id', 'kind'])
    .where(sql<boolean>`status = 'open'`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'case_tasks',
    'case_documents',
    'case_messages',
    'decisions',
    'case_facts',
    'case_events',
    'cases',
    'case_number_counters',
    'e_service_versions',
    'e_services',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
