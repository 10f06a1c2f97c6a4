import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

// A mentor and a mentee sharing one workspace, set up the way two new users
// would: the mentor builds it offline-first, signs up and shares it; the
// mentee opens the invitation link, signs up and joins. Used by the sync
// test and the sync benchmark.

export const PASSWORD = 'dobre hasło 123';

export interface Person {
  context: BrowserContext;
  page: Page;
  /** The account's e-mail, once signed up. */
  email?: string;
}

/** A fresh browser context with its own storage, as a second device would be. */
export async function person(browser: Browser): Promise<Person> {
  const context = await browser.newContext({ locale: 'pl-PL' });
  return { context, page: await context.newPage() };
}

export async function signUp(page: Page, email: string) {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Hasło (co najmniej 10 znaków)').fill(PASSWORD);
  await page.getByRole('button', { name: 'Załóż konto' }).click();
}

/**
 * A mentor's new workspace, shared from its dashboard under a new account;
 * leaves the page on the dashboard and returns the account's e-mail.
 */
export async function sharedWorkspace(page: Page, name = 'Zaproszenia'): Promise<string> {
  await page.goto('/');
  await page.getByLabel('Nazwa przestrzeni').fill(name);
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

export async function signIn(page: Page, email: string) {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Hasło (co najmniej 10 znaków)').fill(PASSWORD);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  await expect(page.getByText(`Zalogowano jako ${email}.`)).toBeVisible();
}

/** Waits until the page's sync status says everything is on the server. */
export const synced = (page: Page) =>
  expect(page.getByRole('status').filter({ hasText: 'Zsynchronizowano' })).toBeVisible({ timeout: 15_000 });

export interface Pair {
  mentor: Person;
  mentee: Person;
  workspacePath: string;
  meetingPath: string;
}

/**
 * Builds a shared workspace with one meeting (notes `notes`) and, if given,
 * one goal; both people end on the dashboard, synced.
 */
export async function sharedPair(browser: Browser, { notes, goal }: { notes: string; goal?: string }): Promise<Pair> {
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const mentor = await person(browser);
  const mentee = await person(browser);

  const m = mentor.page;
  await m.goto('/');
  await m.getByLabel('Nazwa przestrzeni').fill('Para wspólna');
  await m.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await expect(m.getByRole('heading', { name: 'Pulpit' })).toBeVisible();
  const workspacePath = new URL(m.url()).pathname;
  if (goal) {
    await m.getByRole('navigation').getByRole('link', { name: 'Cele' }).click();
    await m.getByLabel('Tytuł').fill(goal);
    await m.getByRole('button', { name: 'Dodaj cel' }).click();
  }
  await m.getByRole('navigation').getByRole('link', { name: 'Spotkania' }).click();
  await m.getByLabel('Data i godzina').fill('2030-06-01T10:00');
  await m.getByRole('button', { name: 'Dodaj spotkanie' }).click();
  const meetingPath = new URL(m.url()).pathname;
  await m.getByRole('textbox', { name: 'Wspólne notatki' }).fill(notes);

  await m.goto(`/account?next=${workspacePath}`);
  mentor.email = `mentor-${stamp}@example.com`;
  await signUp(m, mentor.email);
  await expect(m.getByRole('heading', { name: 'Pulpit' })).toBeVisible();
  await m.getByLabel('Moja rola w tej przestrzeni').selectOption('mentor');
  await m.getByRole('button', { name: 'Udostępnij tę przestrzeń' }).click();
  await synced(m);
  await m.getByRole('button', { name: 'Utwórz link z zaproszeniem' }).click();
  const link = await m.getByLabel('Link z zaproszeniem').inputValue();
  expect(link).toContain('/join/');

  const e = mentee.page;
  await e.goto(link);
  await expect(e.getByText('w roli mentee')).toBeVisible();
  await e.getByRole('link', { name: 'Zaloguj się' }).click();
  mentee.email = `mentee-${stamp}@example.com`;
  await signUp(e, mentee.email);
  await e.getByRole('button', { name: 'Dołącz do przestrzeni' }).click();
  await synced(e);
  return { mentor, mentee, workspacePath, meetingPath };
}
