import { sql, type Kysely } from 'kysely';

// Frozen migration: Kysely<any>, never imports application code.
//
// The municipality's settings per e-service (responsible board, delegations, the address for
// appeals, contact, local parameters), one row per saved version: never updated, so the settings
// a letter printed can always be found again. The version in force on a day is the one with the
// latest effective_from on or before it (the latest version wins a tie: a same-day correction).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('e_service_settings')
    .addColumn('service_id', 'text', (c) => c.notNull().references('e_services.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('effective_from', 'date', (c) => c.notNull())
    .addColumn('settings', 'jsonb', (c) => c.notNull())
    // Null: seeded at installation, not by a person.
    .addColumn('changed_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('e_service_settings_pk', ['service_id', 'version'])
    .execute();
  await db.schema
    .createIndex('e_service_settings_in_force_idx')
    .on('e_service_settings')
    .columns(['service_id', 'effective_from'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('e_service_settings').execute();
}
