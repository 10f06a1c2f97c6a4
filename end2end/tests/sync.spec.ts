import { expect, test, type BrowserContext } from '@playwright/test';
import { sharedPair, synced } from '../support/pair';
import { waitForWorker } from '../support/workspace';

// A mentor and a mentee in two browsers: invite and join, both edit offline,
// both reconnect, and both screens end up with everything both wrote.

test.use({ locale: 'pl-PL' });

/** Cuts a page off the network (its sockets and any service worker too) or restores it. */
async function setOnline(context: BrowserContext, online: boolean) {
  if (online) {
    await context.unroute('**/*');
    await context.setOffline(false);
  } else {
    await context.setOffline(true);
    await context.route('**/*', (route) => route.abort('internetdisconnected'));
  }
}

test('mentor and mentee edit offline and both end with everything', async ({ browser }) => {
  const { mentor, mentee, workspacePath, meetingPath } = await sharedPair(browser, {
    notes: 'Początek. Koniec.',
    goal: 'Cel wspólny',
  });
  const [m, e] = [mentor.page, mentee.page];
  await expect(e.getByRole('link', { name: 'Cel wspólny' })).toBeVisible();
  await e.goto(meetingPath);
  await m.goto(meetingPath);
  const mentorNotes = m.getByRole('textbox', { name: 'Wspólne notatki' });
  const menteeNotes = e.getByRole('textbox', { name: 'Wspólne notatki' });
  await expect(menteeNotes).toHaveValue('Początek. Koniec.');

  // Both go offline and write into the same notes, and each edits a different field of one goal.
  // First the workers must hold every screen: the goal's page is opened offline.
  for (const page of [m, e]) await waitForWorker(page);
  await setOnline(mentor.context, false);
  await setOnline(mentee.context, false);
  for (const page of [m, e]) await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
  await mentorNotes.click();
  await mentorNotes.press('Home');
  for (let i = 0; i < 'Początek.'.length; i++) await mentorNotes.press('ArrowRight');
  await mentorNotes.pressSequentially(' Mentor pisze.');
  await menteeNotes.click();
  await menteeNotes.press('End');
  await menteeNotes.pressSequentially(' Mentee dopisuje.');
  for (const [page, change] of [
    [m, async () => m.getByLabel('Status').selectOption('in_progress')],
    [e, async () => e.getByLabel('Termin').fill('2030-12-31')],
  ] as const) {
    // Offline, so move inside the app (its routes need no network).
    await page.getByRole('navigation').getByRole('link', { name: 'Cele' }).click();
    await page.getByRole('link', { name: 'Cel wspólny' }).click();
    await change();
  }

  // Back online: both converge on the same notes, with both texts and both field edits.
  await setOnline(mentor.context, true);
  await setOnline(mentee.context, true);
  for (const page of [m, e]) {
    await page.reload();
    await synced(page);
  }
  const expected = 'Początek. Mentor pisze. Koniec. Mentee dopisuje.';
  for (const page of [m, e]) {
    await expect(page.getByLabel('Status')).toHaveValue('in_progress');
    await expect(page.getByLabel('Termin')).toHaveValue('2030-12-31');
    await page.goto(meetingPath);
    await expect(page.getByRole('textbox', { name: 'Wspólne notatki' })).toHaveValue(expected);
  }

  // Live: the mentor types at the start while the mentee's caret is at the end;
  // the mentee's caret stays there, so their next keystroke lands at the end.
  await menteeNotes.click();
  await menteeNotes.press('End');
  await mentorNotes.click();
  await mentorNotes.press('Home');
  await mentorNotes.pressSequentially('Na żywo: ');
  await expect(menteeNotes).toHaveValue(`Na żywo: ${expected}`);
  await menteeNotes.pressSequentially(' Koniec notatek.');
  const live = `Na żywo: ${expected} Koniec notatek.`;
  await expect(menteeNotes).toHaveValue(live);
  await expect(mentorNotes).toHaveValue(live);

  // The mentor removes the mentee: the mentee's later edits no longer reach the server.
  await m.goto(workspacePath);
  await m.getByRole('button', { name: 'Usuń', exact: true }).click();
  await m.getByRole('button', { name: 'Tak, usuń' }).click();
  await expect(e.getByRole('status').filter({ hasText: 'Dostęp do tej przestrzeni wygasł' })).toBeVisible({ timeout: 15_000 });
  await menteeNotes.pressSequentially(' Po usunięciu.');
  await m.goto(meetingPath);
  await m.reload();
  await synced(m);
  await expect(mentorNotes).toHaveValue(live);

  await mentor.context.close();
  await mentee.context.close();
});

test('a workspace the server has no more room for says so, and what is written stays here', async ({ browser }) => {
  const { mentor, mentee, workspacePath } = await sharedPair(browser, { notes: 'Start' });
  const m = mentor.page;
  const id = workspacePath.split('/').pop();
  // The server refuses to store more of it (a storage quota): it closes
  // the workspace's socket with 4413, as server/tests/sync.rs checks.
  await m.routeWebSocket(`**/api/sync/${id}*`, (ws) => ws.close({ code: 4413, reason: 'storage quota reached' }));
  await m.reload();
  await expect(
    m.getByRole('status').filter({ hasText: 'Serwer nie ma już miejsca na tę przestrzeń — zmiany zostają na tym urządzeniu' }),
  ).toBeVisible();
  await m.getByRole('navigation').getByRole('link', { name: 'Cele' }).click();
  await m.getByLabel('Tytuł').fill('Zapisany mimo braku miejsca');
  await m.getByRole('button', { name: 'Dodaj cel' }).click();
  await m.reload();
  await expect(m.getByRole('link', { name: 'Zapisany mimo braku miejsca' })).toBeVisible();
  await expect(m.getByRole('status').filter({ hasText: 'Serwer nie ma już miejsca' })).toBeVisible();
  await mentor.context.close();
  await mentee.context.close();
});
