import { createRequire } from 'node:module';
import type PDFDocumentConstructor from 'pdfkit';
import { buildLetterContent, type LetterContent } from './decision-letter.content.ts';
import { decisionLetterInputSchema, type DecisionLetterInput } from './decision-letter.schema.ts';
import { letterFonts, type LetterFontPaths } from './letter-fonts.ts';

/**
 * The SFI decision letter as PDF/A-2b: Swedish, A4, fonts embedded (DejaVu Sans, subset),
 * sRGB output intent, XMP metadata (title, language sv-SE), and tagged (structure tree with
 * headings, paragraphs and lists; page furniture marked as artifacts) so screen readers can
 * read it. A protected identity's address is never printed.
 *
 * Speed: the fonts are parsed once per process (letter-fonts.ts) and pdfkit subsets them per
 * letter; the rendering is synchronous CPU work (a few milliseconds), so this function is too.
 */

export interface RenderLetterOptions {
  /** The document's creation time (metadata); default now. Fixed → byte-identical output. */
  now?: Date;
  fonts?: LetterFontPaths;
}

// Loaded on first use: pdfkit takes a few hundred milliseconds to import, and the SFI module's
// other users (the rule CLI, the form) need none of it.
const require = createRequire(import.meta.url);
let pdfDocument: typeof PDFDocumentConstructor | undefined;
function PDFDocumentClass(): typeof PDFDocumentConstructor {
  pdfDocument ??= require('pdfkit') as typeof PDFDocumentConstructor;
  return pdfDocument;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 56, bottom: 72, left: 64, right: 64 };
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const FOOTER_Y = A4.height - 46;
const SIZE = { sender: 15, department: 9.5, meta: 9.5, recipient: 10.5, title: 17, heading: 12, body: 10.5, footer: 8 };
const COLOR = { text: '#0b0c0c', muted: '#505a5f' };

/** Renders the letter. Throws a ZodError on an invalid view model (e.g. a `manual` outcome). */
export function renderDecisionLetter(input: DecisionLetterInput, options: RenderLetterOptions = {}): Buffer {
  const letter = decisionLetterInputSchema.parse(input);
  return renderContent(buildLetterContent(letter), options);
}

function renderContent(content: LetterContent, options: RenderLetterOptions): Buffer {
  const fonts = letterFonts(options.fonts);
  const PDFDocument = PDFDocumentClass();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    tagged: true,
    lang: 'sv-SE',
    displayTitle: true,
    bufferPages: true,
    // No default font: pdfkit would otherwise load Helvetica, which PDF/A cannot use unembedded.
    font: null as unknown as string,
    info: {
      Title: xmpSafe(content.documentTitle),
      Author: xmpSafe(content.sender.name),
      Subject: xmpSafe(content.documentSubject),
      Creator: 'Smörgåsbord',
      Producer: 'Smörgåsbord (pdfkit)',
      CreationDate: options.now ?? new Date(),
    },
  });
  // pdfkit ≥ 0.18 takes a parsed fontkit font; its type definitions do not know that yet.
  doc.registerFont('regular', fonts.regular as never);
  doc.registerFont('bold', fonts.bold as never);
  doc.fillColor(COLOR.text);

  const root = doc.struct('Document');
  doc.addStructure(root);
  const paragraph = (
    text: string,
    font: 'regular' | 'bold',
    size: number,
    options: PDFKit.Mixins.TextOptions & { structType?: string } = {},
  ) => {
    doc
      .font(font)
      .fontSize(size)
      .text(text, { width: TEXT_WIDTH, structParent: root, structType: 'P', ...options });
  };

  // Letterhead: sender at the left, date and case number at the right.
  const top = MARGIN.top;
  doc
    .font('bold')
    .fontSize(SIZE.sender)
    .text(content.sender.name, MARGIN.left, top, { width: 280, structParent: root, structType: 'P' });
  doc
    .font('regular')
    .fontSize(SIZE.department)
    .fillColor(COLOR.muted)
    .text(content.sender.board, { width: 280, structParent: root, structType: 'P' });
  doc.text(content.sender.department, { width: 280, structParent: root, structType: 'P' });
  const metaX = A4.width - MARGIN.right - 150;
  let metaY = top;
  for (const { label, value } of content.meta) {
    doc
      .font('regular')
      .fontSize(SIZE.meta)
      .fillColor(COLOR.muted)
      .text(label, metaX, metaY, { width: 150, structParent: root, structType: 'P' });
    doc
      .font('bold')
      .fontSize(SIZE.meta + 0.5)
      .fillColor(COLOR.text)
      .text(value, metaX, doc.y, { width: 150, structParent: root, structType: 'P' });
    metaY = doc.y + 4;
  }
  doc.fillColor(COLOR.text);

  // The address field (window envelope position); name only for a protected identity.
  doc
    .font('regular')
    .fontSize(SIZE.recipient)
    .text(content.recipient.join('\n'), MARGIN.left, 140, { width: 260, structParent: root, structType: 'P' });

  doc.y = Math.max(doc.y + 36, 230);
  doc.x = MARGIN.left;
  paragraph(content.title, 'bold', SIZE.title, { structType: 'H1', paragraphGap: 8 });

  for (const section of content.sections) {
    doc.moveDown(0.5);
    paragraph(section.heading, 'bold', SIZE.heading, { structType: 'H2', paragraphGap: 3 });
    for (const text of section.paragraphs) paragraph(text, 'regular', SIZE.body, { paragraphGap: 5, lineGap: 1.5 });
    if (section.items && section.items.length > 0) {
      const list = doc.struct('L');
      root.add(list);
      doc
        .font('regular')
        .fontSize(SIZE.body)
        .list(section.items, MARGIN.left + 4, doc.y, {
          width: TEXT_WIDTH - 4,
          bulletRadius: 1.8,
          textIndent: 12,
          paragraphGap: 2,
          lineGap: 1.5,
          structParent: list,
        } as PDFKit.Mixins.TextOptions);
      list.end();
      doc.x = MARGIN.left;
      doc.moveDown(0.3);
    }
  }
  root.end();

  // Footer on every page, as pagination artifacts (not read out as content).
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the bottom margin would otherwise add a page
    doc.markContent('Artifact', { type: 'Pagination' });
    doc
      .font('regular')
      .fontSize(SIZE.footer)
      .fillColor(COLOR.muted)
      .text(content.footer(index - start + 1, count), MARGIN.left, FOOTER_Y, {
        width: TEXT_WIDTH,
        align: 'center',
        lineBreak: false,
      });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }

  doc.end();
  // pdfkit writes the whole file synchronously in end(); drain its stream buffer.
  const chunks: Buffer[] = [];
  for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null) chunks.push(chunk);
  const pdf = Buffer.concat(chunks);
  if (pdf.subarray(-6).toString('latin1').trim() !== '%%EOF')
    throw new Error('pdfkit did not finish the letter synchronously');
  return pdf;
}

/** pdfkit copies Title/Author/Subject into the XMP packet unescaped: keep XML syntax out. */
function xmpSafe(text: string): string {
  return text.replace(/[<>&"]/g, ' ');
}
