import type { Module } from '../../platform/module.ts';
import { bookingNav } from './booking.nav.ts';
import { bookingRoutes } from './booking.routes.ts';
import { seedDemoPastBookings } from './demo-past-bookings.ts';
import { seedBookingDemo } from './demo-rooms.ts';
import * as m0005 from './migrations/0005-booking.ts';
import * as m0006 from './migrations/0006-booking-busy-index.ts';
import * as m0007 from './migrations/0007-booking-feed-idempotency.ts';
import * as m0016 from './migrations/0016-booking-invitees.ts';
import { bookingJobs } from './door/release.job.ts';

/** Meeting-room booking: finder, bookings and series, door pages, calendars, insight, rooms, the API. */
export const bookingModule: Module = {
  name: 'booking',
  migrations: {
    '0005-booking': m0005,
    '0006-booking-busy-index': m0006,
    '0007-booking-feed-idempotency': m0007,
    '0016-booking-invitees': m0016,
  },
  setup: ({ config, db, clock, notifier }) => ({
    routes: (app) => bookingRoutes(app, { config, db, clock, notifier }),
    nav: bookingNav,
    jobs: bookingJobs({ config, notifier, clock }), // auto-release of bookings nobody checked in to
  }),
  seed: (db) => seedBookingDemo(db),
  // Past bookings only for a demo someone looks at (npm start), not under tests: their figures are their own.
  seedHistory: async (db, config) => {
    if (config.NODE_ENV !== 'test') await seedDemoPastBookings(db, new Date());
  },
};
