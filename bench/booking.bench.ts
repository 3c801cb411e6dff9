import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { sql, type Kysely } from 'kysely';
import { createTestApp, type TestApp } from '../test/helpers/app.ts';
import { sessionCookieFor } from '../test/helpers/sessions.ts';
import type { User } from '../src/platform/auth/roles.ts';
import { createApiToken } from '../src/platform/auth/tokens.ts';
import { userRowToUser } from '../src/platform/auth/user.repository.ts';
import { AppError } from '../src/platform/http/errors.ts';
import { createBooking, type BookingDeps } from '../src/modules/booking/booking.service.ts';
import { createBookingNotifications } from '../src/modules/booking/booking-notifications.ts';
import { findRooms, type FinderQuery } from '../src/modules/booking/finder/finder.service.ts';
import { addDays, fromLocal, isoWeekday, timeOf, toLocal } from '../src/modules/booking/local-time.ts';
import {
  ACCESSIBILITY,
  EQUIPMENT,
  PURPOSES,
  type Accessibility,
  type Equipment,
} from '../src/modules/booking/booking.schema.ts';
import { seededRandom } from '../test/harness/crash.ts';
import { buildCompiledServer, freePort, spawnServer, waitUntilReady } from '../test/harness/server-process.ts';
import { emit, load as loadRequests, type RequestSpec } from './lib.ts';

/**
 * Meeting-room booking at municipal scale: 2,000 rooms in 50 buildings with 60 days of bookings
 * (about 200,000, bulk-inserted with generate_series/unnest), then
 *  - finder latency p50/p95/p99: random realistic searches (date, start, duration, people,
 *    sometimes equipment, accessibility, building, purpose) through findRooms, one at a time;
 *  - the grid of the largest building (50 rooms), week and day: server p95;
 *  - booking creations per second: createBooking from concurrent callers, none conflicting;
 *  - a conflict storm: 200 clients POST /api/v1/bookings (real HTTP, own tokens and
 *    Idempotency-Keys) for overlapping slots of one room at once → created, conflicts, other
 *    answers, and overlapping active bookings in the whole table (a self-join).
 *
 * Runs on PGlite, then on PostgreSQL when DATABASE_URL or TEST_DATABASE_URL is set (a scratch
 * database is created and dropped). Environment: BENCH_BOOKING_SCALE (default 1: multiplies rooms,
 * buildings and finder queries; 0.1 for quick runs), BENCH_BOOKING_ENGINES=pglite|postgres,
 * BENCH_BOOKING_QUERIES finder searches (default 500 × scale, at least 50),
 * BENCH_BOOKING_CREATES bookings for the throughput figure (default 4000 × scale, at least 200),
 * BENCH_BOOKING_CONCURRENCY concurrent creators (default 32), BENCH_BOOKING_POOL PostgreSQL
 * connections (default 10, as DATABASE_POOL_SIZE), BENCH_BOOKING_EXPLAIN=1 prints EXPLAIN ANALYZE of the finder's
 * free-room query for one search (stderr), BENCH_BOOKING_PARTS picks figures (finder,grid,create,http,storm;
 * all by default), BENCH_BOOKING_GRID_REQUESTS grid pages per view (default 300), BENCH_BOOKING_KEEP=1 only seeds PostgreSQL and keeps the
 * scratch database (its name on stderr) for experiments.
 */

const SCALE = Number(process.env.BENCH_BOOKING_SCALE ?? 1);
const ROOMS = Math.max(20, Math.round(2000 * SCALE));
const BUILDINGS = Math.max(2, Math.round(50 * SCALE));
const DAYS = 60;
const QUERIES = Number(process.env.BENCH_BOOKING_QUERIES ?? Math.max(50, Math.round(500 * SCALE)));
const CREATES = Number(process.env.BENCH_BOOKING_CREATES ?? Math.max(200, Math.round(4000 * SCALE)));
const CONCURRENCY = Number(process.env.BENCH_BOOKING_CONCURRENCY ?? 32);
/** Bookings created before the measured ones (per creation run), see creationRate. */
const WARMUP = 4 * CONCURRENCY;
// The app's own default (DATABASE_POOL_SIZE): 40 backends on 2 cores spent a fifth more CPU per booking contending.
const POOL = process.env.BENCH_BOOKING_POOL ?? '10';
const STORM = 200;
/** Connections of the HTTP booking figure (BENCH_BOOKING_HTTP_CONNECTIONS). */
const HTTP_CONNECTIONS = Number(process.env.BENCH_BOOKING_HTTP_CONNECTIONS ?? 32);
const USERS = 200;
/** Rooms of the largest building (bench-b1), whose day and week grids are measured. */
const GRID_ROOMS = 50;
const GRID_REQUESTS = Number(process.env.BENCH_BOOKING_GRID_REQUESTS ?? 300);
/** Which figures to measure (BENCH_BOOKING_PARTS, comma-separated): all by default. */
const PARTS = new Set((process.env.BENCH_BOOKING_PARTS ?? 'finder,grid,create,http,storm').split(','));
const MINUTE = 60_000;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The database without table types: the benchmark writes and reads with plain SQL. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const raw = (t: TestApp) => t.database.db as unknown as Kysely<any>;

/** CPU time (user + system) of these processes (the scratch database's PostgreSQL backends), ms, from /proc; 0 where unreadable. */
function processCpuMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1)!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (USER_HZ = 100)
    } catch {
      // ended meanwhile, or not Linux
    }
  }
  return ticks * 10;
}

/**
 * CPU spent by this process and (PostgreSQL) the database's backends while `work` runs, in ms:
 * on a shared machine a steadier figure than wall time, which depends on what else runs.
 */
async function cpuOf(
  t: TestApp,
  engine: string,
  work: () => Promise<void>,
): Promise<{ nodeMs: number; postgresMs: number | null }> {
  const backends = async () =>
    (
      await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(raw(t))
    ).rows.map((r) => Number(r.pid));
  const before = engine === 'postgres' ? await backends() : [];
  const pgBefore = processCpuMs(before);
  const cpu = process.cpuUsage();
  await work();
  const used = process.cpuUsage(cpu);
  const pids = engine === 'postgres' ? [...new Set([...before, ...(await backends())])] : [];
  return {
    nodeMs: (used.user + used.system) / 1000,
    postgresMs: engine === 'postgres' ? processCpuMs(pids) - pgBefore : null,
  };
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

interface Seeded {
  users: User[];
  tokens: string[];
  bookings: number;
  seconds: number;
  /** Weekdays (local dates) that hold seeded bookings, from today. */
  days: string[];
}

/** Buildings, rooms, 200 staff users (social workers: they may book every room) and ~200,000 bookings, in bulk. */
async function seed(t: TestApp): Promise<Seeded> {
  const db = raw(t);
  const started = performance.now();
  await sql`insert into booking_buildings (id, name, address)
    select 'bench-b' || g, 'Bench building ' || g, 'Benchgatan ' || g from generate_series(1, ${BUILDINGS}::int) g`.execute(
    db,
  );
  // Realistic variety: capacities 2–50, equipment and accessibility by residues, a tenth of the
  // rooms client-meeting rooms (social workers only, 10-minute buffer), a few needing approval.
  await sql`insert into booking_rooms (id, building_id, floor, name, capacity, equipment, accessibility, purpose, allowed_groups,
      opens_at, closes_at, min_minutes, max_minutes, approval_required, buffer_minutes, door_key)
    select 'bench-r' || g,
      -- The first 50 rooms make the largest building, the grid figure's; the rest spread over the others.
      case when g <= ${GRID_ROOMS}::int then 'bench-b1' else 'bench-b' || (2 + g % ${BUILDINGS - 1}::int) end, g % 6, 'Room ' || g,
      (array[2, 4, 4, 6, 6, 8, 8, 10, 12, 16, 20, 50])[1 + g % 12],
      array_remove(array[case when g % 2 = 0 then 'screen' end, case when g % 3 = 0 then 'video-conference' end, case when g % 5 < 2 then 'whiteboard' end,
        case when g % 7 = 0 then 'projector' end, case when g % 11 = 0 then 'speakerphone' end], null),
      array_remove(array[case when g % 4 <> 3 then 'wheelchair' end, case when g % 4 <> 3 then 'step-free' end, case when g % 6 = 0 then 'hearing-loop' end,
        case when g % 8 = 0 then 'accessible-toilet' end], null),
      case when g % 10 = 0 then 'client-meeting' when g % 25 = 1 then 'training' when g % 20 = 7 then 'quiet' else 'meeting' end,
      case when g % 10 = 0 then array['socialsekreterare'] else '{}'::text[] end,
      '07:00', '18:00', 15, 480, g % 100 = 50, case when g % 10 = 0 then 10 else 0 end,
      replace(gen_random_uuid()::text, '-', '')
    from generate_series(1, ${ROOMS}::int) g`.execute(db);
  const userRows = await sql<
    Record<string, unknown>
  >`insert into users (username, subject, display_name, kind, roles, email)
    select 'bench-' || g, 'bench-' || g, 'Bench user ' || g, 'staff', array['employee'], 'bench-' || g || '@malmo.example' from generate_series(1, ${USERS}::int) g
    returning *`.execute(db);
  const users = userRows.rows.map((row) => userRowToUser(row as unknown as Parameters<typeof userRowToUser>[0]));
  await sql`insert into booking_group_members (group_id, user_id) select 'socialsekreterare', id from users where username like 'bench-%'`.execute(
    db,
  );
  const tokens: string[] = [];
  for (const user of users) tokens.push((await createApiToken(t.database.db, user.id, 'bench')).token);

  // Local midnights of the 60 days from today; bookings on weekdays only, two or three a room a
  // day at hours 08–16 spaced three hours apart (never overlapping), 30/60/90 minutes, 5 % cancelled.
  const today = toLocal(t.clock()).date;
  const days = Array.from({ length: DAYS }, (_, i) => addDays(today, i)).filter((d) => isoWeekday(d) <= 5);
  const bookerIds = users.map((u) => u.id);
  const now = t.clock();
  const chunk = 10;
  for (let i = 0; i < days.length; i += chunk) {
    const part = days.slice(i, i + chunk);
    await sql`insert into bookings (room_id, booker_id, title, attendees, status, starts_at, ends_at, blocked_until, ical_uid, source, created_at, updated_at, ended_at)
      select r.id, (${bookerIds}::uuid[])[1 + (r.g + d.idx + k) % ${bookerIds.length}::int],
        (array['Planering', 'Avstämning', 'Klientsamtal', 'Workshop', 'Ledningsgrupp', 'Handledning'])[1 + (r.g + k) % 6],
        1 + (r.g + d.idx) % least(r.capacity, 6),
        case when (r.g + d.idx + k) % 20 = 0 then 'cancelled' else 'confirmed' end,
        s.t, s.t + s.dur, s.t + s.dur + make_interval(mins => r.buffer_minutes),
        gen_random_uuid()::text || '@bench', 'import', ${now}::timestamptz, ${now}::timestamptz,
        case when (r.g + d.idx + k) % 20 = 0 then ${now}::timestamptz end
      from (select id, capacity, buffer_minutes, substr(id, 8)::int as g from booking_rooms where id like 'bench-r%') r
      cross join unnest(${part.map((d) => fromLocal(d, '00:00'))}::timestamptz[], ${part.map((_, j) => i + j)}::int[]) as d(start, idx)
      cross join generate_series(0, 2) k
      cross join lateral (select d.start + make_interval(hours => 8 + (r.g * 7 + d.idx + 3 * k) % 9) as t,
                                 make_interval(mins => 30 * (1 + (r.g + d.idx + k) % 3)) as dur) s
      where k < 2 or (r.g + d.idx) % 5 < 2`.execute(db);
  }
  // A live system's table has been vacuumed long since: vacuum the bulk load now, or autovacuum
  // does it in the middle of the measurements (and its CPU counts as the backends').
  await sql`vacuum (analyze)`.execute(db);
  const count = await sql<{ n: number }>`select count(*)::int as n from bookings`.execute(db);
  return { users, tokens, bookings: Number(count.rows[0]!.n), seconds: (performance.now() - started) / 1000, days };
}

/** A random realistic search: a weekday within the seeded days, office hours, a meeting's size and needs. */
function randomQuery(next: () => number, days: readonly string[]): FinderQuery {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const some = <T extends string>(items: readonly T[], chance: number): T[] => (next() < chance ? [pick(items)] : []);
  return {
    date: pick(days.slice(1, Math.min(days.length, 25))),
    start: timeOf(8 * 60 + Math.floor(next() * 32) * 15),
    durationMinutes: pick([30, 45, 60, 60, 60, 90, 120]),
    people: pick([1, 2, 2, 3, 4, 4, 5, 6, 8, 10, 12]),
    equipment: some<Equipment>(EQUIPMENT, 0.4),
    accessibility: some<Accessibility>(ACCESSIBILITY, 0.25),
    buildingId: next() < 0.4 ? `bench-b${1 + Math.floor(next() * BUILDINGS)}` : undefined,
    purpose: next() < 0.2 ? pick(PURPOSES) : undefined,
  };
}

async function finderLatency(t: TestApp, s: Seeded, common: Record<string, unknown>): Promise<void> {
  const next = seededRandom(42); // the same searches on both engines
  const now = t.clock();
  const run = async () => {
    const query = randomQuery(next, s.days);
    const user = s.users[Math.floor(next() * s.users.length)]!;
    const t0 = performance.now();
    const result = await findRooms(t.database.db, user, query, now);
    return { ms: performance.now() - t0, found: result.rooms.length, alternatives: result.alternatives !== null };
  };
  for (let i = 0; i < 20; i++) await run(); // warm-up: JIT, plans, caches
  const samples: { ms: number; found: number; alternatives: boolean }[] = [];
  const cpu = await cpuOf(t, String(common.engine), async () => {
    for (let i = 0; i < QUERIES; i++) samples.push(await run());
  });
  const sorted = samples.map((x) => x.ms).sort((a, b) => a - b);
  const context = {
    ...common,
    queries: QUERIES,
    withAlternatives: samples.filter((x) => x.alternatives).length,
    meanRoomsFound: round(samples.reduce((n, x) => n + x.found, 0) / samples.length, 1),
  };
  emit({ bench: 'booking', metric: 'finder_p50', value: round(percentile(sorted, 50)), unit: 'ms', ...context });
  emit({
    bench: 'booking',
    metric: 'finder_p95',
    value: round(percentile(sorted, 95)),
    unit: 'ms',
    ...context,
    goal: common.engine === 'postgres' ? '< 25' : undefined,
  });
  emit({ bench: 'booking', metric: 'finder_p99', value: round(percentile(sorted, 99)), unit: 'ms', ...context });
  // The two paths separately: rooms found (one statement) and none found (alternatives: nearest times, relaxed constraints).
  for (const [name, subset] of [
    ['found', samples.filter((x) => !x.alternatives)],
    ['alternatives', samples.filter((x) => x.alternatives)],
  ] as const) {
    const ms = subset.map((x) => x.ms).sort((a, b) => a - b);
    if (ms.length > 0)
      emit({
        bench: 'booking',
        metric: `finder_${name}_p95`,
        value: round(percentile(ms, 95)),
        unit: 'ms',
        ...common,
        queries: ms.length,
        p50: round(percentile(ms, 50)),
      });
  }
  emit({
    bench: 'booking',
    metric: 'finder_node_cpu_ms_per_query',
    value: round(cpu.nodeMs / QUERIES),
    unit: 'ms',
    ...context,
  });
  if (cpu.postgresMs !== null)
    emit({
      bench: 'booking',
      metric: 'finder_postgres_cpu_ms_per_query',
      value: round(cpu.postgresMs / QUERIES),
      unit: 'ms',
      ...context,
    });
}

async function explainFinder(t: TestApp, s: Seeded): Promise<void> {
  // The free-room query as findRooms sends it (captured from the driver) with EXPLAIN ANALYZE.
  const next = seededRandom(7);
  const query = randomQuery(next, s.days);
  const captured: { sql: string; parameters: readonly unknown[] }[] = [];
  const user = s.users[0]!;
  const original = raw(t).getExecutor();
  const executeQuery = original.executeQuery.bind(original);
  (original as { executeQuery: typeof executeQuery }).executeQuery = async (compiled, queryId) => {
    captured.push({ sql: compiled.sql, parameters: compiled.parameters });
    return executeQuery(compiled, queryId);
  };
  try {
    await findRooms(t.database.db, user, query, t.clock());
  } finally {
    (original as { executeQuery: typeof executeQuery }).executeQuery = executeQuery;
  }
  const main = captured.find((c) => c.sql.includes('not exists')) ?? captured[0];
  if (!main) return;
  const plan = await sql<
    Record<string, string>
  >`explain (analyze, buffers) ${sql.raw(main.sql.replace(/\$(\d+)/g, (_, n: string) => literal(main.parameters[Number(n) - 1])))}`.execute(
    raw(t),
  );
  console.error(`-- ${JSON.stringify(query)}\n${plan.rows.map((r) => Object.values(r)[0]).join('\n')}`);
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `array[${value.map(literal).join(', ')}]::text[]`;
  return `'${String(value).replace(/'/g, "''")}'`;
}

/**
 * createBooking from CONCURRENCY callers. `withInvites`: as the app runs it, each booking also
 * queues its iCalendar e-mail (outbox row + delivery job) in its transaction; the slots are the
 * days after those of the run without.
 */
async function creationRate(
  t: TestApp,
  s: Seeded,
  common: Record<string, unknown>,
  withInvites: boolean,
): Promise<void> {
  // Distinct free slots: days after the seeded ones (weekdays), one bench room each, 09:00–10:00.
  const daysNeeded = Math.ceil((WARMUP + CREATES) / ROOMS) + 1;
  const firstFree = addDays(s.days.at(-1)!, withInvites ? 7 + 2 * daysNeeded : 1);
  const freeDays: string[] = [];
  for (let d = firstFree; freeDays.length < daysNeeded; d = addDays(d, 1)) if (isoWeekday(d) <= 5) freeDays.push(d);
  const onChange = withInvites
    ? createBookingNotifications({
        notifier: t.notifier,
        baseUrl: t.config.BASE_URL,
        mailFrom: t.config.MAIL_FROM,
        clock: t.clock,
      }).onChange
    : undefined;
  const deps: BookingDeps = { db: t.database.db, clock: t.clock, ...(onChange ? { onChange } : {}) };
  const metric = (name: string) => (withInvites ? `${name}_with_invites` : name);
  let next = 0;
  let conflicts = 0;
  let failures = 0;
  const createUntil = (end: number) =>
    Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < end) {
          const i = next++;
          const room = 1 + (i % ROOMS);
          const day = freeDays[Math.floor(i / ROOMS)]!;
          const startsAt = fromLocal(day, '09:00');
          try {
            await createBooking(
              deps,
              s.users[i % s.users.length]!,
              {
                roomId: `bench-r${room}`,
                startsAt,
                endsAt: new Date(startsAt.getTime() + 60 * MINUTE),
                title: 'Bench',
                attendees: 1,
                idempotencyKey: `bench-create-${withInvites ? 'i' : 'n'}-${i}`,
              },
              'api',
            );
          } catch (error) {
            if (error instanceof AppError && error.code === 'CONFLICT') conflicts++;
            else {
              failures++;
              if (failures <= 3) console.error(error);
            }
          }
        }
      }),
    );
  // Warm-up, not measured: the pool opens its connections and each backend plans its first
  // statements (≈10–20 ms of PostgreSQL CPU per connection), which a running service has behind it.
  await createUntil(WARMUP);
  next = WARMUP;
  conflicts = 0;
  failures = 0;
  const started = performance.now();
  const cpu = await cpuOf(t, String(common.engine), () => createUntil(WARMUP + CREATES).then(() => undefined));
  const seconds = (performance.now() - started) / 1000;
  const created = CREATES - conflicts - failures;
  emit({
    bench: 'booking',
    metric: metric('create_node_cpu_ms_per_booking'),
    value: round(cpu.nodeMs / created),
    unit: 'ms',
    ...common,
  });
  if (cpu.postgresMs !== null)
    emit({
      bench: 'booking',
      metric: metric('create_postgres_cpu_ms_per_booking'),
      value: round(cpu.postgresMs / created),
      unit: 'ms',
      ...common,
    });
  emit({
    bench: 'booking',
    metric: metric('bookings_per_second'),
    value: Math.round((CREATES - conflicts - failures) / seconds),
    unit: '1/s',
    ...common,
    created: CREATES - conflicts - failures,
    conflicts,
    failures,
    concurrency: CONCURRENCY,
    goal: common.engine === 'postgres' ? '>= 500' : undefined,
    note: withInvites
      ? 'createBooking with its iCalendar e-mail queued in the same transaction (outbox row + job), as the app does'
      : 'createBooking (rules, insert under the exclusion constraint), no notifications',
  });
}

/**
 * Bookings as a user makes them (issue 14): POST /api/v1/bookings over HTTP to the server as
 * `npm start` runs it — the compiled dist/main.js, default configuration (request logging and
 * rate limits on), web and job worker in one process, so each booking's iCalendar e-mail is
 * queued in its transaction and sent by the worker meanwhile — on this run's PostgreSQL database.
 * Every request is a different free room-hour (days after those the other figures used) with its
 * own Idempotency-Key, from 200 users' API tokens, HTTP_CONNECTIONS connections at once.
 */
async function httpBookingRate(t: TestApp, s: Seeded, common: Record<string, unknown>): Promise<void> {
  buildCompiledServer();
  const name = (await sql<{ name: string }>`select current_database() as name`.execute(raw(t))).rows[0]!.name;
  const databaseUrl = new URL(process.env.TEST_DATABASE_URL!);
  databaseUrl.pathname = `/${name}`;
  // Free weekdays well after the seeded ones and the in-process runs' (see creationRate).
  const days: string[] = [];
  for (let d = addDays(s.days.at(-1)!, 35); days.length < 4; d = addDays(d, 1)) if (isoWeekday(d) <= 5) days.push(d);
  const requests: RequestSpec[] = [];
  for (const day of days)
    for (let hour = 8; hour < 17; hour++)
      for (let room = 1; room <= ROOMS; room++) {
        const startsAt = fromLocal(day, timeOf(hour * 60));
        const i = requests.length;
        requests.push({
          method: 'POST',
          path: '/api/v1/bookings',
          headers: {
            authorization: `Bearer ${s.tokens[i % s.tokens.length]}`,
            'content-type': 'application/json',
            'idempotency-key': `bench-http-${i}`,
          },
          body: JSON.stringify({
            roomId: `bench-r${room}`,
            startsAt: startsAt.toISOString(),
            endsAt: new Date(startsAt.getTime() + 45 * MINUTE).toISOString(),
            title: 'Bench over HTTP',
            attendees: 1,
          }),
        });
      }
  // Default configuration: spawnServer's LOG_LEVEL=warn is put back to the default, info.
  let output = '';
  const server = spawnServer({
    entry: 'dist/main.js',
    port: await freePort(),
    env: { DATABASE_URL: databaseUrl.toString(), LOG_LEVEL: 'info' },
    onOutput: (text) => {
      output = (output + text).slice(-16_384);
    },
  });
  try {
    await waitUntilReady(server, { timeoutMs: 60_000, describe: 'dist/main.js', output: () => output });
    const outbox = async () =>
      Number((await sql<{ n: number }>`select count(*)::int as n from outbox_messages`.execute(raw(t))).rows[0]!.n);
    const outboxBefore = await outbox();
    const result = await loadRequests(`${server.baseUrl}/`, {
      requests,
      distinct: true,
      connections: HTTP_CONNECTIONS,
      seconds: Number(process.env.BENCH_SECONDS ?? 10),
    });
    const created = result.statuses['201'] ?? 0;
    const context = {
      ...common,
      connections: HTTP_CONNECTIONS,
      server: 'dist/main.js, default configuration (logging, rate limits), ROLE=all',
      created,
      unique: requests.length,
      statuses: result.statuses,
      invitesQueued: (await outbox()) - outboxBefore,
    };
    // Past the end of the list the load tool sends its last request again (an idempotent replay):
    // every distinct booking stored means the list ran out and the figure counts replays.
    const stored = await sql<{
      n: number;
    }>`select count(*)::int as n from bookings where title = 'Bench over HTTP'`.execute(raw(t));
    if (stored.rows[0]!.n >= requests.length)
      throw new Error('the run used up its distinct room-hours: add days to httpBookingRate');
    emit({
      bench: 'booking',
      metric: 'http_bookings_per_second',
      value: Math.round(result.throughput),
      unit: '1/s',
      ...context,
      goal: '>= 500 on PostgreSQL',
    });
    emit({ bench: 'booking', metric: 'http_booking_p50', value: result.p50, unit: 'ms', ...context });
    emit({
      bench: 'booking',
      metric: 'http_booking_p95',
      value: result.p95,
      unit: 'ms',
      ...context,
      goal: '< 100 on PostgreSQL',
    });
    emit({ bench: 'booking', metric: 'http_booking_p99', value: result.p99, unit: 'ms', ...context });
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

async function conflictStorm(t: TestApp, s: Seeded, common: Record<string, unknown>): Promise<void> {
  const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const day = s.days[2]!;
  // A free hour in bench-r1 that day: the seeded hours are 8 + (7 + idx + 3k) % 9; pick one outside them.
  const idx = s.days.indexOf(day);
  const taken = new Set([0, 1, 2].map((k) => 8 + ((7 + idx + 3 * k) % 9)));
  const hour = [9, 10, 11, 12, 13, 14, 15, 16].find((h) => !taken.has(h) && !taken.has(h - 1))!;
  const base = fromLocal(day, timeOf(hour * 60));
  const before = await sql<{
    n: number;
  }>`select count(*)::int as n from bookings where room_id = 'bench-r1' and status in ('pending', 'confirmed')`.execute(
    raw(t),
  );
  const started = performance.now();
  const statuses = await Promise.all(
    Array.from({ length: STORM }, async (_, i) => {
      // Every two requests overlap: 30 minutes starting within 25 minutes of each other.
      const startsAt = new Date(base.getTime() + (i % 6) * 5 * MINUTE);
      const response = await fetch(`${url}/api/v1/bookings`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${s.tokens[i % s.tokens.length]}`,
          'content-type': 'application/json',
          'idempotency-key': `bench-storm-${i}`,
        },
        body: JSON.stringify({
          roomId: 'bench-r1',
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 30 * MINUTE).toISOString(),
          title: 'Storm',
          attendees: 1,
        }),
      });
      await response.arrayBuffer();
      return response.status;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const after = await sql<{
    n: number;
  }>`select count(*)::int as n from bookings where room_id = 'bench-r1' and status in ('pending', 'confirmed')`.execute(
    raw(t),
  );
  const overlaps = await sql<{
    n: number;
  }>`select count(*)::int as n from bookings a join bookings b on a.room_id = b.room_id and a.id < b.id
      and a.status in ('pending', 'confirmed') and b.status in ('pending', 'confirmed')
      and tstzrange(a.starts_at, a.blocked_until, '[)') && tstzrange(b.starts_at, b.blocked_until, '[)')`.execute(
    raw(t),
  );
  const byStatus: Record<string, number> = {};
  for (const st of statuses) byStatus[st] = (byStatus[st] ?? 0) + 1;
  const context = { ...common, clients: STORM, statuses: byStatus, seconds: round(seconds) };
  emit({
    bench: 'booking',
    metric: 'storm_created',
    value: byStatus['201'] ?? 0,
    unit: 'count',
    ...context,
    stored: Number(after.rows[0]!.n) - Number(before.rows[0]!.n),
    goal: '= 1',
  });
  emit({
    bench: 'booking',
    metric: 'storm_conflicts',
    value: byStatus['409'] ?? 0,
    unit: 'count',
    ...context,
    goal: `= ${STORM - 1}`,
  });
  emit({
    bench: 'booking',
    metric: 'double_bookings',
    value: Number(overlaps.rows[0]!.n),
    unit: 'count',
    ...context,
    note: 'pairs of overlapping active bookings of a room in the whole table',
    goal: '= 0',
  });
}

/**
 * The booking grid of the largest building (50 rooms) among 2,000 rooms and about 200,000
 * bookings: GET /lokaler/hus/bench-b1 for a week (and a day) through the whole server request
 * path (session, routing, the two reads, rendering, compression off), by injection into the
 * in-process server, one request at a time: the server's time, without the network's.
 */
async function gridLatency(t: TestApp, s: Seeded, common: Record<string, unknown>): Promise<void> {
  const next = seededRandom(7);
  const cookies = await sessionCookieFor(t, 'bench-1');
  for (const view of ['vecka', 'dag'] as const) {
    const run = async () => {
      const date = s.days[Math.floor(next() * Math.min(s.days.length, 25))]!;
      const url = `/lokaler/hus/bench-b1?datum=${date}${view === 'vecka' ? '&vy=vecka' : ''}`;
      const t0 = performance.now();
      const response = await t.app.inject({ method: 'GET', url, cookies });
      const ms = performance.now() - t0;
      if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
      return { ms, bytes: response.body.length, cells: (response.body.match(/<td /g) ?? []).length };
    };
    for (let i = 0; i < 20; i++) await run(); // warm-up
    const samples: { ms: number; bytes: number; cells: number }[] = [];
    for (let i = 0; i < GRID_REQUESTS; i++) samples.push(await run());
    const sorted = samples.map((x) => x.ms).sort((a, b) => a - b);
    const context = {
      ...common,
      view,
      rooms: GRID_ROOMS,
      requests: GRID_REQUESTS,
      p50: round(percentile(sorted, 50)),
      p99: round(percentile(sorted, 99)),
      meanKiB: round(samples.reduce((n, x) => n + x.bytes, 0) / samples.length / 1024, 1),
      meanCells: Math.round(samples.reduce((n, x) => n + x.cells, 0) / samples.length),
    };
    emit({
      bench: 'booking',
      metric: view === 'vecka' ? 'grid_week_p95' : 'grid_day_p95',
      value: round(percentile(sorted, 95)),
      unit: 'ms',
      ...context,
      goal: view === 'vecka' ? '< 50' : undefined,
    });
  }
}

async function runOn(engine: 'pglite' | 'postgres'): Promise<void> {
  const t = await createTestApp({ engine, config: { RATE_LIMIT_MAX: '1000000000', DATABASE_POOL_SIZE: POOL } });
  let keep = false;
  try {
    const s = await seed(t);
    if (process.env.BENCH_BOOKING_KEEP === '1' && engine === 'postgres') {
      // Seed only and keep the scratch database, for EXPLAIN experiments with psql (drop it yourself).
      const name = await sql<{ name: string }>`select current_database() as name`.execute(raw(t));
      console.error(`kept database ${name.rows[0]!.name}`);
      keep = true;
      return;
    }
    const common = {
      engine,
      scale: SCALE,
      rooms: ROOMS,
      buildings: BUILDINGS,
      bookings: s.bookings,
      ...(engine === 'postgres' ? { pool: Number(POOL) } : {}),
    };
    emit({
      bench: 'booking',
      metric: 'seed_seconds',
      value: round(s.seconds, 1),
      unit: 's',
      ...common,
      loadAverage: load(),
    });
    if (process.env.BENCH_BOOKING_EXPLAIN === '1') await explainFinder(t, s);
    if (PARTS.has('finder')) await finderLatency(t, s, { ...common, loadAverage: load() });
    if (PARTS.has('grid')) await gridLatency(t, s, { ...common, loadAverage: load() });
    if (PARTS.has('create')) {
      await creationRate(t, s, { ...common, loadAverage: load() }, false);
      await creationRate(t, s, { ...common, loadAverage: load() }, true);
    }
    // Over HTTP against a second process: PostgreSQL only (PGlite is this process's own database).
    if (PARTS.has('http') && engine === 'postgres') await httpBookingRate(t, s, { ...common, loadAverage: load() });
    if (PARTS.has('storm')) await conflictStorm(t, s, { ...common, loadAverage: load() });
  } finally {
    if (!keep) await t.close();
  }
}

const load = () => loadavg().map((l) => round(l));

export async function run(): Promise<void> {
  const only = process.env.BENCH_BOOKING_ENGINES;
  if (only !== 'postgres') await runOn('pglite');
  const pgUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (pgUrl && only !== 'pglite') {
    process.env.TEST_DATABASE_URL = pgUrl; // the test helper creates its scratch database there
    await runOn('postgres');
  }
}
