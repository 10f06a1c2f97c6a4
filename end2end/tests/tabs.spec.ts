import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { createWorkspace, waitForWorker } from '../support/workspace';
import { sharedPair } from '../support/pair';

// Two tabs (or the installed app beside a tab) of one workspace on one
// device: each shows the other's edits at once, and whatever order they
// are hidden, reloaded and closed in, no character and no item is lost.

test.use({ locale: 'pl-PL' });

const notesOf = (page: Page) => page.getByRole('textbox', { name: 'Wspólne notatki' });

/** As the browser does when a tab is switched away from: the page folds its log. */
async function hide(page: Page) {
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  });
}

async function addGoal(page: Page, title: string) {
  await page.getByRole('navigation').getByRole('link', { name: 'Cele' }).click();
  await page.getByLabel('Tytuł').fill(title);
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  await expect(page.getByRole('link', { name: title })).toBeVisible();
}

async function addMeeting(page: Page): Promise<string> {
  await page.getByRole('navigation').getByRole('link', { name: 'Spotkania' }).click();
  await page.getByLabel('Data i godzina').fill('2030-05-06T10:00');
  await page.getByRole('button', { name: 'Dodaj spotkanie' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Spotkanie / })).toBeVisible();
  return new URL(page.url()).pathname;
}

/** Every goal title and the notes, as `page` shows them after opening `meeting`. */
async function expectEverything(page: Page, meeting: string, notes: string, goals: string[]) {
  await page.goto(meeting);
  await expect(notesOf(page)).toHaveValue(notes);
  await page.getByRole('navigation').getByRole('link', { name: 'Cele' }).click();
  for (const goal of goals) await expect(page.getByRole('link', { name: goal })).toBeVisible();
}

/**
 * Two pages of `context` on `meeting`, offline: the first types into the
 * notes, the second adds goals, with hiding, reloads and closing between;
 * then a third page opened later sees everything.
 */
async function twoTabs(context: BrowserContext, first: Page, meeting: string) {
  // Offline reloads need the service worker to hold every screen, and the
  // second tab's meeting screen must have arrived before the network goes.
  await waitForWorker(first);
  const second = await context.newPage();
  await second.goto(meeting);
  await expect(notesOf(second)).toBeVisible();
  await context.setOffline(true);

  // Typing in one tab shows in the other as it happens.
  await notesOf(first).click();
  await notesOf(first).pressSequentially('Pierwsza karta.');
  await expect(notesOf(second)).toHaveValue('Pierwsza karta.');

  // The second tab adds a goal; the first, still on the meeting, hides (folds).
  await addGoal(second, 'Cel z drugiej karty');
  await hide(first);
  await first.reload();
  await expect(notesOf(first)).toHaveValue('Pierwsza karta.');
  await notesOf(first).click();
  await notesOf(first).press('End');
  await notesOf(first).pressSequentially(' Dalej.');

  // The second hides and reloads in turn: nothing of the first's is lost.
  await hide(second);
  await second.reload();
  await addGoal(second, 'Drugi cel po przeładowaniu');
  await second.goto(meeting);
  await expect(notesOf(second)).toHaveValue('Pierwsza karta. Dalej.');
  await notesOf(second).click();
  await notesOf(second).press('End');
  await notesOf(second).pressSequentially(' Z drugiej.');
  await expect(notesOf(first)).toHaveValue('Pierwsza karta. Dalej. Z drugiej.');

  // The first closes while the second types on; then the second reloads.
  await hide(first);
  await first.close();
  await notesOf(second).pressSequentially(' Koniec.');
  await second.reload();

  const all = ['Cel z drugiej karty', 'Drugi cel po przeładowaniu'];
  const text = 'Pierwsza karta. Dalej. Z drugiej. Koniec.';
  await expectEverything(second, meeting, text, all);
  const third = await context.newPage();
  await expectEverything(third, meeting, text, all);
}

test('two tabs of a local workspace keep every edit, whatever order they close in', async ({ context, page }) => {
  await createWorkspace(page, 'Dwie karty');
  const meeting = await addMeeting(page);
  await twoTabs(context, page, meeting);
});

test('a tab opened while another types shows every character at once', async ({ context, page }) => {
  await createWorkspace(page, 'Karta w trakcie pisania');
  const meeting = await addMeeting(page);
  await notesOf(page).click();
  // The first tab types on while the second reads the document and opens
  // it: a change made between the two is one the second tab hears about,
  // not one it reads, and it must show it all the same.
  const text = 'Piszę, gdy druga karta się otwiera. '.repeat(4).trim();
  const typing = notesOf(page).pressSequentially(text);
  const second = await context.newPage();
  await second.goto(meeting);
  await typing;
  // Not hidden, not reloaded: what it shows is what it holds.
  await expect(notesOf(second)).toHaveValue(text);
});

test('two tabs of a shared workspace keep every edit with the server out of reach', async ({ browser }) => {
  const { mentor, mentee, meetingPath } = await sharedPair(browser, { notes: '' });
  // The server stops answering: block every request, the service worker's too.
  await mentor.context.route('**/api/**', (route) => route.abort('internetdisconnected'));
  await mentor.page.goto(meetingPath);
  await expect(notesOf(mentor.page)).toHaveValue('');
  await twoTabs(mentor.context, mentor.page, meetingPath);

  // Back online, the mentee gets all of it.
  await mentor.context.unroute('**/api/**');
  await mentor.context.setOffline(false);
  await expectEverything(mentee.page, meetingPath, 'Pierwsza karta. Dalej. Z drugiej. Koniec.', [
    'Cel z drugiej karty',
    'Drugi cel po przeładowaniu',
  ]);
});

test('an old copy in localStorage moves to IndexedDB whole, then the old keys go', async ({ page }) => {
  const fs = await import('node:fs');
  const stored: Record<string, string> = JSON.parse(
    fs.readFileSync('fixtures/legacy-localstorage.json', 'utf8'),
  );
  await page.addInitScript((entries) => {
    if (!sessionStorage.getItem('seeded')) {
      for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
      sessionStorage.setItem('seeded', '1');
    }
  }, stored);
  await page.goto('/');
  await page.getByRole('link', { name: 'Ola i Jan (stara wersja)' }).click();
  await expect(page.getByRole('heading', { name: 'Pulpit' })).toBeVisible();
  // The private note, written while signed out, came along.
  await expect(page.getByRole('textbox', { name: 'Notatki widoczne tylko dla mnie' })).toHaveValue(
    'Prywatna notatka sprzed przeprowadzki',
  );
  // The snapshot's goal, and what was only in the log.
  await page.getByRole('navigation').getByRole('link', { name: 'Cele' }).click();
  await page.getByRole('link', { name: 'Cel zapisany w migawce' }).click();
  await expect(page.getByLabel('Opis')).toHaveValue('Opis z dziennika');
  await page.getByRole('navigation').getByRole('link', { name: 'Spotkania' }).click();
  await page.getByRole('link', { name: /2026/ }).first().click();
  await expect(notesOf(page)).toHaveValue('Notatki tylko w dzienniku');

  // The documents left localStorage; the list and the preferences stayed.
  const keys = await page.evaluate(() => Object.keys(localStorage).sort());
  expect(keys.filter((k) => k.startsWith('tandem.ws.') || k === 'tandem.private.device')).toEqual([]);
  expect(keys).toContain('tandem.workspaces');
  await page.reload();
  await expect(notesOf(page)).toHaveValue('Notatki tylko w dzienniku');
});
