import { z } from 'zod';
import type { Db, Trx } from '../../../platform/db/database.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { findStaffByNamesOrEmails, type Invitee } from './attendees.repository.ts';

export type { Invitee, InviteeRecipient } from './attendees.repository.ts';

/**
 * Invited colleagues and guests of a booking, and its Teams meeting link. "deltagare" on a
 * booking is the number of people (the room's capacity rule); invitees are the people who get
 * the booking's calendar invite, its updates and its cancellation (booking-notifications.ts).
 * A colleague is named by display name or e-mail; an address that is nobody's is an outside guest.
 */

export const MAX_INVITEES = 50;

/** The form's text as entries: one per line, comma or semicolon (as Outlook copies addresses). */
export function inviteeEntries(text: string): string[] {
  return text
    .split(/[\n\r,;]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

const emailSchema = z.email();

/** `Anna Berg <anna.berg@malmo.se>` → the address; anything else as typed. */
function addressOf(entry: string): string {
  return /<([^<>]+)>\s*$/.exec(entry)?.[1]?.trim() ?? entry;
}

/**
 * The entries as invitees, or a field error (`invitees`) for each entry that names nobody, more
 * than one colleague, or is no valid address. The booker and repeats are left out.
 */
export async function resolveInvitees(
  db: Db | Trx,
  entries: readonly string[],
  bookerId: string,
): Promise<{ invitees: Invitee[]; errors: FieldError[] }> {
  const parsed = entries.map((entry) => {
    const value = addressOf(entry);
    return value.includes('@') ? { entry, email: value.toLowerCase() } : { entry, name: value.replace(/\s+/g, ' ') };
  });
  const errors: FieldError[] = [];
  const emails = parsed.flatMap((p) => (p.email !== undefined ? [p.email] : []));
  const names = parsed.flatMap((p) => (p.name !== undefined ? [p.name] : []));
  for (const p of parsed)
    if (p.email !== undefined && !emailSchema.safeParse(p.email).success)
      errors.push({ field: 'invitees', code: 'inviteeInvalidEmail', params: { entry: p.entry } });
  const staff = await findStaffByNamesOrEmails(db, names, emails);
  const invitees: Invitee[] = [];
  const seen = new Set<string>([bookerId]);
  const add = (invitee: Invitee) => {
    const key = invitee.userId ?? `mailto:${invitee.email}`;
    if (seen.has(key)) return;
    seen.add(key);
    invitees.push(invitee);
  };
  for (const p of parsed) {
    if (p.email !== undefined) {
      if (!emailSchema.safeParse(p.email).success) continue;
      const colleague = staff.find((s) => s.email?.toLowerCase() === p.email);
      add(
        colleague
          ? { userId: colleague.id, email: colleague.email, name: colleague.displayName }
          : { userId: null, email: p.email, name: p.email },
      );
      continue;
    }
    const matches = staff.filter((s) => s.displayName.toLowerCase().replace(/\s+/g, ' ') === p.name.toLowerCase());
    if (matches.length === 0) errors.push({ field: 'invitees', code: 'inviteeNoMatch', params: { entry: p.entry } });
    else if (matches.length > 1)
      errors.push({ field: 'invitees', code: 'inviteeSeveral', params: { entry: p.entry, count: matches.length } });
    else add({ userId: matches[0]!.id, email: matches[0]!.email, name: matches[0]!.displayName });
  }
  if (errors.length === 0 && invitees.length > MAX_INVITEES)
    errors.push({ field: 'invitees', code: 'tooManyInvitees', params: { max: MAX_INVITEES } });
  return { invitees, errors };
}

const TEAMS_HOSTS = new Set(['teams.microsoft.com', 'teams.live.com']);

/**
 * A Teams meeting link as stored: https on teams.microsoft.com or teams.live.com, normalised by
 * the URL parser, with `,` and `;` percent-encoded (they would need escaping in an iCalendar
 * value, which Outlook does not undo in a link). undefined: not such a link.
 */
export function normaliseTeamsUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || !TEAMS_HOSTS.has(url.hostname) || url.username || url.password || url.port)
    return undefined;
  const href = url.href.replace(/,/g, '%2C').replace(/;/g, '%3B');
  return href.length <= 2000 ? href : undefined;
}

/**
 * The Teams link a request asks for: undefined — leave as is; '' — none; else the normalised
 * link, or a field error (`teamsUrl`).
 */
export function teamsUrlOf(value: string | null | undefined): { teamsUrl?: string | null; errors: FieldError[] } {
  if (value === undefined) return { errors: [] };
  if (value === null || value.trim() === '') return { teamsUrl: null, errors: [] };
  const teamsUrl = normaliseTeamsUrl(value);
  return teamsUrl ? { teamsUrl, errors: [] } : { errors: [{ field: 'teamsUrl', code: 'teamsUrl' }] };
}
