// PDF.js (pdf.ts) exposes neither the catalog's OutputIntents nor the embedded font programs and their ToUnicode streams: this reads those objects raw.
import { inflateSync } from 'node:zlib';

/**
 * The objects of a PDF as pdfkit writes them (uncompressed object syntax, Flate streams with a
 * direct /Length, Type0 fonts), for tests that check what a reader does not report: the output
 * intent a PDF/A file declares and the font programs it embeds. Not a PDF parser in general.
 */

export interface PdfObject {
  /** The object's dictionary (or other value) as PDF syntax text. */
  body: string;
  /** The decoded stream data, when the object is a stream. */
  stream: Buffer | null;
}

export interface EmbeddedFontInfo {
  baseFont: string;
  subtype: string;
  /** The font file (FontFile2/FontFile3) bytes, decoded; null when the font is not embedded. */
  fontFile: Buffer | null;
  hasToUnicode: boolean;
}

export interface PdfObjects {
  objects: Map<number, PdfObject>;
  /** The document catalog's dictionary as PDF syntax text. */
  catalog: string;
  fonts: EmbeddedFontInfo[];
}

const OBJECT = /(\d+) 0 obj\s*/g;

export function readPdfObjects(pdf: Buffer): PdfObjects {
  const latin = pdf.toString('latin1');
  if (!latin.startsWith('%PDF-')) throw new Error('not a PDF (no %PDF- header)');

  const objects = new Map<number, PdfObject>();
  OBJECT.lastIndex = 0;
  for (let match = OBJECT.exec(latin); match; match = OBJECT.exec(latin)) {
    const id = Number(match[1]);
    const start = match.index + match[0].length;
    const end = latin.indexOf('endobj', start);
    if (end < 0) throw new Error(`object ${id} has no endobj`);
    let body = latin.slice(start, end);
    let stream: Buffer | null = null;
    const streamAt = body.indexOf('stream\n');
    if (streamAt >= 0 && body.startsWith('<<')) {
      const dict = body.slice(0, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
      const dataStart = start + streamAt + 'stream\n'.length;
      const raw = pdf.subarray(dataStart, dataStart + length);
      stream = /\/Filter \/FlateDecode/.test(dict) ? inflateSync(raw) : Buffer.from(raw);
      body = dict;
      OBJECT.lastIndex = dataStart + length;
    } else {
      OBJECT.lastIndex = end;
    }
    objects.set(id, { body: body.trim(), stream });
  }

  const trailerRoot = /\/Root (\d+) 0 R/.exec(latin.slice(latin.lastIndexOf('trailer')))?.[1];
  const catalog = objects.get(Number(trailerRoot))?.body ?? '';
  const ref = (text: string, key: string): PdfObject | undefined => {
    const id = new RegExp(`/${key} (\\d+) 0 R`).exec(text)?.[1];
    return id === undefined ? undefined : objects.get(Number(id));
  };

  // Fonts: Type0 → descendant CIDFont → descriptor → font file; and the ToUnicode map.
  const fonts: EmbeddedFontInfo[] = [];
  for (const object of objects.values()) {
    if (!/\/Type \/Font\b/.test(object.body) || /\/Subtype \/CIDFontType/.test(object.body)) continue;
    const baseFont = /\/BaseFont \/([^\s/>]+)/.exec(object.body)?.[1] ?? '';
    const subtype = /\/Subtype \/(\w+)/.exec(object.body)?.[1] ?? '';
    const descendantId = /\/DescendantFonts \[(\d+) 0 R\]/.exec(object.body)?.[1];
    const descendant = descendantId ? objects.get(Number(descendantId)) : undefined;
    const descriptor = descendant ? ref(descendant.body, 'FontDescriptor') : ref(object.body, 'FontDescriptor');
    const file = descriptor
      ? (ref(descriptor.body, 'FontFile2') ?? ref(descriptor.body, 'FontFile3') ?? ref(descriptor.body, 'FontFile'))
      : undefined;
    const toUnicode = ref(object.body, 'ToUnicode');
    fonts.push({ baseFont, subtype, fontFile: file?.stream ?? null, hasToUnicode: Boolean(toUnicode?.stream) });
  }

  return { objects, catalog, fonts };
}
