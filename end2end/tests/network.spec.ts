import { expect, test } from '@playwright/test';

// Areas for further development (one becomes a goal) and the contacts the
// mentor introduced, kept in the workspace like everything else.

test.use({ locale: 'pl-PL' });

test('an area becomes a goal, and contacts keep their follow-up', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Nazwa przestrzeni').fill('Sieć kontaktów');
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();

  // An area, kept on the goals screen; empty titles are refused.
  await page.getByRole('navigation').getByRole('link', { name: 'Cele' }).click();
  const newArea = page.getByRole('form', { name: 'Nowy obszar' });
  await newArea.getByRole('button', { name: 'Dodaj obszar' }).click();
  await expect(newArea.getByText('To pole jest wymagane.')).toBeVisible();
  await newArea.getByLabel('Obszar').fill('Zarządzanie czasem');
  await newArea.getByLabel('Notatka').fill('Po awansie');
  await newArea.getByRole('button', { name: 'Dodaj obszar' }).click();
  const areas = page.getByRole('region', { name: 'Obszary do dalszego rozwoju' });
  await expect(areas.getByRole('textbox', { name: 'Obszar' }).first()).toHaveValue('Zarządzanie czasem');

  // One button makes it a goal; the area then points at that goal.
  await areas.getByRole('button', { name: 'Zrób z tego cel' }).click();
  await expect(page.getByRole('textbox', { name: 'Tytuł', exact: true })).toHaveValue('Zarządzanie czasem');
  await page.getByRole('navigation').getByRole('link', { name: 'Cele' }).click();
  await expect(page.getByRole('link', { name: 'Zarządzanie czasem' })).toBeVisible();
  await expect(areas.getByRole('link', { name: 'Zobacz cel' })).toBeVisible();
  await expect(areas.getByRole('button', { name: 'Zrób z tego cel' })).toHaveCount(0);

  // A contact with its follow-up, which survives a reload and changes in place.
  await page.getByRole('navigation').getByRole('link', { name: 'Kontakty' }).click();
  const form = page.getByRole('form', { name: 'Nowy kontakt' });
  await form.getByLabel('Imię i nazwisko').fill('Ewa Nowak');
  await form.getByLabel('Rola').fill('Dyrektorka sprzedaży');
  await form.getByLabel('Organizacja').fill('ACME');
  await form.getByLabel('Dlaczego warto się poznać').fill('Zna rynek skandynawski');
  await form.getByLabel('Data przedstawienia').fill('2030-02-03');
  await form.getByRole('button', { name: 'Dodaj kontakt' }).click();
  await page.reload();
  const card = page.locator('ul.cards > li').first();
  await expect(card.getByRole('textbox', { name: 'Imię i nazwisko' })).toHaveValue('Ewa Nowak');
  await expect(card.getByRole('textbox', { name: 'Organizacja' })).toHaveValue('ACME');
  await expect(card.getByLabel('Kontakt nawiązany?')).toHaveValue('to_contact');
  await card.getByLabel('Kontakt nawiązany?').selectOption('met');
  await page.reload();
  await expect(page.locator('ul.cards > li').first().getByLabel('Kontakt nawiązany?')).toHaveValue('met');

  // Deleting asks first.
  await page.getByRole('button', { name: 'Usuń kontakt' }).click();
  await page.getByRole('group', { name: 'Usunąć kontakt Ewa Nowak?' }).getByRole('button', { name: 'Tak, usuń' }).click();
  await expect(page.getByText('Nie ma jeszcze kontaktów.')).toBeVisible();
});
