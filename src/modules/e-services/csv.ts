/**
 * CSV for spreadsheets (RFC 4180, CRLF line ends, UTF-8 with a byte-order mark so Excel reads
 * å, ä, ö). A cell that starts with = + - @ (or a tab or carriage return) would run as a
 * formula when the file is opened: it is prefixed with an apostrophe ("CSV injection", OWASP).
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[],
): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
