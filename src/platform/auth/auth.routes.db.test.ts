import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testEngines } from '../../../test/helpers/database.ts';
import { SESSION_COOKIE } from './session.ts';
import { createApiToken, revokeApiToken } from './tokens.ts';
import { findUserByUsername } from './user.repository.ts';

const ORIGIN = 'http://localhost:3000'; // the test config's BASE_URL

/**
 * A minimal browser over app.inject: a cookie jar that honours cookie paths and deletions, and
 * redirects followed one by one so each step can be checked. Only our own origin is visited.
 */
class Browser {
  readonly visited: string[] = [];
  private readonly jar = new Map<string, { value: string; path: string }>();
  constructor(private readonly app: FastifyInstance) {}

  cookie(name: string): string | undefined {
    return this.jar.get(name)?.value;
  }

  setCookie(name: string, value: string): void {
    this.jar.set(name, { value, path: '/' });
  }

  async request(method: 'GET' | 'POST', url: string, form?: Record<string, string>): Promise<LightMyRequestResponse> {
    const target = new URL(url, ORIGIN);
    expect(target.origin, `the browser left our site for ${target.href}`).toBe(ORIGIN);
    const cookie = [...this.jar]
      .filter(
        ([, c]) =>
          target.pathname === c.path || target.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`),
      )
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
    const response = await this.app.inject({
      method,
      url: `${target.pathname}${target.search}`,
      headers: {
        host: target.host,
        ...(cookie ? { cookie } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { payload: new URLSearchParams(form).toString() } : {}),
    });
    this.visited.push(`${method} ${target.pathname} ${response.statusCode}`);
    for (const c of response.cookies as {
      name: string;
      value: string;
      path?: string;
      maxAge?: number;
      expires?: Date;
    }[]) {
      const gone = c.value === '' || c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() < Date.now());
      if (gone) this.jar.delete(c.name);
      else this.jar.set(c.name, { value: c.value, path: c.path ?? '/' });
    }
    return response;
  }

  get(url: string) {
    return this.request('GET', url);
  }

  post(url: string, form: Record<string, string>) {
    return this.request('POST', url, form);
  }

  /** Follows redirects (GET) until a page; `stopAt` halts before requesting a matching URL. */
  async follow(
    response: LightMyRequestResponse,
    stopAt?: RegExp,
  ): Promise<LightMyRequestResponse & { stoppedAt?: string }> {
    let current = response;
    for (let hops = 0; current.statusCode >= 300 && current.statusCode < 400; hops++) {
      expect(hops).toBeLessThan(15);
      const location = String(current.headers.location);
      if (stopAt?.test(location)) return Object.assign(current, { stoppedAt: location });
      current = await this.get(location);
    }
    return current;
  }
}

function csrfOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  expect(token, 'page has a CSRF field').toBeDefined();
  return token!;
}

function pickerActionOf(html: string, kind: 'login' | 'abort'): string {
  const action = new RegExp(`action="(/dev/idp/interaction/[^"]+/${kind})"`).exec(html)?.[1];
  expect(action, `picker has a ${kind} form`).toBeDefined();
  return action!;
}

/** Start → the dev IdP's picker page. */
async function openPicker(browser: Browser, audience: 'resident' | 'staff', returnTo?: string) {
  const start = await browser.get(
    `/auth/oidc/${audience}/start${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`,
  );
  expect(start.statusCode).toBe(303);
  expect(String(start.headers.location)).toMatch(new RegExp(`^${ORIGIN}/dev/idp/auth\\?`));
  const picker = await browser.follow(start);
  expect(picker.statusCode).toBe(200);
  return picker;
}

/** Picks a user and follows the IdP (consent included) up to, not into, our callback. */
async function pickUser(browser: Browser, picker: LightMyRequestResponse, username: string) {
  const chosen = await browser.post(pickerActionOf(picker.body, 'login'), { _csrf: csrfOf(picker.body), username });
  expect(chosen.statusCode).toBe(303);
  const atCallback = await browser.follow(chosen, /\/auth\/oidc\/[a-z]+\/callback\?/);
  expect(atCallback.stoppedAt, 'the IdP redirects to our callback').toBeDefined();
  return atCallback.stoppedAt!;
}

async function signIn(browser: Browser, audience: 'resident' | 'staff', username: string, returnTo?: string) {
  const picker = await openPicker(browser, audience, returnTo);
  const callback = await pickUser(browser, picker, username);
  const landed = await browser.get(callback);
  return { callback, landed };
}

describe.each(testEngines())('sign-in through the dev identity provider (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine });
  });
  afterAll(async () => t?.close());

  it('a resident signs in with "e-ID": start → picker → consent → callback → signed in on /', async () => {
    const browser = new Browser(t.app);
    const picker = await openPicker(browser, 'resident');
    // The picker shows residents only, each with what the test person is for.
    expect(picker.body).toContain('Logga in som Amina Yusuf');
    expect(picker.body).toContain('Invånare, folkbokförd i Malmö');
    expect(picker.body).toContain('Logga in som Oleksandr Kovalenko');
    expect(picker.body).not.toContain('Sara Nilsson');
    expect(picker.body).not.toContain('Maria Andersson');

    const callback = await pickUser(browser, picker, 'amina');
    // Login and consent are two interactions: the second one (consent) is granted without a page.
    expect(browser.visited.filter((v) => /^GET \/dev\/idp\/interaction\//.test(v))).toHaveLength(2);
    expect(new URL(callback).searchParams.get('iss')).toBe(`${ORIGIN}/dev/idp`);

    const landed = await browser.get(callback);
    expect(landed.statusCode).toBe(303);
    expect(landed.headers.location).toBe('/');
    const home = await browser.get('/');
    expect(home.body).toContain('Inloggad som Amina Yusuf');
    expect(home.body).toContain('Du är inloggad som Amina Yusuf.');

    const amina = await findUserByUsername(t.database.db, 'amina');
    expect(amina?.kind).toBe('resident');
    expect(amina?.roles).toEqual(['resident']);
    expect(amina?.personalNumber).toBe('199104121018');
  });

  it('a caseworker signs in with the work account and lands on the page she came from', async () => {
    const browser = new Browser(t.app);
    const picker = await openPicker(browser, 'staff', '/tillganglighet?lang=sv');
    expect(picker.body).toContain('Logga in som Sara Nilsson');
    expect(picker.body).toContain('Roller: employee, caseworker');
    expect(picker.body).not.toContain('Amina Yusuf');
    const landed = await browser.get(await pickUser(browser, picker, 'sara'));
    expect(landed.headers.location).toBe('/tillganglighet?lang=sv');
    const page = await browser.follow(landed);
    expect(page.body).toContain('Inloggad som Sara Nilsson');
    const sara = await findUserByUsername(t.database.db, 'sara');
    expect(sara?.roles).toEqual(['employee', 'caseworker']);
  });

  it('a welcome written in Arabic keeps its language on the Swedish staff page it is shown on', async () => {
    const browser = new Browser(t.app);
    // She last read the site in Arabic; the print queue is a staff page, in Swedish or English only.
    browser.setCookie('smb_lang', 'ar');
    const picker = await openPicker(browser, 'staff', '/handlaggning/utskrift');
    const landed = await browser.get(await pickUser(browser, picker, 'sara'));
    const page = await browser.follow(landed);
    expect(page.body).toContain('<html lang="sv" dir="ltr"');
    expect(page.body).toMatch(
      /<p class="govuk-notification-banner__heading"><span lang="ar" dir="rtl">[^<]*Sara Nilsson[^<]*<\/span><\/p>/,
    );
  });

  it('signing out (POST with the CSRF token) ends the session and says so', async () => {
    const browser = new Browser(t.app);
    await signIn(browser, 'resident', 'oleksandr');
    const home = await browser.get('/');
    expect(home.body).toContain('Inloggad som Oleksandr Kovalenko');
    const sid = browser.cookie(SESSION_COOKIE)!;

    const out = await browser.post('/auth/sign-out', { _csrf: csrfOf(home.body) });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/?signed-out=1');
    expect(browser.cookie(SESSION_COOKIE)).toBeUndefined();
    const after = await browser.get('/?signed-out=1');
    expect(after.body).not.toContain('Inloggad som');
    expect(after.body).toContain('Du är utloggad.');

    // The old session id is dead on the server too, not only forgotten by the browser.
    const replay = new Browser(t.app);
    replay.setCookie(SESSION_COOKIE, sid);
    expect((await replay.get('/')).body).not.toContain('Inloggad som');
  });

  it('refuses a sign-out without the CSRF token', async () => {
    const browser = new Browser(t.app);
    await signIn(browser, 'resident', 'amina');
    const out = await browser.post('/auth/sign-out', {});
    expect(out.statusCode).toBe(403);
    expect((await browser.get('/')).body).toContain('Inloggad som Amina Yusuf');
  });

  it('gives a new session id at sign-in, and the pre-sign-in id is worth nothing (no session fixation)', async () => {
    const browser = new Browser(t.app);
    const picker = await openPicker(browser, 'resident');
    const before = browser.cookie(SESSION_COOKIE);
    expect(before, 'the pending login lives in a server-side session').toBeDefined();
    await browser.get(await pickUser(browser, picker, 'amina'));
    const after = browser.cookie(SESSION_COOKIE);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);

    const attacker = new Browser(t.app);
    attacker.setCookie(SESSION_COOKIE, before!);
    expect((await attacker.get('/')).body).not.toContain('Inloggad som');
  });

  it('a tampered callback (state changed) goes back to the sign-in page with a message and no session', async () => {
    const browser = new Browser(t.app);
    const callback = new URL(await pickUser(browser, await openPicker(browser, 'resident'), 'amina'));
    const tampered = new URL(callback);
    tampered.searchParams.set('state', 'forged-state-value');
    const answer = await browser.get(tampered.href);
    expect(answer.statusCode).toBe(303);
    expect(answer.headers.location).toBe('/auth/sign-in?audience=resident&error=failed');
    const page = await browser.get(String(answer.headers.location));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Inloggningen kunde inte slutföras. Försök igen.');
    expect(page.body).toContain('<title>Fel: Logga in');
    expect((await browser.get('/')).body).not.toContain('Inloggad som');

    // The pending login was used up: the genuine callback, replayed, does not sign in either.
    const replay = await browser.get(callback.href);
    expect(replay.headers.location).toBe('/auth/sign-in?audience=resident&error=expired');
    expect((await browser.get('/')).body).not.toContain('Inloggad som');
  });

  it('a callback in a browser that never started a sign-in says to start again', async () => {
    const victim = new Browser(t.app);
    const attacker = new Browser(t.app);
    const callback = await pickUser(attacker, await openPicker(attacker, 'resident'), 'oleksandr');
    // Login CSRF: the attacker's code in the victim's browser signs nobody in.
    const answer = await victim.get(callback);
    expect(answer.headers.location).toBe('/auth/sign-in?audience=resident&error=expired');
    const page = await victim.get(String(answer.headers.location));
    expect(page.body).toContain('Inloggningen tog för lång tid eller startades i en annan flik. Börja om.');
    expect((await victim.get('/')).body).not.toContain('Inloggad som');
  });

  it('cancelling at the IdP comes back as "cancelled", not as an error page', async () => {
    const browser = new Browser(t.app);
    const picker = await openPicker(browser, 'resident', '/tillganglighet');
    const cancelled = await browser.post(pickerActionOf(picker.body, 'abort'), { _csrf: csrfOf(picker.body) });
    const atCallback = await browser.follow(cancelled, /\/auth\/oidc\/resident\/callback\?/);
    expect(new URL(atCallback.stoppedAt!).searchParams.get('error')).toBe('access_denied');
    const answer = await browser.get(atCallback.stoppedAt!);
    expect(answer.headers.location).toBe('/auth/sign-in?audience=resident&error=denied&returnTo=%2Ftillganglighet');
    const page = await browser.get(String(answer.headers.location));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Inloggningen avbröts.');
  });

  it('the picker form is CSRF-protected', async () => {
    const browser = new Browser(t.app);
    const picker = await openPicker(browser, 'resident');
    const forged = await browser.post(pickerActionOf(picker.body, 'login'), { username: 'amina' });
    expect(forged.statusCode).toBe(403);
  });

  it('a staff member cannot be picked through the resident client, nor a resident through the staff client', async () => {
    const browser = new Browser(t.app);
    const residentPicker = await openPicker(browser, 'resident');
    const asStaff = await browser.post(pickerActionOf(residentPicker.body, 'login'), {
      _csrf: csrfOf(residentPicker.body),
      username: 'admin',
    });
    expect(asStaff.statusCode).toBe(400);
    const staffPicker = await openPicker(browser, 'staff');
    const asResident = await browser.post(pickerActionOf(staffPicker.body, 'login'), {
      _csrf: csrfOf(staffPicker.body),
      username: 'amina',
    });
    expect(asResident.statusCode).toBe(400);
  });

  it.each(['https://evil.example', '//evil.example', '/\\evil.example'])(
    'returnTo=%s is not an open redirect: it lands on /',
    async (returnTo) => {
      const browser = new Browser(t.app);
      const { landed } = await signIn(browser, 'staff', 'erik', returnTo);
      expect(landed.statusCode).toBe(303);
      expect(landed.headers.location).toBe('/');
    },
  );

  it('an expired or unknown interaction sends the person back to sign in, not to an error page', async () => {
    const browser = new Browser(t.app);
    const response = await browser.get('/dev/idp/interaction/unknown-interaction-id');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/auth/sign-in?error=expired');
  });

  it('an authorization request the IdP cannot send back (unknown client) lands on our sign-in page', async () => {
    const browser = new Browser(t.app);
    const response = await browser.get(
      '/dev/idp/auth?client_id=stranger&response_type=code&scope=openid&redirect_uri=https%3A%2F%2Fevil.example%2Fcb',
    );
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/auth/sign-in?error=failed');
  });

  it('the IdP serves discovery under its issuer, and oidc-provider endpoints take POSTs without our form token', async () => {
    const discovery = await t.app.inject({
      method: 'GET',
      url: '/dev/idp/.well-known/openid-configuration',
      headers: { host: 'localhost:3000' },
    });
    expect(discovery.statusCode).toBe(200);
    const metadata = discovery.json() as { issuer: string; token_endpoint: string };
    expect(metadata.issuer).toBe(`${ORIGIN}/dev/idp`);
    expect(metadata.token_endpoint).toBe(`${ORIGIN}/dev/idp/token`);
    // No CSRF token: oidc-provider answers itself (here: no such code), not our 403 page.
    const token = await t.app.inject({
      method: 'POST',
      url: '/dev/idp/token',
      headers: { host: 'localhost:3000', 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grant_type=authorization_code&code=nope&client_id=smorgasbord-staff&client_secret=wrong&redirect_uri=x',
    });
    expect(token.statusCode).toBe(401);
    expect(token.json()).toMatchObject({ error: 'invalid_client' });
  });
});

describe.each(testEngines())('the sign-in page (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine });
  });
  afterAll(async () => t?.close());

  it('explains both ways in, with a way forward for residents without e-ID, in the chosen language', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/auth/sign-in?lang=en&returnTo=%2Ftillganglighet' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="en"');
    expect(page.body).toContain('Sign in with e-ID');
    expect(page.body).toContain('Sign in with work account');
    expect(page.body).toContain('No e-ID?');
    expect(page.body).toContain('Apply without an e-ID');
    expect(page.body).toContain('href="/auth/oidc/resident/start?returnTo=%2Ftillganglighet"');
    expect(page.body).toContain('href="/auth/oidc/staff/start?returnTo=%2Ftillganglighet"');
    expect(page.body).toContain('test environment');
  });

  it('puts the staff way first when staff were asked to sign in, and drops an unsafe returnTo', async () => {
    const page = await t.app.inject({
      method: 'GET',
      url: '/auth/sign-in?audience=staff&returnTo=https%3A%2F%2Fevil.example',
    });
    expect(page.statusCode).toBe(200);
    expect(page.body.indexOf('id="sign-in-staff"')).toBeLessThan(page.body.indexOf('id="sign-in-resident"'));
    // The start links carry no returnTo (the language links may keep the query: they stay on this page).
    expect(page.body).toContain('href="/auth/oidc/staff/start"');
    expect(page.body).toContain('href="/auth/oidc/resident/start"');
    expect(page.body).not.toMatch(/start\?returnTo=[^"]*evil/);
  });

  it('ignores unknown audience and error values instead of failing', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/auth/sign-in?audience=martian&error=%3Cscript%3E' });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('govuk-error-summary');
  });

  it('is right-to-left in Arabic', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/auth/sign-in?lang=ar' });
    expect(page.body).toContain('dir="rtl"');
  });
});

describe.each(testEngines())('API tokens on /api/v1 (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine });
  });
  afterAll(async () => t?.close());

  it('GET /api/v1/me answers for a valid token, and a revoked token gets 401 problem+json', async () => {
    const sara = (await findUserByUsername(t.database.db, 'sara'))!;
    const { id, token } = await createApiToken(t.database.db, sara.id, 'test');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ id: sara.id, username: 'sara', roles: ['employee', 'caseworker'] });

    expect(await revokeApiToken(t.database.db, id, t.clock())).toBe(true);
    const revoked = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.headers['content-type']).toContain('application/problem+json');
    expect(revoked.json()).toMatchObject({
      status: 401,
      type: 'urn:smorgasbord:error:unauthenticated',
      instance: '/api/v1/me',
    });
  });

  it('GET /api/v1/me without a token is 401 problem+json, and a session cookie does not count', async () => {
    const browser = new Browser(t.app);
    await signIn(browser, 'staff', 'sara');
    const response = await browser.get('/api/v1/me');
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('is documented in OpenAPI with a bearer requirement and a response schema', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<
        string,
        {
          get?: {
            security?: unknown[];
            responses?: Record<
              string,
              { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }
            >;
          };
        }
      >;
    };
    const operation = spec.paths['/api/v1/me']?.get;
    expect(operation?.security).toEqual([{ bearerAuth: [] }]);
    const schema = operation?.responses?.['200']?.content?.['application/json']?.schema;
    expect(Object.keys(schema?.properties ?? {})).toEqual(['id', 'username', 'roles']);
  });
});

describe('sign-in when the identity provider is down', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Nothing listens on port 9 of the loopback address: discovery fails at once.
    t = await createTestApp({
      config: {
        AUTH_MODE: 'oidc',
        STAFF_OIDC_ISSUER: 'http://127.0.0.1:9/staff',
        STAFF_OIDC_CLIENT_ID: 'staff',
        STAFF_OIDC_CLIENT_SECRET: 'staff-secret',
        RESIDENT_OIDC_ISSUER: 'http://127.0.0.1:9/resident',
        RESIDENT_OIDC_CLIENT_ID: 'resident',
        RESIDENT_OIDC_CLIENT_SECRET: 'resident-secret',
      },
    });
  });
  afterAll(async () => t?.close());

  it('starts anyway (discovery is lazy), mounts no dev IdP, and a sign-in attempt says the service is not answering', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/dev/idp/.well-known/openid-configuration' })).statusCode).toBe(
      404,
    );
    const browser = new Browser(t.app);
    const start = await browser.get('/auth/oidc/resident/start');
    expect(start.statusCode).toBe(303);
    expect(start.headers.location).toBe('/auth/sign-in?audience=resident&error=unavailable');
    const page = await browser.get(String(start.headers.location));
    expect(page.body).toContain('Inloggningstjänsten svarar inte just nu.');
  });
});
