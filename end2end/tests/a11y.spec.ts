import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// Every main screen, in Polish and in English, on a phone: axe-core finds
// nothing serious or critical; every control is big enough to tap, nothing
// scrolls sideways, and a notch or a landscape phone costs nothing.

const PHONE = { width: 360, height: 740 };
const LANDSCAPE = { width: 740, height: 360 };

test.use({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'pl-PL' });

/** The screens, by address, of a workspace with a bit of everything in it. */
type Screens = { name: string; path: string }[];

/** Makes a workspace with a goal, a milestone, an area, a meeting with an agenda item and an action, an activity, feedback, a check-in and a contact. */
async function seed(page: Page): Promise<Screens> {
  await page.goto('/');
  await page.getByLabel('Nazwa przestrzeni').fill('Anna i Piotr');
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await expect(page.getByRole('heading', { name: 'Pulpit' })).toBeVisible();
  const ws = new URL(page.url()).pathname;

  await page.goto(`${ws}/goals`);
  await page.getByLabel('Tytuł').fill('Wystąpienia publiczne');
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  await page.getByRole('link', { name: 'Wystąpienia publiczne' }).click();
  await page.getByRole('textbox', { name: 'Kamień milowy' }).fill('Pierwsza prezentacja');
  await page.getByRole('button', { name: 'Dodaj kamień milowy' }).click();
  const goal = new URL(page.url()).pathname;
  await page.goto(`${ws}/goals`);
  await page.getByRole('form', { name: 'Nowy obszar' }).getByLabel('Obszar').fill('Zarządzanie czasem');
  await page.getByRole('button', { name: 'Dodaj obszar' }).click();
  await expect(page.getByRole('button', { name: 'Zrób z tego cel' })).toBeVisible();

  await page.goto(`${ws}/meetings`);
  await page.getByLabel('Data i godzina').fill('2030-05-06T10:00');
  await page.getByRole('button', { name: 'Dodaj spotkanie' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Spotkanie / })).toBeVisible();
  await page.getByRole('textbox', { name: 'Punkt agendy' }).fill('Plan na kwartał');
  await page.getByRole('button', { name: 'Dodaj do agendy' }).click();
  await page.getByLabel('Zadanie', { exact: true }).fill('Nagrać próbę');
  await page.getByRole('button', { name: 'Dodaj zadanie' }).click();
  await expect(page.getByRole('checkbox', { name: 'Zrobione: Nagrać próbę' })).toBeVisible();
  const meeting = new URL(page.url()).pathname;

  await page.goto(`${ws}/activities`);
  await page.getByRole('textbox', { name: 'Nazwa', exact: true }).fill('Kurs prezentacji');
  await page.getByRole('button', { name: 'Dodaj działanie' }).click();
  await page.getByRole('link', { name: 'Kurs prezentacji' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kurs prezentacji' })).toBeVisible();
  const activity = new URL(page.url()).pathname;

  await page.goto(`${ws}/feedback`);
  await page.getByLabel('Co poszło dobrze').fill('Dobre przygotowanie');
  await page.getByRole('button', { name: 'Dodaj informację zwrotną' }).click();
  await expect(page.getByText('Dodano informację zwrotną.')).toBeVisible();

  await page.goto(`${ws}/progress`);
  for (const legend of ['Umiejętność: Wystąpienia publiczne', 'Pewność siebie', 'Motywacja']) {
    await page.getByRole('group', { name: legend }).getByRole('radio', { name: '3', exact: true }).check();
  }
  await page.getByRole('button', { name: 'Zapisz samoocenę' }).click();
  await expect(page.locator('svg[data-chart="feelings"]')).toBeVisible();

  await page.goto(`${ws}/contacts`);
  await page.getByLabel('Imię i nazwisko').fill('Ewa Nowak');
  await page.getByRole('button', { name: 'Dodaj kontakt' }).click();
  await expect(page.getByRole('button', { name: 'Usuń kontakt' })).toBeVisible();

  return [
    { name: 'workspaces', path: '/' },
    { name: 'dashboard', path: ws },
    { name: 'agreement', path: `${ws}/agreement` },
    { name: 'goals', path: `${ws}/goals` },
    { name: 'goal', path: goal },
    { name: 'meetings', path: `${ws}/meetings` },
    { name: 'meeting', path: meeting },
    { name: 'activities', path: `${ws}/activities` },
    { name: 'activity', path: activity },
    { name: 'feedback', path: `${ws}/feedback` },
    { name: 'progress', path: `${ws}/progress` },
    { name: 'contacts', path: `${ws}/contacts` },
    { name: 'account', path: '/account' },
    { name: 'not found', path: '/no/such/page' },
  ];
}

/** Opens a screen and waits until the app has rendered its heading. */
async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/** Shows the install button and the update banner too, so they are checked with the rest. */
async function showPwaControls(page: Page) {
  await page.evaluate(() => {
    const offer = new Event('beforeinstallprompt', { cancelable: true });
    Object.assign(offer, { prompt: async () => ({ outcome: 'dismissed' }) });
    dispatchEvent(offer);
  });
  await expect(page.locator('header').getByRole('button')).toHaveCount(1);
}

for (const [locale, language] of [
  ['pl', 'Język'],
  ['en', 'Language'],
] as const) {
  test(`every main screen passes axe-core with nothing serious or critical (${locale})`, async ({ page }) => {
    test.slow(); // twelve screens, each analysed whole
    const screens = await seed(page);
    await page.getByLabel('Język').selectOption(locale);
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
