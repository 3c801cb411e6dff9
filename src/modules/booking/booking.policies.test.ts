import { describe, expect, it } from 'vitest';
import type { Role, User } from '../../platform/auth/roles.ts';
import type { Room } from './booking.schema.ts';
import { roomPolicy } from './booking.policies.ts';

const person = (kind: User['kind'], roles: Role[]): User => ({
  id: `${kind}-${roles.join('-') || 'none'}`,
  username: 'test',
  displayName: 'Test Person',
  kind,
  roles,
  email: null,
  personalNumber: null,
});
const room = (allowedGroups: string[]) => ({ allowedGroups }) as Pick<Room, 'allowedGroups'> as Room;

describe('who may book a room', () => {
  const employee = person('staff', ['employee']);
  const admin = person('staff', ['admin']);
  const resident = person('resident', ['resident']);

  it('any member of staff books a room open to everyone', () => {
    expect(roomPolicy.can(employee, 'book', { room: room([]), groups: [] })).toBe(true);
  });

  it('a group room is booked by its groups’ members only', () => {
    const groupRoom = room(['socialsekreterare', 'lokalservice']);
    expect(roomPolicy.can(employee, 'book', { room: groupRoom, groups: ['lokalservice'] })).toBe(true);
    expect(roomPolicy.can(employee, 'book', { room: groupRoom, groups: ['ekonomi'] })).toBe(false);
    expect(roomPolicy.can(employee, 'book', { room: groupRoom, groups: [] })).toBe(false);
  });

  it('an administrator books any room, in no group', () => {
    expect(roomPolicy.can(admin, 'book', { room: room(['socialsekreterare']), groups: [] })).toBe(true);
  });

  it('a resident books no room, not even an open one; nobody signed in neither', () => {
    expect(roomPolicy.can(resident, 'book', { room: room([]), groups: [] })).toBe(false);
    expect(roomPolicy.can(null, 'book', { room: room([]), groups: [] })).toBe(false);
  });
});
