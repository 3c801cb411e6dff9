import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { DEMO_USERS } from '../seed/demo-users.ts';
import {
  createOidcClients,
  devClientSecret,
  identityFromClaims,
  isValidPersonalNumber,
  oidcSettings,
  safeReturnTo,
  SignInError,
} from './oidc.ts';

const claims = (extra: Record<string, unknown>) => ({
  iss: 'https://idp.example',
  aud: 'client',
  iat: 0,
  exp: 0,
  sub: 'abc-123',
  ...extra,
});

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof SignInError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('safe return paths (no open redirects)', () => {
  it.each([
    ['https://evil.example', '/'],
    ['http://evil.example/path', '/'],
    ['//evil.example', '/'],
    ['//evil.example/%2F..', '/'],
    ['/\\evil.example', '/'],
    ['\\\\evil.example', '/'],
    ['/\t/evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['evil.example', '/'],
    ['', '/'],
    ['/auth/oidc/resident/start', '/'],
    ['/auth/sign-in', '/'],
    ['/dev/idp/auth', '/'],
  ])('refuses %j', (input, expected) => {
    expect(safeReturnTo(input)).toBe(expected);
  });

  it('keeps a same-site path with its query and fragment', () => {
    expect(safeReturnTo('/mina-sidor?tab=arenden#senaste')).toBe('/mina-sidor?tab=arenden#senaste');
    expect(safeReturnTo('/')).toBe('/');
  });

  it('refuses anything that is not a string', () => {
    expect(safeReturnTo(undefined)).toBe('/');
    expect(safeReturnTo(['/a'])).toBe('/');
  });
});

describe('personal identity numbers', () => {
  it('accepts every demo resident’s synthetic number', () => {
    for (const user of DEMO_USERS.filter((u) => u.personalNumber))
      expect(isValidPersonalNumber(user.personalNumber!)).toBe(true);
  });

  it('refuses a wrong check digit, 10 digits, a hyphen, an impossible date', () => {
    expect(isValidPersonalNumber('198803052384')).toBe(false);
    expect(isValidPersonalNumber('8803052383')).toBe(false);
    expect(isValidPersonalNumber('19880305-2383')).toBe(false);
    expect(isValidPersonalNumber('198813052383')).toBe(false);
  });

  it('accepts a samordningsnummer (day + 60) with a valid check digit', () => {
    // 1988-03-65 → day 5 + 60; check digit computed for this made-up number.
    const base = '880365238';
    const digit = [...Array(10).keys()].find((d) => isValidPersonalNumber(`19${base}${d}`));
    expect(digit).toBeDefined();
  });
});

describe('claims → resident', () => {
  it('maps a resident with a personal number to role resident, namespaced subject, no username', () => {
    const identity = identityFromClaims('resident', claims({ name: 'Amina Yusuf', personal_number: '198803052383' }));
    expect(identity).toEqual({
      kind: 'resident',
      subject: 'resident:abc-123',
      usernameHint: null,
      displayName: 'Amina Yusuf',
      roles: ['resident'],
      email: null,
      personalNumber: '198803052383',
    });
  });

  it('reads the Swedish OIDC profile claim and strips the hyphen', () => {
    const identity = identityFromClaims(
      'resident',
      claims({
        'https://id.oidc.se/claim/personalIdentityNumber': '19880305-2383',
        given_name: 'Amina',
        family_name: 'Yusuf',
      }),
    );
    expect(identity.personalNumber).toBe('198803052383');
    expect(identity.displayName).toBe('Amina Yusuf');
  });

  it('refuses a resident without a valid personal number', () => {
    expect(reasonOf(() => identityFromClaims('resident', claims({ name: 'X' })))).toBe('account');
    expect(reasonOf(() => identityFromClaims('resident', claims({ personal_number: '198803052384' })))).toBe('account');
    expect(reasonOf(() => identityFromClaims('resident', claims({ personal_number: '8803052383' })))).toBe('account');
  });

  it('never grants a staff role to a resident, whatever the claims say', () => {
    const identity = identityFromClaims('resident', claims({ personal_number: '198803052383', roles: ['admin'] }));
    expect(identity.roles).toEqual(['resident']);
  });
});

describe('claims → staff', () => {
  it('makes every work account an employee and adds Entra app roles, case-insensitively', () => {
    const identity = identityFromClaims(
      'staff',
      claims({
        preferred_username: 'Sara.Nilsson@Malmo.example',
        name: 'Sara Nilsson',
        roles: ['Caseworker', 'unknown-role'],
      }),
    );
    expect(identity.kind).toBe('staff');
    expect(identity.subject).toBe('staff:abc-123');
    expect(identity.usernameHint).toBe('sara.nilsson@malmo.example');
    expect(identity.roles).toEqual(['employee', 'caseworker']);
    expect(identity.email).toBe('sara.nilsson@malmo.example');
  });

  it('never grants the resident role from the staff IdP', () => {
    const identity = identityFromClaims(
      'staff',
      claims({ preferred_username: 'x@malmo.example', roles: ['resident', 'admin'] }),
    );
    expect(identity.roles).toEqual(['employee', 'admin']);
  });

  it('maps Entra groups to roles through the configured table', () => {
    const identity = identityFromClaims(
      'staff',
      claims({ preferred_username: 'x@malmo.example', groups: ['0b7d-lab', 'other'] }),
      { groupRoles: { '0b7d-lab': 'civic-lab' } },
    );
    expect(identity.roles).toEqual(['employee', 'civic-lab']);
  });

  it('matches group ids case-insensitively (Entra sends lower-case object ids; portals show either)', () => {
    const identity = identityFromClaims(
      'staff',
      claims({ preferred_username: 'x@malmo.example', groups: ['3F2A-ADMINS'] }),
      { groupRoles: { '3f2a-admins': 'admin' } },
    );
    expect(identity.roles).toEqual(['employee', 'admin']);
  });

  it('refuses a work account without any username claim', () => {
    expect(reasonOf(() => identityFromClaims('staff', claims({ name: 'No Name' })))).toBe('account');
  });
});

describe('client settings', () => {
  it('dev mode points both clients at the built-in IdP with derived secrets and forced user choice', () => {
    const config = loadConfig({ NODE_ENV: 'test', BASE_URL: 'http://localhost:3000' });
    const staff = oidcSettings(config, 'staff');
    expect(staff.issuer.href).toBe('http://localhost:3000/dev/idp');
    expect(staff.redirectUri).toBe('http://localhost:3000/auth/oidc/staff/callback');
    expect(staff.clientSecret).toBe(devClientSecret(config.SESSION_SECRET, 'staff'));
    expect(staff.clientSecret).not.toBe(devClientSecret(config.SESSION_SECRET, 'resident'));
    expect(staff.forceLogin).toBe(true);
  });

  it('oidc mode uses the configured issuers and never forces a new login', () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      AUTH_MODE: 'oidc',
      BASE_URL: 'https://tjanster.malmo.example',
      STAFF_OIDC_ISSUER: 'https://login.microsoftonline.example/tenant/v2.0',
      STAFF_OIDC_CLIENT_ID: 'staff-client',
      STAFF_OIDC_CLIENT_SECRET: 'staff-secret',
      RESIDENT_OIDC_ISSUER: 'https://eid-broker.example',
      RESIDENT_OIDC_CLIENT_ID: 'resident-client',
      RESIDENT_OIDC_CLIENT_SECRET: 'resident-secret',
    });
    const resident = oidcSettings(config, 'resident');
    expect(resident.issuer.href).toBe('https://eid-broker.example/');
    expect(resident.clientId).toBe('resident-client');
    expect(resident.redirectUri).toBe('https://tjanster.malmo.example/auth/oidc/resident/callback');
    expect(resident.forceLogin).toBe(false);
  });
});

describe('discovery is lazy, cached, and retried after a failure', () => {
  const config = loadConfig({
    NODE_ENV: 'test',
    AUTH_MODE: 'oidc',
    BASE_URL: 'http://localhost:3000',
    STAFF_OIDC_ISSUER: 'http://staff-idp.test',
    STAFF_OIDC_CLIENT_ID: 'staff-client',
    STAFF_OIDC_CLIENT_SECRET: 'staff-secret',
    RESIDENT_OIDC_ISSUER: 'http://resident-idp.test',
    RESIDENT_OIDC_CLIENT_ID: 'resident-client',
    RESIDENT_OIDC_CLIENT_SECRET: 'resident-secret',
  });

  /** A fake IdP behind the swappable fetch: counts discovery requests, fails while `down`. */
  function fakeIdp() {
    const state = { requests: [] as string[], down: false };
    const fetch = async (url: string) => {
      state.requests.push(url);
      if (state.down) throw new TypeError('fetch failed');
      const issuer = new URL(url).origin;
      const metadata = {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
      };
      return new Response(JSON.stringify(metadata), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    return { state, fetch };
  }

  it('asks nothing at creation, once per audience however many sign-ins, and again after a failure', async () => {
    const idp = fakeIdp();
    const clients = createOidcClients(config, { fetch: idp.fetch });
    expect(idp.state.requests).toEqual([]);

    idp.state.down = true;
    await expect(clients.begin('staff', '/')).rejects.toMatchObject({ reason: 'unavailable' });
    idp.state.down = false;
    const first = await clients.begin('staff', '/intranet', 'en');
    await clients.begin('staff', '/');
    await clients.begin('resident', '/');
    expect(idp.state.requests).toEqual([
      'http://staff-idp.test/.well-known/openid-configuration',
      'http://staff-idp.test/.well-known/openid-configuration',
      'http://resident-idp.test/.well-known/openid-configuration',
    ]);

    // The authorization request carries PKCE (S256), state and nonce, and they are what the session keeps.
    const params = first.url.searchParams;
    expect(first.url.origin + first.url.pathname).toBe('http://staff-idp.test/authorize');
    expect(params.get('client_id')).toBe('staff-client');
    expect(params.get('redirect_uri')).toBe('http://localhost:3000/auth/oidc/staff/callback');
    expect(params.get('response_type')).toBe('code');
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('state')).toBe(first.pending.state);
    expect(params.get('nonce')).toBe(first.pending.nonce);
    expect(params.get('ui_locales')).toBe('en');
    expect(params.get('prompt')).toBeNull();
    expect(params.get('code_challenge')).not.toBe(first.pending.codeVerifier);
    expect(first.pending).toMatchObject({ audience: 'staff', returnTo: '/intranet' });
  });
});
