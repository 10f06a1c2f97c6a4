import { expect, test } from '@playwright/test';
import { overwriteDoc, storedDocs } from '../support/idb';
import { createWorkspace } from '../support/workspace';

// Bad states of browser storage: never a silent wipe, never a lost edit.

test.use({ locale: 'pl-PL' });

test('unreadable stored data is reported, offered for download and left untouched', async ({ page }) => {
  await createWorkspace(page, 'Uszkodzona');
  const url = page.url();
  const key = `ws/${url.split('/w/')[1]}`;
  await expect.poll(async () => (await storedDocs(page))[key]?.snapshot).not.toBeNull();
  const garbage = Array.from(Buffer.from('to nie jest dokument!'));
  await overwriteDoc(page, key, garbage);

  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Nie można odczytać zapisanych danych tej przestrzeni' })).toBeVisible();
  const download = page.getByRole('link', { name: 'Pobierz zapisane dane' });
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  const fs = await import('node:fs');
  expect(Array.from(fs.readFileSync(await file.path()))).toEqual(garbage);
  // Nothing was overwritten.
  expect((await storedDocs(page))[key]).toEqual({ snapshot: garbage, gen: 1000, log: [] });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Nie można odczytać zapisanych danych tej przestrzeni' })).toBeVisible();
  expect((await storedDocs(page))[key]).toEqual({ snapshot: garbage, gen: 1000, log: [] });
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

test('full storage: a clear message, the edits stay in memory, leaving warns', async ({ page }) => {
  await createWorkspace(page, 'Pełna pamięć');
  await page.getByRole('navigation').getByRole('link', { name: 'Cele' }).click();

  // From now on every write fails the way a full browser store does.
  await page.evaluate(() => {
    const full = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const w = window as unknown as { realAdd: unknown; realPut: unknown };
    w.realAdd = IDBObjectStore.prototype.add;
    w.realPut = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.add = full;
    IDBObjectStore.prototype.put = full;
  });
  await page.getByLabel('Tytuł').fill('Cel zapisany tylko w pamięci');
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  await expect(page.getByText('Pamięć przeglądarki jest pełna.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Cel zapisany tylko w pamięci' })).toBeVisible();
  // Editing goes on in memory.
  await page.getByRole('link', { name: 'Cel zapisany tylko w pamięci' }).click();
  await page.getByLabel('Opis').fill('Dalsza praca');
  await expect(page.getByLabel('Opis')).toHaveValue('Dalsza praca');
  // The message stays in view while typing further down a phone's screen.
  await page.setViewportSize({ width: 360, height: 420 });
  await page.getByRole('button', { name: 'Usuń cel' }).scrollIntoViewIfNeeded();
  await expect(page.getByText('Pamięć przeglądarki jest pełna.')).toBeInViewport();

  // Leaving now would lose them: the browser asks first (dismissed: the page stays).
  const asked = new Promise<string>((resolve) =>
    page.once('dialog', (dialog) => {
      resolve(dialog.type());
      void dialog.dismiss();
    }),
  );
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
  expect(page.isClosed()).toBe(false);

  // Space again: the next change saves everything kept in memory.
  await page.evaluate(() => {
    const w = window as unknown as { realAdd: IDBObjectStore['add']; realPut: IDBObjectStore['put'] };
    IDBObjectStore.prototype.add = w.realAdd;
    IDBObjectStore.prototype.put = w.realPut;
  });
  await page.getByLabel('Opis').pressSequentially('!');
  await expect(page.getByText('Pamięć przeglądarki jest pełna.')).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel('Opis')).toHaveValue('Dalsza praca!');
});

test('each change is appended to a log, folded into the snapshot when the page is hidden', async ({ page }) => {
  await createWorkspace(page, 'Dziennik');
  const key = `ws/${page.url().split('/w/')[1]}`;
  await expect.poll(async () => (await storedDocs(page))[key]?.gen).toBe(1);
  const created = (await storedDocs(page))[key];
  expect(created.log).toEqual([]);

  await page.getByRole('navigation').getByRole('link', { name: 'Cele' }).click();
  await page.getByLabel('Tytuł').fill('Cel z dziennika');
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  await page.getByRole('link', { name: 'Cel z dziennika' }).click();
  await page.getByLabel('Opis').pressSequentially('abc');
  // The snapshot as created, and one logged update per change.
  await expect.poll(async () => (await storedDocs(page))[key].log.length).toBeGreaterThanOrEqual(4);
  expect((await storedDocs(page))[key].snapshot).toEqual(created.snapshot);

  // The person switches away: the log becomes part of a new snapshot.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    // As the browser fires it: at the document, bubbling up to the window.
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  });
  await expect.poll(async () => (await storedDocs(page))[key].gen).toBe(2);
  const folded = (await storedDocs(page))[key];
  expect(folded.log).toEqual([]);
  expect(folded.snapshot).not.toEqual(created.snapshot);
  await page.reload();
  await expect(page.getByLabel('Opis')).toHaveValue('abc');
});

test('a reload straight after typing keeps every character', async ({ page }) => {
  await createWorkspace(page, 'Szybkie palce');
  await page.getByRole('navigation').getByRole('link', { name: 'Cele' }).click();
  await page.getByLabel('Tytuł').fill('Cel pisany w biegu');
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  await page.getByRole('link', { name: 'Cel pisany w biegu' }).click();
  const text = 'Zażółć gęślą jaźń, szybko i bez przerwy.';
  // No waiting between the last key and the reload: whatever IndexedDB has
  // not committed yet is kept through the page's going.
  await page.getByLabel('Opis').pressSequentially(text);
  await page.reload();
  await expect(page.getByLabel('Opis')).toHaveValue(text);
  // Nothing was lost, so nothing says so.
  await expect(page.getByText('Tandem został zamknięty')).toHaveCount(0);
  await page.getByLabel('Opis').pressSequentially(' Jeszcze.');
  await page.goto('/');
  await page.goBack();
  await expect(page.getByLabel('Opis')).toHaveValue(`${text} Jeszcze.`);
});

test('the workspace list says how much storage Tandem uses', async ({ page }) => {
  await createWorkspace(page, 'Miejsce na dane');
  await page.goto('/');
  await expect(page.getByText(/^Na tym urządzeniu Tandem zajmuje .*[MG]B z .*[MG]B, na które pozwala przeglądarka/)).toBeVisible();
});

test('a long run of typing is merged in the log, costing about what the text does', async ({ page }) => {
  await createWorkspace(page, 'Długie pisanie');
  const key = `ws/${page.url().split('/w/')[1]}`;
  await page.getByRole('navigation').getByRole('link', { name: 'Cele' }).click();
  await page.getByLabel('Tytuł').fill('Cel na długi tekst');
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  await page.getByRole('link', { name: 'Cel na długi tekst' }).click();
  const text = 'Piszę dalej bez przerwy, litera po literze. '.repeat(5); // 220 characters
  await page.getByLabel('Opis').pressSequentially(text);
  // One update per keystroke costs about 25 bytes; every 64 entries the log
  // is replaced by one update encoded from the document, a few bytes per
  // character. What remains: that, plus at most 63 entries since.
  const logBytes = async () => {
    const doc = (await storedDocs(page))[key];
    return doc.log.length < 64 ? doc.log.reduce((sum, u) => sum + u.length, 0) : Infinity;
  };
  await expect.poll(logBytes).toBeLessThan(12 * text.length);
  await page.reload();
  await expect(page.getByLabel('Opis')).toHaveValue(text);
});

test('a tab that goes with unsaved changes: kept if it could say goodbye, reported if it crashed', async ({ context, page }) => {
  await createWorkspace(page, 'Awaria');
  const workspace = page.url();
  await page.getByRole('navigation').getByRole('link', { name: 'Cele' }).click();
  // IndexedDB refuses every write: the next change lives in this page's memory only.
  await page.evaluate(() => {
    const full = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    IDBObjectStore.prototype.add = full;
    IDBObjectStore.prototype.put = full;
  });
  await page.getByLabel('Tytuł').fill('Cel z zamkniętej karty');
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  await expect(page.getByText('Pamięć przeglądarki jest pełna.')).toBeVisible();
  // While it holds them, the page is marked as holding unstored changes.
  const marks = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('tandem.dirty.')));
  await expect.poll(marks).toHaveLength(1);
  const [mark] = await marks();

  // Another tab opening meanwhile sees a live tab, not a lost one.
  const other = await context.newPage();
  await other.goto('/');
  await expect(other.getByRole('link', { name: 'Awaria' })).toBeVisible();
  const lost = other.getByText('Tandem został zamknięty albo przeglądarka przestała działać');
  await expect(lost).toHaveCount(0);

  // Closed normally, the page hands its unsaved change to the next start.
  await page.close();
  await other.goto(workspace);
  await other.getByRole('navigation').getByRole('link', { name: 'Cele' }).click();
  await expect(other.getByRole('link', { name: 'Cel z zamkniętej karty' })).toBeVisible();
  await expect(lost).toHaveCount(0);

  // A crash leaves the mark behind with nobody holding the tab's lock.
  // (Chromium's Page.crash here takes the whole test context down, so the
  // mark is put back as a crashed tab would have left it.)
  await other.evaluate((mark) => localStorage.setItem(mark, 'true'), mark);
  await other.reload();
  await expect(lost).toBeVisible();
  await other.getByRole('button', { name: 'Rozumiem' }).click();
  await expect(lost).toHaveCount(0);
  // Said once.
  await other.reload();
  await expect(other.getByRole('link', { name: 'Cel z zamkniętej karty' })).toBeVisible();
  await expect(lost).toHaveCount(0);
});
