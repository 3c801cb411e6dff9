import { createTranslator, type Locale, type TranslationOf } from '../../../platform/i18n/index.ts';

/** The print queue (staff only): Swedish (source) and English. */
const sv = {
  'nav.printQueue': 'Utskrift',
  title: 'Beslutsbrev att skicka med post',
  lead: 'Sökande utan e-legitimation får sina beslut med post. Skapa en utskrift, skriv ut den och lämna breven till posten. Markera sedan utskriften som postad: beslutet anses ha kommit fram två arbetsdagar senare, och tiden för att överklaga räknas från den dagen. Brev till personer med skyddade personuppgifter går via Skatteverkets postförmedling, som försättsbladet beskriver, och anses ha kommit fram fyra arbetsdagar efter postningen.',
  pending: '{count} brev väntar på utskrift.',
  'pending.none': 'Inga brev väntar på utskrift.',
  create: 'Skapa utskrift',
  created: 'Utskriften är skapad med {count} brev.',
  'created.none': 'Det fanns inga brev att skriva ut.',
  'batches.heading': 'Utskrifter',
  'batches.caption': 'De senaste utskrifterna, nyast först',
  'batches.none': 'Inga utskrifter ännu.',
  'batches.created': 'Skapad',
  'batches.createdBy': 'Av',
  'batches.letters': 'Brev',
  'batches.posted': 'Postad',
  'batches.notPosted': 'Inte postad',
  'batches.download': 'Ladda ner PDF',
  'batches.downloadLabel': 'utskriften från {date}',
  'batches.markPosted': 'Markera som postad',
  posted: 'Utskriften är markerad som postad. Besluten anses mottagna den {date}.',
  'undeliverable.heading': 'Beslut som inte kan skickas',
  'undeliverable.lead':
    'De här sökande har varken Mina sidor, en postadress eller ett personnummer som Skatteverket kan vidarebefordra post till. Kontakta dem på annat sätt, till exempel per telefon, och lämna beslutet.',
  'undeliverable.caption': 'Beslut utan väg till den sökande',
  'undeliverable.case': 'Ärende',
  'undeliverable.since': 'Sedan',
} as const;

const en: TranslationOf<typeof sv> = {
  'nav.printQueue': 'Printing',
  title: 'Decision letters to send by post',
  lead: 'Applicants without e-ID get their decisions by post. Create a print batch, print it and take the letters to the post. Then mark the batch as posted: the decision is presumed to arrive two working days later, and the time to appeal counts from that day. Letters to people with protected personal data go through the Swedish Tax Agency’s mail forwarding, as the cover sheet describes, and are presumed to arrive four working days after posting.',
  pending: '{count} letters are waiting to be printed.',
  'pending.none': 'No letters are waiting to be printed.',
  create: 'Create print batch',
  created: 'The print batch has been created with {count} letters.',
  'created.none': 'There were no letters to print.',
  'batches.heading': 'Print batches',
  'batches.caption': 'The latest print batches, newest first',
  'batches.none': 'No print batches yet.',
  'batches.created': 'Created',
  'batches.createdBy': 'By',
  'batches.letters': 'Letters',
  'batches.posted': 'Posted',
  'batches.notPosted': 'Not posted',
  'batches.download': 'Download PDF',
  'batches.downloadLabel': 'the print batch of {date}',
  'batches.markPosted': 'Mark as posted',
  posted: 'The batch is marked as posted. The decisions are presumed received on {date}.',
  'undeliverable.heading': 'Decisions that cannot be sent',
  'undeliverable.lead':
    'These applicants have neither My pages, a postal address nor a personal identity number the Swedish Tax Agency can forward post to. Contact them another way, for example by phone, and give them the decision.',
  'undeliverable.caption': 'Decisions with no way to the applicant',
  'undeliverable.case': 'Case',
  'undeliverable.since': 'Since',
};

export function printQueueTranslator(locale: Locale) {
  return createTranslator({ sv, en }, locale);
}
