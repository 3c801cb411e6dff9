import { createTranslator, type Locale, type TranslationOf } from '../../../platform/i18n/index.ts';

/** The approvers' page /lokaler/godkannanden (staff: Swedish and English). */
const sv = {
  'approvals.title': 'Bokningar att godkänna',
  'approvals.lead':
    'Bokningar av rum som kräver godkännande. Tiden är reserverad tills du godkänner eller avslår. Äldsta förfrågan först.',
  'approvals.count': { one: '1 bokning väntar på beslut', other: '{count} bokningar väntar på beslut' },
  'approvals.empty': 'Inga bokningar väntar på godkännande.',
  'approvals.notApprover':
    'Du godkänner inga rum. Bokningar av rum som kräver godkännande beslutas av rummets godkännargrupp eller av en administratör.',
  'approvals.item': '{room}, {building}',
  'approvals.when': 'Tid',
  'approvals.bookedBy': 'Bokad av',
  'approvals.meeting': 'Titel',
  'approvals.attendees': 'Antal personer',
  'approvals.requested': 'Förfrågan skickad',
  'approvals.privateTitle': 'Bokat (samtalsrum: titeln visas inte)',
  'approvals.past': 'Mötets starttid har redan passerat.',
  'approvals.reason': 'Motivering till den som bokade (valfritt)',
  'approvals.reasonHint': 'Skickas med beslutet. Skriv inga personuppgifter om klienter.',
  'approvals.approve': 'Godkänn',
  'approvals.reject': 'Avslå',
  'approvals.approved': 'Bokningen av {room} {when} är godkänd.',
  'approvals.rejected': 'Bokningen av {room} {when} är avslagen. Tiden är ledig igen.',
  'approvals.alreadyDecided': 'Bokningen hade redan fått ett annat beslut.',
  'approvals.gone': 'Bokningen är inte längre aktiv (avbokad eller redan beslutad).',
  'approvals.errorReasonTooLong': 'Motiveringen får vara högst {max} tecken',
  'approvals.errorDecision': 'Välj godkänn eller avslå',
} as const;

const en: TranslationOf<typeof sv> = {
  'approvals.title': 'Bookings to approve',
  'approvals.lead':
    'Bookings of rooms that need approval. The time is held until you approve or reject. Oldest request first.',
  'approvals.count': { one: '1 booking awaits a decision', other: '{count} bookings await a decision' },
  'approvals.empty': 'No bookings await approval.',
  'approvals.notApprover':
    'You approve no rooms. Bookings of rooms that need approval are decided by the room’s approver group or by an administrator.',
  'approvals.item': '{room}, {building}',
  'approvals.when': 'Time',
  'approvals.bookedBy': 'Booked by',
  'approvals.meeting': 'Title',
  'approvals.attendees': 'Number of people',
  'approvals.requested': 'Requested',
  'approvals.privateTitle': 'Booked (client-meeting room: the title is not shown)',
  'approvals.past': 'The meeting’s start time has already passed.',
  'approvals.reason': 'Reason for the person who booked (optional)',
  'approvals.reasonHint': 'Sent with the decision. Do not write personal details about clients.',
  'approvals.approve': 'Approve',
  'approvals.reject': 'Reject',
  'approvals.approved': 'The booking of {room} {when} is approved.',
  'approvals.rejected': 'The booking of {room} {when} is rejected. The time is free again.',
  'approvals.alreadyDecided': 'The booking had already been decided the other way.',
  'approvals.gone': 'The booking is no longer active (cancelled or already decided).',
  'approvals.errorReasonTooLong': 'The reason must be {max} characters or fewer',
  'approvals.errorDecision': 'Choose approve or reject',
};

export function approvalTranslator(locale: Locale) {
  return createTranslator({ sv, en }, locale);
}
export type ApprovalTranslator = ReturnType<typeof approvalTranslator>;
