import { expect, test, type Page } from '@playwright/test';

// Only the workspace list and the dashboard come with the first download;
// every other screen's code is fetched when it is first opened
// (docs/build.md). These tests watch the network with the
// service worker blocked, as on a first visit before it has installed.
test.use({ serviceWorkers: 'block', locale: 'pl-PL' });

/** The wasm files the page fetched, by name. */
function wasmFetched(page: Page): string[] {
  const names: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.wasm')) names.push(path.split('/').pop()!);
  });
  return names;
}

/** Every chunk split out of the main module, by its file name. */
const CHUNKS = /\/(split|chunk)_[^/]*\.wasm$/;

test('the list and the dashboard work with the main module alone; the rest comes after', async ({ page }) => {
  const fetched = wasmFetched(page);
  await page.route(CHUNKS, (route) => route.abort('internetdisconnected'));
  await page.goto('/');
  await page.getByLabel('Nazwa przestrzeni').fill('Na raty');
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await expect(page.getByRole('heading', { name: 'Pulpit', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Pierwsze kroki' })).toBeVisible();
  // Only the panels further down (export, sharing) wait for their own code.
  const failed = page.getByRole('alert').filter({ hasText: 'Nie udało się pobrać tej części Tandemu' });
  await expect(failed).toHaveCount(2);
  await page.unroute(CHUNKS);
  await failed.first().getByRole('button', { name: 'Spróbuj ponownie' }).click();
  await expect(failed).toHaveCount(1);
  await failed.first().getByRole('button', { name: 'Spróbuj ponownie' }).click();
  await expect(failed).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Eksport' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Udostępnianie' })).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Cele', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Cele', level: 1 })).toBeVisible();
  expect(fetched).toContain('split_screens.wasm');
  await page.getByLabel('Tytuł').fill('Pierwszy cel');
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  // The workspace's screens share one chunk: a goal's page and every other
  // screen then open without fetching anything more.
  const before = fetched.length;
  await page.getByRole('link', { name: 'Pierwszy cel' }).click();
  await expect(page.getByRole('heading', { name: 'Pierwszy cel' })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Spotkania' }).click();
  await expect(page.getByRole('heading', { name: 'Spotkania', level: 1 })).toBeVisible();
  expect(fetched.slice(before)).toEqual([]);
});

test('a screen whose code cannot be fetched says so, and opens on retry', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Nazwa przestrzeni').fill('Słaby zasięg');
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await expect(page.getByRole('heading', { name: 'Pulpit', level: 1 })).toBeVisible();

  // The connection drops just as the person opens Progress.
  await page.route('**/*.wasm', (route) => route.abort('internetdisconnected'));
  await page.getByRole('navigation').getByRole('link', { name: 'Postępy' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Nie udało się pobrać tej części Tandemu' });
  await expect(alert).toBeVisible();
  // The app is still whole: the other screens still work.
  await page.getByRole('navigation').getByRole('link', { name: 'Pulpit' }).click();
  await expect(page.getByRole('heading', { name: 'Pulpit', level: 1 })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Postępy' }).click();
  await expect(alert).toBeVisible();

  // Back online: "Try again" fetches it afresh.
  await page.unroute('**/*.wasm');
  await alert.getByRole('button', { name: 'Spróbuj ponownie' }).click();
  await expect(page.getByRole('heading', { name: 'Postępy', level: 1 })).toBeVisible();
  await expect(alert).toHaveCount(0);
});

test('a screen fetched on first use is built once: typing into it keeps the field', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Nazwa przestrzeni').fill('Notatki');
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Spotkania' }).click();
  await page.getByLabel('Data i godzina').fill('2030-03-04T09:30');
  await page.getByRole('button', { name: 'Dodaj spotkanie' }).click();
  const notes = page.getByRole('textbox', { name: 'Wspólne notatki' });
  await notes.fill('Ala');
  const field = await notes.elementHandle();
  // The phone switches to another app and back: the tab stores its changes
  // and catches up from storage. The page must update in place, not be
  // rebuilt (which would drop the field being typed in, and its focus).
  for (const state of ['hidden', 'visible']) {
    await page.evaluate((state) => {
      Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    }, state);
  }
  await notes.press('End');
  await notes.pressSequentially(' ma kota');
  await expect(notes).toHaveValue('Ala ma kota');
  expect(await field!.evaluate((el) => el.isConnected && el === document.activeElement)).toBe(true);
});
