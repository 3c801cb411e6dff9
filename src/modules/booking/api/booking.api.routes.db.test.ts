import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { testEngines } from '../../../../test/helpers/database.ts';
import { createApiToken } from '../../../platform/auth/tokens.ts';
import { findUserByUsername } from '../../../platform/auth/user.repository.ts';
import { bDb } from '../booking.table.ts';

/** The rooms and bookings API over HTTP with API tokens (the real app, fake clock: Saturday 2026-11-28 10:00 Stockholm). */

const MONDAY = '2026-11-30';
const stockholm = (date: string, time: string) => `${date}T${time}:00+01:00`;

describe.each(testEngines())('booking API on %s', (engine) => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let counter = 0;

  beforeAll(async () => {
    t = await createTestApp({ engine });
    for (const username of ['erik', 'sara', 'johan', 'admin', 'amina']) {
      const user = (await findUserByUsername(t.database.db, username))!;
      tokens[username] = (await createApiToken(t.database.db, user.id, 'test')).token;
    }
  });
  afterAll(async () => t.close());

  const call = (
    as: string | null,
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({
      method,
      url,
      headers: {
        ...(as ? { authorization: `Bearer ${tokens[as]}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
  const book = (as: string, body: Record<string, unknown>, key = `test-key-${++counter}-${Date.now()}`) =>
    call(as, 'POST', '/api/v1/bookings', body, { 'idempotency-key': key });
  const bookingCount = async () =>
    Number(
      (
        await bDb(t.database.db)
          .selectFrom('bookings')
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const slot = (roomId: string, from: string, to: string, extra: Record<string, unknown> = {}) => ({
    roomId,
    startsAt: stockholm(MONDAY, from),
    endsAt: stockholm(MONDAY, to),
    title: 'Planering',
    attendees: 2,
    ...extra,
  });

  it('refuses callers without a token (401) and residents (403)', async () => {
    expect((await call(null, 'GET', '/api/v1/rooms')).statusCode).toBe(401);
    const resident = await call('amina', 'GET', '/api/v1/rooms');
    expect(resident.statusCode).toBe(403);
    expect(resident.headers['content-type']).toContain('application/problem+json');
  });

  it('lists rooms with filters and pages, saying which the caller may book', async () => {
    const all = (await call('johan', 'GET', '/api/v1/rooms')).json();
    expect(all.total).toBeGreaterThanOrEqual(20);
    expect(all.items.length).toBe(Math.min(50, all.total));
    const client = all.items.find((r: { id: string }) => r.id === 'rosengard-samtal-1');
    expect(client).toMatchObject({ private: true, bookable: false, purpose: 'client-meeting' });
    expect(
      (await call('erik', 'GET', '/api/v1/rooms?building=rosengard'))
        .json()
        .items.find((r: { id: string }) => r.id === 'rosengard-samtal-1').bookable,
    ).toBe(true);

    const filtered = (
      await call('johan', 'GET', '/api/v1/rooms?building=stadshuset&people=10&equipment=video-conference,screen')
    ).json();
    expect(filtered.items.map((r: { id: string }) => r.id).sort()).toEqual([
      'stadshuset-kungsparken',
      'stadshuset-oresund',
      'stadshuset-radssalen',
    ]);
    const bookable = (await call('johan', 'GET', '/api/v1/rooms?bookable=true&purpose=client-meeting')).json();
    expect(bookable.total).toBe(0);
    const page2 = (await call('johan', 'GET', '/api/v1/rooms?page=2')).json();
    expect(page2.page).toBe(2);
    expect((await call('johan', 'GET', '/api/v1/rooms?equipment=teleporter')).statusCode).toBe(422);
  });

  it('finds fitting free rooms, best fit first, and refuses malformed searches with 422', async () => {
    const res = await call(
      'johan',
      'GET',
      `/api/v1/rooms/availability?date=${MONDAY}&start=10:00&duration=60&people=5&building=stadshuset`,
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.startsAt).toBe('2026-11-30T09:00:00.000Z');
    expect(body.rooms[0].id).toBe('stadshuset-pildammen'); // 6 seats: closest above 5
    expect(
      body.rooms.every(
        (r: { capacity: number; buildingId: string }) => r.capacity >= 5 && r.buildingId === 'stadshuset',
      ),
    ).toBe(true);
    expect(body.alternatives).toBeNull();

    for (const [query, field] of [
      [`date=2026-02-30&start=10:00&duration=60`, 'date'],
      [`date=${MONDAY}&start=25:00&duration=60`, 'start'],
      [`date=${MONDAY}&start=10:00&duration=0`, 'duration'],
      [`date=${MONDAY}&start=10:00&duration=43200`, 'duration'],
      [`date=${MONDAY}&start=10:00&duration=abc`, 'duration'],
      [`date=${MONDAY}&start=10:00&duration=60&building=atlantis`, 'building'],
      [`start=10:00&duration=60`, 'date'],
    ] as const) {
      const bad = await call('johan', 'GET', `/api/v1/rooms/availability?${query}`);
      expect(bad.statusCode, query).toBe(422);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(
        bad.json().errors.map((e: { field: string }) => e.field),
        query,
      ).toContain(field);
    }
  });

  it('books with an Idempotency-Key: 201, the same key again replays it (201, Idempotent-Replayed), a taken slot 409 with alternatives', async () => {
    const first = await book('johan', slot('stadshuset-pildammen', '09:00', '10:00'), 'pildammen-key-1');
    expect(first.statusCode).toBe(201);
    const booking = first.json();
    expect(booking).toMatchObject({
      roomId: 'stadshuset-pildammen',
      status: 'confirmed',
      startsAt: '2026-11-30T08:00:00.000Z',
      source: 'api',
      mine: true,
      title: 'Planering',
    });
    expect(first.headers.location).toBe(`/api/v1/bookings/${booking.id}`);
    expect(first.headers['cache-control']).toBe('no-store');

    const count = await bookingCount();
    const replay = await book('johan', slot('stadshuset-pildammen', '09:00', '10:00'), 'pildammen-key-1');
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(replay.json()).toEqual(booking);
    const reused = await book('johan', slot('stadshuset-pildammen', '11:00', '12:00'), 'pildammen-key-1');
    expect(reused.statusCode).toBe(409);
    expect(reused.json().errors[0].code).toBe('keyReused');

    const taken = await book('erik', slot('stadshuset-pildammen', '09:30', '10:30'));
    expect(taken.statusCode).toBe(409);
    expect(taken.headers['content-type']).toContain('application/problem+json');
    const problem = taken.json();
    expect(problem.errors[0]).toMatchObject({ field: 'startsAt', code: 'taken' });
    expect(problem.alternatives.sameRoom.length).toBeGreaterThan(0);
    for (const s of problem.alternatives.sameRoom)
      expect(new Date(s.startsAt) >= new Date(booking.endsAt) || new Date(s.endsAt) <= new Date(booking.startsAt)).toBe(
        true,
      );
    expect(problem.alternatives.otherRooms.length).toBeGreaterThan(0);
    expect(problem.alternatives.otherRooms.map((r: { roomId: string }) => r.roomId)).not.toContain(
      'stadshuset-pildammen',
    );
    expect(await bookingCount()).toBe(count);
  });

  // The unique (booker, key) makes a racing request wait for the first one's commit: it never sees
  // the first "still being processed" (no 409 for it), only its result, which it replays.
  it('books once for an Idempotency-Key raced 8 times: one 201, the other 7 its replay marked Idempotent-Replayed', async () => {
    const key = `raced-key-${Date.now()}`;
    const body = slot('stadshuset-pildammen', '13:00', '14:00');
    const answers = await Promise.all(Array.from({ length: 8 }, () => book('johan', body, key)));
    const stored = await bDb(t.database.db)
      .selectFrom('bookings')
      .select('id')
      .where('idempotency_key', '=', key)
      .execute();
    expect(stored).toHaveLength(1);
    const originals = answers.filter((a) => a.statusCode === 201 && a.headers['idempotent-replayed'] === undefined);
    expect(originals).toHaveLength(1);
    const original = originals[0]!;
    expect(original.json().id).toBe(stored[0]!.id);
    for (const answer of answers.filter((a) => a !== original)) {
      // The replay repeats the original answer: status, location and body.
      expect(answer.statusCode).toBe(201);
      expect(answer.headers['idempotent-replayed']).toBe('true');
      expect(answer.headers.location).toBe(original.headers.location);
      expect(answer.json()).toEqual(original.json());
    }
  });

  it('books once when one Idempotency-Key is raced with different bookings: the others 409 keyReused', async () => {
    const key = `raced-reuse-${Date.now()}`;
    const bodies = ['15:00', '15:00', '16:00', '16:00', '17:00', '17:00'].map((from) =>
      slot('stadshuset-pildammen', from, `${Number(from.slice(0, 2)) + 1}:00`),
    );
    const answers = await Promise.all(bodies.map((body) => book('johan', body, key)));
    const stored = await bDb(t.database.db)
      .selectFrom('bookings')
      .select(['id', 'starts_at'])
      .where('idempotency_key', '=', key)
      .execute();
    expect(stored).toHaveLength(1);
    const booked = answers.filter((a) => a.statusCode === 201);
    expect(booked.filter((a) => a.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
    for (const answer of booked) expect(answer.json().id).toBe(stored[0]!.id);
    for (const [i, answer] of answers.entries()) {
      const sameBooking = new Date(bodies[i]!.startsAt).getTime() === new Date(stored[0]!.starts_at).getTime();
      if (sameBooking) expect(answer.statusCode).toBe(201);
      else {
        expect(answer.statusCode).toBe(409);
        expect(answer.json().errors[0].code).toBe('keyReused');
      }
    }
  });

  it('refuses bad bookings with 422/404/403 problem+json and stores nothing', async () => {
    const before = await bookingCount();
    const cases: [Record<string, unknown>, number, string][] = [
      [slot('stadshuset-ribban', '10:00', '09:00'), 422, 'endsAt'], // end before start
      [slot('stadshuset-ribban', '10:00', '10:00'), 422, 'endsAt'], // zero duration
      [{ ...slot('stadshuset-ribban', '10:00', '10:00'), endsAt: stockholm('2026-12-30', '10:00') }, 422, 'endsAt'], // 30 days
      [slot('stadshuset-ribban', '06:00', '07:00'), 422, 'startsAt'], // before opening
      [slot('stadshuset-ribban', '17:30', '18:30'), 422, 'startsAt'], // after closing
      [{ ...slot('stadshuset-ribban', '10:00', '11:00'), startsAt: '2026-11-31T10:00:00+01:00' }, 422, 'startsAt'], // no such day
      [{ ...slot('stadshuset-ribban', '10:00', '11:00'), startsAt: 'monday at ten' }, 422, 'startsAt'],
      [{ ...slot('stadshuset-ribban', '10:00', '11:00'), startsAt: '2026-11-30T10:00:00' }, 422, 'startsAt'], // no offset: ambiguous
      [slot('stadshuset-ribban', '10:00', '11:00', { attendees: 0 }), 422, 'attendees'],
      [slot('stadshuset-ribban', '10:00', '11:00', { title: '' }), 422, 'title'],
      [slot('stadshuset-atlantis', '10:00', '11:00'), 404, 'roomId'],
      [slot('rosengard-samtal-1', '10:00', '11:00'), 403, ''], // client-meeting room, johan is no social worker
    ];
    for (const [body, status, field] of cases) {
      const res = await book('johan', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      if (field)
        expect(
          res.json().errors.map((e: { field: string }) => e.field),
          JSON.stringify(body),
        ).toContain(field);
    }
    const noKey = await call('johan', 'POST', '/api/v1/bookings', slot('stadshuset-ribban', '10:00', '11:00'));
    expect(noKey.statusCode).toBe(422);
    expect(noKey.json().errors[0].field).toBe('idempotency-key');
    expect(await bookingCount()).toBe(before);
  });

  it('says in the caller’s language why a booking is refused: a taken slot, a room the caller may not book, the room’s rules (codes unchanged)', async () => {
    const en = { 'accept-language': 'en' };
    expect((await book('johan', slot('stadshuset-kungsparken', '15:00', '16:00'))).statusCode).toBe(201);
    const takenSv = (await book('erik', slot('stadshuset-kungsparken', '15:30', '16:30'))).json();
    expect(takenSv).toMatchObject({
      status: 409,
      type: 'urn:smorgasbord:error:conflict',
      detail: expect.stringMatching(/^Rummet är redan bokat den tiden\. I alternatives finns/),
    });
    expect(takenSv.errors).toEqual([{ field: 'startsAt', code: 'taken', message: 'Rummet är redan bokat den tiden' }]);
    expect(takenSv.alternatives.sameRoom.length).toBeGreaterThan(0);
    const takenEn = (
      await call('erik', 'POST', '/api/v1/bookings', slot('stadshuset-kungsparken', '15:30', '16:30'), {
        'idempotency-key': `taken-en-${Date.now()}`,
        ...en,
      })
    ).json();
    expect(takenEn.detail).toMatch(/^The room is already booked at that time\. alternatives lists/);
    expect(takenEn.errors).toEqual([
      { field: 'startsAt', code: 'taken', message: 'The room is already booked at that time' },
    ]);

    const forbidden = await call('johan', 'POST', '/api/v1/bookings', slot('rosengard-samtal-1', '10:00', '11:00'), {
      'idempotency-key': `forbidden-${Date.now()}`,
      ...en,
    });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({
      type: 'urn:smorgasbord:error:forbidden',
      detail: 'You may not book this room: only certain groups may book it.',
    });
    expect((await book('johan', slot('rosengard-samtal-1', '10:00', '11:00'))).json().detail).toBe(
      'Du får inte boka det här rummet: det får bara bokas av vissa grupper.',
    );

    // The quiet room: one seat, at most 120 minutes, open 07–18. Three rules broken at once, each said.
    const rules = await call(
      'johan',
      'POST',
      '/api/v1/bookings',
      slot('stadshuset-tystnaden', '06:00', '09:00', { attendees: 2 }),
      { 'idempotency-key': `rules-${Date.now()}`, ...en },
    );
    expect(rules.statusCode).toBe(422);
    const problem = rules.json();
    expect(problem.type).toBe('urn:smorgasbord:error:validation_failed');
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: 'endsAt', code: 'tooLong', message: 'The room can be booked for at most 120 minutes at a time' },
        { field: 'startsAt', code: 'outsideOpeningHours', message: 'The room is open 07:00–18:00' },
        { field: 'attendees', code: 'overCapacity', message: expect.stringMatching(/^The room’s capacity is 1$/) },
      ]),
    );
    for (const e of problem.errors) expect(problem.detail).toContain(`${e.message}.`);
    const rulesSv = (await book('johan', slot('stadshuset-tystnaden', '06:00', '07:00', { attendees: 1 }))).json();
    expect(rulesSv.errors).toEqual([
      { field: 'startsAt', code: 'outsideOpeningHours', message: 'Rummet är öppet 07:00–18:00' },
    ]);
    expect(rulesSv.detail).toBe('Rummet är öppet 07:00–18:00.');

    const key = `reused-${Date.now()}`;
    expect((await book('johan', slot('stadshuset-kungsparken', '08:00', '09:00'), key)).statusCode).toBe(201);
    const reused = (
      await call('johan', 'POST', '/api/v1/bookings', slot('stadshuset-kungsparken', '09:00', '10:00'), {
        'idempotency-key': key,
        ...en,
      })
    ).json();
    expect(reused).toMatchObject({
      status: 409,
      detail: 'The Idempotency-Key was already used for another booking. Use a new key for a new booking.',
    });
    expect(reused.errors[0]).toMatchObject({ code: 'keyReused' });
  });

  it('lists and reads bookings: mine by default, everyone’s for administrators; private titles only for the booker', async () => {
    const own = (
      await book('erik', slot('rosengard-samtal-1', '13:00', '14:00', { title: 'Klientsamtal familjen X' }))
    ).json();
    const mine = (await call('erik', 'GET', `/api/v1/bookings?from=${MONDAY}&to=${MONDAY}`)).json();
    expect(mine.items.map((b: { id: string }) => b.id)).toContain(own.id);
    expect(mine.items.every((b: { mine: boolean }) => b.mine)).toBe(true);
    expect(
      (await call('johan', 'GET', '/api/v1/bookings')).json().items.map((b: { id: string }) => b.id),
    ).not.toContain(own.id);
    expect((await call('johan', 'GET', '/api/v1/bookings?booker=all')).statusCode).toBe(403);

    const everyone = (
      await call('admin', 'GET', `/api/v1/bookings?booker=all&building=rosengard&status=confirmed`)
    ).json();
    const seen = everyone.items.find((b: { id: string }) => b.id === own.id);
    expect(seen).toMatchObject({ mine: false, title: null, roomId: 'rosengard-samtal-1' });
    const byAdmin = await call('admin', 'GET', `/api/v1/bookings/${own.id}`);
    expect(byAdmin.statusCode).toBe(200);
    expect(byAdmin.body).not.toContain('Klientsamtal');
    expect((await call('erik', 'GET', `/api/v1/bookings/${own.id}`)).json().title).toBe('Klientsamtal familjen X');

    const other = await call('sara', 'GET', `/api/v1/bookings/${own.id}`);
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('Klientsamtal');
    expect((await call('sara', 'GET', '/api/v1/bookings/not-a-uuid')).statusCode).toBe(404);
    expect((await call('erik', 'GET', '/api/v1/bookings?from=2026-13-01')).statusCode).toBe(422);
  });

  it('cancels idempotently and frees the slot; others get 404', async () => {
    const booking = (await book('johan', slot('stadshuset-ribban', '14:00', '15:00'))).json();
    expect((await call('erik', 'POST', `/api/v1/bookings/${booking.id}/cancel`, {})).statusCode).toBe(404);
    const first = await call('johan', 'POST', `/api/v1/bookings/${booking.id}/cancel`);
    expect(first.statusCode).toBe(200);
    expect(first.json().status).toBe('cancelled');
    const again = await call('johan', 'POST', `/api/v1/bookings/${booking.id}/cancel`, {});
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'cancelled', sequence: first.json().sequence });
    expect((await book('erik', slot('stadshuset-ribban', '14:00', '15:00'))).statusCode).toBe(201);
  });

  it('puts a room needing approval on hold as pending', async () => {
    const res = await book('johan', slot('stadshuset-radssalen', '09:00', '11:00', { attendees: 30 }));
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('pending');
    expect((await book('erik', slot('stadshuset-radssalen', '10:00', '11:00'))).statusCode).toBe(409);
  });

  it('describes every operation in the OpenAPI document with response schemas and bearer security', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<
          string,
          {
            tags?: string[];
            security?: unknown[];
            responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
          }
        >
      >;
    };
    const ops: [string, string, string[]][] = [
      ['/api/v1/rooms', 'get', ['200', '422']],
      ['/api/v1/rooms/availability', 'get', ['200', '422']],
      ['/api/v1/bookings', 'post', ['201', '404', '409', '422']],
      ['/api/v1/bookings', 'get', ['200']],
      ['/api/v1/bookings/{id}', 'get', ['200', '404']],
      ['/api/v1/bookings/{id}/cancel', 'post', ['200', '409']],
    ];
    for (const [path, method, statuses] of ops) {
      const op = spec.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op!.tags).toEqual(['booking']);
      expect(op!.security).toEqual([{ bearerAuth: [] }]);
      for (const status of statuses)
        expect(op!.responses[status]?.content, `${method} ${path} ${status}`).toBeDefined();
    }
    expect(JSON.stringify(spec.paths['/api/v1/bookings']!.post!.responses['409'])).toContain('alternatives');
    // A replay answers as the first request did (201), marked by a header the description names.
    expect(spec.paths['/api/v1/bookings']!.post!.responses['200']).toBeUndefined();
    expect(JSON.stringify(spec.paths['/api/v1/bookings']!.post)).toContain('Idempotent-Replayed: true');
  });
});
