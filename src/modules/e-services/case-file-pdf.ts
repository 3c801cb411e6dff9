import { createRequire } from 'node:module';
import type PDFDocumentConstructor from 'pdfkit';

/**
 * The case file sent to the appeal body with an appeal (förvaltningslagen 46 §) as one PDF: a
 * cover letter (överlämnande), the application, the facts with their sources, the decisions with
 * their reasons and legal references, the appeal, and then the letters of the case as they were
 * sent. Built here, generically, from what the case holds — no e-service's own rendering — so
 * every e-service on the machinery can forward an appeal. The letters are copied in whole with
 * pdf-lib, so the appeal body reads exactly what the applicant received.
 */

export interface CaseFileSection {
  heading: string;
  /** Label–value rows (a fact and its source, an answer, …). */
  rows?: readonly { label: string; value: string }[];
  /** Paragraphs of running text (a motivation, the appeal's words). */
  paragraphs?: readonly string[];
}

export interface CaseDocumentInput {
  title: string;
  /** The cover letter: addressee first, then its paragraphs. */
  cover: {
    addressee: string;
    heading: string;
    paragraphs: readonly string[];
    rows: readonly { label: string; value: string }[];
  };
  sections: readonly CaseFileSection[];
  /** PDFs appended whole (the case's letters), with a heading line each in the table of contents. */
  attachments: readonly { title: string; pdf: Uint8Array }[];
  now: Date;
}

/** DejaVu Sans (Debian fonts-dejavu-core), the letters' font: every Latin, Cyrillic and Greek letter. */
export const CASE_FILE_FONTS = {
  regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
};

const require = createRequire(import.meta.url);
let pdfDocument: typeof PDFDocumentConstructor | undefined;

const MARGIN = { top: 56, bottom: 64, left: 64, right: 64 };

/** Renders a case file, or (with no sections or attachments) a one-page letter about an appeal. Needs the DejaVu fonts. */
export async function renderCaseDocument(input: CaseDocumentInput): Promise<Uint8Array> {
  pdfDocument ??= require('pdfkit') as typeof PDFDocumentConstructor;
  const doc = new pdfDocument({
    size: 'A4',
    margins: MARGIN,
    pdfVersion: '1.7',
    lang: 'sv-SE',
    displayTitle: true,
    font: null as unknown as string,
    info: { Title: input.title, Creator: 'Smörgåsbord', Producer: 'Smörgåsbord (pdfkit)', CreationDate: input.now },
  });
  doc.registerFont('regular', CASE_FILE_FONTS.regular);
  doc.registerFont('bold', CASE_FILE_FONTS.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  doc.font('regular').fontSize(10).fillColor('#505a5f').text(input.cover.addressee);
  doc.moveDown(1.5).fillColor('#0b0c0c');
  doc.font('bold').fontSize(16).text(input.cover.heading);
  doc.moveDown(0.5);
  rows(doc, input.cover.rows);
  doc.moveDown(0.5);
  for (const p of input.cover.paragraphs) doc.font('regular').fontSize(10.5).text(p).moveDown(0.5);

  for (const section of input.sections) {
    doc.moveDown(1);
    if (doc.y > doc.page.height - MARGIN.bottom - 80) doc.addPage();
    doc.font('bold').fontSize(13).text(section.heading);
    doc.moveDown(0.4);
    rows(doc, section.rows ?? []);
    for (const p of section.paragraphs ?? []) doc.font('regular').fontSize(10.5).text(p).moveDown(0.5);
  }
  doc.end();
  await done;

  // Loaded here, not at start: few processes ever merge a case file (about 10 MB less resident).
  const { PDFDocument: PdfLibDocument } = await import('pdf-lib');
  const out = await PdfLibDocument.load(Buffer.concat(chunks));
  for (const attachment of input.attachments) {
    const source = await PdfLibDocument.load(attachment.pdf);
    for (const page of await out.copyPages(source, source.getPageIndices())) out.addPage(page);
  }
  return out.save({ useObjectStreams: false });
}

function rows(doc: PDFKit.PDFDocument, list: readonly { label: string; value: string }[]): void {
  for (const row of list) {
    doc.font('bold').fontSize(10.5).text(row.label, { continued: false });
    doc
      .font('regular')
      .fontSize(10.5)
      .text(row.value || '–')
      .moveDown(0.3);
  }
}
