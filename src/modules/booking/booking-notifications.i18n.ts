import { createTranslator, type Locale, type TranslationOf } from '../../platform/i18n/index.ts';

/** E-mails about bookings and series (to the booker and to approvers): Swedish and English. */
const sv = {
  calendarName: 'Lokalbokning',
  organizer: 'Lokalbokning',
  booked: 'Bokat',
  'subject.created': 'Bokat: {title}, {when}',
  'subject.pending': 'Väntar på godkännande: {title}, {when}',
  'subject.changed': 'Ändrad bokning: {title}, {when}',
  'subject.cancelled': 'Avbokat: {title}, {when}',
  'subject.released': 'Släppt (ingen incheckning): {title}, {when}',
  'subject.approved': 'Godkänd: {title}, {when}',
  'subject.rejected': 'Inte godkänd: {title}, {when}',
  'subject.seriesCreated': 'Serie bokad: {title}, {count} tillfällen',
  'subject.seriesOccurrencesCancelled': 'Avbokade tillfällen i serien: {title}',
  'subject.seriesCancelled': 'Serien avbokad: {title}',
  'subject.approval': 'Bokning att godkänna: {room}, {when}',
  'body.greeting': 'Hej {name}!',
  'body.created': 'Du har bokat {room} {when}.',
  'body.pending':
    'Du har bokat {room} {when}. Rummet kräver godkännande: tiden är reserverad åt dig tills bokningen godkänns eller avslås.',
  'body.changed': 'Din bokning av {room} är ändrad. Ny tid: {when}.',
  'body.cancelled': 'Din bokning av {room} {when} är avbokad.',
  'body.released': 'Din bokning av {room} {when} släpptes eftersom ingen checkade in. Rummet är ledigt för andra.',
  'body.approved': 'Din bokning av {room} {when} är godkänd.',
  'body.rejected': 'Din bokning av {room} {when} godkändes inte. Tiden är ledig igen.',
  'body.seriesCreated': 'Du har bokat {room} {pattern}, {count} tillfällen från {first}.',
  'body.seriesCollisions':
    'Dessa tillfällen kunde inte bokas eftersom rummet redan var bokat eller regler hindrade: {dates}.',
  'body.seriesPending': 'Rummet kräver godkännande: tillfällena är reserverade åt dig tills de godkänns eller avslås.',
  'body.seriesOccurrencesCancelled': 'Dessa tillfällen i serien i {room} är avbokade: {dates}.',
  'body.seriesCancelled': 'Hela serien i {room} är avbokad.',
  'body.approval': '{booker} har bokat {room} {when}. Bokningen behöver godkännas.',
  'body.approvalSeries':
    '{booker} har bokat {room} {pattern}, {count} tillfällen från {first}. Bokningarna behöver godkännas.',
  'body.reason': 'Motivering: {reason}',
  'body.calendar': 'Kalenderinbjudan finns som bilaga.',
  'body.link': 'Se bokningen: {url}',
  'body.approvalLink': 'Godkänn eller avslå: {url}',
  'invited.subject.created': 'Inbjudan: {title}, {when}',
  'invited.subject.changed': 'Ändrat möte: {title}, {when}',
  'invited.subject.cancelled': 'Inställt möte: {title}, {when}',
  'invited.subject.removed': 'Du är inte längre inbjuden: {title}, {when}',
  'invited.body.created': '{booker} bjuder in dig till ”{title}” i {room} {when}.',
  'invited.body.pending':
    '{booker} bjuder in dig till ”{title}” i {room} {when}. Rummet kräver godkännande: tiden är preliminär.',
  'invited.body.changed':
    'Mötet ”{title}” som {booker} har bjudit in dig till är ändrat. Tid och plats nu: {when}, {room}.',
  'invited.body.cancelled': 'Mötet ”{title}” i {room} {when} är inställt.',
  'invited.body.removed': '{booker} har tagit bort dig från mötet ”{title}” i {room} {when}.',
  'invited.body.answer': 'Svara på inbjudan i din kalender, så ser {booker} om du kommer.',
  'teams.description': 'Anslut till Teams-mötet: {url}',
  'teams.line': 'Teams-möte: {url}',
  'pattern.weekly': 'varje vecka {time}',
  'pattern.biweekly': 'varannan vecka {time}',
  'pattern.monthly-weekday': 'en gång i månaden {time}',
} as const;

const en: TranslationOf<typeof sv> = {
  calendarName: 'Room booking',
  organizer: 'Room booking',
  booked: 'Booked',
  'subject.created': 'Booked: {title}, {when}',
  'subject.pending': 'Awaiting approval: {title}, {when}',
  'subject.changed': 'Booking changed: {title}, {when}',
  'subject.cancelled': 'Cancelled: {title}, {when}',
  'subject.released': 'Released (no check-in): {title}, {when}',
  'subject.approved': 'Approved: {title}, {when}',
  'subject.rejected': 'Not approved: {title}, {when}',
  'subject.seriesCreated': 'Series booked: {title}, {count} occurrences',
  'subject.seriesOccurrencesCancelled': 'Occurrences cancelled in the series: {title}',
  'subject.seriesCancelled': 'Series cancelled: {title}',
  'subject.approval': 'Booking to approve: {room}, {when}',
  'body.greeting': 'Hello {name},',
  'body.created': 'You have booked {room} {when}.',
  'body.pending':
    'You have booked {room} {when}. The room needs approval: the time is held for you until the booking is approved or rejected.',
  'body.changed': 'Your booking of {room} has changed. New time: {when}.',
  'body.cancelled': 'Your booking of {room} {when} is cancelled.',
  'body.released': 'Your booking of {room} {when} was released because nobody checked in. The room is free for others.',
  'body.approved': 'Your booking of {room} {when} is approved.',
  'body.rejected': 'Your booking of {room} {when} was not approved. The time is free again.',
  'body.seriesCreated': 'You have booked {room} {pattern}, {count} occurrences from {first}.',
  'body.seriesCollisions':
    'These occurrences could not be booked because the room was taken or a rule prevented it: {dates}.',
  'body.seriesPending':
    'The room needs approval: the occurrences are held for you until they are approved or rejected.',
  'body.seriesOccurrencesCancelled': 'These occurrences of the series in {room} are cancelled: {dates}.',
  'body.seriesCancelled': 'The whole series in {room} is cancelled.',
  'body.approval': '{booker} has booked {room} {when}. The booking needs approval.',
  'body.approvalSeries':
    '{booker} has booked {room} {pattern}, {count} occurrences from {first}. The bookings need approval.',
  'body.reason': 'Reason: {reason}',
  'body.calendar': 'The calendar invitation is attached.',
  'body.link': 'See the booking: {url}',
  'body.approvalLink': 'Approve or reject: {url}',
  'invited.subject.created': 'Invitation: {title}, {when}',
  'invited.subject.changed': 'Meeting changed: {title}, {when}',
  'invited.subject.cancelled': 'Meeting cancelled: {title}, {when}',
  'invited.subject.removed': 'You are no longer invited: {title}, {when}',
  'invited.body.created': '{booker} invites you to “{title}” in {room} {when}.',
  'invited.body.pending':
    '{booker} invites you to “{title}” in {room} {when}. The room needs approval: the time is provisional.',
  'invited.body.changed':
    'The meeting “{title}” {booker} invited you to has changed. Time and place now: {when}, {room}.',
  'invited.body.cancelled': 'The meeting “{title}” in {room} {when} is cancelled.',
  'invited.body.removed': '{booker} has removed you from the meeting “{title}” in {room} {when}.',
  'invited.body.answer': 'Answer the invitation in your calendar, so {booker} sees whether you are coming.',
  'teams.description': 'Join the Teams meeting: {url}',
  'teams.line': 'Teams meeting: {url}',
  'pattern.weekly': 'every week at {time}',
  'pattern.biweekly': 'every other week at {time}',
  'pattern.monthly-weekday': 'once a month at {time}',
};

const translators = new Map<Locale, ReturnType<typeof createTranslator<typeof sv>>>();

/** One translator per locale, built once. */
export function notificationTranslator(locale: Locale) {
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = createTranslator({ sv, en }, locale)));
  return t;
}
export type NotificationTranslator = ReturnType<typeof notificationTranslator>;
