import { expect, test, type Page } from '@playwright/test';
import { createWorkspace } from '../support/workspace';

// The offline workspace as a new user meets it: everything lives in this
// browser's storage, no server call is made for any of it.

test.use({ locale: 'pl-PL' });

/** The whole foundation flow; run on a desktop and on a 360 px phone. */
async function mentoringFlow(page: Page) {
  await createWorkspace(page, 'Anna i Piotr');

  // A goal with two milestones.
  await page.getByRole('navigation').getByRole('link', { name: 'Cele' }).click();
  await page.getByLabel('Tytuł').fill('Wystąpienia publiczne');
  await page.getByLabel('Kategoria').selectOption('career');
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  await page.getByRole('link', { name: 'Wystąpienia publiczne' }).click();
  const milestone = page.getByRole('textbox', { name: 'Kamień milowy' });
  for (const title of ['Pierwsza prezentacja', 'Prezentacja dla zarządu']) {
    await milestone.fill(title);
    await page.getByRole('button', { name: 'Dodaj kamień milowy' }).click();
  }
  const progress = page.getByRole('progressbar', { name: 'Postęp: Wystąpienia publiczne' });
  await expect(progress).toHaveAttribute('aria-valuenow', '0');
  // Ticking a milestone moves the progress bar.
  await page.getByRole('checkbox', { name: 'Zrobione: Pierwsza prezentacja' }).check();
  await expect(progress).toHaveAttribute('aria-valuenow', '50');

  // A meeting with an agenda, notes and an action item.
  await page.getByRole('navigation').getByRole('link', { name: 'Spotkania' }).click();
  await page.getByLabel('Data i godzina').fill('2030-05-06T10:00');
  await page.getByLabel('Forma').selectOption('online');
  await page.getByLabel('Miejsce lub link').fill('https://meet.example/tandem');
  await page.getByRole('button', { name: 'Dodaj spotkanie' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Spotkanie / })).toBeVisible();

  const agendaItem = page.getByRole('textbox', { name: 'Punkt agendy' });
  for (const item of ['Plan na kwartał', 'Feedback po prezentacji']) {
    await agendaItem.fill(item);
    await page.getByRole('button', { name: 'Dodaj do agendy' }).click();
  }
  await page.getByRole('checkbox', { name: 'Omówione: Plan na kwartał' }).check();

  // Notes are edited as splices: type, then insert in the middle.
  const notes = page.getByRole('textbox', { name: 'Wspólne notatki' });
  await notes.click();
  await notes.pressSequentially('Ustalenia: ćwiczyć.');
  await notes.press('ArrowLeft');
  await notes.pressSequentially(' codziennie');
  await expect(notes).toHaveValue('Ustalenia: ćwiczyć codziennie.');

  await page.getByLabel('Zadanie', { exact: true }).fill('Nagrać próbę prezentacji');
  await page.getByLabel('Osoba odpowiedzialna').selectOption('mentee');
  await page.getByLabel('Termin').fill('2020-01-31');
  await page.getByRole('button', { name: 'Dodaj zadanie' }).click();
  await page.getByRole('checkbox', { name: 'Powiązany: Wystąpienia publiczne' }).check();

  // Reload: everything is still there, read back from browser storage.
  await page.reload();
  await expect(notes).toHaveValue('Ustalenia: ćwiczyć codziennie.');
  await expect(page.getByLabel('Miejsce lub link')).toHaveValue('https://meet.example/tandem');
  await expect(page.getByRole('checkbox', { name: 'Omówione: Plan na kwartał' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Omówione: Feedback po prezentacji' })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Zrobione: Nagrać próbę prezentacji' })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Powiązany: Wystąpienia publiczne' })).toBeChecked();

  // Carry the undiscussed item over: a next meeting is scheduled a cadence later.
  await page.getByRole('button', { name: 'Przenieś nieomówione punkty na następne spotkanie' }).click();
  await expect(page.getByText('Nieomówione punkty przeniesiono')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Omówione: Feedback po prezentacji' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Wszystkie spotkania' }).click();
  const upcoming = page.getByRole('region', { name: 'Nadchodzące' }).getByRole('link');
  await expect(upcoming).toHaveCount(2);
  await upcoming.nth(1).click();
  await expect(page.getByRole('checkbox', { name: 'Omówione: Feedback po prezentacji' })).not.toBeChecked();

  // The dashboard: next meeting, the overdue action item, goal progress.
  await page.getByRole('navigation').getByRole('link', { name: 'Pulpit' }).click();
  const actions = page.getByRole('region', { name: 'Otwarte zadania' });
  await expect(actions.getByRole('listitem')).toContainText('Nagrać próbę prezentacji');
  await expect(actions.getByRole('listitem')).toContainText('po terminie');
  await expect(page.getByRole('region', { name: 'Najbliższe spotkanie' }).getByRole('link')).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Postęp: Wystąpienia publiczne' })).toHaveAttribute('aria-valuenow', '50');

  // Reload the goal page: the ticked milestone is remembered.
  await page.getByRole('link', { name: 'Wystąpienia publiczne' }).click();
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Zrobione: Pierwsza prezentacja' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Zrobione: Prezentacja dla zarządu' })).not.toBeChecked();
}

test('goals, meetings, notes and actions survive a reload (desktop)', async ({ page }) => {
  await mentoringFlow(page);
});

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('the same flow works and nothing scrolls sideways', async ({ page }) => {
    await mentoringFlow(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test('switching to English and back to Polish is remembered', async ({ page }) => {
  await createWorkspace(page, 'Para A');
  await page.getByLabel('Język').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Goals' }).click();
  await expect(page.getByRole('button', { name: 'Add goal' })).toBeVisible();
  await page.getByLabel('Language').selectOption('pl');
  await expect(page.getByRole('button', { name: 'Dodaj cel' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
});

test('dates follow the language', async ({ page }) => {
  await createWorkspace(page, 'Daty');
  await page.getByRole('navigation').getByRole('link', { name: 'Spotkania' }).click();
  await page.getByLabel('Data i godzina').fill('2030-03-04T09:30');
  await page.getByRole('button', { name: 'Dodaj spotkanie' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('4 mar 2030');
  await page.getByLabel('Język').selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Mar 4, 2030');
});

test('empty required fields say what is wrong and save nothing', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await expect(page.getByRole('alert')).toHaveText('To pole jest wymagane.');
  await expect(page.getByLabel('Nazwa przestrzeni')).toHaveAttribute('aria-invalid', 'true');

  await createWorkspace(page, 'Walidacja');
  await page.getByRole('navigation').getByRole('link', { name: 'Cele' }).click();
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  await expect(page.getByRole('alert')).toHaveText('To pole jest wymagane.');
  await expect(page.getByText('Nie ma jeszcze celów.')).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Spotkania' }).click();
  await page.getByLabel('Czas trwania (minuty)').fill('0');
  await page.getByRole('button', { name: 'Dodaj spotkanie' }).click();
  await expect(page.getByText('To pole jest wymagane.')).toBeVisible();
  await expect(page.getByText('Ta liczba jest poza dozwolonym zakresem.')).toBeVisible();
  await expect(page.getByText('Nie ma jeszcze spotkań.')).toBeVisible();

  // In English too.
  await page.getByLabel('Język').selectOption('en');
  await page.getByRole('button', { name: 'Add meeting' }).click();
  await expect(page.getByText('This field is required.')).toBeVisible();
});

test('the dashboard shows the first ten goals until asked for all', async ({ page }) => {
  await createWorkspace(page, 'Dużo celów');
  await page.getByRole('navigation').getByRole('link', { name: 'Cele' }).click();
  for (let i = 1; i <= 12; i++) {
    await page.getByLabel('Tytuł').fill(`Cel ${i}`);
    await page.getByRole('button', { name: 'Dodaj cel' }).click();
    await expect(page.getByRole('link', { name: `Cel ${i}`, exact: true })).toBeVisible();
  }
  await page.getByRole('navigation').getByRole('link', { name: 'Pulpit' }).click();
  const goals = page.getByRole('region', { name: 'Cele i postępy' }).getByRole('progressbar');
  await expect(goals).toHaveCount(10);
  await page.getByRole('button', { name: 'Pokaż wszystkie (12)' }).click();
  await expect(goals).toHaveCount(12);
  await expect(page.getByRole('button', { name: /Pokaż wszystkie/ })).toHaveCount(0);
});

test('a meeting offers the goals still open to link; achieved ones wait behind "Show all"', async ({ page }) => {
  await createWorkspace(page, 'Długa historia');
  await page.getByRole('navigation').getByRole('link', { name: 'Cele' }).click();
  for (const title of ['Cel w toku', 'Cel osiągnięty']) {
    await page.getByLabel('Tytuł').fill(title);
    await page.getByRole('button', { name: 'Dodaj cel' }).click();
  }
  await page.getByRole('link', { name: 'Cel osiągnięty' }).click();
  await page.getByLabel('Status').selectOption('achieved');

  await page.getByRole('navigation').getByRole('link', { name: 'Spotkania' }).click();
  await page.getByLabel('Data i godzina').fill('2030-05-06T10:00');
  await page.getByRole('button', { name: 'Dodaj spotkanie' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Spotkanie / })).toBeVisible();
  const open = page.getByRole('checkbox', { name: 'Powiązany: Cel w toku' });
  const achieved = page.getByRole('checkbox', { name: 'Powiązany: Cel osiągnięty' });
  await expect(open).toBeVisible();
  await expect(achieved).toHaveCount(0);

  // Asked for, the achieved goal can be linked too; linked, it stays in view.
  await page.getByRole('button', { name: 'Pokaż wszystkie (2)' }).click();
  await achieved.check();
  await page.reload();
  await expect(achieved).toBeChecked();
  await expect(page.getByRole('button', { name: /Pokaż wszystkie/ })).toHaveCount(0);
  // Unticked, it does not vanish under the finger.
  await achieved.uncheck();
  await expect(achieved).not.toBeChecked();
  await expect(achieved).toBeVisible();
});
