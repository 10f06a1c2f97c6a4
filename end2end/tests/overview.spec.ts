import { expect, test, type Page } from '@playwright/test';
import { createWorkspace, openSection } from '../support/workspace';

// A workspace's dashboard is drawn from its overview (kept in localStorage
// beside the document) before the document is loaded, then from the
// document itself (docs/data-model.md, "Overviews").

test.use({ locale: 'pl-PL' });

const overviewKey = (id: string) => `tandem.overview.${id}`;

/** The stored overview of workspace `id`, parsed, or null. */
const storedOverview = (page: Page, id: string) =>
  page.evaluate((key) => {
    const raw = localStorage.getItem(key);
    return raw === null ? null : JSON.parse(raw);
  }, overviewKey(id));

/**
 * Records, in the page, every text `<main>` has had (after each change
 * to the page), after its heading and whether it is busy: what every
 * frame could have shown.
 */
async function recordScreens(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { screens: string[] };
    w.screens = [];
    new MutationObserver(() => {
      const main = document.querySelector('main');
      const text = `${main?.querySelector('h1')?.textContent}|${main?.getAttribute('aria-busy')}|${main?.textContent}`;
      if (main && w.screens[w.screens.length - 1] !== text) w.screens.push(text);
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
}

/** What the screens recorded since this page loaded showed. */
const screens = (page: Page) => page.evaluate(() => (window as unknown as { screens: string[] }).screens);

/** The first recorded text of the dashboard. */
const firstDashboard = async (page: Page) => (await screens(page)).find((s) => s.startsWith('Pulpit|'));

async function addGoal(page: Page, title: string) {
  await openSection(page, 'Cele');
  await page.getByLabel('Tytuł').fill(title);
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  await expect(page.getByRole('link', { name: title, exact: true })).toBeVisible();
}

/** Goal titles of the stored overview of workspace `id`. */
const overviewGoals = async (page: Page, id: string) =>
  (await storedOverview(page, id))?.goals?.map((g: { title: string }) => g.title);

/**
 * Records the screens (`recordScreens`), makes workspace `name` with goal
 * `goal`, and goes back to its dashboard, which stores the overview: its
 * address and id.
 */
async function workspaceWithGoal(page: Page, name: string, goal: string) {
  await recordScreens(page);
  await createWorkspace(page, name);
  const dashboard = page.url();
  const id = new URL(dashboard).pathname.split('/')[2];
  await addGoal(page, goal);
  await openSection(page, 'Pulpit');
  await expect(page.getByRole('link', { name: goal, exact: true })).toBeVisible();
  // Shown from the document, the overview is stored for the next start.
  await expect.poll(() => overviewGoals(page, id)).toEqual([goal]);
  return { dashboard, id };
}

/** Makes workspace `id`'s stored overview name its first goal `title`. */
async function tamperOverview(page: Page, id: string, title: string) {
  await page.evaluate(
    ([key, title]) => {
      const overview = JSON.parse(localStorage.getItem(key)!);
      overview.goals[0].title = title;
      localStorage.setItem(key, JSON.stringify(overview));
    },
    [overviewKey(id), title],
  );
}

test('a reopened dashboard shows at once what was done on the other screens', async ({ page }) => {
  const { dashboard, id } = await workspaceWithGoal(page, 'Podgląd', 'Pierwszy cel');

  // A goal added on its own screen: leaving the page stores the overview
  // again, so the next start draws the dashboard with it from the first frame.
  await addGoal(page, 'Drugi cel');
  await page.goto(dashboard);
  await expect(page.getByRole('link', { name: 'Drugi cel', exact: true })).toBeVisible();
  expect(await firstDashboard(page)).toContain('Drugi cel');
  expect(await overviewGoals(page, id)).toEqual(['Pierwszy cel', 'Drugi cel']);

  // Deleting the workspace deletes its overview.
  await page.goto('/');
  const entry = page.getByRole('listitem').filter({ hasText: 'Podgląd' });
  await entry.getByRole('button', { name: 'Usuń' }).click();
  await entry.getByRole('button', { name: 'Tak, usuń' }).click();
  await expect(page.getByRole('link', { name: 'Podgląd', exact: true })).toHaveCount(0);
  await expect.poll(() => storedOverview(page, id)).toBeNull();
});

test('the overview draws the first frame; the document then has the last word', async ({ page }) => {
  const { dashboard, id } = await workspaceWithGoal(page, 'Pierwsza klatka', 'Prawdziwy cel');

  // An overview that says otherwise (as one left behind by a crash would):
  // the first frame shows it, the document corrects it, and the stored
  // overview is the document's again.
  await page.goto('/');
  await tamperOverview(page, id, 'Cel z podglądu');
  await page.goto(dashboard);
  await expect(page.getByRole('link', { name: 'Prawdziwy cel', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Cel z podglądu', exact: true })).toHaveCount(0);
  const first = await firstDashboard(page);
  expect(first).toContain('Cel z podglądu');
  expect(first).not.toContain('Prawdziwy cel');
  // Drawn from the overview, the screen says it is still loading.
  expect(first).toMatch(/^Pulpit\|true\|/);
  await expect(page.locator('main')).not.toHaveAttribute('aria-busy');
  await expect.poll(() => overviewGoals(page, id)).toEqual(['Prawdziwy cel']);

  // Only the dashboard is drawn from it: the goals' screen, opened first,
  // waits for the document and never shows the overview's goal.
  await page.goto('/');
  await tamperOverview(page, id, 'Cel z podglądu');
  await page.goto(`${dashboard}/goals`);
  await expect(page.getByRole('link', { name: 'Prawdziwy cel', exact: true })).toBeVisible();
  expect((await screens(page)).filter((s) => s.includes('Cel z podglądu'))).toEqual([]);
});
