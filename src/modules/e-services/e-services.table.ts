import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Db, Trx } from '../../platform/db/database.ts';
import type { PlatformDatabase } from '../../platform/db/types.ts';

/** Kysely types of the e-service tables (migrations 0003-e-services, 0008-decision-received, 0009-decision-deliveries, 0011-appeal-actions). Rows never leave the repositories. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: read as parsed JSON, written as JSON text. */
type Json<T = unknown> = ColumnType<T, string, string>;
type JsonWithDefault<T = unknown> = ColumnType<T, string | undefined, string>;

export type CaseStatus = 'draft' | 'submitted' | 'in_progress' | 'decided' | 'closed' | 'appealed';
export type CaseActorKind = 'applicant' | 'caseworker' | 'system';
export type DecisionKind = 'automated' | 'manual';
export type DecisionOutcome = 'admit' | 'refuse' | 'manual';
/**
 * How the applicant received a decision: read on My pages, delivered to the digital mailbox,
 * posted (received by presumption), or shown by an appeal against it.
 */
export type DecisionReceivedVia = 'my-pages' | 'digital-mailbox' | 'post' | 'appeal';
/** A letter to the applicant, evidence they sent, or the case file forwarded with an appeal. */
export type DocumentKind = 'evidence' | 'letter' | 'case-file';
/** Where an appeal stands with the municipality (förvaltningslagen 38–39, 45, 46 §§). */
export type AppealState = 'pending' | 'lapsed' | 'dismissed' | 'forwarded';
export type DocumentContentType = 'application/pdf' | 'image/jpeg' | 'image/png';
export type TaskKind = 'manual-review' | 'appeal';

export interface EServicesTable {
  id: string;
  case_number_prefix: string;
  policy: JsonWithDefault<{ autoFinal?: unknown }>;
  minutes_per_manual_case: ColumnType<number, number | undefined, number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface EServiceVersionsTable {
  service_id: string;
  version: number;
  effective_from: ColumnType<Date, string, string>;
  definition: Json;
}

/** One saved version of an e-service's municipal settings (0012-e-service-settings). */
export interface EServiceSettingsTable {
  service_id: string;
  version: number;
  effective_from: ColumnType<Date, string, string>;
  settings: Json;
  changed_by: string | null;
  changed_at: ColumnType<Date, Date, Date>;
}

export interface CaseNumberCountersTable {
  service_id: string;
  year: number;
  last_value: number;
}

export interface CasesTable {
  id: Generated<string>;
  case_number: string | null;
  service_id: string;
  service_version: number;
  status: CaseStatus;
  applicant_user_id: string | null;
  applicant_personal_number: string | null;
  identity_verified: ColumnType<boolean, boolean | undefined, boolean>;
  protected_identity: ColumnType<boolean, boolean | undefined, boolean>;
  applicant: JsonWithDefault;
  locale: string;
  answers: JsonWithDefault;
  assigned_to: string | null;
  idempotency_key: string | null;
  draft_token_hash: string | null;
  submitted_at: Date | null;
  decided_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CaseEventsTable {
  id: Generated<number>;
  case_id: string;
  type: string;
  actor_kind: CaseActorKind;
  actor_id: string | null;
  occurred_at: Timestamp;
  data: JsonWithDefault;
}

export interface CaseFactsTable {
  id: Generated<number>;
  case_id: string;
  name: string;
  value: Json;
  source: string;
  self_declared: boolean;
  retrieved_at: Timestamp;
}

export interface DecisionsTable {
  id: Generated<string>;
  case_id: string;
  kind: DecisionKind;
  outcome: DecisionOutcome;
  reasons: Json<{ code: string; legalRef: string }[]>;
  rule_set_id: string | null;
  rule_set_version: string | null;
  content_hash: string | null;
  facts: Json;
  trace: Json | null;
  result: JsonWithDefault<Record<string, unknown>>;
  actor_kind: 'system' | 'caseworker';
  actor_id: string;
  motivation: string | null;
  is_final: boolean;
  decided_at: Timestamp;
  received_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  received_via: ColumnType<
    DecisionReceivedVia | null,
    DecisionReceivedVia | null | undefined,
    DecisionReceivedVia | null
  >;
}

/**
 * How a letter goes: read on My pages, the digital mailbox, post to an address, post through
 * Skatteverket's forwarding to a protected identity (0013), or no way (a caseworker must act).
 */
export type DeliveryChannel = 'my-pages' | 'digital-mailbox' | 'post' | 'post-via-skatteverket' | 'undeliverable';
export type DeliveryStatus = 'pending' | 'sent' | 'failed';
export interface PostalAddress {
  name: string;
  careOf: string | null;
  street: string;
  postalCode: string;
  city: string;
}

/** How a decision letter reaches its applicant (migration 0009-decision-deliveries). */
export interface DecisionDeliveriesTable {
  id: Generated<string>;
  case_id: string;
  decision_id: string;
  document_id: string;
  channel: DeliveryChannel;
  status: DeliveryStatus;
  postal_address: ColumnType<PostalAddress | null, string | null, string | null>;
  print_batch_id: string | null;
  created_at: Timestamp;
  sent_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
}

/** A batch of posted letters the post room prints at once. */
export interface PrintBatchesTable {
  id: Generated<string>;
  created_by: string;
  created_at: Timestamp;
  posted_by: string | null;
  posted_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface CaseMessagesTable {
  id: Generated<string>;
  case_id: string;
  sender_kind: CaseActorKind;
  sender_id: string | null;
  body: string;
  created_at: Timestamp;
  read_at: Date | null;
}

export interface CaseDocumentsTable {
  id: Generated<string>;
  case_id: string;
  kind: DocumentKind;
  filename: string;
  content_type: DocumentContentType;
  size: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: string;
  created_at: Timestamp;
}

export interface CaseTasksTable {
  id: Generated<string>;
  case_id: string;
  kind: TaskKind;
  status: ColumnType<'open' | 'done', 'open' | 'done' | undefined, 'open' | 'done'>;
  assigned_to: string | null;
  created_at: Timestamp;
  done_at: Date | null;
}

export interface CaseAppealsTable {
  id: Generated<string>;
  case_id: string;
  decision_id: string;
  received_at: Timestamp;
  /** YYYY-MM-DD (a date column, read as text by the repository). */
  last_day: ColumnType<string | null, string | null, string | null>;
  late: boolean;
  text: string;
  state: ColumnType<AppealState, AppealState | undefined, AppealState>;
  reconsidered_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  resolved_by_decision_id: ColumnType<string | null, string | null | undefined, string | null>;
  forwarded_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  case_file_document_id: ColumnType<string | null, string | null | undefined, string | null>;
  closed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** Added to the platform's tables with `db.withTables<EServicesTables>()`. */
export type EServicesTables = {
  e_services: EServicesTable;
  e_service_versions: EServiceVersionsTable;
  e_service_settings: EServiceSettingsTable;
  case_number_counters: CaseNumberCountersTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  case_facts: CaseFactsTable;
  decisions: DecisionsTable;
  case_messages: CaseMessagesTable;
  case_documents: CaseDocumentsTable;
  case_tasks: CaseTasksTable;
  print_batches: PrintBatchesTable;
  decision_deliveries: DecisionDeliveriesTable;
  case_appeals: CaseAppealsTable;
};

export type CaseRow = Selectable<CasesTable>;
export type NewCaseRow = Insertable<CasesTable>;
export type DecisionRow = Selectable<DecisionsTable>;
export type CaseEventRow = Selectable<CaseEventsTable>;
export type CaseFactRow = Selectable<CaseFactsTable>;
export type CaseMessageRow = Selectable<CaseMessagesTable>;
export type CaseDocumentRow = Selectable<CaseDocumentsTable>;
export type CaseTaskRow = Selectable<CaseTasksTable>;

export type EDatabase = PlatformDatabase & EServicesTables;
export type EDb = Kysely<EDatabase>;
export type ETrx = Transaction<EDatabase>;

/** The platform handle (or transaction) with the e-service tables added; platform code never knows them. */
export function eDb(db: Db | Trx): EDb {
  return db.withTables<EServicesTables>() as unknown as EDb;
}

/** The same for a transaction, for functions that lock rows and so must run inside one. */
export function eTrx(trx: Trx): ETrx {
  return trx.withTables<EServicesTables>() as unknown as ETrx;
}
