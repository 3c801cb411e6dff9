import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface MunicipalitiesTable {
  code: string;
  name: string;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  subject: string | null;
  display_name: string;
  kind: 'staff' | 'resident';
  roles: ColumnType<string[], string[] | undefined, string[]>;
  email: string | null;
  personal_number: string | null;
  locale: string | null;
  created_at: Generated<Date>;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string | null;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface AuditEventsTable {
  id: Generated<number>;
  occurred_at: Timestamp;
  recorded_at: Generated<Date>;
  actor_kind: 'user' | 'resident' | 'system';
  actor_id: string | null;
  event_type: string;
  subject_type: string;
  subject_id: string | null;
  old_value: Json | null;
  new_value: Json | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface OutboxMessagesTable {
  id: Generated<string>;
  channel: 'email' | 'teams';
  recipient: string;
  subject: string;
  body_text: string;
  attachments: ColumnType<unknown[], string | undefined, string>;
  status: ColumnType<'queued' | 'sent' | 'stored' | 'failed', string | undefined, string>;
  error: string | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
}

/** One per audit append: the head it left, signed with AUDIT_HMAC_KEY (see 0014-audit-checkpoints). */
export interface AuditCheckpointsTable {
  id: Generated<number>;
  head_id: number;
  head_hash: string;
  signature: string;
  created_at: Generated<Date>;
}

export interface IdempotencyKeysTable {
  key: string;
  scope: string;
  result: ColumnType<unknown, string, string>;
  created_at: Generated<Date>;
}

/** The platform's tables. Modules add theirs with `db.withTables<ModuleTables>()`. */
export interface PlatformDatabase {
  municipalities: MunicipalitiesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_events: AuditEventsTable;
  audit_checkpoints: AuditCheckpointsTable;
  outbox_messages: OutboxMessagesTable;
  idempotency_keys: IdempotencyKeysTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
