import type { Db } from '../../../platform/db/database.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { bDb } from '../booking.table.ts';
import {
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

/** RFC 4180 CSV with a chosen delimiter: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(input: string, delimiter: ',' | ';'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function delimiterOf(header: string): ',' | ';' {
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

const empty = (r: string[]) => r.every((cell) => cell.trim() === '');

/** Checks the file; applies it (all rows, one transaction) only when every row is valid. */
export async function importRooms(db: Db, ctx: AdminContext, csv: string): Promise<ImportReport> {
  const report: ImportReport = { fileErrors: [], rows: [], applied: false, created: 0, updated: 0, unchanged: 0 };
  const textIn = csv.replace(/^\uFEFF/, '');
  const firstLine = textIn.split(/\r?\n/, 1)[0] ?? '';
  const lines = parseCsv(textIn, delimiterOf(firstLine));
  const header = (lines[0] ?? []).map((h) => h.trim().toLowerCase());
  if (lines.length === 0 || empty(lines[0]!)) {
    report.fileErrors.push({ field: 'file', code: 'emptyFile' });
    return report;
  }
  for (const column of header)
    if (!(ROOM_FIELDS as readonly string[]).includes(column))
      report.fileErrors.push({ field: 'file', code: 'unknownColumn', params: { column } });
  for (const column of REQUIRED_COLUMNS)
    if (!header.includes(column)) report.fileErrors.push({ field: 'file', code: 'missingColumn', params: { column } });
  const body = lines
    .slice(1)
    .map((cells, i) => ({ cells, line: i + 2 }))
    .filter((r) => !empty(r.cells));
  if (body.length === 0) report.fileErrors.push({ field: 'file', code: 'noRows' });
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
      raw[column as RoomField] = cells[i] ?? '';
    });
    const errors: FieldError[] = [];
    if (cells.length !== header.length)
      errors.push({ field: 'file', code: 'columnCount', params: { expected: header.length, found: cells.length } });
    const { room, errors: fieldErrors } = validateRoom(raw, refs);
    errors.push(...fieldErrors);
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
