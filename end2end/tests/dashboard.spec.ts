import { expect, test } from '@playwright/test';
import { createWorkspace, switchLanguage } from '../support/workspace';

// The dashboard tells the truth: a new workspace is guided through its first
// steps instead of being called healthy, a goal past its target date is
// flagged, and what needs attention follows a change of language at once.

test.use({ locale: 'pl-PL' });

test('a new workspace shows its first steps, ticked as they are done, then its health', async ({ page }) => {
  await createWorkspace(page, 'Nowa para');
  const steps = page.getByRole('region', { name: 'Pierwsze kroki' });
  await expect(steps).toBeVisible();
  await expect(page.getByText('Wszystko w porządku')).toHaveCount(0);
  await expect(steps.getByText('zrobione')).toHaveCount(0);

  await steps.getByRole('link', { name: 'Wyznaczcie pierwszy cel' }).click();
  await page.getByLabel('Tytuł').fill('Rust');
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  await expect(page.getByRole('link', { name: 'Rust' })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Pulpit' }).click();
  await expect(steps.getByRole('listitem').filter({ hasText: 'Wyznaczcie pierwszy cel' })).toContainText('zrobione');

  await steps.getByRole('link', { name: 'Zaplanujcie pierwsze spotkanie' }).click();
  await page.getByLabel('Data i godzina').fill('2030-05-06T10:00');
  await page.getByRole('button', { name: 'Dodaj spotkanie' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Spotkanie / })).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Pulpit' }).click();
  await steps.getByRole('link', { name: 'Ustalcie zasady współpracy w umowie' }).click();
  await page.getByRole('textbox', { name: 'Cel mentoringu' }).fill('Rozwój w roli lidera');
  await page.getByRole('navigation').getByRole('link', { name: 'Pulpit' }).click();
  await expect(steps).toHaveCount(0);
  await expect(page.getByText('Wszystko w porządku')).toBeVisible();
});

test('a goal past its target date is flagged on the dashboard and in the list, in both languages', async ({ page }) => {
  await createWorkspace(page, 'Terminy');
  await page.getByRole('navigation').getByRole('link', { name: 'Cele', exact: true }).click();
  await page.getByLabel('Tytuł').fill('Certyfikat');
  await page.getByLabel('Termin').fill('2024-01-10');
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  await page.getByLabel('Tytuł').fill('Bez terminu');
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  const card = (title: string) => page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title }) });
  await expect(card('Certyfikat').getByText('po terminie', { exact: true })).toBeVisible();
  await expect(card('Bez terminu').getByText('po terminie', { exact: true })).toHaveCount(0);

  await page.getByRole('navigation').getByRole('link', { name: 'Pulpit' }).click();
  const health = page.getByRole('region', { name: 'Co wymaga uwagi' });
  await expect(health.getByRole('link', { name: /^„Certyfikat”: \d+ dni po terminie celu\.$/ })).toBeVisible();
  const goals = page.getByRole('region', { name: 'Cele i postępy' });
  await expect(goals.getByRole('listitem').filter({ hasText: 'Certyfikat' }).getByText('po terminie')).toBeVisible();

  // The signals follow the language without leaving the page.
  await switchLanguage(page, 'en');
  const attention = page.getByRole('region', { name: 'Needs attention' });
  await expect(attention.getByRole('link', { name: /^“Certyfikat”: \d+ days past its target date\.$/ })).toBeVisible();

  // Achieved: nothing to flag any more.
  await attention.getByRole('link', { name: /Certyfikat/ }).click();
  await page.getByLabel('Status').selectOption('achieved');
  await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('link', { name: /past its target date/ })).toHaveCount(0);
});
