import { inflateSync } from 'node:zlib';

/**
 * Reads back what a letter PDF contains — text per page, XMP metadata, catalog entries, fonts —
 * without external tools, so tests prove the content on any machine (poppler's pdftotext is not
 * always installed). Minimal on purpose: it understands the PDFs pdfkit writes (uncompressed
 * object syntax, Flate streams with direct /Length, Type0 fonts with a ToUnicode CMap), not PDF
 * in general.
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

export interface InspectedPdf {
  /** e.g. "1.7" */
  version: string;
  objects: Map<number, PdfObject>;
  catalog: string;
  /** Text of each page; each text-showing block on its own line. */
  pages: string[];
  /** The XMP metadata packet, when present. */
  xmp: string | null;
  fonts: EmbeddedFontInfo[];
}

const OBJECT = /(\d+) 0 obj\s*/g;

export function inspectPdf(pdf: Buffer): InspectedPdf {
  const latin = pdf.toString('latin1');
  const version = /^%PDF-(\d\.\d)/.exec(latin)?.[1];
  if (!version) throw new Error('not a PDF (no %PDF- header)');

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

  const xmpObject = ref(catalog, 'Metadata');
  const xmp = xmpObject?.stream ? xmpObject.stream.toString('utf8') : null;

  // Fonts: Type0 → descendant CIDFont → descriptor → font file; ToUnicode for the text.
  const fonts: EmbeddedFontInfo[] = [];
  const unicodeByFontId = new Map<number, Map<number, string>>();
  for (const [id, object] of objects) {
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
    if (toUnicode?.stream) unicodeByFontId.set(id, parseToUnicode(toUnicode.stream.toString('latin1')));
  }

  // Pages in order: the Pages tree's Kids (pdfkit writes one flat level).
  const pagesObject = ref(catalog, 'Pages');
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(pagesObject?.body ?? '')?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) =>
    Number(m[1]),
  );
  const pages = kids.map((pageId) => {
    const page = objects.get(pageId)!;
    const resources = /\/Resources (\d+) 0 R/.exec(page.body) ? ref(page.body, 'Resources')!.body : page.body;
    const fontDict = /\/Font <<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
    const fontsByName = new Map<string, Map<number, string>>();
    for (const m of fontDict.matchAll(/\/(\S+) (\d+) 0 R/g))
      fontsByName.set(m[1]!, unicodeByFontId.get(Number(m[2])) ?? new Map());
    const contents = ref(page.body, 'Contents');
    return contents?.stream ? pageText(contents.stream.toString('latin1'), fontsByName) : '';
  });

  return { version, objects, catalog, pages, xmp, fonts };
}

/** CID → text, from a ToUnicode CMap's bfrange (array form and offset form) and bfchar entries. */
function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hexText = (hex: string) => {
    let text = '';
    for (let i = 0; i + 4 <= hex.length; i += 4) text += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
    return text;
  };
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const from = parseInt(m[1]!, 16);
      const to = parseInt(m[2]!, 16);
      const target = m[3]!;
      if (target.startsWith('[')) {
        const entries = [...target.matchAll(/<([0-9a-fA-F ]*)>/g)].map((e) => hexText(e[1]!.replace(/\s+/g, '')));
        for (let cid = from; cid <= to; cid++) map.set(cid, entries[cid - from] ?? '');
      } else {
        const base = parseInt(target.slice(1, -1), 16);
        for (let cid = from; cid <= to; cid++) map.set(cid, String.fromCharCode(base + cid - from));
      }
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
      map.set(parseInt(m[1]!, 16), hexText(m[2]!));
  }
  return map;
}

/** The text shown on a page: each BT…ET block as a line, hex strings decoded through the current font. */
function pageText(content: string, fonts: Map<string, Map<number, string>>): string {
  const lines: string[] = [];
  let current = new Map<number, string>();
  for (const block of content.matchAll(/BT([\s\S]*?)ET/g)) {
    let line = '';
    for (const op of block[1]!.matchAll(
      /\/(\S+) [\d.]+ Tf|\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\] TJ|<([0-9a-fA-F]*)> Tj/g,
    )) {
      if (op[1] !== undefined) current = fonts.get(op[1]) ?? new Map();
      const strings =
        op[2] !== undefined
          ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((s) => s[1]!)
          : op[3] !== undefined
            ? [op[3]]
            : [];
      for (const hex of strings)
        for (let i = 0; i + 4 <= hex.length; i += 4) line += current.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\ufffd';
    }
    lines.push(line);
  }
  return lines.join('\n');
}

/** Text with every run of whitespace as one space: for phrase checks across wrapped lines. */
export function flattenText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
