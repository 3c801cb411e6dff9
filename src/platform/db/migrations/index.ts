import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-platform.ts';
import * as m0002 from './0002-audit-append-only.ts';
import * as m0003 from './0003-e-services.ts';
import * as m0004 from './0004-sfi-enrolment.ts';
import * as m0005 from './0005-booking.ts';
import * as m0006 from './0006-booking-busy-index.ts';
import * as m0007 from './0007-booking-feed-idempotency.ts';

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001-platform': m0001,
  '0002-audit-append-only': m0002,
  '0003-e-services': m0003,
  '0004-sfi-enrolment': m0004,
  '0005-booking': m0005,
  '0006-booking-busy-index': m0006,
  '0007-booking-feed-idempotency': m0007,
};
