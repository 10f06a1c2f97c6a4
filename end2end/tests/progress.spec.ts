import { expect, test, type Page } from '@playwright/test';
import { createWorkspace, openSection } from '../support/workspace';

// Development activities, feedback both ways and self-assessment check-ins,
// as a new user tries them; then the progress charts they feed.

test.use({ locale: 'pl-PL' });

/** Goes to a workspace tab by its name in the navigation. */
async function tab(page: Page, name: string) {
  await openSection(page, name);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/** How far the page scrolls sideways; 0 when it does not. */
function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Picks a 1–5 rating in the fieldset named `legend`. */
async function rate(page: Page, legend: string, value: number) {
  await page.getByRole('group', { name: legend }).getByRole('radio', { name: String(value), exact: true }).check();
}

/** Records one self-assessment. */
async function checkIn(page: Page, date: string, skill: number, confidence: number, motivation: number) {
  await page.getByLabel('Data', { exact: true }).fill(date);
  await rate(page, 'Umiejętność: Wystąpienia publiczne', skill);
  await rate(page, 'Pewność siebie', confidence);
  await rate(page, 'Motywacja', motivation);
  await page.getByRole('button', { name: 'Zapisz samoocenę' }).click();
  await expect(page.getByText('Zapisano samoocenę.')).toBeVisible();
}

/** The whole flow; `checkLayout` also checks that no screen scrolls sideways. */
async function progressFlow(page: Page, checkLayout: boolean) {
  const noSidewaysScroll = async (where: string) => {
    if (checkLayout) expect(await sidewaysScroll(page), where).toBeLessThanOrEqual(0);
  };
  await createWorkspace(page, 'Anna i Piotr');

  await tab(page, 'Cele');
  await page.getByLabel('Tytuł').fill('Wystąpienia publiczne');
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  await expect(page.getByRole('link', { name: 'Wystąpienia publiczne' })).toBeVisible();

  // An activity, then after it an evaluation and a reflection.
  await tab(page, 'Działania');
  await expect(page.getByText('Nie ma jeszcze działań.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Nazwa', exact: true }).fill('Kurs prezentacji');
  await page.getByLabel('Rodzaj').selectOption('course');
  await page.getByLabel('Data rozpoczęcia').fill('2030-01-08');
  await page.getByLabel('Data zakończenia').fill('2030-01-09');
  await page.getByLabel('Jak wspiera mentor').fill('Przegląd slajdów przed kursem');
  await page.getByRole('button', { name: 'Dodaj działanie' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Kurs prezentacji' })).toContainText('Kurs · Zaplanowane');
  await noSidewaysScroll('activities');
  await page.getByRole('link', { name: 'Kurs prezentacji' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kurs prezentacji' })).toBeVisible();
  await page.getByLabel('Stan').selectOption('done');
  await page.getByRole('checkbox', { name: 'Powiązany: Wystąpienia publiczne' }).check();
  await rate(page, 'Jak poszło?', 4);
  const reflection = page.getByRole('textbox', { name: 'Refleksja' });
  await reflection.click();
  await reflection.pressSequentially('Mniej slajdów, więcej historii.');
  await noSidewaysScroll('activity');
  await page.reload();
  await expect(reflection).toHaveValue('Mniej slajdów, więcej historii.');
  await expect(page.getByRole('group', { name: 'Jak poszło?' }).getByRole('radio', { name: '4' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Powiązany: Wystąpienia publiczne' })).toBeChecked();
  await expect(page.getByLabel('Stan')).toHaveValue('done');
  await page.getByRole('link', { name: 'Wszystkie działania' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Kurs prezentacji' })).toContainText('ocena 4/5');

  // Feedback both ways; empty feedback is refused.
  await tab(page, 'Informacja zwrotna');
  await page.getByRole('button', { name: 'Dodaj informację zwrotną' }).click();
  await expect(page.getByRole('alert')).toContainText('Wpisz co najmniej jedno');
  await page.getByLabel('Kto ją przekazuje').selectOption('mentor');
  await page.getByLabel('Data', { exact: true }).fill('2030-01-10');
  await page.getByLabel('Co poszło dobrze').fill('Spokojne tempo i kontakt wzrokowy');
  await page.getByLabel('Następny krok').fill('Wystąpienie na spotkaniu zespołu');
  await page.getByLabel('Czego dotyczy (opcjonalnie)').selectOption({ label: 'Kurs prezentacji' });
  await page.getByRole('button', { name: 'Dodaj informację zwrotną' }).click();
  await page.getByLabel('Kto ją przekazuje').selectOption('mentee');
  await page.getByLabel('Co poprawić').fill('Więcej przykładów z własnej praktyki');
  await page.getByRole('button', { name: 'Dodaj informację zwrotną' }).click();
  const toMentee = page.getByRole('region', { name: 'Od mentora dla mentee' });
  const toMentor = page.getByRole('region', { name: 'Od mentee dla mentora' });
  await expect(toMentee).toContainText('Spokojne tempo i kontakt wzrokowy');
  await expect(toMentee).toContainText('Działanie: Kurs prezentacji');
  await expect(toMentee).not.toContainText('Więcej przykładów');
  await expect(toMentor).toContainText('Więcej przykładów z własnej praktyki');
  await noSidewaysScroll('feedback');
  // Edited in place, and still there after a reload.
  await toMentor.getByRole('button', { name: 'Edytuj' }).click();
  await toMentor.getByRole('textbox', { name: 'Następny krok' }).fill('Dzielić się nagraniami');
  await toMentor.getByLabel('Czego dotyczy (opcjonalnie)').selectOption({ label: 'Wystąpienia publiczne' });
  await toMentor.getByRole('button', { name: 'Gotowe' }).click();
  await page.reload();
  await expect(toMentor).toContainText('Dzielić się nagraniami');
  await expect(toMentor).toContainText('Cel: Wystąpienia publiczne');

  // Two check-ins on different dates: two points per series.
  await tab(page, 'Postępy');
  await expect(page.getByText('Nie ma jeszcze samoocen. Zapisz pierwszą')).toBeVisible();
  await page.getByRole('button', { name: 'Zapisz samoocenę' }).click();
  await expect(page.getByText('Wybierz wartość od 1 do 5.')).toHaveCount(2);
  await checkIn(page, '2030-01-15', 2, 2, 4);
  await expect(page.getByText('Na razie jedna samoocena')).toBeVisible();
  const feelings = page.locator('svg[data-chart="feelings"]');
  await expect(feelings.locator('circle[data-series="confidence"]')).toHaveCount(1);
  await checkIn(page, '2030-03-01', 3, 3, 5);
  await expect(page.getByText('Na razie jedna samoocena')).toHaveCount(0);
  await expect(feelings.locator('circle[data-series="confidence"]')).toHaveCount(2);
  await expect(feelings.locator('circle[data-series="motivation"]')).toHaveCount(2);
  await expect(page.locator('svg[data-chart="skill"] circle[data-series="skill"]')).toHaveCount(2);
  await expect(feelings).toHaveAttribute('aria-label', /Pewność siebie: od 15 sty 2030 do 1 mar 2030, liczba pomiarów: 2, ostatnio 3\/5/);
  await expect(page.getByText('Nie odnotowano jeszcze postępu celów.')).toBeVisible();
  await expect(page.getByText('Nie ma jeszcze spotkań.')).toBeVisible();
  const past = page.getByRole('region', { name: 'Poprzednie samooceny' }).getByRole('listitem').filter({ has: page.getByRole('heading') });
  await expect(past).toHaveCount(2);
  await expect(past.first()).toContainText('Pewność siebie 3/5 · motywacja 5/5');
  await noSidewaysScroll('progress');

  // Saved in browser storage: the same after a reload.
  await page.reload();
  await expect(feelings.locator('circle')).toHaveCount(4);
}

test('activity, feedback both ways and two check-ins make two points per series (desktop)', async ({ page }) => {
  await progressFlow(page, false);
});

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('the same flow works and nothing scrolls sideways', async ({ page }) => {
    test.slow();
    await progressFlow(page, true);
  });
});

test('in English: charts, months and the hints for little data', async ({ page }) => {
  await createWorkspace(page, 'Pair B');
  await page.getByLabel('Język').selectOption('en');
  await tab(page, 'Meetings');
  await page.getByLabel('Date and time').fill('2025-03-04T09:30');
  await page.getByRole('button', { name: 'Add meeting' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Mar 4, 2025/ })).toBeVisible();
  // A meeting still ahead is planned, not held: the chart leaves it out.
  await tab(page, 'Meetings');
  await page.getByLabel('Date and time').fill('2030-03-04T09:30');
  await page.getByRole('button', { name: 'Add meeting' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Mar 4, 2030/ })).toBeVisible();
  await tab(page, 'Progress');
  await expect(page.getByRole('heading', { level: 1, name: 'Progress' })).toBeVisible();
  await expect(page.getByText('No self-assessments yet. Save the first one above')).toBeVisible();
  await expect(page.getByText('Add goals to rate your skill in each of them too.')).toBeVisible();
  await rate(page, 'Confidence', 4);
  await rate(page, 'Motivation', 5);
  await page.getByLabel('Date', { exact: true }).fill('2030-02-01');
  await page.getByRole('button', { name: 'Save self-assessment' }).click();
  await expect(page.getByText('One self-assessment so far (Feb 1, 2030)')).toBeVisible();
  const meetings = page.locator('svg[data-chart="meetings"]');
  await expect(meetings.locator('rect[data-month="2025-03"]')).toHaveCount(1);
  await expect(meetings.locator('rect[data-month="2030-03"]')).toHaveCount(0);
  await expect(meetings).toHaveAttribute('aria-label', /^Meetings per month\. Meetings held: 1\. Months shown: 1\./);
  await expect(page.locator('figure', { has: meetings }).locator('.legend')).toContainText('Meetings held');
});
