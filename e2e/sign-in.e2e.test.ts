import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, signInAs, startHarness, type Harness } from './harness.ts';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

describe('signing in through the dev identity provider', () => {
  it.each([
    ['amina', 'a resident', 'Amina Yusuf'],
    ['erik', 'a member of staff', 'Erik Lind'],
  ])(
    '%s (%s) signs in by clicking through and lands signed in on an axe-clean start page',
    async (username, _who, displayName) => {
      const page = await harness.newPage();
      await signInAs(page, username);
      expect(new URL(page.url()).pathname).toBe('/');
      await expect(page.locator('.smb-header__user').innerText()).resolves.toContain(displayName);
      await expectAccessible(page, `start page signed in as ${username}`);
    },
  );

  it('the dev identity provider’s user picker is axe-clean', async () => {
    const page = await harness.newPage();
    await page.goto('/auth/sign-in');
    await expectAccessible(page, 'sign-in page');
    await Promise.all([
      page.waitForURL((url) => url.pathname.startsWith('/dev/idp/interaction/')),
      page.locator('a[href^="/auth/oidc/resident/start"]').click(),
    ]);
    await expectAccessible(page, 'dev identity provider user picker');
  });
});
