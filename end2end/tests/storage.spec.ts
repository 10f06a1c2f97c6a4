import { expect, test } from '@playwright/test';

// Bad states of browser storage: never a silent wipe, never a lost edit.

test.use({ locale: 'pl-PL' });

test('unreadable stored data is reported, offered for download and left untouched', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Nazwa przestrzeni').fill('Uszkodzona');
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await expect(page.getByRole('heading', { name: 'Pulpit' })).toBeVisible();
  const url = page.url();
  const id = url.split('/w/')[1];
  const garbage = JSON.stringify('to nie jest dokument!');
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [`tandem.ws.${id}`, garbage]);

  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Nie można odczytać zapisanych danych tej przestrzeni' })).toBeVisible();
  const download = page.getByRole('link', { name: 'Pobierz zapisane dane' });
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  const path = await file.path();
  const fs = await import('node:fs');
  expect(fs.readFileSync(path, 'utf8')).toBe(garbage);
  // Nothing was overwritten.
  expect(await page.evaluate((key) => localStorage.getItem(key), `tandem.ws.${id}`)).toBe(garbage);
  await page.reload();
  expect(await page.evaluate((key) => localStorage.getItem(key), `tandem.ws.${id}`)).toBe(garbage);
});

test('an unreadable workspace list is not overwritten', async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('tandem.workspaces', '{broken');
      sessionStorage.setItem('seeded', '1');
    }
  });
  await page.goto('/');
  await expect(page.getByText('Nie udało się odczytać listy przestrzeni')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Utwórz przestrzeń' })).toBeDisabled();
  expect(await page.evaluate(() => localStorage.getItem('tandem.workspaces'))).toBe('{broken');
});

test('full storage: a clear message, and the edits stay in memory', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Nazwa przestrzeni').fill('Pełna pamięć');
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Cele' }).click();

  // From now on every write fails the way a full browser store does.
  await page.evaluate(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.getByLabel('Tytuł').fill('Cel zapisany tylko w pamięci');
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  await expect(page.getByText('Pamięć przeglądarki jest pełna.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Cel zapisany tylko w pamięci' })).toBeVisible();
  // Editing goes on in memory.
  await page.getByRole('link', { name: 'Cel zapisany tylko w pamięci' }).click();
  await page.getByLabel('Opis').fill('Dalsza praca');
  await expect(page.getByLabel('Opis')).toHaveValue('Dalsza praca');
});
