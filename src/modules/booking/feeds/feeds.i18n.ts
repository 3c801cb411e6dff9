import { createTranslator, type Locale, type TranslationOf } from '../../../platform/i18n/index.ts';

/**
 * Calendar feeds (/lokaler/kalender and the feeds themselves): staff pages, Swedish (source) and
 * English. `feeds.privateTitle` is what a room feed shows for a private room's booking.
 */
const sv = {
  'feeds.title': 'Kalenderlänkar',
  'feeds.intro':
    'En kalenderlänk visar bokningar i Outlook eller en annan kalender som prenumererar på den. Länken är hemlig: den som har den ser bokningarna. Du kan ta bort den när som helst.',
  'feeds.mine': 'Mina bokningar',
  'feeds.roomFeed': 'Alla bokningar i {room}',
  'feeds.roomHint': 'Rum för klientsamtal visar bara ”Bokat”.',
  'feeds.create': 'Skapa kalenderlänk',
  'feeds.which': 'Vilka bokningar?',
  'feeds.created': 'Kalenderlänken är skapad',
  'feeds.copy':
    'Kopiera länken nu och lägg till den i din kalender (i Outlook: Lägg till kalender, Från internet). Den visas bara den här gången; vi sparar den inte.',
  'feeds.url': 'Kalenderlänk',
  'feeds.copyButton': 'Kopiera länken',
  'feeds.copied': 'Kopierad',
  'feeds.openOutlook': 'Öppna i Outlook',
  'feeds.refresh':
    'Kalendern hämtar nya och ändrade bokningar själv. Länken ber den göra det var {minutes}:e minut, men Outlook på webben och nya Outlook kan ändå vänta några timmar mellan hämtningarna. Bekräftelsen med kalenderinbjudan kommer direkt per e-post.',
  'feeds.existing': 'Dina kalenderlänkar',
  'feeds.none': 'Du har inga kalenderlänkar.',
  'feeds.col.what': 'Visar',
  'feeds.col.created': 'Skapad',
  'feeds.col.action': 'Åtgärd',
  'feeds.revoke': 'Ta bort',
  'feeds.revoked': 'Kalenderlänken är borttagen och slutar fungera.',
  'feeds.calendarMine': 'Mina rumsbokningar',
  'feeds.calendarRoom': 'Bokningar i {room}',
  'feeds.field.room': 'ett rum',
  'feeds.keyReused':
    'Formuläret skickades redan med ett annat val. Skapa länken igen för att få en länk till det du har valt nu.',
  'feeds.privateTitle': 'Bokat',
} as const;

const en: TranslationOf<typeof sv> = {
  'feeds.title': 'Calendar links',
  'feeds.intro':
    'A calendar link shows bookings in Outlook or any other calendar that subscribes to it. The link is secret: whoever has it sees the bookings. You can remove it at any time.',
  'feeds.mine': 'My bookings',
  'feeds.roomFeed': 'All bookings in {room}',
  'feeds.roomHint': 'Client-meeting rooms show only “Booked”.',
  'feeds.create': 'Create calendar link',
  'feeds.which': 'Which bookings?',
  'feeds.created': 'The calendar link is created',
  'feeds.copy':
    'Copy the link now and add it to your calendar (in Outlook: Add calendar, From internet). It is shown only this once; we do not keep it.',
  'feeds.url': 'Calendar link',
  'feeds.copyButton': 'Copy the link',
  'feeds.copied': 'Copied',
  'feeds.openOutlook': 'Open in Outlook',
  'feeds.refresh':
    'Your calendar fetches new and changed bookings by itself. The link asks it to do so every {minutes} minutes, but Outlook on the web and the new Outlook may still wait a few hours between fetches. The confirmation with the calendar invitation arrives at once by email.',
  'feeds.existing': 'Your calendar links',
  'feeds.none': 'You have no calendar links.',
  'feeds.col.what': 'Shows',
  'feeds.col.created': 'Created',
  'feeds.col.action': 'Action',
  'feeds.revoke': 'Remove',
  'feeds.revoked': 'The calendar link is removed and stops working.',
  'feeds.calendarMine': 'My room bookings',
  'feeds.calendarRoom': 'Bookings in {room}',
  'feeds.field.room': 'a room',
  'feeds.keyReused':
    'The form was already sent with another choice. Create the link again to get a link to what you have chosen now.',
  'feeds.privateTitle': 'Booked',
};

export function feedsTranslator(locale: Locale) {
  return createTranslator({ sv, en }, locale);
}
