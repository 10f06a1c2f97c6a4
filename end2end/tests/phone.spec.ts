import { expect, test, type Page } from '@playwright/test';
import { createWorkspace, switchLanguage } from '../support/workspace';

// On a 360 px phone every section of a workspace is one or two taps away:
// four at the bottom, in reach of the thumb, the rest behind "More"; the top
// bar is one row. In both languages.

test.use({ locale: 'pl-PL', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

/** Elements that stick out of the screen sideways, by tag and class. */
function wider(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('body *'))
      .filter((e) => {
        const box = e.getBoundingClientRect();
        return box.width > 0 && (box.left < -0.5 || box.right > window.innerWidth + 0.5);
      })
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
  );
}

const SECTIONS = {
  pl: {
    bar: ['Pulpit', 'Cele', 'Spotkania', 'Działania'],
    more: ['Umowa', 'Informacja zwrotna', 'Postępy', 'Kontakty'],
    moreButton: 'Więcej',
  },
  en: {
    bar: ['Dashboard', 'Goals', 'Meetings', 'Activities'],
    more: ['Agreement', 'Feedback', 'Progress', 'Contacts'],
    moreButton: 'More',
  },
};

for (const locale of ['pl', 'en'] as const) {
  test(`every section is reachable and tappable, nothing sticks out (${locale})`, async ({ page }) => {
    await createWorkspace(page, 'Telefon');
    if (locale === 'en') await switchLanguage(page, 'en');
    const names = SECTIONS[locale];
    const nav = page.getByRole('navigation');
    const header = await page.getByRole('banner').boundingBox();
    expect(header!.height, 'one row').toBeLessThanOrEqual(80);

    for (const name of names.bar) {
      const link = nav.getByRole('link', { name, exact: true });
      const box = (await link.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(360);
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.y + box.height, 'at the bottom of the screen').toBeGreaterThan(740 - 70);
      await link.tap();
      await expect(link).toHaveAttribute('aria-current', 'page');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await wider(page), name).toEqual([]);
    }

    const more = nav.getByRole('button', { name: names.moreButton });
    for (const name of names.more) {
      await expect(nav.getByRole('link', { name, exact: true }), 'behind "More"').toBeHidden();
      await more.tap();
      await expect(more).toHaveAttribute('aria-expanded', 'true');
      const link = nav.getByRole('link', { name, exact: true });
      const box = (await link.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(360);
      expect(box.height).toBeGreaterThanOrEqual(44);
      await link.tap();
      // The menu closes on the way; "More" shows the screen is one of its own.
      await expect(more).toHaveAttribute('aria-expanded', 'false');
      await expect(more).toHaveClass(/current/);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await wider(page), name).toEqual([]);
    }

    // A goal's page is inside "Goals"; Escape closes the menu unchanged.
    await nav.getByRole('link', { name: names.bar[1], exact: true }).tap();
    await expect(more).not.toHaveClass(/current/);
    await more.tap();
    await page.keyboard.press('Escape');
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await expect(nav.getByRole('link', { name: names.more[0], exact: true })).toBeHidden();
  });
}

test('the end of a long page is not hidden under the bottom bar', async ({ page }) => {
  await createWorkspace(page, 'Przewijanie');
  await page.getByRole('navigation').getByRole('link', { name: 'Cele', exact: true }).tap();
  await expect(page.getByRole('button', { name: 'Dodaj obszar' })).toBeVisible();
  const gap = await page.evaluate(() => {
    window.scrollTo(0, document.documentElement.scrollHeight);
    const last = document.querySelector('main')!.lastElementChild!.getBoundingClientRect();
    const bar = document.querySelector('.bottom-nav')!.getBoundingClientRect();
    return bar.top - last.bottom;
  });
  expect(gap).toBeGreaterThanOrEqual(0);
});

test('the top bar menu holds the language and the account, and closes on the way', async ({ page }) => {
  await createWorkspace(page, 'Menu');
  const banner = page.getByRole('banner');
  await expect(banner.getByLabel('Język')).toBeHidden();
  await banner.getByRole('button', { name: 'Menu' }).tap();
  await banner.getByLabel('Język').selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await banner.getByRole('link', { name: 'Account' }).tap();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(banner.getByRole('button', { name: 'Menu' })).toHaveAttribute('aria-expanded', 'false');
  await expect(banner.getByRole('link', { name: 'Account' })).toBeHidden();
  // The sync status stays in view, in a word.
  await page.goBack();
  await expect(banner.getByText('This device', { exact: true })).toBeVisible();
});
