import { createTranslator, type Locale, type TranslationOf } from '../../platform/i18n/index.ts';

/** Texts the SFI pipeline sends residents (My pages messages and e-mails), in the language they applied in. */
const sv = {
  'review.message': 'Din ansökan {caseNumber} har kommit in. En handläggare går igenom den och du får besked här och via e-post.',
  'review.email.subject': 'Din ansökan till sfi {caseNumber} granskas',
  'review.email.body':
    'Hej {name}!\n\nVi har tagit emot din ansökan till sfi med ärendenummer {caseNumber}. En handläggare går nu igenom den. Du får ett meddelande när det finns ett beslut.\n\nMed vänliga hälsningar\n{municipality}',
  'invitation.message':
    'Du är antagen till sfi. Skola: {school} ({form}). Du är kallad till kartläggning av dina kunskaper den {date}. Kartläggningen avgör vilken kurs du börjar på.',
  'invitation.noSeat':
    'Du är antagen till sfi. Just nu finns ingen ledig plats i den studieform du valde ({form}); vi hör av oss när en plats blir ledig. Du är kallad till kartläggning av dina kunskaper den {date}.',
  'form.daytime': 'dagtid',
  'form.evening': 'kvällstid',
  'form.distance': 'distans',
} as const;

const en: TranslationOf<typeof sv> = {
  'review.message': 'Your application {caseNumber} has arrived. A caseworker is reviewing it, and you will hear from us here and by e-mail.',
  'review.email.subject': 'Your SFI application {caseNumber} is being reviewed',
  'review.email.body':
    'Hello {name},\n\nWe have received your application for SFI with case number {caseNumber}. A caseworker is now reviewing it. You will get a message when there is a decision.\n\nKind regards\n{municipality}',
  'invitation.message':
    'You are admitted to SFI. School: {school} ({form}). You are invited to an assessment of your knowledge on {date}. The assessment decides which course you start on.',
  'invitation.noSeat':
    'You are admitted to SFI. At the moment there is no free place in the study form you chose ({form}); we will contact you when a place is free. You are invited to an assessment of your knowledge on {date}.',
  'form.daytime': 'daytime',
  'form.evening': 'evening',
  'form.distance': 'distance',
};

const catalogs = { sv, en, ar: en, fa: en, so: en, ti: en, uk: en }; // TRANSLATE: ar fa so ti uk

export function sfiTranslator(locale: Locale) {
  return createTranslator(catalogs, locale);
}
