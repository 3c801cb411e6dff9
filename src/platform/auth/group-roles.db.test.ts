import type { IDToken } from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testConfig, type TestApp } from '../../../test/helpers/app.ts';
import { testEngines } from '../../../test/helpers/database.ts';
import { claimMappingFrom, identityFromClaims, type OidcClients } from './oidc.ts';
import { SESSION_COOKIE } from './session.ts';
import { signInFromIdentity } from './sign-in.service.ts';
import { findUserByUsername } from './user.repository.ts';

const ADMINS = '9c41d2e0-0000-4000-8000-000000000007';
const CASEWORKERS = '3f2a9c10-0000-4000-8000-0000000000e1';

/**
 * Entra stand-in: the real start and callback routes run (session, pending login, account
 * linking), only the token exchange is replaced by the claims the test chooses.
 */
function fakeEntra() {
  let claims: IDToken | undefined;
  const oidc: OidcClients = {
    async begin(audience, returnTo) {
      return {
        url: new URL('https://login.microsoftonline.example/authorize'),
        pending: { audience, state: 'state', nonce: 'nonce', codeVerifier: 'verifier', returnTo },
      };
    },
    async complete() {
      if (!claims) throw new Error('no claims chosen');
      return claims;
    },
  };
  return {
    oidc,
    answerWith(extra: Record<string, unknown> & { sub: string }) {
      claims = {
        iss: 'https://login.microsoftonline.example/tenant/v2.0',
        aud: 'staff-client',
        iat: 0,
        exp: 0,
        ...extra,
      };
    },
  };
}

describe.each(testEngines())('staff roles from Entra groups through OIDC_GROUP_ROLES (%s)', (engine) => {
  let t: TestApp;
  const entra = fakeEntra();
  beforeAll(async () => {
    t = await createTestApp({
      engine,
      config: { OIDC_GROUP_ROLES: `${CASEWORKERS}=caseworker,${ADMINS}=admin` },
      deps: { oidc: entra.oidc },
    });
  });
  afterAll(async () => t?.close());

  /** Start → (IdP) → callback, as a browser would; returns the roles stored for the account. */
  async function signIn(claims: Record<string, unknown> & { sub: string }) {
    entra.answerWith(claims);
    const start = await t.app.inject({ method: 'GET', url: '/auth/oidc/staff/start' });
    expect(start.statusCode).toBe(303);
    const session = start.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
    expect(session, 'the pending sign-in is kept in a session').toBeDefined();
    const callback = await t.app.inject({
      method: 'GET',
      url: '/auth/oidc/staff/callback?code=code&state=state',
      cookies: { [SESSION_COOKIE]: session! },
    });
    expect(callback.statusCode).toBe(303);
    expect(String(callback.headers.location)).toBe('/');
    const user = await findUserByUsername(t.database.db, String(claims.preferred_username));
    return user?.roles;
  }

  it('gives the role mapped to a group in the groups claim', async () => {
    expect(
      await signIn({ sub: 'entra-lina', preferred_username: 'lina@malmo.example', groups: [CASEWORKERS] }),
    ).toEqual(['employee', 'caseworker']);
  });

  it('gives no extra role for a group that is not mapped', async () => {
    expect(
      await signIn({
        sub: 'entra-olle',
        preferred_username: 'olle@malmo.example',
        groups: ['11111111-0000-4000-8000-000000000000'],
      }),
    ).toEqual(['employee']);
  });

  it('adds group roles to app roles', async () => {
    expect(
      await signIn({
        sub: 'entra-nora',
        preferred_username: 'nora@malmo.example',
        roles: ['civic-lab'],
        groups: [ADMINS],
      }),
    ).toEqual(['employee', 'civic-lab', 'admin']);
  });

  it('removes a group role at the next sign-in once the person has left the group', async () => {
    expect(
      await signIn({ sub: 'entra-pia', preferred_username: 'pia@malmo.example', groups: [ADMINS, CASEWORKERS] }),
    ).toEqual(['employee', 'caseworker', 'admin']);
    expect(await signIn({ sub: 'entra-pia', preferred_username: 'pia@malmo.example', groups: [CASEWORKERS] })).toEqual([
      'employee',
      'caseworker',
    ]);
  });

  it('removes a role at the next sign-in once its group is taken out of OIDC_GROUP_ROLES (after the restart)', async () => {
    const claims = {
      iss: 'https://login.microsoftonline.example/tenant/v2.0',
      aud: 'staff-client',
      iat: 0,
      exp: 0,
      sub: 'entra-ulf',
      preferred_username: 'ulf@malmo.example',
      groups: [ADMINS, CASEWORKERS],
    };
    // The callback's own steps, with the mapping a restarted process would read from its environment.
    const signInUnder = async (groupRoles: string) =>
      (
        await signInFromIdentity(
          t.database.db,
          identityFromClaims('staff', claims, claimMappingFrom(testConfig({ OIDC_GROUP_ROLES: groupRoles }))),
        )
      ).roles;
    expect(await signInUnder(`${CASEWORKERS}=caseworker,${ADMINS}=admin`)).toEqual(['employee', 'caseworker', 'admin']);
    expect(await signInUnder(`${CASEWORKERS}=caseworker`)).toEqual(['employee', 'caseworker']);
    expect((await findUserByUsername(t.database.db, 'ulf@malmo.example'))?.roles).toEqual(['employee', 'caseworker']);
  });
});
