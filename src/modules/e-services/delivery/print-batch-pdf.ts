import { formatPersonalNumber } from '../../../platform/identity/personal-number.ts';
import { stockholmDate } from '../calendar.ts';
import type { LetterInBatch, PrintBatchSummary } from './delivery.repository.ts';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const LINE = 16;

/** Skatteverket's mail forwarding (särskild postförmedling) for people with protected personal data. */
export const SKATTEVERKET_FORWARDING_ADDRESS = ['Skatteverket', 'Box 2820', '403 20 Göteborg'] as const;

/**
 * One PDF for the printer: a cover sheet for the post room (the batch, its count and its case
 * numbers; no names), then each letter whole, each starting on a fresh sheet when printed on both
 * sides. The letters print their address in the envelope window, so no address sheet is needed,
 * except for a protected identity: its letter prints no address, so an envelope sheet with the
 * personal identity number in the window goes before it (Skatteverket forwards by that number),
 * and the cover sheet says how to send those letters on.
 */
export async function printBatchPdf(input: {
  batch: PrintBatchSummary;
  letters: readonly LetterInBatch[];
}): Promise<Uint8Array> {
  // Loaded here, not at start: a print batch is made a few times a day.
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const out = await PDFDocument.create();
  out.setTitle(`Utskrift ${stockholmDate(input.batch.createdAt)}`);
  out.setLanguage('sv-SE');
  const font = await out.embedFont(StandardFonts.Helvetica);
  const bold = await out.embedFont(StandardFonts.HelveticaBold);

  const forwarded = input.letters.filter((l) => l.route.kind === 'skatteverket').length;
  const lines = [
    `${input.letters.length} brev. Skapad ${stockholmDate(input.batch.createdAt)} av ${input.batch.createdByName}.`,
    'Skicka med A-post. Markera utskriften som postad när breven har lämnats.',
    ...(forwarded > 0
      ? [
          '',
          `${forwarded} av breven är till personer med skyddade personuppgifter och skickas via`,
          'Skatteverkets postförmedling. Varje sådant brev har ett kuvertblad med personnumret först.',
          '1. Lägg kuvertbladet och brevet i ett fönsterkuvert och klistra igen.',
          '2. Skriv kommunens adress som avsändare på baksidan.',
          '3. Lägg alla dessa kuvert i ett ytterkuvert till:',
          `    ${SKATTEVERKET_FORWARDING_ADDRESS.join(', ')}`,
        ]
      : []),
    '',
    'Ärende  ·  postnummer',
    ...input.letters.map(
      (l) =>
        `${l.caseNumber ?? '–'}  ·  ${l.route.kind === 'address' ? l.route.postalAddress.postalCode : 'via Skatteverket'}`,
    ),
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
    if (letter.route.kind === 'skatteverket') {
      // The envelope sheet: the number where the letters print their address (window envelope),
      // then a blank back, so the letter still starts on a sheet of its own.
      const sheet = out.addPage(A4);
      sheet.drawText(`Personnummer ${formatPersonalNumber(letter.route.personalNumber)}`, {
        x: WINDOW.x,
        y: A4[1] - WINDOW.top - 11,
        size: 11,
        font: bold,
      });
      sheet.drawText(winAnsi(`Vidarebefordras av Skatteverket. Ärende ${letter.caseNumber ?? '–'}.`), {
        x: WINDOW.x,
        y: A4[1] - WINDOW.top - 11 - LINE,
        size: 9,
        font,
      });
      out.addPage(A4);
    }
    const source = await PDFDocument.load(letter.content);
    const pages = await out.copyPages(source, source.getPageIndices());
    for (const page of pages) out.addPage(page);
    // Duplex: the next letter starts on a sheet of its own.
    if (pages.length % 2 === 1) out.addPage([pages[0]!.getWidth(), pages[0]!.getHeight()]);
  }
  return out.save();
}

/** Where the letters print the recipient (decision-letter.ts): the window of a C5/C4 window envelope. */
const WINDOW = { x: 64, top: 140 };

/** The standard fonts write Windows-1252 only: a name in another script is replaced, never an error. */
function winAnsi(text: string): string {
  return text.replace(/[^\u0020-\u007e\u00a0-\u00ff\u2013\u00b7]/g, '?');
}
