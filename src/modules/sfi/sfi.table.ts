import type { ColumnType, Kysely } from 'kysely';
import type { Db, Trx } from '../../platform/db/database.ts';
import type { PlatformDatabase } from '../../platform/db/types.ts';

/** Kysely types of the SFI tables (migration 0004-sfi-enrolment). Rows never leave the repositories. */

export type StudyForm = 'daytime' | 'evening' | 'distance';
export type StudyPace = 'part-time' | 'full-time';

export interface SfiSchoolsTable {
  id: string;
  name: string;
  daytime: boolean;
  evening: boolean;
  distance: boolean;
  capacity: number;
  enrolled: ColumnType<number, number | undefined, number>;
}

export interface SfiEnrolmentsTable {
  case_id: string;
  school_id: string | null;
  study_form: StudyForm;
  pace: StudyPace;
  study_path: number;
  start_course: 'A' | 'B' | 'C';
  /** date columns are read as text (YYYY-MM-DD) by both engines' drivers only when cast; kept as strings here. */
  right_expires: ColumnType<string | null, string | null, string | null>;
  assessment_date: ColumnType<string, string, string>;
  enrolled_at: ColumnType<Date, Date, Date>;
}

export interface SfiPipelineStepsTable {
  case_id: string;
  step: string;
  done_at: Date;
}

/** Read-only view of the e-service facts table (the pipeline decides on the facts as recorded). */
export interface CaseFactsView {
  case_id: string;
  name: string;
  value: ColumnType<unknown, never, never>;
  source: string;
}

export type SfiTables = {
  sfi_schools: SfiSchoolsTable;
  sfi_enrolments: SfiEnrolmentsTable;
  sfi_pipeline_steps: SfiPipelineStepsTable;
  case_facts: CaseFactsView;
};
export type SfiDb = Kysely<PlatformDatabase & SfiTables>;

export function sfiDb(db: Db | Trx): SfiDb {
  return db.withTables<SfiTables>() as unknown as SfiDb;
}
