import { expect, test } from '@playwright/test';
import { person, sharedPair, signIn, synced } from '../support/pair';

// Private notes: what the mentor writes for themselves reaches their second
// device (and back, live), and never the mentee; the mentee's own note never
// reaches the mentor.

test.use({ locale: 'pl-PL' });

const PRIVATE = 'Notatki widoczne tylko dla mnie';

test('private notes sync across my devices and stay hidden from the other member', async ({ browser }) => {
  const { mentor, mentee, workspacePath, meetingPath } = await sharedPair(browser, { notes: 'Wspólne.' });
  const [phone, e] = [mentor.page, mentee.page];

  await phone.goto(workspacePath);
  await synced(phone);
  const phoneNote = phone.getByRole('textbox', { name: PRIVATE });
  await expect(phone.getByText('Tylko Ty widzisz te notatki, druga osoba nigdy.')).toBeVisible();
  await phoneNote.fill('Sekret mentora.');

  // The mentor signs in on a second device: the shared workspace appears,
  // and with it the private note.
  const laptop = await person(browser);
  const l = laptop.page;
  await l.goto('/account');
  await signIn(l, mentor.email!);
  // Within the app, as a person would: signing in fetches the account's
  // workspaces in the background, and reloading the page at once could
  // cut that short.
  await l.getByRole('link', { name: 'Tandem' }).click();
  // Named already, before it was ever opened here: the server says.
  await l.getByRole('link', { name: 'Para wspólna' }).click();
  await synced(l);
  await expect(l.getByRole('heading', { name: 'Pulpit' })).toBeVisible();
  const laptopNote = l.getByRole('textbox', { name: PRIVATE });
  await expect(laptopNote).toHaveValue('Sekret mentora.', { timeout: 15_000 });

  // An edit on the laptop shows on the phone, live.
  await laptopNote.click();
  await laptopNote.press('End');
  await laptopNote.pressSequentially(' Z laptopa.');
  await expect(phoneNote).toHaveValue('Sekret mentora. Z laptopa.', { timeout: 15_000 });

  // The mentee writes a private note and then a shared one; once the shared
  // one has reached the mentor, the mentee's private note has not.
  await e.goto(workspacePath);
  await synced(e);
  const menteeNote = e.getByRole('textbox', { name: PRIVATE });
  await expect(menteeNote).toHaveValue('');
  await menteeNote.fill('Sekret mentee.');
  await e.goto(meetingPath);
  await e.getByRole('textbox', { name: 'Wspólne notatki' }).fill('Wspólne. Od mentee.');
  await phone.goto(meetingPath);
  await expect(phone.getByRole('textbox', { name: 'Wspólne notatki' })).toHaveValue('Wspólne. Od mentee.', {
    timeout: 15_000,
  });
  await phone.goto(workspacePath);
  await synced(phone);
  await expect(phoneNote).toHaveValue('Sekret mentora. Z laptopa.');
  await e.goto(workspacePath);
  await expect(menteeNote).toHaveValue('Sekret mentee.');

  await l.goto('/');
  await expect(l.getByRole('link', { name: 'Para wspólna' })).toBeVisible();

  for (const p of [mentor, mentee, laptop]) await p.context.close();
});
