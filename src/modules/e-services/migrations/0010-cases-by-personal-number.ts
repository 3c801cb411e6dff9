import type { Kysely } from 'kysely';

// Frozen migration: Kysely<any>, never imports application code.
//
// A decision looks up the applicant's other cases in the same e-service (an earlier admission or
// an open application is a fact), a batch of cases in one statement: by personal number.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('cases_personal_number_idx')
    .on('cases')
    .columns(['applicant_personal_number', 'service_id'])
    .where('applicant_personal_number', 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_personal_number_idx').execute();
}
