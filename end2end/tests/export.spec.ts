import { expect, test, type Page } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';

// The pair's data outlives the app: export the workspace, clear the
// browser, import it back; a file that is not an export changes nothing.
// And the dashboard's health signals react to what is in the workspace.

test.use({ locale: 'pl-PL' });

/** Clicks a download button and returns the downloaded file's text and name. */
async function download(page: Page, button: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8'), path };
}

test('export, clear the browser, import: the same workspace is back', async ({ page }, info) => {
  await page.goto('/');
  await page.getByLabel('Nazwa przestrzeni').fill('Ola i Jan');
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Cele' }).click();
  await page.getByLabel('Tytuł').fill('Negocjacje z klientem');
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Spotkania' }).click();
  await page.getByLabel('Data i godzina').fill('2030-03-04T09:30');
  await page.getByRole('button', { name: 'Dodaj spotkanie' }).click();
  const meetingPath = new URL(page.url()).pathname.split('/').slice(3).join('/');
  await page.getByRole('textbox', { name: 'Wspólne notatki' }).fill('Ćwiczyć otwarcie rozmowy — zażółć gęślą jaźń.');
  await page.getByRole('navigation').getByRole('link', { name: 'Pulpit' }).click();

  const json = await download(page, 'Cała przestrzeń (JSON)');
  expect(json.name).toBe('Ola-i-Jan.tandem.json');
  expect(JSON.parse(json.text)).toMatchObject({ format: 'tandem.workspace', version: 1 });
  const markdown = await download(page, 'Podsumowanie (Markdown)');
  expect(markdown.text).toContain('Negocjacje z klientem');
  expect(markdown.text).toContain('zażółć gęślą jaźń');
  const calendar = await download(page, 'Spotkania do kalendarza (.ics)');
  expect(calendar.name).toBe('Ola-i-Jan.ics');
  expect(calendar.text).toContain('BEGIN:VEVENT');
  // The meeting was set on this browser's clock: the file holds that instant in UTC.
  const utc = await page.evaluate(() => new Date('2030-03-04T09:30').toISOString().replace(/[-:]|\.000/g, ''));
  expect(calendar.text).toContain(`DTSTART:${utc}`);

  // A browser with nothing in it.
  await page.evaluate(() => localStorage.clear());
  await page.goto('/');
  await expect(page.getByText('Nie masz jeszcze żadnej przestrzeni')).toBeVisible();

  await page.getByLabel('Plik eksportu (JSON)').setInputFiles(json.path);
  await expect(page.getByRole('heading', { name: 'Pulpit' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Negocjacje z klientem' })).toBeVisible();
  const workspace = new URL(page.url()).pathname;
  await page.goto(`${workspace}/${meetingPath}`);
  await expect(page.getByRole('textbox', { name: 'Wspólne notatki' })).toHaveValue(
    'Ćwiczyć otwarcie rozmowy — zażółć gęślą jaźń.',
  );
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Ola i Jan' })).toBeVisible();

  // Files that are not an export: a clear message, and nothing changes.
  const before = await page.evaluate(() => JSON.stringify(localStorage));
  const cases: [string, string, string][] = [
    ['notatki.json', 'to nie jest json', 'To nie jest plik JSON. Nic nie zostało zmienione.'],
    ['obcy.json', '{"name": "coś innego"}', 'To nie jest eksport przestrzeni Tandem. Nic nie zostało zmienione.'],
    [
      'uszkodzony.json',
      JSON.stringify({ ...JSON.parse(json.text), workspace: { goals: 'zepsute' } }),
      'Plik eksportu jest uszkodzony. Nic nie zostało zmienione.',
    ],
  ];
  for (const [name, text, message] of cases) {
    const path = info.outputPath(name);
    await writeFile(path, text);
    await page.getByLabel('Plik eksportu (JSON)').setInputFiles(path);
    await expect(page.getByRole('alert').filter({ hasText: message })).toBeVisible();
    expect(await page.evaluate(() => JSON.stringify(localStorage))).toBe(before);
  }
  // Where the trouble is, in Polish: no parser's English on the screen.
  await expect(page.getByRole('alert')).toContainText(/Miejsce w pliku: wiersz 1, kolumna \d+\./);
  await expect(page.getByRole('alert')).not.toContainText(/invalid|expected|at line/);
  await expect(page.locator('ul.cards > li')).toHaveCount(1);

  // The same file again: a copy beside the first, told apart by its name.
  await page.getByLabel('Plik eksportu (JSON)').setInputFiles(json.path);
  await expect(page.getByRole('heading', { name: 'Pulpit' })).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Ola i Jan', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ola i Jan (kopia)', exact: true })).toBeVisible();
});

test('health signals: nothing to judge at first, then a long gap since the last meeting', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Nazwa przestrzeni').fill('Rytm spotkań');
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  const health = page.getByRole('region', { name: 'Co wymaga uwagi' });
  await expect(page.getByRole('region', { name: 'Pierwsze kroki' })).toBeVisible();
  await expect(health).toHaveCount(0);

  await page.getByRole('navigation').getByRole('link', { name: 'Spotkania' }).click();
  await page.getByLabel('Data i godzina').fill('2020-01-10T10:00');
  await page.getByRole('button', { name: 'Dodaj spotkanie' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Pulpit' }).click();
  await expect(health).toContainText(/Brak spotkania od \d+ dni — umówiony rytm to co 14 dni\./);
  await expect(health).not.toContainText('Wszystko w porządku');
  await health.getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Spotkania' })).toBeVisible();
});
