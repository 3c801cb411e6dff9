import type { FastifyInstance } from 'fastify';
import type { Config } from '../../platform/config/config.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Notifier } from '../../platform/mail/notifier.service.ts';
import type { BookingDeps } from './booking.service.ts';
import { createBookingNotifications } from './booking-notifications.ts';
import { bookingApiRoutes } from './api/booking.api.routes.ts';
import { approvalRoutes } from './approval/approval.routes.tsx';
import { finderRoutes } from './finder/finder.routes.tsx';
import { gridRoutes } from './grid/grid.routes.tsx';
import { seriesRoutes } from './series/series.routes.tsx';
import { feedRoutes } from './feeds/feeds.routes.tsx';
import { doorRoutes } from './door/door.routes.tsx';
import { roomsAdminRoutes } from './rooms-admin/rooms-admin.routes.tsx';
import { insightRoutes } from './insight/insight.routes.tsx';
import { navFactsHook } from './booking.nav.ts';

export interface BookingRoutesOptions {
  config: Pick<Config, 'BASE_URL' | 'MAIL_FROM'>;
  db: Db;
  clock: () => Date;
  notifier: Notifier;
}

/**
 * Meeting-room booking: the finder and day views, bookings and series, the door pages,
 * calendars, insight, room administration and the rooms/bookings API. Staff pages (sv, en).
 */
export async function bookingRoutes(app: FastifyInstance, options: BookingRoutesOptions): Promise<void> {
  const { db, clock } = options;
  // E-mail with an iCalendar invite for every change, in the change's transaction (booking-notifications.ts).
  const notifications = createBookingNotifications({
    notifier: options.notifier,
    baseUrl: options.config.BASE_URL,
    mailFrom: options.config.MAIL_FROM,
    clock,
  });
  const deps: BookingDeps = { db, clock, onChange: notifications.onChange };
  // Who approves or may see insight (group membership) for the navigation of the booking pages.
  app.addHook('preHandler', navFactsHook(db));
  await app.register(finderRoutes, { deps });
  await app.register(gridRoutes, { db, clock }); // a building's day and week
  await app.register(seriesRoutes, { deps: { ...deps, onSeriesChange: notifications.onSeriesChange } });
  await app.register(feedRoutes, { db, clock, baseUrl: options.config.BASE_URL });
  await app.register(bookingApiRoutes, { deps });
  await app.register(doorRoutes, { deps }); // door pages and check-in
  await app.register(roomsAdminRoutes, { db, clock, baseUrl: options.config.BASE_URL }); // /admin/lokaler
  await app.register(insightRoutes, { db, clock }); // /lokaler/insikt
  await app.register(approvalRoutes, { deps });
}
