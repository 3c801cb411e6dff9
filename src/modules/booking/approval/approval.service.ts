import { sql } from 'kysely';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { hasRole, type User } from '../../../platform/auth/roles.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/http/errors.ts';
import './approval.audit.ts';
import type { Booking, Room } from '../booking.schema.ts';
import { getBooking, type BookingDeps, type BookingWithRoom } from '../booking.service.ts';
import { toBooking } from '../booking.repository.ts';
import { bDb, bTrx } from '../booking.table.ts';
import { findRoom, groupsOf } from '../room.repository.ts';

/**
 * The approval flow. A booking of a room with `approval_required` is created `pending` (it holds
 * the slot: the exclusion constraint covers pending rows); the room's approvers — members of its
 * approver group, or administrators when it has none (administrators may decide any) — approve
 * it (→ confirmed) or reject it (→ rejected, the slot is free again), with an optional reason for
 * the booker. Each decision is one conditional update (`where status = 'pending'`), audited and
 * announced through `deps.onChange` in the same transaction; deciding again the same way is a
 * no-op (a double click), the other way a conflict.
 */

export const REASON_MAX = 500;

export type Decision = 'approve' | 'reject';

/** May `user` decide bookings of `room`? */
export async function isApprover(db: Db, user: User, room: Pick<Room, 'rules'>): Promise<boolean> {
  if (user.kind !== 'staff') return false;
  if (hasRole(user, 'admin')) return true;
  return room.rules.approverGroup !== null && (await groupsOf(db, user.id)).includes(room.rules.approverGroup);
}

export interface PendingBooking {
  id: string;
  roomId: string;
  roomName: string;
  buildingName: string;
  startsAt: Date;
  endsAt: Date;
  /** null for a private room (client meetings): approvers see that it is booked, not what for. */
  title: string | null;
  attendees: number;
  bookerName: string;
  requestedAt: Date;
  /** Starts before now: approving it no longer makes sense, rejecting frees nothing. */
  past: boolean;
}

/** Pending bookings of the rooms `user` approves, oldest request first. */
export async function listPendingForApprover(db: Db, user: User, now: Date, limit = 200): Promise<PendingBooking[]> {
  if (user.kind !== 'staff') return [];
  let query = bDb(db)
    .selectFrom('bookings as bk')
    .innerJoin('booking_rooms as r', 'r.id', 'bk.room_id')
    .innerJoin('booking_buildings as b', 'b.id', 'r.building_id')
    .innerJoin('users as u', 'u.id', 'bk.booker_id')
    .where('bk.status', '=', 'pending');
  if (!hasRole(user, 'admin')) {
    query = query.where(
      sql<boolean>`r.approver_group in (select m.group_id from booking_group_members m where m.user_id = ${user.id})`,
    );
  }
  const rows = await query
    .select([
      'bk.id',
      'bk.room_id',
      'bk.starts_at',
      'bk.ends_at',
      'bk.title',
      'bk.attendees',
      'bk.created_at',
      'bk.booker_id',
      'r.name as room_name',
      'r.purpose',
      'b.name as building_name',
      'u.display_name',
    ])
    .orderBy('bk.created_at')
    .orderBy('bk.starts_at')
    .orderBy('bk.id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    roomId: row.room_id,
    roomName: row.room_name,
    buildingName: row.building_name,
    startsAt: new Date(row.starts_at),
    endsAt: new Date(row.ends_at),
    title: row.purpose === 'client-meeting' && row.booker_id !== user.id ? null : row.title,
    attendees: row.attendees,
    bookerName: row.display_name,
    requestedAt: new Date(row.created_at),
    past: new Date(row.starts_at).getTime() < now.getTime(),
  }));
}

export interface DecisionRequest {
  decision: Decision;
  /** Optional, for the booker (e-mail); never stored in the audit log. */
  reason?: string | undefined;
  requestId?: string | null;
}

/**
 * Approves or rejects a pending booking. Someone who may not decide it gets 404 (ids are not a
 * way to probe); a decision already taken the same way returns the booking unchanged; the
 * opposite decision, or a booking cancelled meanwhile, is a 409 `alreadyDecided`/`notActive`.
 */
export async function decideBooking(
  deps: BookingDeps,
  user: User,
  bookingId: string,
  request: DecisionRequest,
): Promise<BookingWithRoom> {
  const { db, clock } = deps;
  const reason = request.reason?.trim() || null;
  if (reason !== null && reason.length > REASON_MAX) {
    throw new AppError('VALIDATION_FAILED', 'The reason is too long.', {
      fields: [{ field: 'reason', code: 'tooLong', params: { max: REASON_MAX } }],
    });
  }
  const booking = await getBooking(db, bookingId);
  const room = booking && (await findRoom(db, booking.roomId));
  if (!booking || !room || !(await isApprover(db, user, room)))
    throw new AppError('NOT_FOUND', 'There is no such booking.');
  const target = request.decision === 'approve' ? 'confirmed' : 'rejected';

  const settled = (current: Booking): Booking => {
    // Approving a confirmed booking again, rejecting a rejected one again: a repeated submission.
    if (current.status === target && current.decidedAt !== null) return current;
    if (current.status === 'confirmed' || current.status === 'rejected') {
      throw new AppError('CONFLICT', 'The booking was already decided.', {
        fields: [{ field: 'decision', code: 'alreadyDecided' }],
      });
    }
    throw new AppError('CONFLICT', 'The booking is no longer active.', {
      fields: [{ field: 'decision', code: 'notActive' }],
    });
  };
  if (booking.status !== 'pending') return { ...settled(booking), room };

  const decided = await db.transaction().execute(async (trx) => {
    const now = clock();
    const row = await bTrx(trx)
      .updateTable('bookings')
      .set({
        status: target,
        decided_by: user.id,
        decided_at: now,
        updated_at: now,
        ...(target === 'rejected' ? { ended_at: now } : {}),
        sequence: sql<number>`sequence + 1`,
      })
      .where('id', '=', booking.id)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    if (!row) return null; // decided or cancelled meanwhile
    const updated = toBooking(row);
    const actor = { kind: 'user' as const, id: user.id };
    const subject = { type: 'booking' as const, id: booking.id };
    if (target === 'confirmed') {
      await recordAudit(trx, {
        type: 'booking.approved',
        actor,
        occurredAt: now,
        subject,
        oldValue: { roomId: room.id, status: 'pending' },
        newValue: { roomId: room.id, status: 'confirmed' },
        requestId: request.requestId ?? null,
      });
    } else {
      await recordAudit(trx, {
        type: 'booking.rejected',
        actor,
        occurredAt: now,
        subject,
        oldValue: { roomId: room.id, status: 'pending' },
        newValue: { roomId: room.id, status: 'rejected', withReason: reason !== null },
        requestId: request.requestId ?? null,
      });
    }
    await deps.onChange?.(trx, {
      kind: request.decision === 'approve' ? 'approved' : 'rejected',
      booking: updated,
      previous: booking,
      room,
      actorId: user.id,
      reason,
    });
    return updated;
  });
  return { ...(decided ?? settled((await getBooking(db, booking.id))!)), room };
}

/** Does `user` approve any room (an administrator, or a member of some room's approver group)? */
export async function approvesAnyRoom(db: Db, user: User): Promise<boolean> {
  if (user.kind !== 'staff') return false;
  if (hasRole(user, 'admin')) return true;
  const row = await bDb(db)
    .selectFrom('booking_rooms as r')
    .select('r.id')
    .where(
      sql<boolean>`r.approver_group in (select m.group_id from booking_group_members m where m.user_id = ${user.id})`,
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
