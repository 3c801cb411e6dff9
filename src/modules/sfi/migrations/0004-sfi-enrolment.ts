import { sql, type Kysely } from 'kysely';

// Frozen migration: Kysely<any>, never imports application code.
//
// SFI after an admission: the schools the municipality assigns students to (with their study
// forms and seat capacity) and one enrolment per admitted case, and the
// pipeline steps done once per case. Capacity is enforced here: a
// seat is taken with a conditional UPDATE (`enrolled < capacity`), and the CHECK makes
// overbooking impossible even for code that forgets the condition. One enrolment per case
// (primary key) makes a retried enrolment step a no-op.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sfi_schools')
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id ~ '^[a-z][a-z0-9-]*$'`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('daytime', 'boolean', (c) => c.notNull())
    .addColumn('evening', 'boolean', (c) => c.notNull())
    .addColumn('distance', 'boolean', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity >= 0`))
    .addColumn('enrolled', 'integer', (c) => c.notNull().defaultTo(0))
    .addCheckConstraint('sfi_schools_within_capacity', sql`enrolled >= 0 and enrolled <= capacity`)
    .execute();

  await db.schema
    .createTable('sfi_enrolments')
    .addColumn('case_id', 'uuid', (c) => c.primaryKey().references('cases.id').onDelete('cascade'))
    // Null: no school had a free seat in the chosen form; the student waits for a placement.
    .addColumn('school_id', 'text', (c) => c.references('sfi_schools.id'))
    .addColumn('study_form', 'text', (c) => c.notNull().check(sql`study_form in ('daytime', 'evening', 'distance')`))
    .addColumn('pace', 'text', (c) => c.notNull().check(sql`pace in ('part-time', 'full-time')`))
    .addColumn('study_path', 'integer', (c) => c.notNull().check(sql`study_path between 1 and 3`))
    .addColumn('start_course', 'text', (c) => c.notNull().check(sql`start_course in ('A', 'B', 'C')`))
    .addColumn('right_expires', 'date')
    .addColumn('assessment_date', 'date', (c) => c.notNull())
    .addColumn('enrolled_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sfi_enrolments_school_idx').on('sfi_enrolments').column('school_id').execute();

  // Pipeline steps with an effect outside the database's own uniqueness (an e-mail sent): a
  // step claims its row in the transaction that does the work, so a retried job sends nothing twice.
  await db.schema
    .createTable('sfi_pipeline_steps')
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('done_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('sfi_pipeline_steps_pk', ['case_id', 'step'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sfi_pipeline_steps').execute();
  await db.schema.dropTable('sfi_enrolments').execute();
  await db.schema.dropTable('sfi_schools').execute();
}
