import { expect, test } from '@playwright/test';
import { person, sharedWorkspace, signUp, synced } from '../support/pair';

// Inviting the other person as a new mentor would: the link is copied (or,
// where the browser has a share sheet, shared) with one tap; the open
// invitations are listed and can be withdrawn; whoever joins shows up in
// the mentor's list without a reload.

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

test('a new mentee sees the invitation and signs up before any workspace code arrives', async ({ browser }) => {
  const mentor = await person(browser);
  await sharedWorkspace(mentor.page);
  await mentor.page.getByRole('button', { name: 'Utwórz link z zaproszeniem' }).click();
  const link = await mentor.page.getByLabel('Link z zaproszeniem').inputValue();

  // A first visit on a phone, before the service worker has stored
  // anything, on a network that cannot deliver the workspace's code (its
  // screens and the runtime that stores and syncs it) yet.
  const context = await browser.newContext({ locale: 'pl-PL', serviceWorkers: 'block' });
  const e = await context.newPage();
  const workspaceCode = /\/split_screens\.wasm$/;
  await context.route(workspaceCode, (route) => route.abort('internetdisconnected'));
  // The invitation asks for that code by itself, once the page is idle, so
  // that it has arrived by the time the person joins.
  const asked = e.waitForRequest(workspaceCode);
  await e.goto(link);
  await expect(e.getByRole('heading', { level: 2, name: 'Zaproszenia' })).toBeVisible();
  await asked;
  await e.getByRole('link', { name: 'Zaloguj się' }).click();
  await signUp(e, `mentee-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`);
  // Signed up, the account screen sends the person back to the invitation.
  const join = e.getByRole('button', { name: 'Dołącz do przestrzeni' });
  await expect(join).toBeVisible();
  await expect(e.getByText('Nie udało się pobrać tej części Tandemu', { exact: false })).toHaveCount(0);

  // Joining opens the workspace: the failed download was not remembered.
  await context.unroute(workspaceCode);
  await join.click();
  await expect(e.getByRole('heading', { level: 1, name: 'Pulpit' })).toBeVisible();
  await synced(e);
  await mentor.context.close();
  await context.close();
});
