import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { seed } from '../support/seed';
import { switchLanguage } from '../support/workspace';

// Every main screen, in Polish and in English, on a phone: axe-core finds
// nothing serious or critical; every control is big enough to tap, nothing
// scrolls sideways, and a notch or a landscape phone costs nothing.

const PHONE = { width: 360, height: 740 };
const LANDSCAPE = { width: 740, height: 360 };

test.use({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'pl-PL' });

/** Opens a screen and waits until the app has rendered its heading. */
async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/** Shows the install button (in the top bar's menu, opened on a phone) too, so it is checked with the rest. */
async function showPwaControls(page: Page) {
  await page.evaluate(() => {
    const offer = new Event('beforeinstallprompt', { cancelable: true });
    Object.assign(offer, { prompt: async () => ({ outcome: 'dismissed' }) });
    dispatchEvent(offer);
  });
  const menu = page.getByRole('banner').getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) await menu.click();
  await expect(page.locator('header button.install')).toBeVisible();
}

for (const [locale, language] of [
  ['pl', 'Język'],
  ['en', 'Language'],
] as const) {
  test(`every main screen passes axe-core with nothing serious or critical (${locale})`, async ({ page }) => {
    test.slow(); // twelve screens, each analysed whole
    const screens = await seed(page);
    await switchLanguage(page, locale);
    await expect(page.getByLabel(language)).toBeVisible();
    for (const screen of screens) {
      await open(page, screen.path);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await showPwaControls(page);
      const { violations } = await new AxeBuilder({ page }).analyze();
      const serious = violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(serious, `${screen.name} (${locale})`).toEqual([]);
    }
  });
}

/** Controls on the screen smaller than 44 × 44 px; a checkbox or radio counts as its label. */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea');
    const small: string[] = [];
    for (const control of Array.from(controls)) {
      const isBox = control instanceof HTMLInputElement && ['checkbox', 'radio'].includes(control.type);
      const target = isBox ? (control.closest('label') ?? control) : control;
      const box = target.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not shown
      if (box.width < 44 || box.height < 44) {
        const name = control.getAttribute('aria-label') ?? control.textContent?.trim() ?? '';
        small.push(`${control.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return small;
  });
}

/** How far the page scrolls sideways; 0 when it does not. */
function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test('on a phone, upright and on its side: big enough targets, no sideways scrolling', async ({ page }) => {
  test.slow(); // twelve screens, twice
  const screens = await seed(page);
  for (const viewport of [PHONE, LANDSCAPE]) {
    await page.setViewportSize(viewport);
    for (const screen of screens) {
      await open(page, screen.path);
      await showPwaControls(page);
      const where = `${screen.name} at ${viewport.width}×${viewport.height}`;
      expect(await sidewaysScroll(page), where).toBeLessThanOrEqual(0);
      expect(await smallTargets(page), where).toEqual([]);
    }
    // On its side the top bar stays one short row, leaving the screen to the content.
    const bar = await page.locator('header').boundingBox();
    expect(bar!.height).toBeLessThanOrEqual(viewport.height / 4);
  }
});

test('content keeps clear of a notch and the home indicator', async ({ page }) => {
  const screens = await seed(page);
  const cdp = await page.context().newCDPSession(page);
  const insets = { top: 40, left: 48, right: 48, bottom: 30 };
  await page.setViewportSize(LANDSCAPE);
  await cdp.send('Emulation.setSafeAreaInsetsOverride', { insets });
  await open(page, screens[3].path);
  const layout = await page.evaluate(() => {
    const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
    const brand = box('.topbar .brand');
    return {
      header: box('header').top,
      brandTop: brand.top,
      brandLeft: brand.left,
      headingLeft: box('main h1').left,
      bodyPadding: getComputedStyle(document.body).paddingBottom,
    };
  });
  // The bar's colour runs under the status bar; its content starts below it.
  expect(layout.header).toBe(0);
  expect(layout.brandTop).toBeGreaterThanOrEqual(insets.top);
  expect(layout.brandLeft).toBeGreaterThanOrEqual(insets.left);
  expect(layout.headingLeft).toBeGreaterThanOrEqual(insets.left);
  expect(layout.bodyPadding).toBe(`${insets.bottom}px`);
});
