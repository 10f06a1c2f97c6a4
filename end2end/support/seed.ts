import { expect, type Page } from '@playwright/test';

/** The screens, by address, of a workspace with a bit of everything in it. */
export type Screens = { name: string; path: string }[];

/** Makes a workspace with a goal, a milestone, an area, a meeting with an agenda item and an action, an activity, feedback, a check-in and a contact. */
export async function seed(page: Page): Promise<Screens> {
  await page.goto('/');
  await page.getByLabel('Nazwa przestrzeni').fill('Anna i Piotr');
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await expect(page.getByRole('heading', { name: 'Pulpit' })).toBeVisible();
  const ws = new URL(page.url()).pathname;

  await page.goto(`${ws}/goals`);
  await page.getByLabel('Tytuł').fill('Wystąpienia publiczne');
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  await page.getByRole('link', { name: 'Wystąpienia publiczne' }).click();
  await page.getByRole('textbox', { name: 'Kamień milowy' }).fill('Pierwsza prezentacja');
  await page.getByRole('button', { name: 'Dodaj kamień milowy' }).click();
  const goal = new URL(page.url()).pathname;
  await page.goto(`${ws}/goals`);
  await page.getByRole('form', { name: 'Nowy obszar' }).getByLabel('Obszar').fill('Zarządzanie czasem');
  await page.getByRole('button', { name: 'Dodaj obszar' }).click();
  await expect(page.getByRole('button', { name: 'Zrób z tego cel' })).toBeVisible();

  await page.goto(`${ws}/meetings`);
  await page.getByLabel('Data i godzina').fill('2030-05-06T10:00');
  await page.getByRole('button', { name: 'Dodaj spotkanie' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Spotkanie / })).toBeVisible();
  await page.getByRole('textbox', { name: 'Punkt agendy' }).fill('Plan na kwartał');
  await page.getByRole('button', { name: 'Dodaj do agendy' }).click();
  await page.getByLabel('Zadanie', { exact: true }).fill('Nagrać próbę');
  await page.getByRole('button', { name: 'Dodaj zadanie' }).click();
  await expect(page.getByRole('checkbox', { name: 'Zrobione: Nagrać próbę' })).toBeVisible();
  const meeting = new URL(page.url()).pathname;

  await page.goto(`${ws}/activities`);
  await page.getByRole('textbox', { name: 'Nazwa', exact: true }).fill('Kurs prezentacji');
  await page.getByRole('button', { name: 'Dodaj działanie' }).click();
  await page.getByRole('link', { name: 'Kurs prezentacji' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kurs prezentacji' })).toBeVisible();
  const activity = new URL(page.url()).pathname;

  await page.goto(`${ws}/feedback`);
  await page.getByLabel('Co poszło dobrze').fill('Dobre przygotowanie');
  await page.getByRole('button', { name: 'Dodaj informację zwrotną' }).click();
  await expect(page.getByText('Dodano informację zwrotną.')).toBeVisible();

  await page.goto(`${ws}/progress`);
  for (const legend of ['Umiejętność: Wystąpienia publiczne', 'Pewność siebie', 'Motywacja']) {
    await page.getByRole('group', { name: legend }).getByRole('radio', { name: '3', exact: true }).check();
  }
  await page.getByRole('button', { name: 'Zapisz samoocenę' }).click();
  await expect(page.locator('svg[data-chart="feelings"]')).toBeVisible();

  await page.goto(`${ws}/contacts`);
  await page.getByLabel('Imię i nazwisko').fill('Ewa Nowak');
  await page.getByRole('button', { name: 'Dodaj kontakt' }).click();
  await expect(page.getByRole('button', { name: 'Usuń kontakt' })).toBeVisible();

  return [
    { name: 'workspaces', path: '/' },
    { name: 'dashboard', path: ws },
    { name: 'agreement', path: `${ws}/agreement` },
    { name: 'goals', path: `${ws}/goals` },
    { name: 'goal', path: goal },
    { name: 'meetings', path: `${ws}/meetings` },
    { name: 'meeting', path: meeting },
    { name: 'activities', path: `${ws}/activities` },
    { name: 'activity', path: activity },
    { name: 'feedback', path: `${ws}/feedback` },
    { name: 'progress', path: `${ws}/progress` },
    { name: 'contacts', path: `${ws}/contacts` },
    { name: 'account', path: '/account' },
    { name: 'not found', path: '/no/such/page' },
  ];
}
