import { expect, type Page } from '@playwright/test';

/** Creates a workspace from the start screen (Polish UI) and lands on its dashboard. */
export async function createWorkspace(page: Page, name: string) {
  await page.goto('/');
  await page.getByLabel('Nazwa przestrzeni').fill(name);
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await expect(page.getByRole('heading', { name: 'Pulpit' })).toBeVisible();
}
