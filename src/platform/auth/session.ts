import type { Locale } from '../i18n/locales.ts';
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { userRowToUser } from './user.repository.ts';
import type { User } from './roles.ts';

export const SESSION_COOKIE = 'smb_sid';

/** Server-side session state: who is signed in, a pending sign-in, one-shot flash messages. */
export interface SessionData {
  userId?: string;
  pendingLogin?: {
    audience: 'staff' | 'resident';
    state: string;
    nonce: string;
    codeVerifier: string;
    returnTo: string;
  };
  /** Messages for the next page, each in the language it was written in (absent in older sessions: sv). */
  flash?: { kind: 'success' | 'info'; message: string; lang?: Locale }[];
  [key: string]: unknown;
}

export interface LoadedSession {
  id: string;
  data: SessionData;
  user: User | null;
}

const hash = (id: string) => createHash('sha256').update(id).digest('base64url');

export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** The session and its user in one query; expired or unknown ids give undefined. */
export async function loadSession(db: Db, id: string, now: Date): Promise<LoadedSession | undefined> {
  const row = await db
    .selectFrom('sessions')
    .leftJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.data',
      'sessions.expires_at',
      'users.id as u_id',
      'users.username',
      'users.display_name',
      'users.kind',
      'users.roles',
      'users.email',
      'users.personal_number',
      'users.subject',
      'users.locale',
      'users.created_at',
    ])
    .where('sessions.id_hash', '=', hash(id))
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return undefined;
  const user = row.u_id
    ? userRowToUser({
        id: row.u_id,
        username: row.username!,
        display_name: row.display_name!,
        kind: row.kind!,
        roles: row.roles ?? [],
        email: row.email,
        personal_number: row.personal_number,
        subject: row.subject,
        locale: row.locale,
        created_at: row.created_at!,
      })
    : null;
  return { id, data: row.data as SessionData, user };
}

export async function saveSession(db: Db, id: string, data: SessionData, expiresAt: Date): Promise<void> {
  const userId = data.userId ?? null;
  await db
    .insertInto('sessions')
    .values({ id_hash: hash(id), user_id: userId, data: JSON.stringify(data), expires_at: expiresAt })
    .onConflict((oc) =>
      oc.column('id_hash').doUpdateSet({ user_id: userId, data: JSON.stringify(data), expires_at: expiresAt }),
    )
    .execute();
}

export async function destroySession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', hash(id)).execute();
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
