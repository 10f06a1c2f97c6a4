import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';

// A mentor and a mentee in two browsers: invite and join, both edit offline,
// both reconnect, and both screens end up with everything both wrote.

test.use({ locale: 'pl-PL' });

const PASSWORD = 'dobre hasło 123';

/** A fresh browser context with its own storage, as a second device would be. */
async function person(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'pl-PL' });
  return { context, page: await context.newPage() };
}

async function signUp(page: Page, email: string) {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Hasło (co najmniej 10 znaków)').fill(PASSWORD);
  await page.getByRole('button', { name: 'Załóż konto' }).click();
}

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

const synced = (page: Page) => expect(page.getByRole('status').filter({ hasText: 'Zsynchronizowano' })).toBeVisible({ timeout: 15_000 });

test('mentor and mentee edit offline and both end with everything', async ({ browser }) => {
  const stamp = Date.now();
  const mentor = await person(browser);
  const mentee = await person(browser);

  // The mentor builds a workspace offline-first, then shares it.
  const m = mentor.page;
  await m.goto('/');
  await m.getByLabel('Nazwa przestrzeni').fill('Para wspólna');
  await m.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  const workspaceUrl = m.url();
  await m.getByRole('navigation').getByRole('link', { name: 'Cele' }).click();
  await m.getByLabel('Tytuł').fill('Cel wspólny');
  await m.getByRole('button', { name: 'Dodaj cel' }).click();
  await m.getByRole('navigation').getByRole('link', { name: 'Spotkania' }).click();
  await m.getByLabel('Data i godzina').fill('2030-06-01T10:00');
  await m.getByRole('button', { name: 'Dodaj spotkanie' }).click();
  const meetingUrl = m.url();
  await m.getByRole('textbox', { name: 'Wspólne notatki' }).fill('Początek. Koniec.');

  await m.goto(`/account?next=${new URL(workspaceUrl).pathname}`);
  await signUp(m, `mentor-${stamp}@example.com`);
  await expect(m.getByRole('heading', { name: 'Pulpit' })).toBeVisible();
  await m.getByLabel('Moja rola w tej przestrzeni').selectOption('mentor');
  await m.getByRole('button', { name: 'Udostępnij tę przestrzeń' }).click();
  await synced(m);
  await m.getByRole('button', { name: 'Utwórz link z zaproszeniem' }).click();
  const link = await m.getByLabel('Link z zaproszeniem').inputValue();
  expect(link).toContain('/join/');

  // The mentee opens the link, signs up, joins, and gets the whole workspace.
  const e = mentee.page;
  await e.goto(link);
  await expect(e.getByText('w roli mentee')).toBeVisible();
  await e.getByRole('link', { name: 'Zaloguj się' }).click();
  await signUp(e, `mentee-${stamp}@example.com`);
  await e.getByRole('button', { name: 'Dołącz do przestrzeni' }).click();
  await synced(e);
  await expect(e.getByRole('link', { name: 'Cel wspólny' })).toBeVisible();
  await e.goto(new URL(meetingUrl).pathname);
  await m.goto(new URL(meetingUrl).pathname);
  const mentorNotes = m.getByRole('textbox', { name: 'Wspólne notatki' });
  const menteeNotes = e.getByRole('textbox', { name: 'Wspólne notatki' });
  await expect(menteeNotes).toHaveValue('Początek. Koniec.');

  // Both go offline and write into the same notes, and each edits a different field of one goal.
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
    await page.goto(new URL(meetingUrl).pathname);
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
  await m.goto(new URL(workspaceUrl).pathname);
  await m.getByRole('button', { name: 'Usuń', exact: true }).click();
  await m.getByRole('button', { name: 'Tak, usuń' }).click();
  await expect(e.getByRole('status').filter({ hasText: 'Dostęp do tej przestrzeni wygasł' })).toBeVisible({ timeout: 15_000 });
  await menteeNotes.pressSequentially(' Po usunięciu.');
  await m.goto(new URL(meetingUrl).pathname);
  await m.reload();
  await synced(m);
  await expect(mentorNotes).toHaveValue(live);

  await mentor.context.close();
  await mentee.context.close();
});
