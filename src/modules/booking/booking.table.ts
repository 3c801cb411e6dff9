import type { ColumnType, Generated, Kysely, Selectable, Transaction } from 'kysely';
import type { Db, Trx } from '../../platform/db/database.ts';
import type { PlatformDatabase } from '../../platform/db/types.ts';

/** Kysely types of the booking tables (migration 0005-booking). Rows never leave the module. */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export type RoomPurpose = 'meeting' | 'client-meeting' | 'training' | 'quiet';
export type BookingStatus = 'pending' | 'confirmed' | 'cancelled' | 'released' | 'rejected';
export type BookingSource = 'web' | 'api' | 'door' | 'series' | 'import';

export interface BookingBuildingsTable {
  id: string;
  name: string;
  address: Generated<string>;
  created_at: Generated<Date>;
}

export interface BookingGroupsTable {
  id: string;
  name: string;
}

export interface BookingGroupMembersTable {
  group_id: string;
  user_id: string;
}

export interface BookingRoomsTable {
  id: string;
  building_id: string;
  floor: number;
  name: string;
  capacity: number;
  equipment: TextArray;
  accessibility: TextArray;
  purpose: RoomPurpose;
  allowed_groups: TextArray;
  /** `HH:MM:SS` as the drivers return `time`. */
  opens_at: ColumnType<string, string | undefined, string>;
  closes_at: ColumnType<string, string | undefined, string>;
  open_weekdays: ColumnType<number[], number[] | undefined, number[]>;
  min_minutes: Generated<number>;
  max_minutes: Generated<number>;
  max_days_ahead: Generated<number>;
  approval_required: Generated<boolean>;
  approver_group: ColumnType<string | null, string | null | undefined, string | null>;
  buffer_minutes: Generated<number>;
  checkin_window_minutes: ColumnType<number | null, number | null | undefined, number | null>;
  door_key: string;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface BookingSeriesTable {
  id: Generated<string>;
  room_id: string;
  booker_id: string;
  title: string;
  attendees: number;
  rule: ColumnType<unknown, string, string>;
  first_date: ColumnType<string, string, string>;
  local_start: ColumnType<string, string, string>;
  duration_minutes: number;
  ical_uid: string;
  sequence: Generated<number>;
  idempotency_key: string | null;
  created_at: Generated<Date>;
  cancelled_at: Timestamp | null;
}

export interface BookingsTable {
  id: Generated<string>;
  room_id: string;
  booker_id: string;
  series_id: string | null;
  title: string;
  attendees: number;
  status: BookingStatus;
  starts_at: Timestamp;
  ends_at: Timestamp;
  blocked_until: Timestamp;
  occurrence_start: Timestamp | null;
  ical_uid: string;
  sequence: Generated<number>;
  source: BookingSource;
  idempotency_key: string | null;
  checked_in_at: Timestamp | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  cancelled_by: string | null;
  ended_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** Migration 0016: an optional Teams meeting link. */
  teams_url: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Migration 0016: who is invited to a booking — a colleague (user_id) or a guest (email). */
export interface BookingInviteesTable {
  id: Generated<string>;
  booking_id: string;
  user_id: string | null;
  email: string | null;
  display_name: string;
  created_at: Generated<Date>;
}

export interface BookingCalendarFeedsTable {
  id: Generated<string>;
  owner_id: string;
  room_id: string | null;
  token_hash: string;
  /** The creating form's key (migration 0007): its repeat rotates this feed's token. */
  idempotency_key: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
  revoked_at: Timestamp | null;
}

export interface BookingPreferencesTable {
  user_id: string;
  building_id: string | null;
}

/** Added to the platform's tables with `db.withTables<BookingTables>()`. */
export type BookingTables = {
  booking_buildings: BookingBuildingsTable;
  booking_groups: BookingGroupsTable;
  booking_group_members: BookingGroupMembersTable;
  booking_rooms: BookingRoomsTable;
  booking_series: BookingSeriesTable;
  bookings: BookingsTable;
  booking_invitees: BookingInviteesTable;
  booking_calendar_feeds: BookingCalendarFeedsTable;
  booking_preferences: BookingPreferencesTable;
};

export type RoomRow = Selectable<BookingRoomsTable>;
export type BookingRow = Selectable<BookingsTable>;
export type SeriesRow = Selectable<BookingSeriesTable>;

export type BDatabase = PlatformDatabase & BookingTables;
export type BDb = Kysely<BDatabase>;
export type BTrx = Transaction<BDatabase>;

/** The platform handle with the booking tables added; platform code never knows them. */
export function bDb(db: Db | Trx): BDb {
  return db.withTables<BookingTables>() as unknown as BDb;
}

export function bTrx(trx: Trx): BTrx {
  return trx.withTables<BookingTables>() as unknown as BTrx;
}

/** Statuses that hold the room (the exclusion constraint's predicate). */
export const ACTIVE_STATUSES = ['pending', 'confirmed'] as const satisfies readonly BookingStatus[];
