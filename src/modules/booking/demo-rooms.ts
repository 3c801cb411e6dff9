import { randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { bDb, type BookingRoomsTable } from './booking.table.ts';
import type { Accessibility, Equipment } from './booking.schema.ts';
import type { Insertable } from 'kysely';

/**
 * Demo buildings and rooms of a Malmö-sized administration (names made up, no real addresses of
 * people). Social workers (the `socialsekreterare` group) book the client-meeting rooms; the
 * large training hall needs approval by facilities (`lokalservice`). Added only when missing:
 * a real installation imports its own rooms (CSV) and the demo seed never overwrites them.
 */

export const DEMO_BUILDINGS = [
  { id: 'stadshuset', name: 'Stadshuset', address: 'August Palms plats 1, Malmö' },
  { id: 'rosengard', name: 'Rosengårds förvaltningshus', address: 'Amiralsgatan 20, Malmö' },
  { id: 'hyllie', name: 'Hyllie stadsdelshus', address: 'Hyllie boulevard 10, Malmö' },
  { id: 'fosie', name: 'Fosie socialkontor', address: 'Eriksfältsgatan 98, Malmö' },
  { id: 'kirseberg', name: 'Kirsebergs kontor', address: 'Kirsebergsgatan 4, Malmö' },
] as const;

export const DEMO_GROUPS = [
  { id: 'socialsekreterare', name: 'Socialsekreterare' },
  { id: 'lokalservice', name: 'Lokalservice' },
] as const;

/** Demo group membership by username (the demo users in platform/seed/demo-users.ts). */
export const DEMO_MEMBERS: ReadonlyArray<{ group: string; username: string }> = [
  { group: 'socialsekreterare', username: 'erik' },
  { group: 'socialsekreterare', username: 'sara' },
  { group: 'lokalservice', username: 'admin' },
];

interface DemoRoom {
  id: string;
  building: string;
  floor: number;
  name: string;
  capacity: number;
  equipment: Equipment[];
  accessibility: Accessibility[];
  purpose: BookingRoomsTable['purpose'];
  rules?: Partial<
    Pick<
      Insertable<BookingRoomsTable>,
      | 'opens_at'
      | 'closes_at'
      | 'open_weekdays'
      | 'min_minutes'
      | 'max_minutes'
      | 'approval_required'
      | 'buffer_minutes'
      | 'checkin_window_minutes'
      | 'max_days_ahead'
    >
  >;
  allowedGroups?: string[];
  approverGroup?: string;
}

const ALL: Accessibility[] = ['wheelchair', 'hearing-loop', 'step-free', 'accessible-toilet'];
const CLIENT = {
  purpose: 'client-meeting' as const,
  allowedGroups: ['socialsekreterare'],
  rules: { buffer_minutes: 10, max_minutes: 180 },
};

export const DEMO_ROOMS: readonly DemoRoom[] = [
  // Stadshuset: meeting rooms and the council's large hall.
  {
    id: 'stadshuset-oresund',
    building: 'stadshuset',
    floor: 2,
    name: 'Öresund',
    capacity: 12,
    equipment: ['screen', 'video-conference', 'whiteboard'],
    accessibility: ALL,
    purpose: 'meeting',
  },
  {
    id: 'stadshuset-pildammen',
    building: 'stadshuset',
    floor: 2,
    name: 'Pildammen',
    capacity: 6,
    equipment: ['screen', 'whiteboard'],
    accessibility: ['wheelchair', 'step-free'],
    purpose: 'meeting',
  },
  {
    id: 'stadshuset-ribban',
    building: 'stadshuset',
    floor: 3,
    name: 'Ribban',
    capacity: 4,
    equipment: ['screen', 'video-conference'],
    accessibility: ['wheelchair', 'step-free'],
    purpose: 'meeting',
  },
  {
    id: 'stadshuset-kungsparken',
    building: 'stadshuset',
    floor: 3,
    name: 'Kungsparken',
    capacity: 20,
    equipment: ['screen', 'projector', 'video-conference', 'speakerphone'],
    accessibility: ALL,
    purpose: 'meeting',
  },
  {
    id: 'stadshuset-tystnaden',
    building: 'stadshuset',
    floor: 4,
    name: 'Tystnaden',
    capacity: 1,
    equipment: [],
    accessibility: ['wheelchair', 'step-free'],
    purpose: 'quiet',
    rules: { max_minutes: 120 },
  },
  {
    id: 'stadshuset-radssalen',
    building: 'stadshuset',
    floor: 1,
    name: 'Rådssalen',
    capacity: 80,
    equipment: ['screen', 'projector', 'video-conference', 'speakerphone'],
    accessibility: ALL,
    purpose: 'training',
    rules: { approval_required: true, buffer_minutes: 30, min_minutes: 60 },
    approverGroup: 'lokalservice',
  },
  // Rosengård: social services, client-meeting rooms first.
  {
    id: 'rosengard-samtal-1',
    building: 'rosengard',
    floor: 0,
    name: 'Samtalsrum 1',
    capacity: 4,
    equipment: [],
    accessibility: ALL,
    ...CLIENT,
  },
  {
    id: 'rosengard-samtal-2',
    building: 'rosengard',
    floor: 0,
    name: 'Samtalsrum 2',
    capacity: 4,
    equipment: ['screen'],
    accessibility: ['wheelchair', 'step-free'],
    ...CLIENT,
  },
  {
    id: 'rosengard-samtal-3',
    building: 'rosengard',
    floor: 1,
    name: 'Samtalsrum 3',
    capacity: 6,
    equipment: ['video-conference'],
    accessibility: ['hearing-loop'],
    ...CLIENT,
  },
  {
    id: 'rosengard-familjerummet',
    building: 'rosengard',
    floor: 0,
    name: 'Familjerummet',
    capacity: 8,
    equipment: ['whiteboard'],
    accessibility: ALL,
    ...CLIENT,
  },
  {
    id: 'rosengard-motet',
    building: 'rosengard',
    floor: 1,
    name: 'Mötet',
    capacity: 10,
    equipment: ['screen', 'video-conference', 'whiteboard'],
    accessibility: ['wheelchair', 'step-free'],
    purpose: 'meeting',
  },
  {
    id: 'rosengard-lilla',
    building: 'rosengard',
    floor: 1,
    name: 'Lilla rummet',
    capacity: 3,
    equipment: ['screen'],
    accessibility: [],
    purpose: 'meeting',
  },
  // Hyllie.
  {
    id: 'hyllie-arenan',
    building: 'hyllie',
    floor: 2,
    name: 'Arenan',
    capacity: 30,
    equipment: ['screen', 'projector', 'speakerphone'],
    accessibility: ALL,
    purpose: 'training',
  },
  {
    id: 'hyllie-vattentornet',
    building: 'hyllie',
    floor: 3,
    name: 'Vattentornet',
    capacity: 8,
    equipment: ['screen', 'video-conference', 'whiteboard'],
    accessibility: ['wheelchair', 'step-free', 'hearing-loop'],
    purpose: 'meeting',
  },
  {
    id: 'hyllie-samtal',
    building: 'hyllie',
    floor: 1,
    name: 'Samtalsrummet',
    capacity: 4,
    equipment: [],
    accessibility: ALL,
    ...CLIENT,
  },
  {
    id: 'hyllie-fokus',
    building: 'hyllie',
    floor: 3,
    name: 'Fokus',
    capacity: 2,
    equipment: ['screen'],
    accessibility: ['wheelchair'],
    purpose: 'quiet',
  },
  // Fosie social office: long opening hours for evening client meetings.
  ...[1, 2, 3, 4].map((n): DemoRoom => ({
    id: `fosie-samtal-${n}`,
    building: 'fosie',
    floor: n <= 2 ? 0 : 1,
    name: `Samtalsrum ${n}`,
    capacity: n === 4 ? 8 : 4,
    equipment: n % 2 === 0 ? ['screen'] : [],
    accessibility: n <= 2 ? ALL : ['wheelchair', 'step-free'],
    ...CLIENT,
    rules: { ...CLIENT.rules, opens_at: '07:00', closes_at: '20:00' },
  })),
  {
    id: 'fosie-gruppen',
    building: 'fosie',
    floor: 1,
    name: 'Grupprummet',
    capacity: 12,
    equipment: ['screen', 'whiteboard', 'video-conference'],
    accessibility: ['wheelchair', 'step-free'],
    purpose: 'meeting',
  },
  // Kirseberg: a small office.
  {
    id: 'kirseberg-motesrum',
    building: 'kirseberg',
    floor: 0,
    name: 'Mötesrummet',
    capacity: 8,
    equipment: ['screen', 'whiteboard'],
    accessibility: ['wheelchair', 'step-free'],
    purpose: 'meeting',
  },
  {
    id: 'kirseberg-samtal',
    building: 'kirseberg',
    floor: 0,
    name: 'Samtalsrummet',
    capacity: 3,
    equipment: [],
    accessibility: ['wheelchair', 'step-free'],
    ...CLIENT,
  },
];

/** A fresh door-page key (see migration 0005: the capability the room's tablet or QR code carries). */
export function newDoorKey(): string {
  return randomBytes(18).toString('base64url');
}

/** Adds the demo buildings, groups, rooms and memberships that are missing; idempotent, safe at every start. */
export async function seedBookingDemo(db: Db): Promise<void> {
  await bDb(db)
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto('booking_buildings')
        .values(DEMO_BUILDINGS.map((b) => ({ ...b })))
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      await trx
        .insertInto('booking_groups')
        .values(DEMO_GROUPS.map((g) => ({ ...g })))
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      await trx
        .insertInto('booking_rooms')
        .values(
          DEMO_ROOMS.map((r) => ({
            id: r.id,
            building_id: r.building,
            floor: r.floor,
            name: r.name,
            capacity: r.capacity,
            equipment: r.equipment,
            accessibility: r.accessibility,
            purpose: r.purpose,
            allowed_groups: r.allowedGroups ?? [],
            approver_group: r.approverGroup ?? null,
            door_key: newDoorKey(),
            ...r.rules,
          })),
        )
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      for (const m of DEMO_MEMBERS) {
        const user = await trx.selectFrom('users').select('id').where('username', '=', m.username).executeTakeFirst();
        if (!user) continue;
        await trx
          .insertInto('booking_group_members')
          .values({ group_id: m.group, user_id: user.id })
          .onConflict((oc) => oc.columns(['group_id', 'user_id']).doNothing())
          .execute();
      }
    });
}
