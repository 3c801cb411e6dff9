import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Reads a PDF back through Mozilla's PDF.js (the reader in Firefox), for tests that prove what a
 * generated document says and declares: text per page, XMP metadata, language, tagging. What
 * PDF.js does not expose (output intents, embedded font programs) is in pdf-objects.ts.
 */

export interface ReadPdf {
  /** The PDF version, e.g. "1.7". */
  version: string;
  /** The catalog's Lang, e.g. "sv-SE"; null when absent. */
  language: string | null;
  /** The XMP metadata packet as written; null when absent. */
  xmp: string | null;
  /** MarkInfo Marked: the document says it is tagged. */
  marked: boolean;
  /** ViewerPreferences DisplayDocTitle: readers show the title, not the file name. */
  displayDocTitle: boolean;
  /** Text of each page, one line per line of text. */
  pages: string[];
  /** Every structure type in the pages' structure trees (Document, H1, P, L, LI, …), sorted. */
  structureRoles: string[];
}

export async function readPdf(pdf: Uint8Array): Promise<ReadPdf> {
  // PDF.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  try {
    const { info, metadata } = await document.getMetadata();
    const details = info as { PDFFormatVersion?: string; Language?: string | null };
    const pages: string[] = [];
    const roles = new Set<string>();
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      let text = '';
      for (const item of (await page.getTextContent()).items) {
        if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      }
      pages.push(text);
      const tree = await page.getStructTree(); // null when the document has no structure tree
      if (tree) collectRoles(tree, roles);
    }
    return {
      version: details.PDFFormatVersion ?? '',
      language: details.Language ?? null,
      xmp: metadata?.getRaw() ?? null,
      marked: (await document.getMarkInfo())?.Marked === true,
      displayDocTitle:
        ((await document.getViewerPreferences()) as { DisplayDocTitle?: boolean } | null)?.DisplayDocTitle === true,
      pages,
      structureRoles: [...roles].sort(),
    };
  } finally {
    await document.destroy();
  }
}

/** A structure element as PDF.js gives it; its children are elements or marked content. */
interface StructNode {
  role: string;
  children: object[];
}

function collectRoles(node: StructNode, roles: Set<string>): void {
  if (node.role !== 'Root') roles.add(node.role);
  for (const child of node.children) if ('role' in child) collectRoles(child as StructNode, roles);
}

/** Text with every run of whitespace as one space: for phrase checks across wrapped lines. */
export function flattenText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The text of every page, flattened (see flattenText). */
export async function readPdfText(pdf: Uint8Array): Promise<string> {
  return flattenText((await readPdf(pdf)).pages.join('\n'));
}
