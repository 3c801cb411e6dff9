import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { userRowToUser } from './user.repository.ts';
import type { User } from './roles.ts';

const PREFIX = 'smb_';
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates an API token for a user; the plain token is returned once and never stored. */
export async function createApiToken(db: Db, userId: string, name: string): Promise<{ id: string; token: string }> {
  const token = PREFIX + randomBytes(32).toString('base64url');
  const row = await db
    .insertInto('api_tokens')
    .values({ user_id: userId, name, token_hash: hash(token) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token };
}

/** The user behind a bearer token, when it exists and is not revoked. */
/**
 * `last_used_at` is a "last used around" for administrators, kept to the minute: a token that
 * answers many requests a second (an integration, a load test) would otherwise rewrite its row
 * on every request, and concurrent requests with it would queue on that row's lock.
 */
const TOUCH_EVERY_MS = 60_000;

export async function findUserByApiToken(db: Db, token: string, now: Date): Promise<User | undefined> {
  if (!token.startsWith(PREFIX)) return undefined;
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select(['api_tokens.id as token_id', 'api_tokens.last_used_at as token_last_used_at'])
    .where('api_tokens.token_hash', '=', hash(token))
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const lastUsed = row.token_last_used_at ? new Date(row.token_last_used_at).getTime() : null;
  if (lastUsed === null || now.getTime() - lastUsed >= TOUCH_EVERY_MS || now.getTime() < lastUsed) {
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: now })
      .where('id', '=', row.token_id)
      .where('revoked_at', 'is', null)
      .execute();
  }
  const { token_id: _id, token_last_used_at: _lastUsed, ...user } = row;
  return userRowToUser(user);
}

export async function revokeApiToken(db: Db, tokenId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function listApiTokens(db: Db, userId?: string) {
  let query = db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'users.username',
      'api_tokens.created_at',
      'api_tokens.last_used_at',
      'api_tokens.revoked_at',
    ])
    .orderBy('api_tokens.created_at', 'desc');
  if (userId) query = query.where('api_tokens.user_id', '=', userId);
  return query.execute();
}
