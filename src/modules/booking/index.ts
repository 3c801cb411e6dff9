// Meeting-room booking's public surface. Other modules import from here only.
export type { BookingTables } from './booking.table.ts';
export type { Alternatives, Booking, BusySlot, Room, RoomRules } from './booking.schema.ts';
export { bookingRoutes, type BookingRoutesOptions } from './booking.routes.ts';
export { bookingNav } from './booking.nav.ts';
export { seedBookingDemo } from './demo-rooms.ts';
export { bookingJobs } from './release.job.ts';
