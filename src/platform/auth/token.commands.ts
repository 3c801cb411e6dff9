import type { CliCommands } from '../cli/cli.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './tokens.ts';
import { findUserByUsername } from './user.repository.ts';

/**
 * API tokens for integrations (`Authorization: Bearer …` on /api/v1). The plain token goes to
 * stdout exactly once, so it can be piped into a secret store; everything meant for people
 * goes to stderr. Only a hash is stored.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function flag(flags: Record<string, string | true>, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export const tokenCommands = {
  'create-token': {
    summary: 'Create an API token for a user; prints the token once on stdout.',
    usage: 'create-token --user <username> [--name <label>]',
    async run({ database, flags }) {
      const username = flag(flags, 'user');
      if (!username) {
        console.error(
          'create-token: --user <username> is required (usage: create-token --user <username> [--name <label>]).',
        );
        return 1;
      }
      const user = await findUserByUsername(database.db, username);
      if (!user) {
        console.error(
          `create-token: there is no user "${username}". Check the username (users appear after their first sign-in, or from the demo seed).`,
        );
        return 1;
      }
      const name = flag(flags, 'name') ?? 'cli';
      const { id, token } = await createApiToken(database.db, user.id, name);
      console.error(`created token ${id} ("${name}") for ${user.username}. Store it now: it is not shown again.`);
      console.log(token);
      return 0;
    },
  },
  'revoke-token': {
    summary: 'Revoke an API token by its id (see list-tokens).',
    usage: 'revoke-token --id <token id>',
    async run({ database, flags }) {
      const id = flag(flags, 'id');
      if (!id || !UUID.test(id)) {
        console.error(
          'revoke-token: --id <token id> is required; the id is a UUID shown by create-token and list-tokens.',
        );
        return 1;
      }
      const revoked = await revokeApiToken(database.db, id, new Date());
      if (!revoked) {
        console.error(`revoke-token: no active token with id ${id} (unknown or already revoked).`);
        return 1;
      }
      console.error(`revoked token ${id}`);
      return 0;
    },
  },
  'list-tokens': {
    summary: 'List API tokens (id, name, user, created, last used, revoked); never the tokens themselves.',
    usage: 'list-tokens [--user <username>]',
    async run({ database, flags }) {
      const username = flag(flags, 'user');
      let userId: string | undefined;
      if (username) {
        const user = await findUserByUsername(database.db, username);
        if (!user) {
          console.error(`list-tokens: there is no user "${username}".`);
          return 1;
        }
        userId = user.id;
      }
      const rows = await listApiTokens(database.db, userId);
      if (rows.length === 0) {
        console.error('no API tokens');
        return 0;
      }
      const iso = (value: Date | string | null) => (value === null ? '-' : new Date(value).toISOString());
      console.log(['id', 'name', 'user', 'created', 'last_used', 'revoked'].join('\t'));
      for (const row of rows) {
        console.log(
          [row.id, row.name, row.username, iso(row.created_at), iso(row.last_used_at), iso(row.revoked_at)].join('\t'),
        );
      }
      return 0;
    },
  },
} satisfies CliCommands;
