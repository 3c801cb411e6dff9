import { describe, expect, it } from 'vitest';
import { validateRoom } from './rooms-admin.service.ts';

const refs = { buildings: new Set(['hyllie']), groups: new Set(['socialsekreterare', 'lokalservice']) };
const base = { id: 'hyllie-x', building: 'hyllie', floor: '1', name: 'X', capacity: '4', purpose: 'meeting' };

describe('validateRoom', () => {
  it('fills the migration’s defaults for fields left out, and reads lists from a CSV cell', () => {
    const { room } = validateRoom({ ...base, equipment: 'screen|whiteboard', open_weekdays: '5 1 3' }, refs);
    expect(room).toMatchObject({
      opensAt: '07:00',
      closesAt: '18:00',
      minMinutes: 15,
      maxMinutes: 480,
      maxDaysAhead: 180,
      bufferMinutes: 0,
      checkinWindowMinutes: 15,
      approvalRequired: false,
      equipment: ['screen', 'whiteboard'],
      openWeekdays: [1, 3, 5],
    });
  });

  it('an empty check-in window means none; ja/yes/true are yes', () => {
    expect(validateRoom({ ...base, checkin_window_minutes: '', approval_required: 'Ja' }, refs).room).toMatchObject({
      checkinWindowMinutes: null,
      approvalRequired: true,
    });
  });

  it('names every broken rule with its field', () => {
    const { errors } = validateRoom(
      {
        id: 'X Y',
        building: 'nowhere',
        floor: '101',
        name: '',
        capacity: '1001',
        purpose: 'party',
        equipment: 'laser',
        allowed_groups: 'ghosts',
        opens_at: '25:00',
        closes_at: '07:00',
        open_weekdays: '0|8',
        min_minutes: '4',
        max_minutes: '1441',
        max_days_ahead: '731',
        approval_required: 'maybe',
        approver_group: 'ghosts',
        buffer_minutes: '241',
        checkin_window_minutes: '0',
      },
      refs,
    );
    expect(errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'id:idFormat',
      'building:unknownBuilding',
      'floor:floorRange',
      'name:nameRequired',
      'capacity:capacityRange',
      'equipment:unknownEquipment',
      'purpose:unknownPurpose',
      'allowed_groups:unknownGroup',
      'opens_at:invalidTime',
      'open_weekdays:weekdays',
      'min_minutes:minutesRange',
      'max_minutes:minutesRange',
      'max_days_ahead:daysAheadRange',
      'approval_required:booleanValue',
      'approver_group:unknownGroup',
      'buffer_minutes:bufferRange',
      'checkin_window_minutes:checkinRange',
    ]);
  });

  it('refuses closing before opening and a longest booking shorter than the shortest', () => {
    expect(
      validateRoom(
        { ...base, opens_at: '17:00', closes_at: '08:00', min_minutes: '60', max_minutes: '30' },
        refs,
      ).errors.map((e) => e.code),
    ).toEqual(['hoursOrder', 'maxBelowMin']);
  });
});
