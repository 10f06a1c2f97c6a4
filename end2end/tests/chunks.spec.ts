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
  await expect(page.getByRole('heading', { name: 'Co wymaga uwagi' })).toBeVisible();
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
  expect(fetched).toContain('split_goals.wasm');
  // The goals screen's chunk carries the goal page too: opening one fetches nothing more.
  await page.getByLabel('Tytuł').fill('Pierwszy cel');
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  const before = fetched.length;
  await page.getByRole('link', { name: 'Pierwszy cel' }).click();
  await expect(page.getByRole('heading', { name: 'Pierwszy cel' })).toBeVisible();
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
