import { ADMIN } from '../../platform/auth/roles.ts';
import { allOf, anyOf, definePolicy, withRole, type Rule } from '../../platform/auth/policy.ts';
import type { Room } from './booking.schema.ts';

/**
 * Who may act on a booking, as the routes declare it (`config.owner`) for the harnesses: its
 * booker and administrators (and the room's approvers, which the services check). Shared by the
 * booking pages, the door's check-in and the API.
 */
export const BOOKING_OWNER = { fixture: 'booking.booking', othersMay: ADMIN } as const;

/** A room as one user meets it: the room and the booking groups the user is a member of. */
export interface RoomForUser {
  room: Room;
  groups: readonly string[];
}

const isStaff: Rule<RoomForUser> = (user) => user.kind === 'staff';
/** A room open to everyone, or to a group the user is in. */
const inAllowedGroup: Rule<RoomForUser> = (_user, { room, groups }) =>
  room.allowedGroups.length === 0 || room.allowedGroups.some((group) => groups.includes(group));

/**
 * Rooms: only staff book them; administrators any room, others a room open to all or to one of
 * their groups. Checked by the services where the room and the user's groups are loaded.
 */
export const roomPolicy = definePolicy<RoomForUser, 'book'>('booking.room', {
  book: allOf(isStaff, anyOf(withRole('admin'), inAllowedGroup)),
});
