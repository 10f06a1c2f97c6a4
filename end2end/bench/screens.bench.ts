import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { seed } from '../support/seed';
import { openSection, switchLanguage } from '../support/workspace';

// Not a benchmark: the screenshots of the main screens on a phone that
// docs/screens/ keeps and the README links, so a newcomer sees what Tandem
// looks like. Run with the benchmarks' server:
//   cd end2end && npx playwright test -c bench screens

test.use({ locale: 'pl-PL', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });

const dir = resolve(__dirname, '../../docs/screens');

/** Waits for the screen (and what arrives after it) and saves what the phone shows. */
async function shot(page: Page, name: string) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText(/^(Wczytywanie|Loading)…$/)).toHaveCount(0);
  await page.screenshot({ path: `${dir}/${name}.png` });
}

test('the main screens on a phone', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page.getByLabel('Nazwa przestrzeni').fill('Nowa para');
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await shot(page, 'first-steps');

  const screens = await seed(page);
  const path = (name: string) => screens.find((s) => s.name === name)!.path;
  await page.goto('/');
  await shot(page, 'workspaces');
  await page.goto(path('dashboard'));
  await shot(page, 'dashboard');
  await page.getByRole('navigation').getByRole('button', { name: 'Więcej' }).tap();
  await page.screenshot({ path: `${dir}/more.png` });
  await page.keyboard.press('Escape');
  for (const name of ['goals', 'goal', 'meeting', 'activity', 'feedback', 'progress']) {
    await page.goto(path(name));
    await shot(page, name);
  }
  await page.goto(path('dashboard'));
  await openSection(page, 'Pulpit');
  // The language is switched in the top bar's menu, left open in the picture.
  await switchLanguage(page, 'en');
  await shot(page, 'dashboard-en');
});
