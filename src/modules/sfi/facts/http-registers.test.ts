import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { syntheticPersonalNumber } from '../../../platform/identity/personal-number.ts';
import { HttpPopulationRegister, HttpStudentRecords } from './http-registers.ts';
import { FactsSourceError } from './registers.ts';

/** A local register on 127.0.0.1 (no other network): each test sets how it answers. */
type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;
let handler: Handler;
let server: Server;
let baseUrl: string;
const seen: Array<{ method: string; url: string; authorization: string | undefined; body: string }> = [];

const pn = syntheticPersonalNumber('1990-05-17', 321);

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        authorization: request.headers.authorization,
        body,
      });
      handler(request, body, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen.length = 0;
});

const person = {
  personalNumber: pn,
  birthDate: '1990-05-17',
  registeredMunicipality: '1280',
  protectionMarking: null,
  name: { givenName: 'Amina', familyName: 'Testsson' },
  postalAddress: { careOf: null, street: 'Exempelgatan 1', postalCode: '211 22', city: 'MALMÖ' },
  somethingNew: 'ignored',
};

async function failure(promise: Promise<unknown>): Promise<FactsSourceError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FactsSourceError);
  return error as FactsSourceError;
}

describe('HttpPopulationRegister', () => {
  it('POSTs the number in the body with the bearer token and maps the answer', async () => {
    handler = (_request, _body, response) => json(response, 200, person);
    const register = new HttpPopulationRegister({ baseUrl, bearerToken: 'secret-token' });
    expect(await register.lookup(pn)).toEqual({
      personalNumber: pn,
      birthDate: '1990-05-17',
      registeredMunicipality: '1280',
      protectedIdentity: false,
      protectionMarking: null,
      name: { givenName: 'Amina', familyName: 'Testsson' },
      postalAddress: { careOf: null, street: 'Exempelgatan 1', postalCode: '211 22', city: 'MALMÖ' },
    });
    expect(seen).toEqual([
      {
        method: 'POST',
        url: '/api/persons/lookup',
        authorization: 'Bearer secret-token',
        body: JSON.stringify({ personalNumber: pn }),
      },
    ]);
    // The number never travels in the URL (URLs end up in access logs).
    expect(seen[0]!.url).not.toContain(pn.slice(0, 8));
  });

  it('answers null on 404 (the register has no such person)', async () => {
    handler = (_request, _body, response) => json(response, 404, { error: 'not-found' });
    expect(await new HttpPopulationRegister({ baseUrl }).lookup(pn)).toBeNull();
  });

  it('drops an address sent for a protected identity', async () => {
    handler = (_request, _body, response) =>
      json(response, 200, { ...person, protectionMarking: 'sekretessmarkering' });
    const found = await new HttpPopulationRegister({ baseUrl }).lookup(pn);
    expect(found).toMatchObject({
      protectedIdentity: true,
      protectionMarking: 'sekretessmarkering',
      postalAddress: null,
    });
  });

  it('passes a residence basis on only as a hint, when the integration sends one', async () => {
    handler = (_request, _body, response) =>
      json(response, 200, { ...person, registeredMunicipality: null, residenceBasis: 'temporary-protection' });
    expect(await new HttpPopulationRegister({ baseUrl }).lookup(pn)).toMatchObject({
      residenceBasisHint: 'temporary-protection',
    });
  });

  it.each([500, 502, 503, 429, 408])('makes HTTP %i a retryable error', async (status) => {
    handler = (_request, _body, response) => json(response, status, { error: 'down' }, { 'retry-after': '30' });
    const error = await failure(new HttpPopulationRegister({ baseUrl }).lookup(pn));
    expect(error).toMatchObject({
      retryable: true,
      status,
      retryAfterSeconds: 30,
      source: 'population-register',
      code: 'UNAVAILABLE',
    });
  });

  it('makes a timeout a retryable error', async () => {
    handler = (_request, _body, response) => setTimeout(() => json(response, 200, person), 1000);
    const started = Date.now();
    const error = await failure(new HttpPopulationRegister({ baseUrl, timeoutMs: 100 }).lookup(pn));
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('no answer within 100 ms');
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('makes a refused connection a retryable error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(new HttpPopulationRegister({ baseUrl: `http://127.0.0.1:${port}` }).lookup(pn));
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('makes 401/403 a non-retryable error (configuration: retrying will not help)', async () => {
    for (const status of [401, 403]) {
      handler = (_request, _body, response) => json(response, status, { error: 'no' });
      expect(await failure(new HttpPopulationRegister({ baseUrl }).lookup(pn))).toMatchObject({
        retryable: false,
        status,
        code: 'INTERNAL',
      });
    }
  });

  it('refuses a malformed answer without quoting it or the number', async () => {
    handler = (_request, _body, response) => json(response, 200, { ...person, birthDate: '1990-02-30' });
    const error = await failure(new HttpPopulationRegister({ baseUrl }).lookup(pn));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('birthDate');
    expect(error.message).not.toContain(pn);
    expect(error.message).not.toContain('1990-02-30');
  });

  it('refuses an answer about another person than asked', async () => {
    handler = (_request, _body, response) =>
      json(response, 200, { ...person, personalNumber: syntheticPersonalNumber('1990-05-17', 322) });
    expect(await failure(new HttpPopulationRegister({ baseUrl }).lookup(pn))).toMatchObject({ retryable: false });
  });

  it('hands an mTLS dispatcher and extra headers to fetch', async () => {
    const dispatcher = { mtls: true };
    let init: (RequestInit & { dispatcher?: object }) | undefined;
    const register = new HttpPopulationRegister({
      baseUrl: 'https://register.invalid/v1/',
      dispatcher,
      headers: { 'x-gateway-key': 'k' },
      fetch: async (_url, given) => {
        init = given as RequestInit & { dispatcher?: object };
        return new Response(null, { status: 404 });
      },
    });
    expect(await register.lookup(pn)).toBeNull();
    expect(init?.dispatcher).toBe(dispatcher);
    expect((init?.headers as Record<string, string>)['x-gateway-key']).toBe('k');
  });
});

describe('HttpStudentRecords', () => {
  it('maps the record', async () => {
    handler = (_request, _body, response) =>
      json(response, 200, {
        personalNumber: pn,
        firstAdmissionDate: '2024-02-05',
        completedCourseD: false,
        extensionGrantedUntil: null,
      });
    expect(await new HttpStudentRecords({ baseUrl }).lookup(pn)).toEqual({
      firstAdmissionDate: '2024-02-05',
      completedCourseD: false,
      extensionGrantedUntil: null,
    });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/sfi/students/lookup' });
  });

  it('refuses an answer about another person than asked', async () => {
    handler = (_request, _body, response) =>
      json(response, 200, {
        personalNumber: syntheticPersonalNumber('1990-05-17', 322),
        firstAdmissionDate: '2024-02-05',
        completedCourseD: false,
        extensionGrantedUntil: null,
      });
    expect(await failure(new HttpStudentRecords({ baseUrl }).lookup(pn))).toMatchObject({
      retryable: false,
      source: 'student-records',
    });
  });

  it('answers null on 404 (never studied SFI here) and retries on 5xx', async () => {
    handler = (_request, _body, response) => json(response, 404, {});
    expect(await new HttpStudentRecords({ baseUrl }).lookup(pn)).toBeNull();
    handler = (_request, _body, response) => json(response, 503, {});
    expect(await failure(new HttpStudentRecords({ baseUrl }).lookup(pn))).toMatchObject({
      retryable: true,
      source: 'student-records',
    });
  });

  it('refuses a body that is not JSON', async () => {
    handler = (_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>proxy error</html>');
    };
    expect(await failure(new HttpStudentRecords({ baseUrl }).lookup(pn))).toMatchObject({ retryable: false });
  });
});
