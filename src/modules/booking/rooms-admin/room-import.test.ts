import { describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/database.ts';
import { adminErrorText } from './rooms-admin.i18n.ts';
import type { AdminContext } from './rooms-admin.service.ts';
import { importRooms, parseCsvRows, roomRow } from './room-import.ts';
import { ROOM_FIELDS } from './rooms-admin.service.ts';

// File-level problems are found before the database is asked anything: no database here.
const noDb = new Proxy({}, { get: () => expect.fail('the database was used') }) as unknown as Db;
const ctx = {} as AdminContext;
const HEADER = 'id;building;floor;name;capacity;purpose';

describe('room CSV import, file problems', () => {
  it('reports an unclosed quote once, naming the line where it opens', async () => {
    const csv = `${HEADER}\na;stadshuset;1;"Ettan;4;meeting\nb;stadshuset;1;Tvåan;4;meeting\nc;stadshuset;1;Trean;4;meeting\n`;
    const report = await importRooms(noDb, ctx, csv);
    expect(report.fileErrors).toEqual([{ field: 'file', code: 'unclosedQuote', params: { line: 2 } }]);
    expect(report.rows).toEqual([]);
    expect(report.applied).toBe(false);
    expect(adminErrorText('sv', report.fileErrors[0]!)).toMatch(/^Rad 2: ett citattecken/);
  });

  it('reports a binary file (a PNG renamed .csv) as one error', async () => {
    const png = String.fromCharCode(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13) + 'IHDR';
    const report = await importRooms(noDb, ctx, png);
    expect(report.fileErrors).toEqual([{ field: 'file', code: 'notCsv' }]);
    expect(adminErrorText('sv', report.fileErrors[0]!)).toMatch(/^Filen är inte en CSV-fil/);
  });

  it('reports text that is no list of rooms as one error, not one per column', async () => {
    const report = await importRooms(noDb, ctx, 'Kära kollegor,\nhär kommer listan, som utlovat, med alla rum.\n');
    expect(report.fileErrors).toEqual([{ field: 'file', code: 'noKnownColumn' }]);
  });

  it('names all unknown and missing columns in one error each, in Swedish plurals', async () => {
    const report = await importRooms(noDb, ctx, 'id;namn;kapacitet\nx;y;3\n');
    expect(report.fileErrors).toHaveLength(2);
    expect(report.fileErrors.map((e) => adminErrorText('sv', e))).toEqual([
      'Okända kolumner: namn, kapacitet',
      'Kolumnerna saknas: building, floor, name, capacity, purpose',
    ]);
    const one = await importRooms(noDb, ctx, 'id;building;floor;name;capacity\nx;y;1;z;3\n');
    expect(one.fileErrors.map((e) => adminErrorText('sv', e))).toEqual(['Kolumnen saknas: purpose']);
  });
});

describe('parseCsvRows', () => {
  it('keeps the line each record starts on across quoted line breaks', () => {
    expect(parseCsvRows('a;b\r\n"x\ny";2\n3;4', ';')).toEqual({
      rows: [
        { cells: ['a', 'b'], line: 1 },
        { cells: ['x\ny', '2'], line: 2 },
        { cells: ['3', '4'], line: 4 },
      ],
    });
  });
});

describe('roomRow', () => {
  it('writes lists with | and a negative floor as a number, in ROOM_FIELDS order', () => {
    const row = roomRow({ id: 'k', floor: '-1', equipment: ['screen', 'whiteboard'], name: 'Källaren' });
    expect(row).toHaveLength(ROOM_FIELDS.length);
    expect(row.slice(0, 6)).toEqual(['k', '', -1, 'Källaren', '', 'screen|whiteboard']);
  });
});
