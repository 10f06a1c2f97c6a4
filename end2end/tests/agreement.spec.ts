import { expect, test } from '@playwright/test';

// The pair's agreement: every field saves as it changes and survives a reload.

test.use({ locale: 'pl-PL' });

test('the agreement is kept', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Nazwa przestrzeni').fill('Umowa');
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Umowa' }).click();

  await page.getByLabel('Cel mentoringu').fill('Przygotowanie do roli lidera zespołu');
  await page.getByLabel('Data rozpoczęcia').fill('2030-01-07');
  await page.getByLabel('Data zakończenia').fill('2030-12-19');
  await page.getByLabel('Spotkania co (dni)').fill('21');
  await page.getByLabel('Spotkania co (dni)').blur();
  await page.getByRole('checkbox', { name: 'Osobiście' }).check();
  await page.getByRole('checkbox', { name: 'Online' }).check();
  await page.getByLabel('Poufność').fill('Rozmowy zostają między nami.');

  // An end before the start is refused with a message.
  await page.getByLabel('Data zakończenia').fill('2029-12-01');
  await expect(page.getByText('Koniec nie może być przed początkiem.')).toBeVisible();

  await page.reload();
  await expect(page.getByLabel('Cel mentoringu')).toHaveValue('Przygotowanie do roli lidera zespołu');
  await expect(page.getByLabel('Data rozpoczęcia')).toHaveValue('2030-01-07');
  await expect(page.getByLabel('Data zakończenia')).toHaveValue('2030-12-19');
  await expect(page.getByLabel('Spotkania co (dni)')).toHaveValue('21');
  await expect(page.getByRole('checkbox', { name: 'Osobiście' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Telefonicznie' })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Online' })).toBeChecked();
  await expect(page.getByLabel('Poufność')).toHaveValue('Rozmowy zostają między nami.');
});
