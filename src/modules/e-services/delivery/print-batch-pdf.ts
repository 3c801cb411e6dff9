import { PDFDocument, StandardFonts } from 'pdf-lib';
import { stockholmDate } from '../calendar.ts';
import type { LetterInBatch, PrintBatchSummary } from './delivery.repository.ts';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const LINE = 16;

/**
 * One PDF for the printer: a cover sheet for the post room (the batch, its count and its case
 * numbers; no names), then each letter whole, each starting on a fresh sheet when printed on both
 * sides. The letters print their address in the envelope window, so no address sheet is needed.
 */
export async function printBatchPdf(input: {
  batch: PrintBatchSummary;
  letters: readonly LetterInBatch[];
}): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  out.setTitle(`Utskrift ${stockholmDate(input.batch.createdAt)}`);
  out.setLanguage('sv-SE');
  const font = await out.embedFont(StandardFonts.Helvetica);
  const bold = await out.embedFont(StandardFonts.HelveticaBold);

  const lines = [
    `${input.letters.length} brev. Skapad ${stockholmDate(input.batch.createdAt)} av ${input.batch.createdByName}.`,
    'Skicka med A-post. Markera utskriften som postad när breven har lämnats.',
    '',
    'Ärende  ·  postnummer',
    ...input.letters.map((l) => `${l.caseNumber ?? '–'}  ·  ${l.postalAddress.postalCode}`),
  ];
  const perPage = Math.floor((A4[1] - 2 * MARGIN - 40) / LINE);
  for (let start = 0; start === 0 || start < lines.length; start += perPage) {
    const page = out.addPage(A4);
    if (start === 0) page.drawText('Beslutsbrev att posta', { x: MARGIN, y: A4[1] - MARGIN, size: 18, font: bold });
    lines.slice(start, start + perPage).forEach((text, i) => {
      page.drawText(winAnsi(text), { x: MARGIN, y: A4[1] - MARGIN - 40 - i * LINE, size: 11, font });
    });
    if (out.getPageCount() % 2 === 1 && start + perPage >= lines.length) out.addPage(A4);
  }

  for (const letter of input.letters) {
    const source = await PDFDocument.load(letter.content);
    const pages = await out.copyPages(source, source.getPageIndices());
    for (const page of pages) out.addPage(page);
    // Duplex: the next letter starts on a sheet of its own.
    if (pages.length % 2 === 1) out.addPage([pages[0]!.getWidth(), pages[0]!.getHeight()]);
  }
  return out.save();
}

/** The standard fonts write Windows-1252 only: a name in another script is replaced, never an error. */
function winAnsi(text: string): string {
  return text.replace(/[^\u0020-\u007e\u00a0-\u00ff\u2013\u00b7]/g, '?');
}
