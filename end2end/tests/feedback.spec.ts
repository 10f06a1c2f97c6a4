import { expect, test, type Page } from '@playwright/test';
import { sharedPair } from '../support/pair';
import { createWorkspace, switchLanguage } from '../support/workspace';

// Feedback and self-assessments have an author. In a shared workspace each
// person writes as themselves (the form does not offer the other's name)
// and can change or delete only what they wrote; the other's is theirs to
// read. Feedback about a goal, meeting or activity shows on its page.

/** Picks a 1–5 rating in the fieldset named `legend` inside `scope`. */
async function rate(scope: Page | ReturnType<Page['locator']>, legend: string, value: number) {
  await scope.getByRole('group', { name: legend }).getByRole('radio', { name: String(value), exact: true }).check();
}

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

  // The self-assessment is the mentee's: the mentee fills it in and changes
  // it later; the mentor reads it and has no form and no buttons.
  await e.goto(`${workspacePath}/progress`);
  await rate(e, 'Pewność siebie', 2);
  await rate(e, 'Motywacja', 4);
  await e.getByRole('button', { name: 'Zapisz samoocenę' }).click();
  const past = e.getByRole('region', { name: 'Poprzednie samooceny' }).getByRole('listitem');
  await expect(past).toContainText('Pewność siebie 2/5 · motywacja 4/5');
  await past.getByRole('button', { name: 'Edytuj' }).click();
  await rate(past, 'Pewność siebie', 5);
  await past.getByLabel('Komentarz (opcjonalnie)').fill('Po rozmowie pewniej');
  await past.getByRole('button', { name: 'Gotowe' }).click();
  await expect(past).toContainText('Pewność siebie 5/5 · motywacja 4/5');
  await expect(past).toContainText('Po rozmowie pewniej');

  await m.goto(`${workspacePath}/progress`);
  await expect(m.getByText('Samoocenę wypełnia mentee.', { exact: false })).toBeVisible();
  await expect(m.getByRole('button', { name: 'Zapisz samoocenę' })).toHaveCount(0);
  const seen = m.getByRole('region', { name: 'Poprzednie samooceny' }).getByRole('listitem');
  await expect(seen).toContainText('Pewność siebie 5/5 · motywacja 4/5', { timeout: 15_000 });
  await expect(seen).toContainText('Po rozmowie pewniej');
  await expect(seen.getByRole('button')).toHaveCount(0);
  await mentor.context.close();
  await mentee.context.close();
});

for (const lang of ['pl', 'en'] as const) {
  const t = {
    pl: { goals: 'Cele', title: 'Tytuł', addGoal: 'Dodaj cel', give: 'Przekaż informację zwrotną', none: 'Nie ma jeszcze informacji zwrotnej o tym celu.', about: 'Czego dotyczy (opcjonalnie)', form: 'Nowa informacja zwrotna', wentWell: 'Co poszło dobrze', add: 'Dodaj informację zwrotną', heading: 'Informacja zwrotna' },
    en: { goals: 'Goals', title: 'Title', addGoal: 'Add goal', give: 'Give feedback', none: 'No feedback about this goal yet.', about: 'About (optional)', form: 'New feedback', wentWell: 'What went well', add: 'Add feedback', heading: 'Feedback' },
  }[lang];

  test.describe(`on a 360 px phone (${lang})`, () => {
    test.use({ locale: 'pl-PL', viewport: { width: 360, height: 740 } });

    test(`a goal's page lists the feedback about it and leads to the form with it picked (${lang})`, async ({ page }) => {
      await createWorkspace(page, 'O celu');
      if (lang === 'en') await switchLanguage(page, 'en');
      await page.getByRole('navigation').getByRole('link', { name: t.goals, exact: true }).click();
      await page.getByLabel(t.title).fill('Wystąpienia publiczne');
      await page.getByRole('button', { name: t.addGoal }).click();
      await page.getByRole('link', { name: 'Wystąpienia publiczne' }).click();
      const goalPage = page.url();
      const section = page.getByRole('region', { name: t.heading });
      await expect(section.getByText(t.none)).toBeVisible();

      await section.getByRole('link', { name: t.give }).click();
      await expect(page.getByLabel(t.about)).toHaveValue(/^goal:/);
      await expect(page.getByRole('form', { name: t.form })).toBeInViewport();
      await page.getByLabel(t.wentWell).fill('Mówisz coraz spokojniej');
      await page.getByRole('button', { name: t.add }).click();

      await page.goto(goalPage);
      await expect(section.getByRole('listitem')).toContainText('Mówisz coraz spokojniej');
      await expect(section.getByText(t.none)).toHaveCount(0);
      // Nothing sticks out sideways on the phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    });
  });
}
