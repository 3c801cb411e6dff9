import { newSessionId, saveSession, SESSION_COOKIE } from '../../src/platform/auth/session.ts';
import { findUserByUsername } from '../../src/platform/auth/user.repository.ts';
import { CSRF_COOKIE } from '../../src/platform/http/csrf.ts';
import type { TestApp } from './app.ts';

/**
 * Signs a seeded demo user in by writing a session row directly (the sign-in flow itself is
 * proven in src/platform/auth): returns the cookies to send with `app.inject`.
 */
export async function sessionCookieFor(t: TestApp, username: string): Promise<Record<string, string>> {
  const user = await findUserByUsername(t.database.db, username);
  if (!user) throw new Error(`sessionCookieFor: no demo user "${username}"`);
  const sid = newSessionId();
  await saveSession(t.database.db, sid, { userId: user.id }, new Date(t.clock().getTime() + 3600_000));
  return { [SESSION_COOKIE]: sid };
}

/**
 * Opens a page as these cookies' owner and returns what a form on it needs: the CSRF token from
 * the page and the cookies with those the page set added (CSRF secret, chosen language).
 */
export async function csrfFor(
  t: TestApp,
  cookies: Record<string, string>,
  url: string,
): Promise<{ cookies: Record<string, string>; token: string }> {
  const page = await t.app.inject({ method: 'GET', url, cookies });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error(`csrfFor: ${url} answered ${page.statusCode} without a form token`);
  // Keep every cookie the page set (the CSRF secret, a language chosen with ?lang=), as a browser would.
  const merged = { ...cookies, ...Object.fromEntries(page.cookies.map((c) => [c.name, c.value])) };
  if (!merged[CSRF_COOKIE]) throw new Error(`csrfFor: ${url} set no CSRF cookie`);
  return { cookies: merged, token };
}

/** A multipart/form-data body with text fields and files, as a browser sends it. */
export async function multipartBody(
  fields: Record<string, string>,
  files: Record<string, { filename: string; content: Uint8Array; contentType?: string }> = {},
): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const [name, file] of Object.entries(files))
    form.append(
      name,
      new Blob([file.content as Uint8Array<ArrayBuffer>], { type: file.contentType ?? 'application/octet-stream' }),
      file.filename,
    );
  const request = new Request('http://test.invalid/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type')! },
  };
}
