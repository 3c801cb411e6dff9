import { createTranslator, type Locale, type TranslationOf } from '../../../platform/i18n/index.ts';

/** Facility insight (/lokaler/insikt): Swedish (source) and English. */
const sv = {
  'insight.title': 'Beläggning',
  'insight.lead':
    'Hur rummen används: beläggning (bokade timmar av öppettimmarna), hur mycket av den bokade tiden som checkades in, andel uteblivna möten och när det är mest bokat.',
  'insight.from': 'Från och med',
  'insight.to': 'Till och med',
  'insight.dateHint': 'Till exempel 2027-03-01',
  'insight.building': 'Hus',
  'insight.allBuildings': 'Alla hus',
  'insight.show': 'Visa',
  'insight.csv': 'Ladda ner som CSV (per rum)',
  'insight.period': 'Period: {from} – {to}',
  'insight.totals': {
    one: 'Beläggning {utilisation}: {booked} av {open} öppettimmar bokade, i 1 bokning. Incheckat av den bokade tiden: {checked}. Andel uteblivna: {share}.',
    other:
      'Beläggning {utilisation}: {booked} av {open} öppettimmar bokade, i {count} bokningar. Incheckat av den bokade tiden: {checked}. Andel uteblivna: {share}.',
  },
  'insight.byWeek': 'Per vecka',
  'insight.byWeekLead':
    'Beläggning är bokade timmar delat med rummens öppettimmar. Andel uteblivna är de bokningar som släpptes för att ingen checkade in, av dem där incheckningen avgjordes.',
  'insight.chartWeeks': 'Beläggning per vecka i procent',
  'insight.chartWeeksDesc':
    'Stående staplar, en per vecka från vecka {first} till vecka {last}. Högst beläggning vecka {topWeek}: {top}. Samma siffror finns i tabellen under.',
  'insight.chartMissed': 'Andel uteblivna möten per vecka i procent',
  'insight.chartMissedDesc':
    'Stående staplar, en per vecka från vecka {first} till vecka {last}. Högst andel uteblivna vecka {topWeek}: {top}. Samma siffror finns i tabellen under.',
  'insight.tableWeeks': 'Bokningar, beläggning och uteblivna per vecka',
  'insight.weekShort': 'v. {week}',
  'insight.weekLong': 'Vecka {week} (från {monday})',
  'insight.col.week': 'Vecka',
  'insight.col.open': 'Öppettimmar',
  'insight.col.utilisation': 'Beläggning',
  'insight.col.checkedShare': 'Incheckat av bokad tid',
  'insight.csvPercent': '{column} (%)',
  'insight.byBuilding': 'Per hus',
  'insight.byRoom': 'Per rum',
  'insight.busiest': 'Mest bokade tider',
  'insight.busiestLead': 'Bokade timmar per veckodag och timme (svensk tid). Ju mörkare ruta, desto mer bokat.',
  'insight.chartBooked': 'Beläggning per hus i procent',
  'insight.chartBookedDesc':
    'Stående staplar med beläggningen i procent för varje hus. Samma siffror finns i tabellen under.',
  'insight.chartHeatDesc':
    'Rutnät med veckodagar som rader och timmar som kolumner. Samma siffror finns i tabellen under.',
  'insight.tableHeat': 'Bokade timmar per veckodag och timme',
  'insight.col.building': 'Hus',
  'insight.col.room': 'Rum',
  'insight.col.rooms': 'Rum',
  'insight.col.bookings': 'Bokningar',
  'insight.col.booked': 'Bokade timmar',
  'insight.col.checked': 'Incheckade timmar',
  'insight.col.noShows': 'Uteblivna',
  'insight.col.share': 'Andel uteblivna',
  'insight.col.weekday': 'Veckodag',
  'insight.noData': 'Inga bokningar under perioden.',
  'insight.noShare': '–',
  'insight.forbidden': 'Beläggningen visas för administratörer och Lokalservice.',
  'weekday.0': 'Måndag',
  'weekday.1': 'Tisdag',
  'weekday.2': 'Onsdag',
  'weekday.3': 'Torsdag',
  'weekday.4': 'Fredag',
  'weekday.5': 'Lördag',
  'weekday.6': 'Söndag',
  'errors.invalidDate': 'Ange ett giltigt datum, till exempel 2027-03-01',
  'errors.periodOrder': 'Slutdatumet måste vara samma dag som startdatumet eller senare',
  'errors.periodTooLong': 'Perioden kan vara högst {days} dagar',
  'errors.unknownBuilding': 'Huset finns inte',
} as const;

const en: TranslationOf<typeof sv> = {
  'insight.title': 'Utilisation',
  'insight.lead':
    'How the rooms are used: utilisation (booked hours of the opening hours), how much of the booked time was checked in, the share of missed meetings and the busiest times.',
  'insight.from': 'From',
  'insight.to': 'To (inclusive)',
  'insight.dateHint': 'For example 2027-03-01',
  'insight.building': 'Building',
  'insight.allBuildings': 'All buildings',
  'insight.show': 'Show',
  'insight.csv': 'Download as CSV (per room)',
  'insight.period': 'Period: {from} – {to}',
  'insight.totals': {
    one: 'Utilisation {utilisation}: {booked} of {open} opening hours booked, in 1 booking. Checked in of the booked time: {checked}. Share missed: {share}.',
    other:
      'Utilisation {utilisation}: {booked} of {open} opening hours booked, in {count} bookings. Checked in of the booked time: {checked}. Share missed: {share}.',
  },
  'insight.byWeek': 'By week',
  'insight.byWeekLead':
    'Utilisation is booked hours divided by the rooms’ opening hours. The share missed is the bookings released because nobody checked in, of those whose check-in was decided.',
  'insight.chartWeeks': 'Utilisation by week in per cent',
  'insight.chartWeeksDesc':
    'Vertical bars, one per week from week {first} to week {last}. Highest utilisation in week {topWeek}: {top}. The same figures are in the table below.',
  'insight.chartMissed': 'Share of missed meetings by week in per cent',
  'insight.chartMissedDesc':
    'Vertical bars, one per week from week {first} to week {last}. Highest share missed in week {topWeek}: {top}. The same figures are in the table below.',
  'insight.tableWeeks': 'Bookings, utilisation and missed meetings by week',
  'insight.weekShort': 'w. {week}',
  'insight.weekLong': 'Week {week} (from {monday})',
  'insight.col.week': 'Week',
  'insight.col.open': 'Opening hours',
  'insight.col.utilisation': 'Utilisation',
  'insight.col.checkedShare': 'Checked in of booked time',
  'insight.csvPercent': '{column} (%)',
  'insight.byBuilding': 'By building',
  'insight.byRoom': 'By room',
  'insight.busiest': 'Busiest times',
  'insight.busiestLead': 'Booked hours by weekday and hour (Swedish time). The darker the cell, the busier.',
  'insight.chartBooked': 'Utilisation by building in per cent',
  'insight.chartBookedDesc':
    'Vertical bars of the utilisation in per cent for each building. The same figures are in the table below.',
  'insight.chartHeatDesc':
    'A grid with weekdays as rows and hours as columns. The same figures are in the table below.',
  'insight.tableHeat': 'Booked hours by weekday and hour',
  'insight.col.building': 'Building',
  'insight.col.room': 'Room',
  'insight.col.rooms': 'Rooms',
  'insight.col.bookings': 'Bookings',
  'insight.col.booked': 'Booked hours',
  'insight.col.checked': 'Checked-in hours',
  'insight.col.noShows': 'Missed',
  'insight.col.share': 'Share missed',
  'insight.col.weekday': 'Weekday',
  'insight.noData': 'No bookings in the period.',
  'insight.noShare': '–',
  'insight.forbidden': 'Utilisation is shown to administrators and Facilities.',
  'weekday.0': 'Monday',
  'weekday.1': 'Tuesday',
  'weekday.2': 'Wednesday',
  'weekday.3': 'Thursday',
  'weekday.4': 'Friday',
  'weekday.5': 'Saturday',
  'weekday.6': 'Sunday',
  'errors.invalidDate': 'Enter a valid date, for example 2027-03-01',
  'errors.periodOrder': 'The end date must be the start date or later',
  'errors.periodTooLong': 'The period can be at most {days} days',
  'errors.unknownBuilding': 'The building does not exist',
};

export function insightTranslator(locale: Locale) {
  return createTranslator({ sv, en }, locale);
}
export type InsightTranslator = ReturnType<typeof insightTranslator>;
