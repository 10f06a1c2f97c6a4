import { expect, test, type Page } from '@playwright/test';
import { person, signUp, synced } from '../support/pair';

// Inviting the other person as a new mentor would: the link is copied (or,
// where the browser has a share sheet, shared) with one tap; the open
// invitations are listed and can be withdrawn; whoever joins shows up in
// the mentor's list without a reload.

/** A mentor's shared workspace, on its dashboard; returns the account's e-mail. */
async function sharedWorkspace(page: Page): Promise<string> {
  await page.goto('/');
  await page.getByLabel('Nazwa przestrzeni').fill('Zaproszenia');
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await expect(page.getByRole('heading', { name: 'Pulpit' })).toBeVisible();
  const workspace = new URL(page.url()).pathname;
  await page.goto(`/account?next=${workspace}`);
  const email = `mentor-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  await signUp(page, email);
  await expect(page.getByRole('heading', { name: 'Pulpit' })).toBeVisible();
  await page.getByRole('button', { name: 'Udostępnij tę przestrzeń' }).click();
  await synced(page);
  return email;
}

test('the link is copied with one tap, and the one who joins appears at once', async ({ browser }) => {
  const mentor = await person(browser);
  await mentor.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const m = mentor.page;
  const mentorEmail = await sharedWorkspace(m);
  await m.getByRole('button', { name: 'Utwórz link z zaproszeniem' }).click();
  const link = await m.getByLabel('Link z zaproszeniem').inputValue();
  expect(link).toMatch(/\/join\//);
  await m.getByRole('button', { name: 'Kopiuj link' }).click();
  await expect(m.getByRole('status').filter({ hasText: 'Skopiowano link.' })).toBeVisible();
  expect(await m.evaluate(() => navigator.clipboard.readText())).toBe(link);
  const open = m.getByRole('listitem').filter({ hasText: 'Link dla roli: Mentee' });
  await expect(open).toHaveCount(1);

  const mentee = await person(browser);
  const e = mentee.page;
  await e.goto(link);
  // The join page names the workspace and who sent the link.
  await expect(e.getByRole('heading', { level: 2, name: 'Zaproszenia' })).toBeVisible();
  await expect(e.getByText(`Zaprasza: ${mentorEmail}`)).toBeVisible();
  await e.getByRole('link', { name: 'Zaloguj się' }).click();
  const menteeEmail = `mentee-${Date.now()}@example.com`;
  await signUp(e, menteeEmail);
  await e.getByRole('button', { name: 'Dołącz do przestrzeni' }).click();
  await synced(e);

  // No reload on the mentor's side: the list catches up by itself.
  await expect(m.getByText(`Mentee: ${menteeEmail}`)).toBeVisible({ timeout: 15_000 });
  await expect(open).toHaveCount(0);
  await expect(m.getByLabel('Link z zaproszeniem')).toHaveCount(0);
  await mentor.context.close();
  await mentee.context.close();
});

test('where the browser has a share sheet, the link goes through it', async ({ browser }) => {
  const mentor = await person(browser);
  await mentor.context.addInitScript(() => {
    Object.defineProperty(navigator, 'share', {
      value: async (data: ShareData) => {
        (window as unknown as { shared: ShareData }).shared = data;
      },
    });
  });
  const m = mentor.page;
  await sharedWorkspace(m);
  await m.getByRole('button', { name: 'Utwórz link z zaproszeniem' }).click();
  const link = await m.getByLabel('Link z zaproszeniem').inputValue();
  await m.getByRole('button', { name: 'Udostępnij link' }).click();
  await expect.poll(() => m.evaluate(() => (window as unknown as { shared?: ShareData }).shared?.url)).toBe(link);
  await mentor.context.close();
});

test('a withdrawn invitation no longer works', async ({ browser }) => {
  const mentor = await person(browser);
  const m = mentor.page;
  await sharedWorkspace(m);
  await m.getByRole('button', { name: 'Utwórz link z zaproszeniem' }).click();
  const link = await m.getByLabel('Link z zaproszeniem').inputValue();
  const open = m.getByRole('listitem').filter({ hasText: 'Link dla roli: Mentee' });
  await open.getByRole('button', { name: 'Wycofaj' }).click();
  await expect(open).toHaveCount(0);

  const stranger = await person(browser);
  await stranger.page.goto(link);
  await expect(stranger.page.getByRole('alert')).toHaveText(/nieprawidłowy|wygasło/);
  await mentor.context.close();
  await stranger.context.close();
});
