import { expect, type Page } from '@playwright/test';

/** Creates a workspace from the start screen (Polish UI) and lands on its dashboard. */
export async function createWorkspace(page: Page, name: string) {
  await page.goto('/');
  await page.getByLabel('Nazwa przestrzeni').fill(name);
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await expect(page.getByRole('heading', { name: 'Pulpit' })).toBeVisible();
}

/**
 * Switches the app's language with the top bar's switcher. On a phone it
 * sits in the bar's menu: opened first, as a person would.
 */
export async function switchLanguage(page: Page, locale: 'pl' | 'en') {
  const menu = page.getByRole('banner').getByRole('button', { name: 'Menu' });
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  await page.locator('#language-switcher').selectOption(locale);
}

/**
 * Goes to a workspace's section by its name in the navigation. On a phone
 * four sections are on the bottom bar and the rest behind "More", opened
 * first when the section is there.
 */
export async function openSection(page: Page, name: string) {
  const nav = page.getByRole('navigation');
  const link = nav.getByRole('link', { name, exact: true });
  const more = nav.getByRole('button', { name: /^(Więcej|More)$/ });
  // Wait until the bar shows one of them: just after a language switch the
  // links may still be re-rendering into the new language.
  await expect(link.or(more).first()).toBeVisible();
  if (!(await link.isVisible())) await more.click();
  await link.click();
}

/**
 * Waits until the service worker controls the page: it has stored every
 * file of the build (its install waits for that), so every screen opens
 * with no network from then on.
 */
export async function waitForWorker(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}
