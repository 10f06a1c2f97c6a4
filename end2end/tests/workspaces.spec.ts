import { expect, test } from '@playwright/test';
import { storedDocs } from '../support/idb';

// A mentor keeps one workspace per mentee: create, switch, rename, delete.

test.use({ locale: 'pl-PL' });

test('several workspaces: switch, rename, delete with confirmation', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByText('Nie masz jeszcze żadnej przestrzeni.')).toBeVisible();
  for (const name of ['Mentee: Ola', 'Mentee: Kuba']) {
    await page.goto('/');
    await page.getByLabel('Nazwa przestrzeni').fill(name);
    await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
    await expect(page.getByRole('heading', { name: 'Pulpit' })).toBeVisible();
  }

  // Each workspace has its own data.
  await page.getByRole('navigation').getByRole('link', { name: 'Cele' }).click();
  await page.getByLabel('Tytuł').fill('Cel Kuby');
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  const switcher = page.getByLabel('Przestrzeń');
  await switcher.selectOption({ label: 'Mentee: Ola' });
  await page.getByRole('navigation').getByRole('link', { name: 'Cele' }).click();
  await expect(page.getByText('Nie ma jeszcze celów.')).toBeVisible();
  await switcher.selectOption({ label: 'Mentee: Kuba' });
  await page.getByRole('navigation').getByRole('link', { name: 'Cele' }).click();
  await expect(page.getByRole('link', { name: 'Cel Kuby' })).toBeVisible();

  // Rename.
  await page.goto('/');
  const ola = page.getByRole('listitem').filter({ hasText: 'Mentee: Ola' });
  await ola.getByRole('button', { name: 'Zmień nazwę' }).click();
  await page.getByLabel('Nowa nazwa').fill('Mentee: Aleksandra');
  await page.getByRole('button', { name: 'Zapisz nazwę' }).click();
  await expect(page.getByRole('link', { name: 'Mentee: Aleksandra' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('link', { name: 'Mentee: Aleksandra' })).toBeVisible();

  // Delete asks first; cancelling keeps it.
  const kuba = page.getByRole('listitem').filter({ hasText: 'Mentee: Kuba' });
  await kuba.getByRole('button', { name: 'Usuń' }).click();
  await expect(kuba.getByText('Usunąć „Mentee: Kuba” i wszystkie jej dane')).toBeVisible();
  await kuba.getByRole('button', { name: 'Anuluj' }).click();
  await expect(page.getByRole('link', { name: 'Mentee: Kuba' })).toBeVisible();
  await kuba.getByRole('button', { name: 'Usuń' }).click();
  await kuba.getByRole('button', { name: 'Tak, usuń' }).click();
  await expect(page.getByRole('link', { name: 'Mentee: Kuba' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('link', { name: 'Mentee: Kuba' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Mentee: Aleksandra' })).toBeVisible();
  // Its document is gone from storage too; the other one's stays.
  const docs = async () => Object.keys(await storedDocs(page)).filter((k) => k.startsWith('ws/'));
  await expect.poll(docs).toHaveLength(1);
});
