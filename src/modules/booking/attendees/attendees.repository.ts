import { sql } from 'kysely';
import type { Db, Trx } from '../../../platform/db/database.ts';
import { bDb } from '../booking.table.ts';

/** Someone invited: a colleague (userId) or an outside guest (email only). */
export interface Invitee {
  userId: string | null;
  /** The guest's address; a colleague's address when resolved (null for a colleague read back from storage). */
  email: string | null;
  name: string;
}

/** An invitee as a notification reaches them: the address may be missing (a colleague without e-mail). */
export interface InviteeRecipient extends Invitee {
  locale: 'sv' | 'en';
}

/** Queries of booking_invitees (migration 0016) and the staff an invitation may name. */

export interface StaffMatch {
  id: string;
  displayName: string;
  email: string | null;
}

/** Staff whose display name (case-insensitive) or e-mail address is one of these. */
export async function findStaffByNamesOrEmails(
  db: Db | Trx,
  names: readonly string[],
  emails: readonly string[],
): Promise<StaffMatch[]> {
  if (names.length === 0 && emails.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'email'])
    .where('kind', '=', 'staff')
    .where((eb) =>
      eb.or([
        ...(names.length > 0
          ? [
              eb(
                sql<string>`lower(display_name)`,
                'in',
                names.map((n) => n.toLowerCase()),
              ),
            ]
          : []),
        ...(emails.length > 0
          ? [
              eb(
                sql<string>`lower(email)`,
                'in',
                emails.map((e) => e.toLowerCase()),
              ),
            ]
          : []),
      ]),
    )
    .execute();
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, email: r.email }));
}

/** The invitees of bookings, colleagues (with their current name and address) by name, then guests. */
export async function listInviteeRecipientsByBookingIds(
  db: Db | Trx,
  bookingIds: readonly string[],
): Promise<Map<string, InviteeRecipient[]>> {
  const byBooking = new Map<string, InviteeRecipient[]>(bookingIds.map((id) => [id, []]));
  if (bookingIds.length === 0) return byBooking;
  const rows = await bDb(db)
    .selectFrom('booking_invitees as i')
    .leftJoin('users as u', 'u.id', 'i.user_id')
    .select([
      'i.booking_id',
      'i.user_id',
      'i.email',
      'i.display_name',
      'u.display_name as user_name',
      'u.email as user_email',
      'u.locale',
    ])
    .where('i.booking_id', 'in', bookingIds)
    .orderBy(sql`i.user_id is null`)
    .orderBy(sql`lower(coalesce(u.display_name, i.display_name))`)
    .orderBy('i.id')
    .execute();
  for (const row of rows) {
    byBooking.get(row.booking_id)!.push({
      userId: row.user_id,
      email: row.user_id ? (row.user_email ?? null) : row.email,
      name: row.user_name ?? row.display_name,
      locale: row.locale === 'en' ? 'en' : 'sv',
    });
  }
  return byBooking;
}

/** Is the user invited to the booking? */
export async function isInvited(db: Db | Trx, bookingId: string, userId: string): Promise<boolean> {
  const row = await bDb(db)
    .selectFrom('booking_invitees')
    .select('id')
    .where('booking_id', '=', bookingId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export const inviteeKey = (i: Pick<Invitee, 'userId' | 'email'>) => i.userId ?? `mailto:${i.email}`;

/**
 * Makes the booking's invitees exactly `invitees`: the missing are added, the others removed.
 * Returns those removed (they get a cancellation) and those added.
 */
export async function replaceInvitees(
  trx: Trx,
  bookingId: string,
  invitees: readonly Invitee[],
): Promise<{ added: Invitee[]; removed: Invitee[] }> {
  const b = bDb(trx);
  const current = await b
    .selectFrom('booking_invitees')
    .select(['id', 'user_id', 'email', 'display_name'])
    .where('booking_id', '=', bookingId)
    .execute();
  const wanted = new Set(invitees.map(inviteeKey));
  const held = new Set(current.map((r) => inviteeKey({ userId: r.user_id, email: r.email })));
  const removedRows = current.filter((r) => !wanted.has(inviteeKey({ userId: r.user_id, email: r.email })));
  const added = invitees.filter((i) => !held.has(inviteeKey(i)));
  if (removedRows.length > 0)
    await b
      .deleteFrom('booking_invitees')
      .where(
        'id',
        'in',
        removedRows.map((r) => r.id),
      )
      .execute();
  if (added.length > 0)
    await b
      .insertInto('booking_invitees')
      .values(
        added.map((i) => ({
          booking_id: bookingId,
          user_id: i.userId,
          email: i.userId ? null : i.email,
          display_name: i.name,
        })),
      )
      .execute();
  return {
    added,
    removed: removedRows.map((r) => ({ userId: r.user_id, email: r.email, name: r.display_name })),
  };
}
