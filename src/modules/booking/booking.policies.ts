import { ADMIN } from '../../platform/auth/roles.ts';

/**
 * Who may act on a booking, as the routes declare it (`config.owner`) for the harnesses: its
 * booker and administrators (and the room's approvers, which the services check). Shared by the
 * booking pages, the door's check-in and the API.
 */
export const BOOKING_OWNER = { fixture: 'booking.booking', othersMay: ADMIN } as const;
