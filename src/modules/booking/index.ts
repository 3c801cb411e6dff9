// Meeting-room booking's public surface. Other modules import from here only.
export type { BookingTables } from './booking.table.ts';
export type { Alternatives, Booking, BusySlot, Room, RoomRules } from './booking.schema.ts';
export { bookingModule } from './booking.module.ts';
