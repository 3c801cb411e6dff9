import { z } from 'zod';
import { isLocalDate, LOCAL_TIME } from './local-time.ts';
import type { BookingSource, BookingStatus, RoomPurpose } from './booking.table.ts';

/** The booking module's vocabulary and domain types. Views and APIs speak these, never rows. */

export const EQUIPMENT = ['screen', 'video-conference', 'whiteboard', 'projector', 'speakerphone'] as const;
export type Equipment = (typeof EQUIPMENT)[number];

export const ACCESSIBILITY = ['wheelchair', 'hearing-loop', 'step-free', 'accessible-toilet'] as const;
export type Accessibility = (typeof ACCESSIBILITY)[number];

export const PURPOSES = ['meeting', 'client-meeting', 'training', 'quiet'] as const satisfies readonly RoomPurpose[];
export const BOOKING_STATUSES = [
  'pending',
  'confirmed',
  'cancelled',
  'released',
  'rejected',
] as const satisfies readonly BookingStatus[];

/** Bookable durations are whole minutes on a five-minute grid; starts too. */
export const GRID_MINUTES = 5;
/** Nothing can be booked longer than this, whatever a room allows (the "30-day booking"). */
export const MAX_BOOKING_MINUTES = 24 * 60;

export interface RoomRules {
  opensAt: string; // HH:MM, Stockholm
  closesAt: string;
  openWeekdays: number[]; // ISO 1–7
  minMinutes: number;
  maxMinutes: number;
  maxDaysAhead: number;
  approvalRequired: boolean;
  approverGroup: string | null;
  bufferMinutes: number;
  /** null: no check-in needed, the booking is never released. */
  checkinWindowMinutes: number | null;
}

export interface Room {
  id: string;
  buildingId: string;
  buildingName: string;
  floor: number;
  name: string;
  capacity: number;
  equipment: Equipment[];
  accessibility: Accessibility[];
  purpose: RoomPurpose;
  /** Client-meeting rooms: others see only "Booked", never a title. */
  isPrivate: boolean;
  /** Empty: every member of staff may book; otherwise members of one of these groups. */
  allowedGroups: string[];
  rules: RoomRules;
  active: boolean;
}

export interface Booking {
  id: string;
  roomId: string;
  bookerId: string;
  seriesId: string | null;
  title: string;
  attendees: number;
  status: BookingStatus;
  startsAt: Date;
  endsAt: Date;
  /** endsAt + the room's buffer: the room is held until then. */
  blockedUntil: Date;
  occurrenceStart: Date | null;
  icalUid: string;
  sequence: number;
  source: BookingSource;
  checkedInAt: Date | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  cancelledBy: string | null;
  endedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** An https link to a Teams meeting (teams.microsoft.com or teams.live.com), if any. */
  teamsUrl: string | null;
}

/** A slot as someone who is not the booker sees it: no title for private rooms. */
export interface BusySlot {
  bookingId: string;
  startsAt: Date;
  endsAt: Date;
  blockedUntil: Date;
  status: 'pending' | 'confirmed';
  /** null when the viewer may not see it (private room, not theirs). */
  title: string | null;
  mine: boolean;
  checkedIn: boolean;
}

/** Alternatives offered when a slot is taken or nothing fits. */
export interface Alternatives {
  /** The same room at the nearest free times (same duration), earliest first. */
  sameRoom: { startsAt: Date; endsAt: Date }[];
  /** Other rooms that fit the need at the same time, best fit first. */
  otherRooms: { roomId: string; name: string; buildingName: string; capacity: number }[];
}

/** A request for a single booking; times are instants (forms convert local date + time first). */
export const bookingRequestSchema = z.object({
  roomId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  startsAt: z.date(),
  endsAt: z.date(),
  title: z.string().trim().min(1).max(200),
  attendees: z.number().int().min(1).max(1000),
  idempotencyKey: z.string().min(8).max(100).optional(),
  /** Colleagues by name or e-mail, guests by e-mail, as typed (attendees/attendees.service.ts resolves them). */
  invitees: z.array(z.string().max(320)).max(200).optional(),
  /** A Teams meeting link; checked by the service (validTeamsUrl). */
  teamsUrl: z.string().max(2000).optional(),
});
export type BookingRequest = z.infer<typeof bookingRequestSchema>;

/** Form/API fields for a local date and time: a real calendar day, `HH:MM`. */
export const localDateField = z.string().refine(isLocalDate, { message: 'invalid-date' });
export const localTimeField = z.string().regex(LOCAL_TIME, { message: 'invalid-time' });

export type { BookingSource, BookingStatus, RoomPurpose };
