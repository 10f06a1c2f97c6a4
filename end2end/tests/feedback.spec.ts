import { expect, test, type Page } from '@playwright/test';
import { sharedPair } from '../support/pair';

// Feedback has an author. In a shared workspace each person writes as
// themselves (the form does not offer the other's name) and can change or
// delete only what they wrote; the other's feedback is theirs to read.

/** Adds feedback on the workspace's feedback page. */
async function give(page: Page, workspace: string, text: string) {
  await page.goto(`${workspace}/feedback`);
  await page.getByLabel('Co poszło dobrze').fill(text);
  await page.getByRole('button', { name: 'Dodaj informację zwrotną' }).click();
  await expect(page.getByText('Dodano informację zwrotną.')).toBeVisible();
}

test('each person writes as themselves and changes only their own feedback', async ({ browser }) => {
  test.slow(); // two people sign up and share first
  const { mentor, mentee, workspacePath } = await sharedPair(browser, { notes: 'Start' });
  const [m, e] = [mentor.page, mentee.page];

  await m.goto(`${workspacePath}/feedback`);
  await expect(m.getByText('Piszesz jako mentor, dla mentee.')).toBeVisible();
  await expect(m.getByLabel('Kto ją przekazuje')).toHaveCount(0);
  await give(m, workspacePath, 'Świetne pytania na spotkaniu');

  await e.goto(`${workspacePath}/feedback`);
  await expect(e.getByText('Piszesz jako mentee, dla mentora.')).toBeVisible();
  const fromMentor = e.getByRole('listitem').filter({ hasText: 'Świetne pytania na spotkaniu' });
  await expect(fromMentor).toBeVisible({ timeout: 15_000 });
  await expect(fromMentor.getByRole('button')).toHaveCount(0);

  await give(e, workspacePath, 'Dziękuję za czas');
  const own = e.getByRole('listitem').filter({ hasText: 'Dziękuję za czas' });
  await expect(e.getByRole('region', { name: 'Od mentee dla mentora' }).getByText('Dziękuję za czas')).toBeVisible();
  await expect(own.getByRole('button', { name: 'Edytuj' })).toBeVisible();
  await own.getByRole('button', { name: 'Usuń informację zwrotną' }).click();
  await own.getByRole('group').getByRole('button').first().click();
  await expect(own).toHaveCount(0);

  // The mentor still has their own, with its buttons.
  const mentorsOwn = m.getByRole('listitem').filter({ hasText: 'Świetne pytania na spotkaniu' });
  await expect(mentorsOwn.getByRole('button', { name: 'Edytuj' })).toBeVisible();
  await mentor.context.close();
  await mentee.context.close();
});
