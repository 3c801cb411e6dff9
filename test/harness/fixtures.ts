import type { FastifyInstance } from 'fastify';
import type { User } from '../../src/platform/auth/roles.ts';
import type { Config } from '../../src/platform/config/config.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { randomBytes } from 'node:crypto';
import { uploadEvidence } from '../../src/modules/e-services/applicant.service.ts';
import { ensureTestService, submitFor } from '../../src/modules/e-services/e-services.fixtures.ts';
import { bookingSeriesFixture } from '../../src/modules/booking/series/series.fixtures.ts';
import { bookingFeedFixture } from '../../src/modules/booking/feeds/feeds.fixtures.ts';
import { bookingFixture } from '../../src/modules/booking/booking.fixtures.ts';
import { insightViewerFixture } from '../../src/modules/booking/insight/insight.fixtures.ts';
import { pendingBookingFixture } from '../../src/modules/booking/approval/approval.fixtures.ts';

/**
 * Owner fixtures: for routes that act on one person's object, a function that CREATES such an
 * object owned by a given user in the test database and says how to address it. A route names
 * its fixture in `config.owner.fixture`; the permission matrix creates the object for amina and
 * calls the route as everybody else, the bad-input fuzzer creates one for the caller.
 *
 * To cover a new kind of object: add an entry here (usually a few lines over the module's own
 * test fixtures) and name it in the routes' `config.owner`. The contract test fails when a route
 * names a fixture that is not here.
 */
export interface FixtureContext {
  db: Db;
  app: FastifyInstance;
  config: Config;
  now: Date;
}

export interface FixtureObject {
  /** Values for the route's URL parameters (e.g. `{ id }`). */
  params?: Record<string, string>;
  /** Query parameters the route needs to find the object, if any. */
  query?: Record<string, string>;
  /** Body fields the route needs to act on the object (merged over the route's example body). */
  body?: Record<string, unknown>;
  /**
   * Strings that identify the owner's object and must never reach anyone who may not see it
   * (case number, answers written for the fixture, the owner's identity number).
   */
  secrets: string[];
  /**
   * Strings only the owner may see, even callers the route lets open the object (a private
   * room's booking title: administrators see "Bokat"). Checked for every caller but the owner.
   */
  ownerOnly?: string[];
}

export type Fixture = (ctx: FixtureContext, owner: User) => Promise<FixtureObject>;

export const FIXTURES: Readonly<Record<string, Fixture>> = {
  /** A submitted e-service case with the owner as applicant (e-ID path). */
  'e-services.case': async ({ db, now }, owner) => submittedCase(db, owner, now),

  /** A submitted case with one piece of evidence (a small PDF whose text is a secret) uploaded by the owner. */
  'e-services.case-document': async ({ db, now }, owner) => {
    const object = await submittedCase(db, owner, now);
    const marker = `harness-evidence-${randomBytes(6).toString('hex')}`;
    const content = new TextEncoder().encode(`%PDF-1.4\n% ${marker}\n%%EOF\n`);
    const document = await uploadEvidence(db, {
      userId: owner.id,
      caseId: object.params!.id!,
      filename: `${marker}.pdf`,
      content,
      maxBytes: 1_000_000,
      now,
    });
    return { ...object, params: { ...object.params, documentId: document.id }, secrets: [...object.secrets, marker] };
  },

  /** A recurring series of two meetings booked by the owner (the title is the secret). */
  'booking.series': async ({ db }, owner) => bookingSeriesFixture(db, owner.id),

  /** A calendar feed link of the owner's. */
  'booking.feed': async ({ db }, owner) => bookingFeedFixture(db, owner.id),

  /** A confirmed room booking with the owner as booker (its title is a secret). */
  'booking.booking': async ({ db }, owner) => bookingFixture(db, owner),

  /** Membership of the facilities group, which opens the insight pages (administrators may too). */
  'booking.insight': async ({ db }, owner) => insightViewerFixture(db, owner),
  /** A pending booking (awaiting approval) of the demo approval room with the owner as booker (its title is a secret). */
  'booking.pending': async ({ db }, owner) => pendingBookingFixture(db, owner),
};

async function submittedCase(db: Db, owner: User, now: Date): Promise<FixtureObject> {
  await ensureTestService(db);
  const submitted = await submitFor(db, owner, now);
  return {
    params: { id: submitted.id, caseId: submitted.id },
    secrets: [
      submitted.id,
      ...(submitted.caseNumber ? [submitted.caseNumber] : []),
      ...(owner.personalNumber ? [owner.personalNumber] : []),
    ],
  };
}

/** The fixture a route names (from `extra`, then the registry), or a clear error naming the route. */
export function fixtureFor(route: string, name: string, extra: Readonly<Record<string, Fixture>> = {}): Fixture {
  const fixture = extra[name] ?? FIXTURES[name];
  if (!fixture) throw new Error(`${route}: config.owner.fixture "${name}" is not in test/harness/fixtures.ts`);
  return fixture;
}
