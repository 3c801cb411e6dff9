import { createHash, randomBytes } from 'node:crypto';
import { isAllowed, STAFF, type Role, type User } from '../../../platform/auth/roles.ts';
import { isPgError, type Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/http/errors.ts';
import type { Booking, Room } from '../booking.schema.ts';
import { toBooking } from '../booking.repository.ts';
import { ACTIVE_STATUSES, bDb } from '../booking.table.ts';
import { bookingEvent, calendarText, seriesEvents, type CalendarEvent } from '../icalendar.ts';
import { findRoom, listActiveRooms, roomsQuery, toRoom } from '../room.repository.ts';
import { feedsTranslator } from './feeds.i18n.ts';
import { getSeriesRows } from '../series/series.service.ts';

/**
 * Private, revocable iCalendar feed URLs: one per user (their own bookings, with titles) or per
 * room (every booking; private rooms' bookings as "Bokat"). The token is the capability: it is
 * shown once when created and only its SHA-256 is stored, so a database reader cannot use a
 * feed. A revoked feed, or one whose owner is no longer staff, answers "not found".
 */

/** Bookings that ended longer ago than this are left out of feeds. */
const PAST_DAYS = 30;

/**
 * How often a subscribed calendar should fetch a feed again (REFRESH-INTERVAL, X-PUBLISHED-TTL).
 * Outlook on the web and new Outlook decide for themselves (often every few hours); classic
 * Outlook follows it. The calendar page says so.
 */
export const FEED_REFRESH_MINUTES = 15;

export interface Feed {
  id: string;
  roomId: string | null;
  roomName: string | null;
  createdAt: Date;
}

/** The rooms a feed may follow (the form's choice): the active rooms, by building and name. */
export async function listFeedRooms(db: Db): Promise<{ id: string; name: string; buildingName: string }[]> {
  return (await listActiveRooms(db)).map((r) => ({ id: r.id, name: r.name, buildingName: r.buildingName }));
}

export const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Creates a feed; returns it with its token, which is never stored and cannot be shown again.
 * With the form's idempotency key, a repeated request (a reload, a double click) makes no second
 * feed: the first one gets a new token (see rotateByKey), so exactly one working link results.
 */
export async function createFeed(
  db: Db,
  user: User,
  roomId: string | null,
  now: Date,
  idempotencyKey?: string,
): Promise<{ feed: Feed; token: string }> {
  let room: Room | undefined;
  if (roomId !== null) {
    room = await findRoom(db, roomId);
    if (!room || !room.active)
      throw new AppError('VALIDATION_FAILED', 'There is no such room.', {
        fields: [{ field: 'roomId', code: 'unknownRoom' }],
      });
  }
  const token = randomBytes(32).toString('base64url');
  if (idempotencyKey) {
    const rotated = await rotateByKey(db, user, room, idempotencyKey, token);
    if (rotated) return { feed: rotated, token };
  }
  try {
    const row = await bDb(db)
      .insertInto('booking_calendar_feeds')
      .values({
        owner_id: user.id,
        room_id: room?.id ?? null,
        token_hash: tokenHash(token),
        idempotency_key: idempotencyKey ?? null,
        created_at: now,
      })
      .returning(['id', 'room_id', 'created_at'])
      .executeTakeFirstOrThrow();
    return {
      feed: { id: row.id, roomId: row.room_id, roomName: room?.name ?? null, createdAt: new Date(row.created_at) },
      token,
    };
  } catch (error) {
    // Two submissions at once: the other one inserted the key first; this one rotates its feed.
    if (isPgError(error, '23505') && idempotencyKey) {
      const rotated = await rotateByKey(db, user, room, idempotencyKey, token);
      if (rotated) return { feed: rotated, token };
    }
    throw error;
  }
}

/**
 * The feed an earlier request with this key made, now answering only to `token` (its hash on the
 * same row: the earlier URL, shown to a response the user no longer sees, stops working), or
 * undefined when the key is new. A feed removed meanwhile works again: the user has just asked
 * for this link. The same key for another choice (back, change the room, send again) is refused.
 */
async function rotateByKey(
  db: Db,
  user: User,
  room: Room | undefined,
  key: string,
  token: string,
): Promise<Feed | undefined> {
  const b = bDb(db);
  const earlier = await b
    .selectFrom('booking_calendar_feeds')
    .select(['id', 'room_id'])
    .where('owner_id', '=', user.id)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  if (!earlier) return undefined;
  if (earlier.room_id !== (room?.id ?? null)) {
    throw new AppError('CONFLICT', 'This form was already sent for another calendar.', {
      fields: [{ field: 'roomId', code: 'keyReused' }],
    });
  }
  const row = await b
    .updateTable('booking_calendar_feeds')
    .set({ token_hash: tokenHash(token), revoked_at: null })
    .where('id', '=', earlier.id)
    .returning(['id', 'room_id', 'created_at'])
    .executeTakeFirstOrThrow();
  return { id: row.id, roomId: row.room_id, roomName: room?.name ?? null, createdAt: new Date(row.created_at) };
}

/** The user's feeds that still work. */
export async function listFeeds(db: Db, user: User): Promise<Feed[]> {
  const rows = await bDb(db)
    .selectFrom('booking_calendar_feeds as f')
    .leftJoin('booking_rooms as r', 'r.id', 'f.room_id')
    .select(['f.id', 'f.room_id', 'f.created_at', 'r.name as room_name'])
    .where('f.owner_id', '=', user.id)
    .where('f.revoked_at', 'is', null)
    .orderBy('f.created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, roomId: r.room_id, roomName: r.room_name, createdAt: new Date(r.created_at) }));
}

/** Revokes one of the user's feeds; someone else's (or an unknown id) is "not found". Revoking twice is a no-op. */
export async function revokeFeed(db: Db, user: User, feedId: string, now: Date): Promise<void> {
  const row = /^[0-9a-f-]{36}$/i.test(feedId)
    ? await bDb(db)
        .selectFrom('booking_calendar_feeds')
        .select(['id', 'revoked_at'])
        .where('id', '=', feedId)
        .where('owner_id', '=', user.id)
        .executeTakeFirst()
    : undefined;
  if (!row) throw new AppError('NOT_FOUND', 'There is no such calendar link.');
  if (row.revoked_at) return;
  await bDb(db)
    .updateTable('booking_calendar_feeds')
    .set({ revoked_at: now })
    .where('id', '=', row.id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** The feed's calendar (METHOD:PUBLISH), or undefined for an unknown or revoked token. */
export async function feedCalendar(db: Db, token: string, now: Date): Promise<string | undefined> {
  if (!FEED_TOKEN.test(token)) return undefined;
  const b = bDb(db);
  const feed = await b
    .selectFrom('booking_calendar_feeds as f')
    .innerJoin('users as u', 'u.id', 'f.owner_id')
    .select(['f.id', 'f.owner_id', 'f.room_id', 'u.kind', 'u.roles', 'u.locale'])
    .where('f.token_hash', '=', tokenHash(token))
    .where('f.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!feed) return undefined;
  // The owner must still be staff: a feed is no way around a removed role.
  if (!isAllowed(STAFF, { kind: feed.kind, roles: feed.roles as Role[] } as User)) return undefined;
  const s = feedsTranslator(feed.locale === 'en' ? 'en' : 'sv');
  const since = new Date(now.getTime() - PAST_DAYS * 86_400_000);
  let query = b
    .selectFrom('bookings')
    .selectAll()
    .where('status', 'in', ACTIVE_STATUSES)
    .where('ends_at', '>=', since)
    .orderBy('starts_at');
  query = feed.room_id ? query.where('room_id', '=', feed.room_id) : query.where('booker_id', '=', feed.owner_id);
  const bookings = (await query.limit(5000).execute()).map(toBooking);

  const roomIds = [...new Set(bookings.map((x) => x.roomId))];
  const rooms = new Map(
    roomIds.length === 0
      ? []
      : (await roomsQuery(db).where('r.id', 'in', roomIds).execute()).map((r) => [r.id, toRoom(r)] as const),
  );
  // Private rooms' titles only in the booker's own feed; a room feed says "Bokat".
  const summaryOf = (room: Room, title: string) => (feed.room_id && room.isPrivate ? s.t('feeds.privateTitle') : title);

  const events: CalendarEvent[] = [];
  const seriesIds = [...new Set(bookings.map((x) => x.seriesId).filter((id): id is string => id !== null))];
  for (const { series, bookings: all } of await getSeriesRows(db, seriesIds)) {
    const room = rooms.get(series.roomId);
    if (!room || series.cancelledAt) continue;
    events.push(...seriesEvents(series, all, room, { summary: summaryOf(room, series.title) }));
  }
  for (const booking of bookings.filter((x: Booking) => x.seriesId === null)) {
    const room = rooms.get(booking.roomId)!;
    events.push(bookingEvent(booking, room, { summary: summaryOf(room, booking.title) }));
  }
  const name = feed.room_id
    ? s.t('feeds.calendarRoom', {
        room: rooms.get(feed.room_id)?.name ?? (await findRoom(db, feed.room_id))?.name ?? '',
      })
    : s.t('feeds.calendarMine');
  return calendarText({ method: 'PUBLISH', now, events, name, refreshMinutes: FEED_REFRESH_MINUTES });
}
