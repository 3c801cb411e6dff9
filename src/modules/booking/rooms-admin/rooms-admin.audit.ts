/**
 * Room administration's audit events (see platform/audit/audit.service.ts). Values hold ids,
 * codes and rules only; a door key never goes into the log (only that it was rotated).
 */
export interface RoomAuditValues {
  buildingId: string;
  floor: number;
  name: string;
  capacity: number;
  equipment: string[];
  accessibility: string[];
  purpose: string;
  allowedGroups: string[];
  opensAt: string;
  closesAt: string;
  openWeekdays: number[];
  minMinutes: number;
  maxMinutes: number;
  maxDaysAhead: number;
  approvalRequired: boolean;
  approverGroup: string | null;
  bufferMinutes: number;
  checkinWindowMinutes: number | null;
  active: boolean;
}

declare module '../../../platform/audit/audit.service.ts' {
  interface AuditEventTypes {
    /** A room was created (form or CSV import) with these rules. */
    'booking.room-created': { subject: 'booking_room'; values: RoomAuditValues & { source: 'form' | 'import' } };
    /** A room's rules changed (form or CSV import): old and new. */
    'booking.room-updated': { subject: 'booking_room'; values: RoomAuditValues & { source: 'form' | 'import' } };
    /** A room was deactivated or activated again. */
    'booking.room-activation': { subject: 'booking_room'; values: { active: boolean } };
    /** A room's door key was replaced: the old door page URL and QR code stop working. */
    'booking.door-key-rotated': { subject: 'booking_room'; values: { rotated: true } };
    /** A building was added. */
    'booking.building-created': { subject: 'booking_building'; values: { name: string } };
    /** A booking group was added. */
    'booking.group-created': { subject: 'booking_group'; values: { name: string } };
    /** A member of staff was added to or removed from a booking group (by user id). */
    'booking.group-member-added': { subject: 'booking_group'; values: { userId: string } };
    'booking.group-member-removed': { subject: 'booking_group'; values: { userId: string } };
  }
}
export {};
