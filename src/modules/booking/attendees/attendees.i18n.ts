import { createTranslator, type Locale, type TranslationOf } from '../../../platform/i18n/index.ts';

/** Invitees and the Teams link on the booking form and a booking's page: Swedish (source) and English. */
const sv = {
  'field.invitees': 'Bjud in kollegor (valfritt)',
  'field.inviteesHint':
    'Skriv för- och efternamn eller e-postadress, en per rad eller med kommatecken emellan. Personer utanför kommunen anges med e-postadress. De inbjudna får en kalenderinbjudan och alla ändringar.',
  'field.teams': 'Länk till Teams-möte (valfritt)',
  'field.teamsHint': 'Klistra in länken från Teams. Den börjar med https://teams.microsoft.com/',
  'page.invitees': 'Inbjudna',
  'page.guest': '{email} (gäst)',
  'page.teams': 'Teams-möte',
  'page.teamsLink': 'Anslut till Teams-mötet',
} as const;

const en: TranslationOf<typeof sv> = {
  'field.invitees': 'Invite colleagues (optional)',
  'field.inviteesHint':
    'Enter first and last name or email address, one per line or separated by commas. Enter people outside the city by email address. Those invited get a calendar invitation and every change.',
  'field.teams': 'Teams meeting link (optional)',
  'field.teamsHint': 'Paste the link from Teams. It starts with https://teams.microsoft.com/',
  'page.invitees': 'Invited',
  'page.guest': '{email} (guest)',
  'page.teams': 'Teams meeting',
  'page.teamsLink': 'Join the Teams meeting',
};

export function attendeesTranslator(locale: Locale) {
  return createTranslator({ sv, en }, locale);
}
