import { expect, test } from '@playwright/test';
import { createWorkspace, switchLanguage } from '../support/workspace';

// Titles and names have a limit (150 characters, shared/src/validate.rs):
// past it, the form says so and keeps what was typed. On a phone, in both
// languages.
test.use({ locale: 'pl-PL', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test('a title over the limit is refused with a clear message, and what was typed stays', async ({ page }) => {
  await page.goto('/');
  const name = page.getByLabel('Nazwa przestrzeni');
  await name.fill('N'.repeat(151));
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Najwyżej 150 znaków.' })).toBeVisible();
  await expect(name).toHaveValue('N'.repeat(151));
  await name.fill('Limity');
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await expect(page.getByRole('heading', { name: 'Pulpit', level: 1 })).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Cele', exact: true }).click();
  const title = page.getByLabel('Tytuł');
  const pasted = 'Bardzo długi cel '.repeat(300); // about 5,000 characters
  await title.fill(pasted);
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Najwyżej 150 znaków.' })).toBeVisible();
  await expect(title).toHaveValue(pasted);
  await expect(page.getByRole('link', { name: /Bardzo długi cel/ })).toHaveCount(0);

  // Exactly at the limit is fine, and the card stays within the screen.
  const longest = 'Cel'.padEnd(150, 'x');
  await title.fill(longest);
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  await expect(page.getByRole('link', { name: longest })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

  await switchLanguage(page, 'en');
  await page.getByLabel('Title').fill('E'.repeat(151));
  await page.getByRole('button', { name: 'Add goal' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'At most 150 characters.' })).toBeVisible();
});

test('near the limit the count shows; a title edited in place stops at it; lists show three lines', async ({ page }) => {
  await createWorkspace(page, 'Liczniki');
  await page.getByRole('navigation').getByRole('link', { name: 'Cele', exact: true }).click();
  const title = page.getByLabel('Tytuł');
  await title.fill('Krótki');
  await expect(page.getByText(/z 150 znaków/)).toHaveCount(0);
  const long = 'Długi tytuł celu, który opisuje wszystko bardzo dokładnie, słowo po słowie, '.repeat(2).slice(0, 140);
  await title.fill(long);
  await expect(page.getByText('140 z 150 znaków')).toBeVisible();
  await page.getByRole('button', { name: 'Dodaj cel' }).click();

  // Three lines at most in the list, the whole title on its page.
  const link = page.getByRole('link', { name: long });
  const box = (await link.boundingBox())!;
  const lineHeight = await link.evaluate((e) => parseFloat(getComputedStyle(e).lineHeight));
  expect(box.height).toBeLessThanOrEqual(3 * lineHeight + 1);
  await link.click();
  const editor = page.getByRole('textbox', { name: 'Tytuł' });
  await expect(editor).toHaveValue(long);
  await expect(page.getByText('140 z 150 znaków')).toBeVisible();
  await editor.press('End');
  await editor.pressSequentially('x'.repeat(15));
  await expect(editor).toHaveValue(long + 'x'.repeat(10));
  await expect(page.getByText('150 z 150 znaków')).toBeVisible();
});
