import { createTranslator, type Locale, type TranslationOf } from '../i18n/index.ts';

/** Sign-in page and the dev identity provider's user picker. Resident-facing: all seven languages. */
const sv = {
  'signIn.title': 'Logga in',
  'signIn.lead': 'Välj hur du vill logga in. Du kan byta språk innan du loggar in.',
  'signIn.resident.heading': 'Invånare',
  'signIn.resident.body': 'Logga in med e-legitimation, till exempel BankID eller Freja, för att söka till kommunens tjänster och följa dina ärenden på Mina sidor.',
  'signIn.resident.button': 'Logga in med e-legitimation',
  'signIn.noEid.heading': 'Har du inte e-legitimation?',
  'signIn.noEid.body': 'Du kan söka till sfi ändå, utan att logga in. Vi kontrollerar din identitet på annat sätt innan vi fattar beslut.',
  'signIn.noEid.link': 'Sök utan e-legitimation',
  'signIn.staff.heading': 'Medarbetare i kommunen',
  'signIn.staff.body': 'Logga in med ditt jobbkonto, samma som du använder för e-post och Teams.',
  'signIn.staff.button': 'Logga in med jobbkonto',
  'signIn.dev': 'Det här är en testmiljö. I stället för riktig e-legitimation väljer du en testanvändare i nästa steg.',
  'signIn.alreadySignedIn': 'Du är redan inloggad som {name}. Om du loggar in igen byter du konto.',
  'signIn.error.title': 'Det gick inte att logga in',
  'signIn.error.failed': 'Inloggningen kunde inte slutföras. Försök igen.',
  'signIn.error.denied': 'Inloggningen avbröts. Försök igen när du vill.',
  'signIn.error.expired': 'Inloggningen tog för lång tid eller startades i en annan flik. Börja om.',
  'signIn.error.unavailable': 'Inloggningstjänsten svarar inte just nu. Försök igen om en stund.',
  'signIn.error.account': 'Vi kunde inte koppla inloggningen till ett konto. Kontakta kundtjänst, så hjälper vi dig.',

  'devIdp.title': 'Välj testanvändare',
  'devIdp.caption': 'Testinloggning',
  'devIdp.lead.resident': 'Det här är inte riktig e-legitimation. Välj vilken testperson du vill logga in som. Personuppgifterna är påhittade.',
  'devIdp.lead.staff': 'Det här är inte ett riktigt jobbkonto. Välj vilken testmedarbetare du vill logga in som.',
  'devIdp.users': 'Testanvändare',
  'devIdp.signInAs': 'Logga in som {name}',
  'devIdp.roles': 'Roller: {roles}',
  'devIdp.cancel': 'Avbryt inloggningen',
} as const;

const en: TranslationOf<typeof sv> = {
  'signIn.title': 'Sign in',
  'signIn.lead': 'Choose how to sign in. You can change the language before you sign in.',
  'signIn.resident.heading': 'Residents',
  'signIn.resident.body': 'Sign in with an e-ID, such as BankID or Freja, to apply for the municipality’s services and follow your cases on My pages.',
  'signIn.resident.button': 'Sign in with e-ID',
  'signIn.noEid.heading': 'No e-ID?',
  'signIn.noEid.body': 'You can still apply for SFI without signing in. We check your identity in another way before we make a decision.',
  'signIn.noEid.link': 'Apply without an e-ID',
  'signIn.staff.heading': 'Municipal staff',
  'signIn.staff.body': 'Sign in with your work account, the one you use for e-mail and Teams.',
  'signIn.staff.button': 'Sign in with work account',
  'signIn.dev': 'This is a test environment. Instead of a real e-ID you choose a test user in the next step.',
  'signIn.alreadySignedIn': 'You are already signed in as {name}. Signing in again switches account.',
  'signIn.error.title': 'You could not be signed in',
  'signIn.error.failed': 'The sign-in could not be completed. Please try again.',
  'signIn.error.denied': 'The sign-in was cancelled. Try again whenever you like.',
  'signIn.error.expired': 'The sign-in took too long or was started in another tab. Please start again.',
  'signIn.error.unavailable': 'The sign-in service is not answering right now. Please try again in a while.',
  'signIn.error.account': 'We could not connect the sign-in to an account. Contact customer service and we will help you.',

  'devIdp.title': 'Choose a test user',
  'devIdp.caption': 'Test sign-in',
  'devIdp.lead.resident': 'This is not a real e-ID. Choose the test person you want to sign in as. The personal details are made up.',
  'devIdp.lead.staff': 'This is not a real work account. Choose the test member of staff you want to sign in as.',
  'devIdp.users': 'Test users',
  'devIdp.signInAs': 'Sign in as {name}',
  'devIdp.roles': 'Roles: {roles}',
  'devIdp.cancel': 'Cancel sign-in',
};

const catalogs = { sv, en, ar: en, fa: en, so: en, ti: en, uk: en }; // TRANSLATE: ar fa so ti uk

export type AuthKey = keyof typeof sv;

export function authTranslator(locale: Locale) {
  return createTranslator(catalogs, locale);
}
