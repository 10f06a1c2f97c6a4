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
    (window as unknown as { realSetItem: unknown }).realSetItem = Storage.prototype.setItem;
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

  // Space again: the next change saves everything kept in memory.
  await page.evaluate(() => {
    Storage.prototype.setItem = (window as unknown as { realSetItem: Storage['setItem'] }).realSetItem;
  });
  await page.getByLabel('Opis').pressSequentially('!');
  await expect(page.getByText('Pamięć przeglądarki jest pełna.')).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel('Opis')).toHaveValue('Dalsza praca!');
});

test('each change is appended to a log, folded into the document when the page is hidden', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Nazwa przestrzeni').fill('Dziennik');
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await expect(page.getByRole('heading', { name: 'Pulpit' })).toBeVisible();
  const key = `tandem.ws.${page.url().split('/w/')[1]}`;
  const stored = () =>
    page.evaluate((key) => ({ doc: localStorage.getItem(key), log: localStorage.getItem(`${key}.log`) }), key);
  const created = await stored();
  expect(created.log).toBeNull();

  await page.getByRole('navigation').getByRole('link', { name: 'Cele' }).click();
  await page.getByLabel('Tytuł').fill('Cel z dziennika');
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  await page.getByRole('link', { name: 'Cel z dziennika' }).click();
  await page.getByLabel('Opis').pressSequentially('abc');
  // The document as created, and one logged update per change.
  const typed = await stored();
  expect(typed.doc).toBe(created.doc);
  expect(JSON.parse(typed.log ?? '[]').length).toBeGreaterThanOrEqual(4);

  // The person switches away: the log becomes part of a new document.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    // As the browser fires it: at the document, bubbling up to the window.
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  });
  const folded = await stored();
  expect(folded.log).toBeNull();
  expect(folded.doc).not.toBe(created.doc);
  await page.reload();
  await expect(page.getByLabel('Opis')).toHaveValue('abc');
});
