import type { FieldError } from '../../platform/http/errors.ts';
import { createTranslator, type Locale, type TranslationOf } from '../../platform/i18n/index.ts';

/**
 * Meeting-room booking, what every feature shares: staff pages, Swedish (source) and English.
 * Sections: `nav.*`; the rooms' vocabulary (`equipment.*`, `accessibility.*`, `purpose.*`,
 * `weekday.*`); `errors.*` (the field-error codes of the booking services); `problem.*` (the
 * API's problem details, api/booking.api.routes.ts). Each feature keeps its pages' texts in its
 * own catalog.
 */
const sv = {
  'nav.booking': 'Boka rum',
  'nav.roomsAdmin': 'Lokaler',
  'nav.approvals': 'Godkännanden',
  'nav.insight': 'Beläggning',
  'nav.feeds': 'Kalenderlänkar',
  'equipment.screen': 'Skärm',
  'equipment.video-conference': 'Videokonferens',
  'equipment.whiteboard': 'Whiteboard',
  'equipment.projector': 'Projektor',
  'equipment.speakerphone': 'Konferenstelefon',
  'accessibility.wheelchair': 'Tillgängligt med rullstol',
  'accessibility.hearing-loop': 'Hörslinga',
  'accessibility.step-free': 'Utan trappsteg',
  'accessibility.accessible-toilet': 'Tillgänglig toalett',
  'purpose.meeting': 'Möte',
  'purpose.client-meeting': 'Klientsamtal (samtalsrum)',
  'purpose.training': 'Utbildning',
  'purpose.quiet': 'Tyst arbete',
  'weekday.1': 'mån',
  'weekday.2': 'tis',
  'weekday.3': 'ons',
  'weekday.4': 'tor',
  'weekday.5': 'fre',
  'weekday.6': 'lör',
  'weekday.7': 'sön',
  'errors.invalidTime': 'Ange en giltig tid',
  'errors.invalidDate': 'Ange ett giltigt datum, till exempel 2027-03-15',
  'errors.endBeforeStart': 'Sluttiden måste vara efter starttiden',
  'errors.offGrid': 'Tider bokas i steg om {minutes} minuter',
  'errors.tooLong': 'Rummet kan bokas högst {max} minuter i taget',
  'errors.tooShort': 'Rummet måste bokas minst {min} minuter',
  'errors.inPast': 'Starttiden har redan passerat',
  'errors.tooFarAhead': 'Rummet kan bokas högst {days} dagar framåt',
  'errors.closedDay': 'Rummet är stängt den dagen',
  'errors.outsideOpeningHours': 'Rummet är öppet {opens}–{closes}',
  'errors.overCapacity': 'Högst {capacity} deltagare får plats i rummet',
  'errors.unknownRoom': 'Rummet finns inte',
  'errors.taken': 'Rummet är redan bokat den tiden',
  'errors.keyReused': 'Bokningen skickades redan med andra uppgifter',
  'errors.notActive': 'Bokningen är inte längre aktiv',
  'errors.stale': 'Bokningen har ändrats under tiden. Ladda om sidan och försök igen.',
  'errors.durationPositive': 'Ange en längd på minst {minutes} minuter',
  'errors.peopleRange': 'Ange hur många ni blir, mellan 1 och 1000',
  'errors.floorRange': 'Ange en våning som ett heltal',
  'errors.unknownBuilding': 'Huset finns inte',
  'errors.unknownFrequency': 'Välj hur ofta bokningen ska upprepas',
  'errors.untilOrCount': 'Ange antingen ett slutdatum eller ett antal gånger',
  'errors.untilBeforeStart': 'Slutdatumet måste vara samma dag som det första tillfället eller senare',
  'errors.countOutOfRange': 'Antal gånger måste vara mellan 1 och {max}',
  'errors.tooManyOccurrences': 'En serie kan ha högst {max} tillfällen',
  'errors.seriesTooFarAhead': 'Rummet kan bokas högst {days} dagar framåt (sista tillfället blir {last})',
  'errors.seriesAllTaken': 'Rummet är redan bokat vid alla tillfällen i serien',
  'errors.unknownOccurrence': 'Tillfället finns inte i serien',
  // Check-in (door/checkin.service.ts)
  'errors.checkinTooEarly': 'Du kan checka in tidigast {minutes} minuter före start',
  'errors.checkinTooLate': 'Tiden för incheckning har gått ut ({minutes} minuter efter start)',
  'errors.checkinNotNeeded': 'Rummet behöver ingen incheckning',
  'errors.checkinPending': 'Bokningen väntar på godkännande och kan inte checkas in än',
  'errors.checkinReleased': 'Bokningen har släppts eftersom ingen checkade in i tid',
  'errors.doorDuration': 'Välj hur länge du vill boka rummet',
  // Invitees and Teams link (attendees/attendees.service.ts)
  'errors.inviteeNoMatch':
    'Ingen medarbetare heter ”{entry}”. Kontrollera stavningen av för- och efternamn, eller skriv personens e-postadress.',
  'errors.inviteeSeveral':
    '{count} medarbetare heter ”{entry}”. Skriv e-postadressen till den du menar i stället för namnet.',
  'errors.inviteeInvalidEmail': '”{entry}” är inte en giltig e-postadress. Skriv den som namn@exempel.se.',
  'errors.tooManyInvitees': 'Du kan bjuda in högst {max} personer till en bokning',
  'errors.teamsUrl':
    'Ange en Teams-länk som börjar med https://teams.microsoft.com/ eller https://teams.live.com/, eller lämna fältet tomt',
  'problem.taken':
    'Rummet är redan bokat den tiden. I alternatives finns rummets närmaste lediga tider och andra rum som är lediga då.',
  'problem.mayNotBook': 'Du får inte boka det här rummet: det får bara bokas av vissa grupper.',
  'problem.keyReused': 'Idempotency-Key har redan använts för en annan bokning. Använd en ny nyckel för en ny bokning.',
} as const;

const en: TranslationOf<typeof sv> = {
  'nav.booking': 'Book a room',
  'nav.roomsAdmin': 'Premises',
  'nav.approvals': 'Approvals',
  'nav.insight': 'Utilisation',
  'nav.feeds': 'Calendar links',
  'equipment.screen': 'Screen',
  'equipment.video-conference': 'Video conferencing',
  'equipment.whiteboard': 'Whiteboard',
  'equipment.projector': 'Projector',
  'equipment.speakerphone': 'Speakerphone',
  'accessibility.wheelchair': 'Wheelchair accessible',
  'accessibility.hearing-loop': 'Hearing loop',
  'accessibility.step-free': 'Step-free access',
  'accessibility.accessible-toilet': 'Accessible toilet',
  'purpose.meeting': 'Meeting',
  'purpose.client-meeting': 'Client meeting (private room)',
  'purpose.training': 'Training',
  'purpose.quiet': 'Quiet work',
  'weekday.1': 'Mon',
  'weekday.2': 'Tue',
  'weekday.3': 'Wed',
  'weekday.4': 'Thu',
  'weekday.5': 'Fri',
  'weekday.6': 'Sat',
  'weekday.7': 'Sun',
  'errors.invalidTime': 'Enter a valid time',
  'errors.invalidDate': 'Enter a valid date, for example 2027-03-15',
  'errors.endBeforeStart': 'The end time must be after the start time',
  'errors.offGrid': 'Times are booked in steps of {minutes} minutes',
  'errors.tooLong': 'The room can be booked for at most {max} minutes at a time',
  'errors.tooShort': 'The room must be booked for at least {min} minutes',
  'errors.inPast': 'The start time has already passed',
  'errors.tooFarAhead': 'The room can be booked at most {days} days ahead',
  'errors.closedDay': 'The room is closed that day',
  'errors.outsideOpeningHours': 'The room is open {opens}–{closes}',
  'errors.overCapacity': 'The room’s capacity is {capacity}',
  'errors.unknownRoom': 'The room does not exist',
  'errors.taken': 'The room is already booked at that time',
  'errors.keyReused': 'The booking was already sent with different details',
  'errors.notActive': 'The booking is no longer active',
  'errors.stale': 'The booking was changed meanwhile. Reload the page and try again.',
  'errors.durationPositive': 'Enter a duration of at least {minutes} minutes',
  'errors.peopleRange': 'Enter how many you will be, between 1 and 1000',
  'errors.floorRange': 'Enter a floor as a whole number',
  'errors.unknownBuilding': 'The building does not exist',
  'errors.unknownFrequency': 'Choose how often the booking repeats',
  'errors.untilOrCount': 'Enter either an end date or a number of times',
  'errors.untilBeforeStart': 'The end date must be the day of the first occurrence or later',
  'errors.countOutOfRange': 'The number of times must be between 1 and {max}',
  'errors.tooManyOccurrences': 'A series can have at most {max} occurrences',
  'errors.seriesTooFarAhead': 'The room can be booked at most {days} days ahead (the last occurrence would be {last})',
  'errors.seriesAllTaken': 'The room is already booked at every occurrence of the series',
  'errors.unknownOccurrence': 'The occurrence is not part of the series',
  // Check-in (door/checkin.service.ts)
  'errors.checkinTooEarly': 'You can check in at the earliest {minutes} minutes before the start',
  'errors.checkinTooLate': 'The time to check in has passed ({minutes} minutes after the start)',
  'errors.checkinNotNeeded': 'The room needs no check-in',
  'errors.checkinPending': 'The booking awaits approval and cannot be checked in yet',
  'errors.checkinReleased': 'The booking was released because nobody checked in in time',
  'errors.doorDuration': 'Choose how long you want to book the room',
  // Invitees and Teams link (attendees/attendees.service.ts)
  'errors.inviteeNoMatch':
    'No colleague is called “{entry}”. Check the spelling of the first and last name, or enter the person’s email address.',
  'errors.inviteeSeveral':
    '{count} colleagues are called “{entry}”. Enter the email address of the one you mean instead of the name.',
  'errors.inviteeInvalidEmail': '“{entry}” is not a valid email address. Enter it as name@example.com.',
  'errors.tooManyInvitees': 'You can invite at most {max} people to a booking',
  'errors.teamsUrl':
    'Enter a Teams link starting with https://teams.microsoft.com/ or https://teams.live.com/, or leave the field empty',
  'problem.taken':
    'The room is already booked at that time. alternatives lists the room’s nearest free times and other rooms free then.',
  'problem.mayNotBook': 'You may not book this room: only certain groups may book it.',
  'problem.keyReused': 'The Idempotency-Key was already used for another booking. Use a new key for a new booking.',
};

export function bookingTranslator(locale: Locale) {
  return createTranslator({ sv, en }, locale);
}
export type BookingTranslator = ReturnType<typeof bookingTranslator>;

/** The booking catalog's text for a booking field error, if it has one (else the platform's generic text applies). */
export function bookingErrorText(locale: Locale, error: FieldError): string | undefined {
  const b = bookingTranslator(locale);
  const key = `errors.${error.code}` as Parameters<typeof b.t>[0];
  const text = b.t(key, error.params);
  return text === key ? undefined : text;
}
