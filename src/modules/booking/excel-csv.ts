/**
 * CSV as Swedish Excel opens it with a double click: semicolons between cells (the list separator
 * of the Swedish locale), decimal comma, UTF-8 with a byte-order mark (so å, ä, ö survive) and
 * CRLF line ends. A text cell that starts with = + - @ (or a tab or carriage return) would run as
 * a formula: it gets a leading apostrophe ("CSV injection", OWASP); the room import takes it off
 * again. Numbers are written as numbers, never neutralised.
 */

export type CsvValue = string | number | null | undefined;

const decimal = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 3, useGrouping: false });

export function excelCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  // sv-SE writes a minus sign (U+2212) that Excel does not read as a number: a hyphen-minus instead.
  let text = typeof value === 'number' ? decimal.format(value).replace('\u2212', '-') : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: BOM, header and rows, `;` and CRLF. */
export function excelCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(excelCell).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The response headers of a CSV download named `filename` (ASCII). */
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const attachment = (filename: string) => `attachment; filename="${filename}"`;
