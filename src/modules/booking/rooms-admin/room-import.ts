import type { Db } from '../../../platform/db/database.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { bDb } from '../booking.table.ts';
import { excelCsv, type CsvValue } from '../excel-csv.ts';
import {
  adminOverview,
  rawOf,
  ROOM_FIELDS,
  roomRefs,
  saveRoom,
  validateRoom,
  type AdminContext,
  type RawRoom,
  type RoomField,
  type RoomInput,
} from './rooms-admin.service.ts';

/**
 * CSV import of rooms. The first line names the columns (ROOM_FIELDS; `id`, `building`, `floor`,
 * `name`, `capacity` and `purpose` are required, the others take the defaults when absent or
 * empty); commas or semicolons (as Swedish Excel writes); lists inside a cell separated by `|`
 * (or spaces). A row whose id exists updates that room (its door key and active state are kept);
 * a new id creates one.
 *
 * All or nothing: every row is checked first, and if any row has an error nothing is stored and
 * the report lists each row's errors (line number, field, code). A partly applied file is
 * harder to fix and re-import than one that is refused whole; re-importing the corrected file is
 * safe because it updates by id.
 */

export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 1_000_000;
export const REQUIRED_COLUMNS: readonly RoomField[] = ['id', 'building', 'floor', 'name', 'capacity', 'purpose'];

export interface ImportRowReport {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  id: string;
  action: 'create' | 'update';
  errors: FieldError[];
}

export interface ImportReport {
  /** Problems with the file as a whole (empty, unknown or missing columns, too many rows). */
  fileErrors: FieldError[];
  rows: ImportRowReport[];
  /** True when the file was applied (no errors). */
  applied: boolean;
  created: number;
  updated: number;
  unchanged: number;
}

export interface ParsedCsv {
  /** Each record with the 1-based line it starts on (a quoted cell may span lines). */
  rows: { cells: string[]; line: number }[];
  /** The line where a quote opens and is never closed (the rest of the file is inside it). */
  unclosedQuoteLine?: number;
}

/** RFC 4180 CSV with a chosen delimiter: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsvRows(input: string, delimiter: ',' | ';'): ParsedCsv {
  const rows: ParsedCsv['rows'] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 1;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      row.push(field);
      rows.push({ cells: row, line: rowLine });
      row = [];
      field = '';
      line++;
      rowLine = line;
    } else field += c;
  }
  if (quoted) return { rows, unclosedQuoteLine: quoteLine };
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push({ cells: row, line: rowLine });
  }
  return { rows };
}

/** The cells of parseCsvRows, without line numbers. */
export function parseCsv(input: string, delimiter: ',' | ';'): string[][] {
  return parseCsvRows(input, delimiter).rows.map((r) => r.cells);
}

function delimiterOf(header: string): ',' | ';' {
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

const empty = (r: string[]) => r.every((cell) => cell.trim() === '');

/** Control characters that never occur in a text CSV (a picture, a spreadsheet or a PDF renamed .csv). */
// eslint-disable-next-line no-control-regex
const BINARY = /[\u0000-\u0008\u000e-\u001f\ufffd]/;

/**
 * Checks the file; applies it (all rows, one transaction) only when every row is valid. One error
 * per problem, never a cascade: a file that is not text is one error, an unclosed quote is one
 * error (naming its line), a header with no known column is one error, and a row with the wrong
 * number of cells is one error (its cells are not checked, they are in the wrong columns).
 */
export async function importRooms(db: Db, ctx: AdminContext, csv: string): Promise<ImportReport> {
  const report: ImportReport = { fileErrors: [], rows: [], applied: false, created: 0, updated: 0, unchanged: 0 };
  const textIn = csv.replace(/^\uFEFF/, '');
  if (BINARY.test(textIn.slice(0, 4096))) {
    report.fileErrors.push({ field: 'file', code: 'notCsv' });
    return report;
  }
  const firstLine = textIn.split(/\r?\n/, 1)[0] ?? '';
  const parsed = parseCsvRows(textIn, delimiterOf(firstLine));
  if (parsed.unclosedQuoteLine !== undefined) {
    report.fileErrors.push({ field: 'file', code: 'unclosedQuote', params: { line: parsed.unclosedQuoteLine } });
    return report;
  }
  const lines = parsed.rows;
  if (lines.length === 0 || empty(lines[0]!.cells)) {
    report.fileErrors.push({ field: 'file', code: 'emptyFile' });
    return report;
  }
  const header = lines[0]!.cells.map((h) => h.trim().toLowerCase());
  const known = (column: string) => (ROOM_FIELDS as readonly string[]).includes(column);
  if (!header.some(known)) {
    report.fileErrors.push({ field: 'file', code: 'noKnownColumn' });
    return report;
  }
  const unknown = header.filter((column) => !known(column));
  if (unknown.length > 0)
    report.fileErrors.push({
      field: 'file',
      code: 'unknownColumn',
      params: { column: unknown.join(', '), count: unknown.length },
    });
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0)
    report.fileErrors.push({
      field: 'file',
      code: 'missingColumn',
      params: { column: missing.join(', '), count: missing.length },
    });
  const body = lines.slice(1).filter((r) => !empty(r.cells));
  if (report.fileErrors.length === 0 && body.length === 0) report.fileErrors.push({ field: 'file', code: 'noRows' });
  if (body.length > MAX_IMPORT_ROWS)
    report.fileErrors.push({ field: 'file', code: 'tooManyRows', params: { max: MAX_IMPORT_ROWS } });
  if (report.fileErrors.length > 0) return report;

  const refs = await roomRefs(db);
  const existing = new Set((await bDb(db).selectFrom('booking_rooms').select('id').execute()).map((r) => r.id));
  const seen = new Map<string, number>();
  const valid: { input: RoomInput; action: 'create' | 'update' }[] = [];
  for (const { cells, line } of body) {
    const raw: RawRoom = {};
    header.forEach((column, i) => {
      // Our own export neutralises a leading = + - @ with an apostrophe (excel-csv.ts): taken off.
      const cell = cells[i] ?? '';
      raw[column as RoomField] = /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell;
    });
    const errors: FieldError[] = [];
    const countOff = cells.length !== header.length;
    if (countOff)
      errors.push({ field: 'file', code: 'columnCount', params: { expected: header.length, found: cells.length } });
    const { room, errors: fieldErrors } = validateRoom(raw, refs);
    if (!countOff) errors.push(...fieldErrors);
    const id =
      room?.id ??
      String(raw.id ?? '')
        .trim()
        .toLowerCase();
    const earlier = seen.get(id);
    if (id !== '' && earlier !== undefined)
      errors.push({ field: 'id', code: 'duplicateId', params: { line: earlier } });
    seen.set(id, earlier ?? line);
    const action = existing.has(id) ? 'update' : 'create';
    report.rows.push({ line, id, action, errors });
    if (room && errors.length === 0) valid.push({ input: room, action });
  }
  if (report.rows.some((r) => r.errors.length > 0)) return report;

  await db.transaction().execute(async (trx) => {
    for (const { input, action } of valid) {
      const outcome = await saveRoom(trx, ctx, input, action, 'import');
      report[outcome]++;
    }
  });
  report.applied = true;
  return report;
}

/** A room as a CSV row in ROOM_FIELDS order (lists joined by `|`, as the import reads them). */
export function roomRow(raw: RawRoom): CsvValue[] {
  return ROOM_FIELDS.map((field) => {
    const value = raw[field];
    if (Array.isArray(value)) return value.join('|');
    if (field === 'floor' && value !== undefined && /^-?\d+$/.test(value)) return Number(value);
    return value ?? '';
  });
}

/** Every room, active or not, in the import's format: export, edit, import again. */
export async function exportRoomsCsv(db: Db): Promise<string> {
  const overview = await adminOverview(db);
  return excelCsv(
    ROOM_FIELDS,
    overview.buildings.flatMap((b) => b.rooms.map((room) => roomRow(rawOf(room)))),
  );
}

/** The header and one example row whose codes are valid here (the first building; no groups). */
export async function templateCsv(db: Db): Promise<string> {
  const building = await bDb(db).selectFrom('booking_buildings').select('id').orderBy('id').executeTakeFirst();
  const example: RawRoom = {
    id: `${building?.id ?? 'stadshuset'}-nytt-rum`,
    building: building?.id ?? 'stadshuset',
    floor: '2',
    name: 'Nytt mötesrum',
    capacity: '6',
    equipment: ['screen', 'whiteboard'],
    accessibility: ['wheelchair', 'step-free'],
    purpose: 'meeting',
    allowed_groups: [],
    opens_at: '08:00',
    closes_at: '17:00',
    open_weekdays: ['1', '2', '3', '4', '5'],
    min_minutes: '15',
    max_minutes: '240',
    max_days_ahead: '180',
    approval_required: 'nej',
    approver_group: '',
    buffer_minutes: '0',
    checkin_window_minutes: '15',
  };
  return excelCsv(ROOM_FIELDS, [roomRow(example)]);
}
