import { sql } from 'kysely';
import type { User } from '../../../platform/auth/roles.ts';
import { recordAudit, type AuditActor } from '../../../platform/audit/audit.service.ts';
import type { Db, Trx } from '../../../platform/db/database.ts';
import { AppError, type FieldError } from '../../../platform/http/errors.ts';
import { ACCESSIBILITY, EQUIPMENT, PURPOSES, type Room } from '../booking.schema.ts';
import { bDb, bTrx, type RoomPurpose } from '../booking.table.ts';
import { newDoorKey } from '../demo-rooms.ts';
import { LOCAL_TIME, minutesOf } from '../local-time.ts';
import { roomsQuery, toRoom } from '../room.repository.ts';
import type { RoomAuditValues } from './rooms-admin.audit.ts';
import './rooms-admin.audit.ts';

/**
 * Room administration: buildings, rooms and their rules, door keys, booking groups and their
 * members. One validation (validateRoom) serves the form and the CSV import (room-import.ts).
 * Every change is audited in its transaction (rooms-admin.audit.ts). Administrators only: the
 * routes declare ADMIN.
 */

export const ROOM_FIELDS = [
  'id',
  'building',
  'floor',
  'name',
  'capacity',
  'equipment',
  'accessibility',
  'purpose',
  'allowed_groups',
  'opens_at',
  'closes_at',
  'open_weekdays',
  'min_minutes',
  'max_minutes',
  'max_days_ahead',
  'approval_required',
  'approver_group',
  'buffer_minutes',
  'checkin_window_minutes',
] as const;
export type RoomField = (typeof ROOM_FIELDS)[number];
/** A room as a form or a CSV row gives it: strings, lists as arrays. */
export type RawRoom = Partial<Record<RoomField, string | string[]>>;

/** The defaults of migration 0005 for fields left empty. */
export const ROOM_DEFAULTS = {
  opens_at: '07:00',
  closes_at: '18:00',
  open_weekdays: ['1', '2', '3', '4', '5'],
  min_minutes: '15',
  max_minutes: '480',
  max_days_ahead: '180',
  buffer_minutes: '0',
  checkin_window_minutes: '15',
} as const;

export interface RoomInput extends RoomAuditValues {
  id: string;
}

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const TRUE = new Set(['ja', 'yes', 'true', '1', 'on', 'x']);
const FALSE = new Set(['', 'nej', 'no', 'false', '0', 'off']);

function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const items = Array.isArray(value) ? value : value.split(/[|,;\s]+/);
  return [...new Set(items.map((s) => s.trim()).filter((s) => s !== ''))];
}

function text(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

export interface RoomRefs {
  buildings: ReadonlySet<string>;
  groups: ReadonlySet<string>;
}

/** Checks a room's fields; every problem as a field error (codes: rooms-admin.i18n.ts `errors.*`). */
export function validateRoom(
  raw: RawRoom,
  refs: RoomRefs,
): { room: RoomInput; errors: [] } | { room: null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const err = (field: RoomField, code: string, params?: Record<string, string | number>) =>
    errors.push({ field, code, ...(params ? { params } : {}) });
  const int = (field: RoomField, min: number, max: number, code: string, fallback?: string): number => {
    const value = text(raw[field]) || fallback || '';
    if (!/^-?\d{1,6}$/.test(value) || Number(value) < min || Number(value) > max) {
      err(field, code, { min, max });
      return Number.NaN;
    }
    return Number(value);
  };
  const id = text(raw.id).toLowerCase();
  if (!ID.test(id)) err('id', 'idFormat');
  const building = text(raw.building);
  if (!refs.buildings.has(building)) err('building', 'unknownBuilding');
  const floor = int('floor', -5, 100, 'floorRange');
  const name = text(raw.name);
  if (name.length < 1 || name.length > 200) err('name', 'nameRequired');
  const capacity = int('capacity', 1, 1000, 'capacityRange');
  const equipment = list(raw.equipment);
  for (const e of equipment)
    if (!(EQUIPMENT as readonly string[]).includes(e)) err('equipment', 'unknownEquipment', { value: e });
  const accessibility = list(raw.accessibility);
  for (const a of accessibility)
    if (!(ACCESSIBILITY as readonly string[]).includes(a)) err('accessibility', 'unknownAccessibility', { value: a });
  const purpose = text(raw.purpose);
  if (!(PURPOSES as readonly string[]).includes(purpose)) err('purpose', 'unknownPurpose');
  const allowedGroups = list(raw.allowed_groups);
  for (const g of allowedGroups) if (!refs.groups.has(g)) err('allowed_groups', 'unknownGroup', { value: g });
  const opensAt = text(raw.opens_at) || ROOM_DEFAULTS.opens_at;
  const closesAt = text(raw.closes_at) || ROOM_DEFAULTS.closes_at;
  if (!LOCAL_TIME.test(opensAt)) err('opens_at', 'invalidTime');
  if (!LOCAL_TIME.test(closesAt)) err('closes_at', 'invalidTime');
  if (LOCAL_TIME.test(opensAt) && LOCAL_TIME.test(closesAt) && minutesOf(opensAt) >= minutesOf(closesAt))
    err('closes_at', 'hoursOrder');
  const weekdayValues =
    raw.open_weekdays === undefined || list(raw.open_weekdays).length === 0
      ? [...ROOM_DEFAULTS.open_weekdays]
      : list(raw.open_weekdays);
  const openWeekdays = [...new Set(weekdayValues.map(Number))].sort((a, b) => a - b);
  if (openWeekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) err('open_weekdays', 'weekdays');
  const minMinutes = int('min_minutes', 5, 1440, 'minutesRange', ROOM_DEFAULTS.min_minutes);
  const maxMinutes = int('max_minutes', 5, 1440, 'minutesRange', ROOM_DEFAULTS.max_minutes);
  if (minMinutes > maxMinutes) err('max_minutes', 'maxBelowMin');
  const maxDaysAhead = int('max_days_ahead', 0, 730, 'daysAheadRange', ROOM_DEFAULTS.max_days_ahead);
  const approval = text(raw.approval_required).toLowerCase();
  if (!TRUE.has(approval) && !FALSE.has(approval)) err('approval_required', 'booleanValue');
  const approverGroup = text(raw.approver_group) || null;
  if (approverGroup !== null && !refs.groups.has(approverGroup))
    err('approver_group', 'unknownGroup', { value: approverGroup });
  const bufferMinutes = int('buffer_minutes', 0, 240, 'bufferRange', ROOM_DEFAULTS.buffer_minutes);
  const checkinText =
    raw.checkin_window_minutes === undefined ? ROOM_DEFAULTS.checkin_window_minutes : text(raw.checkin_window_minutes);
  const checkinWindowMinutes =
    checkinText === '' ? null : int('checkin_window_minutes', 1, 240, 'checkinRange', checkinText);
  if (errors.length > 0) return { room: null, errors };
  return {
    room: {
      id,
      buildingId: building,
      floor,
      name,
      capacity,
      equipment,
      accessibility,
      purpose,
      allowedGroups,
      opensAt,
      closesAt,
      openWeekdays,
      minMinutes,
      maxMinutes,
      maxDaysAhead,
      approvalRequired: TRUE.has(approval),
      approverGroup,
      bufferMinutes,
      checkinWindowMinutes,
      active: true,
    },
    errors: [],
  };
}

/** A stored room as the form (and the audit log) sees it. */
export function roomValues(room: Room): RoomAuditValues {
  return {
    buildingId: room.buildingId,
    floor: room.floor,
    name: room.name,
    capacity: room.capacity,
    equipment: [...room.equipment],
    accessibility: [...room.accessibility],
    purpose: room.purpose,
    allowedGroups: [...room.allowedGroups],
    opensAt: room.rules.opensAt,
    closesAt: room.rules.closesAt,
    openWeekdays: [...room.rules.openWeekdays],
    minMinutes: room.rules.minMinutes,
    maxMinutes: room.rules.maxMinutes,
    maxDaysAhead: room.rules.maxDaysAhead,
    approvalRequired: room.rules.approvalRequired,
    approverGroup: room.rules.approverGroup,
    bufferMinutes: room.rules.bufferMinutes,
    checkinWindowMinutes: room.rules.checkinWindowMinutes,
    active: room.active,
  };
}

/** A stored room as form fields. */
export function rawOf(room: Room): RawRoom {
  return {
    id: room.id,
    building: room.buildingId,
    floor: String(room.floor),
    name: room.name,
    capacity: String(room.capacity),
    equipment: [...room.equipment],
    accessibility: [...room.accessibility],
    purpose: room.purpose,
    allowed_groups: [...room.allowedGroups],
    opens_at: room.rules.opensAt,
    closes_at: room.rules.closesAt,
    open_weekdays: room.rules.openWeekdays.map(String),
    min_minutes: String(room.rules.minMinutes),
    max_minutes: String(room.rules.maxMinutes),
    max_days_ahead: String(room.rules.maxDaysAhead),
    approval_required: room.rules.approvalRequired ? 'ja' : '',
    approver_group: room.rules.approverGroup ?? '',
    buffer_minutes: String(room.rules.bufferMinutes),
    checkin_window_minutes: room.rules.checkinWindowMinutes === null ? '' : String(room.rules.checkinWindowMinutes),
  };
}

export async function roomRefs(db: Db | Trx): Promise<RoomRefs> {
  const [buildings, groups] = await Promise.all([
    bDb(db).selectFrom('booking_buildings').select('id').execute(),
    bDb(db).selectFrom('booking_groups').select('id').execute(),
  ]);
  return { buildings: new Set(buildings.map((b) => b.id)), groups: new Set(groups.map((g) => g.id)) };
}

function columns(input: RoomInput) {
  return {
    building_id: input.buildingId,
    floor: input.floor,
    name: input.name,
    capacity: input.capacity,
    equipment: input.equipment,
    accessibility: input.accessibility,
    purpose: input.purpose as RoomPurpose,
    allowed_groups: input.allowedGroups,
    opens_at: input.opensAt,
    closes_at: input.closesAt,
    open_weekdays: input.openWeekdays,
    min_minutes: input.minMinutes,
    max_minutes: input.maxMinutes,
    max_days_ahead: input.maxDaysAhead,
    approval_required: input.approvalRequired,
    approver_group: input.approverGroup,
    buffer_minutes: input.bufferMinutes,
    checkin_window_minutes: input.checkinWindowMinutes,
  };
}

export interface AdminContext {
  actor: User;
  now: Date;
  requestId?: string | null;
}

const actorOf = (ctx: AdminContext): AuditActor => ({ kind: 'user', id: ctx.actor.id });

async function loadRoom(db: Db | Trx, id: string): Promise<Room | undefined> {
  const row = await roomsQuery(db).where('r.id', '=', id).executeTakeFirst();
  return row ? toRoom(row) : undefined;
}

/**
 * Creates a room or (`existing`) updates its rules, in the caller's transaction, audited.
 * Creating keeps nothing of an earlier room; updating keeps the door key and `active`.
 */
export async function saveRoom(
  trx: Trx,
  ctx: AdminContext,
  input: RoomInput,
  mode: 'create' | 'update',
  source: 'form' | 'import',
): Promise<'created' | 'updated' | 'unchanged'> {
  const b = bTrx(trx);
  if (mode === 'create') {
    const inserted = await b
      .insertInto('booking_rooms')
      .values({ id: input.id, ...columns(input), door_key: newDoorKey(), created_at: ctx.now, updated_at: ctx.now })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted)
      throw new AppError('VALIDATION_FAILED', 'A room with this id exists.', {
        fields: [{ field: 'id', code: 'idTaken' }],
      });
    await recordAudit(trx, {
      type: 'booking.room-created',
      actor: actorOf(ctx),
      occurredAt: ctx.now,
      subject: { type: 'booking_room', id: input.id },
      newValue: { ...withoutId(input), source },
      requestId: ctx.requestId ?? null,
    });
    return 'created';
  }
  const before = await loadRoom(trx, input.id);
  if (!before) throw new AppError('NOT_FOUND', 'There is no such room.');
  const oldValue = roomValues(before);
  const newValue: RoomAuditValues = { ...roomValues(before), ...withoutId(input), active: before.active };
  if (JSON.stringify(oldValue) === JSON.stringify(newValue)) return 'unchanged';
  await b
    .updateTable('booking_rooms')
    .set({ ...columns(input), updated_at: ctx.now })
    .where('id', '=', input.id)
    .execute();
  await recordAudit(trx, {
    type: 'booking.room-updated',
    actor: actorOf(ctx),
    occurredAt: ctx.now,
    subject: { type: 'booking_room', id: input.id },
    oldValue: { ...oldValue, source },
    newValue: { ...newValue, source },
    requestId: ctx.requestId ?? null,
  });
  return 'updated';
}

function withoutId(input: RoomInput): RoomAuditValues {
  const { id: _id, ...rest } = input;
  return rest;
}

export async function createRoom(db: Db, ctx: AdminContext, raw: RawRoom): Promise<string> {
  const { room, errors } = validateRoom(raw, await roomRefs(db));
  if (!room) throw new AppError('VALIDATION_FAILED', 'The room has errors.', { fields: errors });
  await db.transaction().execute((trx) => saveRoom(trx, ctx, room, 'create', 'form'));
  return room.id;
}

export async function updateRoom(db: Db, ctx: AdminContext, id: string, raw: RawRoom): Promise<void> {
  const { room, errors } = validateRoom({ ...raw, id }, await roomRefs(db));
  if (!room) throw new AppError('VALIDATION_FAILED', 'The room has errors.', { fields: errors });
  await db.transaction().execute((trx) => saveRoom(trx, ctx, room, 'update', 'form'));
}

/** Deactivates (no new bookings; existing ones stay) or activates a room. Idempotent. */
export async function setRoomActive(db: Db, ctx: AdminContext, id: string, active: boolean): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const updated = await bTrx(trx)
      .updateTable('booking_rooms')
      .set({ active, updated_at: ctx.now })
      .where('id', '=', id)
      .where('active', '=', !active)
      .returning('id')
      .executeTakeFirst();
    if (!updated) {
      if (!(await loadRoom(trx, id))) throw new AppError('NOT_FOUND', 'There is no such room.');
      return;
    }
    await recordAudit(trx, {
      type: 'booking.room-activation',
      actor: actorOf(ctx),
      occurredAt: ctx.now,
      subject: { type: 'booking_room', id },
      oldValue: { active: !active },
      newValue: { active },
      requestId: ctx.requestId ?? null,
    });
  });
}

/** A new door key: the old door URL and QR code stop working at once. */
export async function rotateDoorKey(db: Db, ctx: AdminContext, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const updated = await bTrx(trx)
      .updateTable('booking_rooms')
      .set({ door_key: newDoorKey(), updated_at: ctx.now })
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new AppError('NOT_FOUND', 'There is no such room.');
    await recordAudit(trx, {
      type: 'booking.door-key-rotated',
      actor: actorOf(ctx),
      occurredAt: ctx.now,
      subject: { type: 'booking_room', id },
      newValue: { rotated: true },
      requestId: ctx.requestId ?? null,
    });
  });
}

export async function doorKeyOf(db: Db | Trx, id: string): Promise<string | undefined> {
  return (await bDb(db).selectFrom('booking_rooms').select('door_key').where('id', '=', id).executeTakeFirst())
    ?.door_key;
}

export async function adminRoom(db: Db | Trx, id: string): Promise<Room> {
  const room = await loadRoom(db, id);
  if (!room) throw new AppError('NOT_FOUND', 'There is no such room.');
  return room;
}

export interface AdminOverview {
  buildings: { id: string; name: string; address: string; rooms: Room[] }[];
  groups: { id: string; name: string }[];
}

export async function adminOverview(db: Db | Trx): Promise<AdminOverview> {
  const [buildings, rooms, groups] = await Promise.all([
    bDb(db).selectFrom('booking_buildings').select(['id', 'name', 'address']).orderBy('name').orderBy('id').execute(),
    roomsQuery(db).orderBy('r.floor').orderBy('r.name').orderBy('r.id').execute(),
    bDb(db).selectFrom('booking_groups').select(['id', 'name']).orderBy('name').execute(),
  ]);
  const all = rooms.map(toRoom);
  return { buildings: buildings.map((b) => ({ ...b, rooms: all.filter((r) => r.buildingId === b.id) })), groups };
}

// ---- Buildings and groups ---------------------------------------------------------------------

export async function createBuilding(
  db: Db,
  ctx: AdminContext,
  raw: { id: string; name: string; address: string },
): Promise<void> {
  const errors: FieldError[] = [];
  const id = raw.id.trim().toLowerCase();
  if (!ID.test(id)) errors.push({ field: 'id', code: 'idFormat' });
  if (raw.name.trim().length < 1 || raw.name.trim().length > 200) errors.push({ field: 'name', code: 'nameRequired' });
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'The building has errors.', { fields: errors });
  await db.transaction().execute(async (trx) => {
    const inserted = await bTrx(trx)
      .insertInto('booking_buildings')
      .values({ id, name: raw.name.trim(), address: raw.address.trim().slice(0, 300) })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted)
      throw new AppError('VALIDATION_FAILED', 'A building with this id exists.', {
        fields: [{ field: 'id', code: 'idTaken' }],
      });
    await recordAudit(trx, {
      type: 'booking.building-created',
      actor: actorOf(ctx),
      occurredAt: ctx.now,
      subject: { type: 'booking_building', id },
      newValue: { name: raw.name.trim() },
      requestId: ctx.requestId ?? null,
    });
  });
}

export interface GroupWithMembers {
  id: string;
  name: string;
  members: { userId: string; username: string; displayName: string }[];
}

export async function listGroups(db: Db | Trx): Promise<GroupWithMembers[]> {
  const b = bDb(db);
  const [groups, members] = await Promise.all([
    b.selectFrom('booking_groups').select(['id', 'name']).orderBy('name').execute(),
    b
      .selectFrom('booking_group_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.group_id', 'u.id', 'u.username', 'u.display_name'])
      .orderBy('u.display_name')
      .execute(),
  ]);
  return groups.map((g) => ({
    ...g,
    members: members
      .filter((m) => m.group_id === g.id)
      .map((m) => ({ userId: m.id, username: m.username ?? '', displayName: m.display_name })),
  }));
}

export async function createGroup(db: Db, ctx: AdminContext, raw: { id: string; name: string }): Promise<void> {
  const errors: FieldError[] = [];
  const id = raw.id.trim().toLowerCase();
  if (!ID.test(id)) errors.push({ field: 'id', code: 'idFormat' });
  if (raw.name.trim().length < 1 || raw.name.trim().length > 200) errors.push({ field: 'name', code: 'nameRequired' });
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'The group has errors.', { fields: errors });
  await db.transaction().execute(async (trx) => {
    const inserted = await bTrx(trx)
      .insertInto('booking_groups')
      .values({ id, name: raw.name.trim() })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted)
      throw new AppError('VALIDATION_FAILED', 'A group with this id exists.', {
        fields: [{ field: 'id', code: 'idTaken' }],
      });
    await recordAudit(trx, {
      type: 'booking.group-created',
      actor: actorOf(ctx),
      occurredAt: ctx.now,
      subject: { type: 'booking_group', id },
      newValue: { name: raw.name.trim() },
      requestId: ctx.requestId ?? null,
    });
  });
}

/** Adds a member of staff (by username) to a group. Already a member: nothing happens. */
export async function addGroupMember(db: Db, ctx: AdminContext, groupId: string, username: string): Promise<void> {
  const group = await bDb(db).selectFrom('booking_groups').select('id').where('id', '=', groupId).executeTakeFirst();
  if (!group) throw new AppError('NOT_FOUND', 'There is no such group.');
  const user = await db
    .selectFrom('users')
    .select(['id'])
    .where(sql<boolean>`lower(username) = ${username.trim().toLowerCase()}`)
    .where('kind', '=', 'staff')
    .executeTakeFirst();
  if (!user)
    throw new AppError('VALIDATION_FAILED', 'No member of staff has that username.', {
      fields: [{ field: 'username', code: 'unknownUser' }],
    });
  await db.transaction().execute(async (trx) => {
    const inserted = await bTrx(trx)
      .insertInto('booking_group_members')
      .values({ group_id: groupId, user_id: user.id })
      .onConflict((oc) => oc.columns(['group_id', 'user_id']).doNothing())
      .returning('user_id')
      .executeTakeFirst();
    if (!inserted) return;
    await recordAudit(trx, {
      type: 'booking.group-member-added',
      actor: actorOf(ctx),
      occurredAt: ctx.now,
      subject: { type: 'booking_group', id: groupId },
      newValue: { userId: user.id },
      requestId: ctx.requestId ?? null,
    });
  });
}

/** Removes a member from a group. Not a member (a second click): nothing happens. */
export async function removeGroupMember(db: Db, ctx: AdminContext, groupId: string, userId: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) throw new AppError('NOT_FOUND', 'There is no such member.');
  await db.transaction().execute(async (trx) => {
    const deleted = await bTrx(trx)
      .deleteFrom('booking_group_members')
      .where('group_id', '=', groupId)
      .where('user_id', '=', userId)
      .returning('user_id')
      .executeTakeFirst();
    if (!deleted) return;
    await recordAudit(trx, {
      type: 'booking.group-member-removed',
      actor: actorOf(ctx),
      occurredAt: ctx.now,
      subject: { type: 'booking_group', id: groupId },
      oldValue: { userId },
      requestId: ctx.requestId ?? null,
    });
  });
}
