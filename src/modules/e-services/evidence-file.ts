import type { DocumentContentType } from './e-services.table.ts';

/**
 * What a file is, from its first bytes — never from its name or the type the browser claims,
 * both of which the sender chooses. Only the three formats evidence may have are recognised.
 */
export function sniffContentType(bytes: Uint8Array): DocumentContentType | null {
  const starts = (...signature: number[]) =>
    bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  return null;
}

const EXTENSION: Record<DocumentContentType, string> = {
  'application/pdf': '.pdf',
  'image/png': '.png',
  'image/jpeg': '.jpg',
};

/**
 * A filename safe to store and to send back in Content-Disposition: the last path segment,
 * no control or quoting characters, at most 200 characters, and the extension of what the
 * file really is (a PNG called "intyg.pdf" is stored as "intyg.png").
 */
export function safeFilename(name: string, contentType: DocumentContentType): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}"*:<>?|;]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, '').slice(0, 180) || 'dokument';
  return `${stem}${EXTENSION[contentType]}`;
}

/** `attachment; filename="…"; filename*=UTF-8''…` — an ASCII fallback plus the real name (RFC 6266). */
export function contentDisposition(filename: string): string {
  const ascii = filename
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
