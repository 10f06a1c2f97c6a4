import { expect, test, type Page } from '@playwright/test';
import { seed } from '../support/seed';
import { switchLanguage } from '../support/workspace';

// Switching the language re-renders every string on the screen at once:
// what a screen shows right after the switch is exactly what it shows when
// opened afresh in that language. Checked on every main screen, both ways.

test.use({ locale: 'pl-PL' });

/** Every string the screen shows or reads out, with digits masked (storage use moves). */
function shownText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attrs = Array.from(document.querySelectorAll('[aria-label], [placeholder], [title]')).map((e) =>
      ['aria-label', 'placeholder', 'title'].map((a) => e.getAttribute(a) ?? '').join('|'),
    );
    const tips = Array.from(document.querySelectorAll('svg title')).map((t) => t.textContent ?? '');
    return [document.body.innerText, ...attrs, ...tips].join('\n').replace(/\d+/g, '#');
  });
}

/** Waits until the screen and the parts that arrive after it are drawn. */
async function settled(page: Page, name: string) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText(/^(Wczytywanie|Loading)…$/)).toHaveCount(0);
  // The panels below the fold come once the browser is idle (WhenIdle),
  // which may be after the checks above: wait for them by name.
  if (name === 'dashboard') await expect(page.getByRole('heading', { name: /^(Eksport|Export)$/ })).toBeVisible();
  if (name === 'workspaces') await expect(page.getByRole('heading', { name: /^Import$/ })).toBeVisible();
}

test('every screen shows the new language at once, all of it', async ({ page }) => {
  test.slow(); // fourteen screens, each drawn four times
  const screens = await seed(page);
  // Something that needs attention, so the dashboard's signals are checked too.
  await page.goto(screens[3].path);
  await page.getByLabel('Tytuł').fill('Certyfikat');
  await page.getByLabel('Termin').fill('2024-01-10');
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  await expect(page.getByRole('link', { name: 'Certyfikat' })).toBeVisible();

  for (const screen of screens) {
    for (const [from, to] of [['pl', 'en'], ['en', 'pl']] as const) {
      await page.evaluate((l) => localStorage.setItem('tandem.locale', JSON.stringify(l)), from);
      await page.goto(screen.path);
      await settled(page, screen.name);
      await expect(page.locator('html')).toHaveAttribute('lang', from);
      await switchLanguage(page, to);
      await expect(page.locator('html')).toHaveAttribute('lang', to);
      await settled(page, screen.name);
      const switched = await shownText(page);
      await page.reload();
      await settled(page, screen.name);
      expect(switched, `${screen.name}, ${from} → ${to}`).toBe(await shownText(page));
    }
  }
});

test.describe('in a browser set to English', () => {
  test.use({ locale: 'en-US' });

  test('the app starts in English, with no moment of Polish, and so it does offline', async ({ page, context }) => {
    // Every text the page ever showed, to catch a flash of the wrong language.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => seen.push(document.body?.innerText ?? '')).observe(document, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Your workspaces' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen.join('\n'));
    expect(seen).not.toContain('Twoje przestrzenie');

    // The worker keeps the English file with the rest of the build.
    await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state)).toBe('activated');
    await context.setOffline(true);
    await context.route('**/*', (route) => route.abort('internetdisconnected'));
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Your workspaces' })).toBeVisible();
  });
});
