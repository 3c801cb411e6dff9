import { sql } from 'kysely';
import type { Db, Trx } from '../../platform/db/database.ts';
import { sfiDb, type StudyForm, type StudyPace } from './sfi.table.ts';

export interface SchoolRow {
  id: string;
  name: string;
  daytime: boolean;
  evening: boolean;
  distance: boolean;
  capacity: number;
  enrolled: number;
}

export async function upsertSchool(db: Db | Trx, school: Omit<SchoolRow, 'enrolled'>): Promise<void> {
  // An existing school keeps its seats taken; name, forms and capacity follow the configuration.
  await sfiDb(db)
    .insertInto('sfi_schools')
    .values(school)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function listSchools(db: Db | Trx): Promise<SchoolRow[]> {
  return sfiDb(db).selectFrom('sfi_schools').selectAll().orderBy('id').execute();
}

/**
 * Takes one seat at `schoolId` if it offers `form` and has a free seat. Race-safe: the condition
 * and the increment are one UPDATE, so two concurrent enrolments can never overbook the last seat.
 */
export async function takeSeat(trx: Trx, schoolId: string, form: StudyForm): Promise<boolean> {
  const taken = await sfiDb(trx)
    .updateTable('sfi_schools')
    .set((eb) => ({ enrolled: eb('enrolled', '+', 1) }))
    .where('id', '=', schoolId)
    .where(form, '=', true)
    .where(sql<boolean>`enrolled < capacity`)
    .returning('id')
    .executeTakeFirst();
  return !!taken;
}

export interface NewEnrolment {
  caseId: string;
  studyForm: StudyForm;
  pace: StudyPace;
  studyPath: 1 | 2 | 3;
  startCourse: 'A' | 'B' | 'C';
  rightExpires: string | null;
  assessmentDate: string;
  enrolledAt: Date;
}

/**
 * Claims the enrolment of a case (no school yet). False when the case already has one: a second
 * run of the step waits on the first one's row (primary key) and then changes nothing.
 */
export async function claimEnrolment(trx: Trx, e: NewEnrolment): Promise<boolean> {
  return (await claimEnrolments(trx, [e])).has(e.caseId);
}

/** claimEnrolment for several cases, one statement: the cases claimed now. */
export async function claimEnrolments(trx: Trx, enrolments: readonly NewEnrolment[]): Promise<Set<string>> {
  if (enrolments.length === 0) return new Set();
  const rows = await sfiDb(trx)
    .insertInto('sfi_enrolments')
    .values(
      enrolments.map((e) => ({
        case_id: e.caseId,
        school_id: null,
        study_form: e.studyForm,
        pace: e.pace,
        study_path: e.studyPath,
        start_course: e.startCourse,
        right_expires: e.rightExpires,
        assessment_date: e.assessmentDate,
        enrolled_at: e.enrolledAt,
      })),
    )
    .onConflict((oc) => oc.column('case_id').doNothing())
    .returning('case_id')
    .execute();
  return new Set(rows.map((row) => row.case_id));
}

export async function setEnrolmentSchool(trx: Trx, caseId: string, schoolId: string): Promise<void> {
  await setEnrolmentSchools(trx, [{ caseId, schoolId }]);
}

/** Sets the schools of several enrolments with one statement. */
export async function setEnrolmentSchools(
  trx: Trx,
  seats: readonly { caseId: string; schoolId: string }[],
): Promise<void> {
  if (seats.length === 0) return;
  const values = sql.join(seats.map((seat) => sql`(${seat.caseId}::uuid, ${seat.schoolId})`));
  await sql`update sfi_enrolments as e set school_id = v.school_id from (values ${values}) as v(case_id, school_id) where e.case_id = v.case_id`.execute(
    trx,
  );
}

export interface EnrolmentRow {
  caseId: string;
  schoolId: string | null;
  schoolName: string | null;
  studyForm: StudyForm;
  pace: StudyPace;
  studyPath: number;
  startCourse: 'A' | 'B' | 'C';
  assessmentDate: string;
}

export async function findEnrolment(db: Db | Trx, caseId: string): Promise<EnrolmentRow | undefined> {
  return (await findEnrolments(db, [caseId]))[0];
}

/** The enrolments of these cases, those enrolled (one query). */
export async function findEnrolments(db: Db | Trx, caseIds: readonly string[]): Promise<EnrolmentRow[]> {
  if (caseIds.length === 0) return [];
  const rows = await sfiDb(db)
    .selectFrom('sfi_enrolments as e')
    .leftJoin('sfi_schools as s', 's.id', 'e.school_id')
    .select([
      'e.case_id',
      'e.school_id',
      's.name as school_name',
      'e.study_form',
      'e.pace',
      'e.study_path',
      'e.start_course',
      sql<string>`to_char(e.assessment_date, 'YYYY-MM-DD')`.as('assessment_date'),
    ])
    .where('e.case_id', 'in', caseIds)
    .execute();
  return rows.map((row) => ({
    caseId: row.case_id,
    schoolId: row.school_id,
    schoolName: row.school_name,
    studyForm: row.study_form,
    pace: row.pace,
    studyPath: row.study_path,
    startCourse: row.start_course,
    assessmentDate: row.assessment_date,
  }));
}

/** Claims a once-only pipeline step for a case in `trx`; false when it was done before. */
export async function claimStep(trx: Trx, caseId: string, step: string, now: Date): Promise<boolean> {
  return (await claimSteps(trx, [caseId], step, now)).has(caseId);
}

/** claimStep for several cases, one statement: the cases for which the step was claimed now. */
export async function claimSteps(trx: Trx, caseIds: readonly string[], step: string, now: Date): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const rows = await sfiDb(trx)
    .insertInto('sfi_pipeline_steps')
    .values([...new Set(caseIds)].map((caseId) => ({ case_id: caseId, step, done_at: now })))
    .onConflict((oc) => oc.columns(['case_id', 'step']).doNothing())
    .returning('case_id')
    .execute();
  return new Set(rows.map((row) => row.case_id));
}

/** The case's recorded facts (current values) with their sources. */
export async function listRecordedFacts(
  db: Db | Trx,
  caseId: string,
): Promise<Array<{ name: string; value: unknown; source: string }>> {
  return sfiDb(db).selectFrom('case_facts').select(['name', 'value', 'source']).where('case_id', '=', caseId).execute();
}

/** The recorded facts of several cases, by case id (one query). */
export async function listRecordedFactsOfCases(
  db: Db | Trx,
  caseIds: readonly string[],
): Promise<Map<string, Array<{ name: string; value: unknown; source: string }>>> {
  const byCase = new Map<string, Array<{ name: string; value: unknown; source: string }>>();
  if (caseIds.length === 0) return byCase;
  const rows = await sfiDb(db)
    .selectFrom('case_facts')
    .select(['case_id', 'name', 'value', 'source'])
    .where('case_id', 'in', caseIds)
    .execute();
  for (const { case_id, ...fact } of rows) {
    const list = byCase.get(case_id);
    if (list) list.push(fact);
    else byCase.set(case_id, [fact]);
  }
  return byCase;
}
