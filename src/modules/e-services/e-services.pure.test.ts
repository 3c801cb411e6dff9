import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.ts';
import {
  addDays,
  appealLastDay,
  isAppealLate,
  isoWeekOf,
  lastIsoWeeks,
  startOfStockholmDay,
  stockholmDate,
} from './calendar.ts';
import {
  assertAppealTransition,
  assertTransition,
  canAppealTransition,
  canTransition,
  CASE_STATUS_OF_APPEAL,
  CASE_STATUSES,
} from './case-lifecycle.ts';
import { csvCell, toCsv } from './csv.ts';
import { contentDisposition, safeFilename, sniffContentType } from './evidence-file.ts';
import { applicantContactSchema } from './e-services.schema.ts';
import { traceRows } from './trace-table.ts';

describe('appeal lifecycle', () => {
  const STATES = ['pending', 'lapsed', 'dismissed', 'forwarded'] as const;

  it('an appeal waiting for the municipality lapses, is dismissed or is forwarded; each end is final', () => {
    for (const from of STATES)
      for (const to of STATES) {
        const allowed = from === 'pending' && to !== 'pending';
        expect(canAppealTransition(from, to), `${from} → ${to}`).toBe(allowed);
        if (!allowed) expect(() => assertAppealTransition(from, to)).toThrow(AppError);
      }
  });

  it('leaves the case decided after a lapse or a dismissal, and appealed while pending or forwarded', () => {
    expect(CASE_STATUS_OF_APPEAL).toEqual({
      pending: 'appealed',
      lapsed: 'decided',
      dismissed: 'decided',
      forwarded: 'appealed',
    });
    // The case can make each move its appeal's end asks for.
    expect(canTransition('appealed', CASE_STATUS_OF_APPEAL.lapsed)).toBe(true);
    expect(canTransition('appealed', CASE_STATUS_OF_APPEAL.dismissed)).toBe(true);
  });
});

describe('case lifecycle', () => {
  it('allows draft → submitted → in progress → decided → closed, and appeals from decided and closed', () => {
    expect(canTransition('draft', 'submitted')).toBe(true);
    expect(canTransition('submitted', 'in_progress')).toBe(true);
    expect(canTransition('submitted', 'decided')).toBe(true);
    expect(canTransition('in_progress', 'decided')).toBe(true);
    expect(canTransition('decided', 'closed')).toBe(true);
    expect(canTransition('decided', 'appealed')).toBe(true);
    expect(canTransition('closed', 'appealed')).toBe(true);
    expect(canTransition('appealed', 'decided')).toBe(true);
  });

  it('refuses every other move with a 409 CONFLICT (e.g. a draft cannot be decided, a closed case cannot reopen)', () => {
    const allowed = new Set([
      'draft>submitted',
      'submitted>in_progress',
      'submitted>decided',
      'in_progress>decided',
      'decided>closed',
      'decided>appealed',
      'closed>appealed',
      'appealed>decided',
    ]);
    for (const from of CASE_STATUSES) {
      for (const to of CASE_STATUSES) {
        if (allowed.has(`${from}>${to}`)) continue;
        expect(canTransition(from, to), `${from} → ${to}`).toBe(false);
        expect(() => assertTransition(from, to)).toThrow(AppError);
      }
    }
    try {
      assertTransition('closed', 'in_progress');
    } catch (error) {
      expect((error as AppError).code).toBe('CONFLICT');
    }
  });
});

describe('evidence files are recognised by their first bytes, not their name', () => {
  const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n');
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
  const exe = Buffer.from('MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode');
  const elf = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);

  it('recognises PDF, PNG and JPEG', () => {
    expect(sniffContentType(pdf)).toBe('application/pdf');
    expect(sniffContentType(png)).toBe('image/png');
    expect(sniffContentType(jpeg)).toBe('image/jpeg');
  });

  it('refuses a Windows executable, an ELF binary, HTML, an empty file and a truncated signature', () => {
    expect(sniffContentType(exe)).toBeNull();
    expect(sniffContentType(elf)).toBeNull();
    expect(sniffContentType(Buffer.from('<html><script>alert(1)</script>'))).toBeNull();
    expect(sniffContentType(Buffer.alloc(0))).toBeNull();
    expect(sniffContentType(Buffer.from('%PD'))).toBeNull();
  });

  it('stores a safe name with the extension of what the file really is', () => {
    expect(safeFilename('intyg.pdf', 'application/pdf')).toBe('intyg.pdf');
    expect(safeFilename('C:\\Users\\x\\bild.pdf', 'image/png')).toBe('bild.png');
    expect(safeFilename('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf');
    expect(safeFilename('a"b<c>\u0000d.jpeg', 'image/jpeg')).toBe('abcd.jpg');
    expect(safeFilename('...', 'application/pdf')).toBe('dokument.pdf');
    expect(safeFilename('x'.repeat(400) + '.pdf', 'application/pdf')).toHaveLength(184);
  });

  it('sends names in Content-Disposition with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('Beslut åäö.pdf')).toBe(
      `attachment; filename="Beslut a_a_o_.pdf"; filename*=UTF-8''Beslut%20%C3%A5%C3%A4%C3%B6.pdf`,
    );
  });
});

describe('CSV export', () => {
  it('prefixes cells that a spreadsheet would run as a formula (= + - @, tab, carriage return)', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+46 40 34 10 00')).toBe("'+46 40 34 10 00");
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('SFI-2026-000001')).toBe('SFI-2026-000001');
  });

  it('quotes commas, semicolons, quotes and line breaks; writes CRLF lines after a byte-order mark', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, 'x'],
          ['=1', null],
        ],
      ),
    ).toBe("\ufeffa,b\r\n1,x\r\n'=1,\r\n");
  });
});

describe('Stockholm calendar', () => {
  it('takes the Swedish day of an instant, across midnight and daylight saving time', () => {
    expect(stockholmDate(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
    expect(stockholmDate(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(stockholmDate(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
    expect(startOfStockholmDay('2026-01-05').toISOString()).toBe('2026-01-04T23:00:00.000Z');
    expect(startOfStockholmDay('2026-06-01').toISOString()).toBe('2026-05-31T22:00:00.000Z');
  });

  it('labels ISO weeks like PostgreSQL (week 1 holds the first Thursday; years change mid-week)', () => {
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf('2026-11-28')).toBe('2026-W48');
    expect(lastIsoWeeks(new Date('2026-01-06T12:00:00Z'), 3)).toEqual(['2025-W52', '2026-W01', '2026-W02']);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('gives three weeks to appeal from the day the decision was received: on time through the last day, late the day after', () => {
    const receivedAt = new Date('2026-03-02T10:00:00+01:00');
    expect(appealLastDay(receivedAt)).toBe('2026-03-23');
    expect(isAppealLate(receivedAt, new Date('2026-03-23T23:59:00+01:00'))).toBe(false);
    expect(isAppealLate(receivedAt, new Date('2026-03-24T00:00:00+01:00'))).toBe(true);
  });

  it('moves the last day to appeal off Christmas and midsommar (lag (1930:173))', () => {
    // Received late on Friday 4 December (Stockholm): three weeks end on juldagen → Monday 28 December.
    const christmas = new Date('2026-12-04T22:30:00Z');
    expect(appealLastDay(christmas)).toBe('2026-12-28');
    expect(isAppealLate(christmas, new Date('2026-12-28T22:59:00Z'))).toBe(false);
    expect(isAppealLate(christmas, new Date('2026-12-28T23:00:00Z'))).toBe(true);
    // Received on 29 May 2026: three weeks end on midsommarafton → Monday 22 June.
    expect(appealLastDay(new Date('2026-05-29T08:00:00Z'))).toBe('2026-06-22');
  });

  it('does not start the appeal time before the decision has reached the applicant', () => {
    expect(appealLastDay(null)).toBeNull();
    expect(isAppealLate(null, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('rule trace as a readable table', () => {
  it('lists each matched row in the order the engine ran the steps: its description, the facts it checked, what it gave', () => {
    const trace = JSON.stringify({
      beslut: { id: 'beslut', name: 'Beslut', order: 4, input: {}, output: null, traceData: null },
      'ratt-till-sfi': {
        id: 'ratt-till-sfi',
        name: 'Rätt till sfi',
        order: 2,
        output: { ruleResults: [{ code: 'IDENTITY_UNVERIFIED' }, { code: 'RESIDENCE_UNCLEAR' }] },
        traceData: [
          {
            index: 14,
            rule: {
              _id: 'rad-15',
              _description: 'Identitet saknas: handläggare',
              'applicant.identityKind[k-identitet]': "'none'",
              'applicant.protectedIdentity[k-skyddad]': '',
            },
            reference_map: { 'applicant.identityKind': 'none', 'applicant.protectedIdentity': false },
          },
          { index: 3, rule: { _id: 'rad-4' } },
        ],
      },
      studievag: {
        id: 'studievag',
        name: 'Preliminär studieväg',
        order: 3,
        output: { placement: { studyPath: 2 } },
        traceData: { index: 2, rule: { _id: 'sv-2', _description: '7–11 års skolgång' }, reference_map: {} },
      },
      harledda: {
        id: 'harledda',
        name: 'Härledda datum',
        order: 1,
        output: {},
        traceData: { 'derived.eligibleFrom': { result: '2026-07-01' } },
      },
    });
    expect(traceRows(trace)).toEqual([
      {
        step: 'Härledda datum',
        rule: null,
        checked: [],
        result: [{ key: 'derived.eligibleFrom', value: '2026-07-01' }],
      },
      {
        step: 'Rätt till sfi',
        rule: { description: 'Identitet saknas: handläggare', number: 15 },
        checked: [{ key: 'applicant.identityKind', value: 'none' }],
        result: [{ key: 'code', value: 'IDENTITY_UNVERIFIED' }],
      },
      {
        step: 'Rätt till sfi',
        rule: { description: null, number: 4 },
        checked: [],
        result: [{ key: 'code', value: 'RESIDENCE_UNCLEAR' }],
      },
      {
        step: 'Preliminär studieväg',
        rule: { description: '7–11 års skolgång', number: 3 },
        checked: [],
        result: [{ key: 'placement.studyPath', value: 2 }],
      },
    ]);
  });

  it('says so when no row of a table matched, and leaves out conditions that are not plain facts', () => {
    const trace = {
      tabell: { name: 'Tabell', order: 1, output: {}, traceData: [] },
      annan: {
        name: 'Annan',
        order: 2,
        output: { x: 1 },
        traceData: {
          index: 0,
          rule: { _id: 'r1', 'd(decisionDate) < d(x)[k-1]': 'true', 'applicant.age[k-2]': '' },
          reference_map: { 'd(decisionDate) < d(x)': true, 'applicant.age': 40 },
        },
      },
    };
    expect(traceRows(trace)).toEqual([
      { step: 'Tabell', rule: null, checked: [], result: [] },
      { step: 'Annan', rule: { description: null, number: 1 }, checked: [], result: [{ key: 'x', value: 1 }] },
    ]);
  });

  it('shows nothing for a manual decision (no trace) or a trace it cannot read', () => {
    expect(traceRows(null)).toEqual([]);
    expect(traceRows('not json')).toEqual([]);
    expect(traceRows([1, 2])).toEqual([]);
  });
});

describe('applicant contact', () => {
  it('reads a stored address written before the c/o line existed, with no c/o', () => {
    const stored = {
      name: 'Exempel Person',
      email: null,
      phone: null,
      address: { street: 'Storgatan 1', postalCode: '211 45', city: 'Malmö' },
    };
    expect(applicantContactSchema.parse(stored).address).toEqual({ ...stored.address, careOf: null });
    expect(
      applicantContactSchema.parse({ ...stored, address: { ...stored.address, careOf: 'Exempel Värdsson' } }).address
        ?.careOf,
    ).toBe('Exempel Värdsson');
  });
});
