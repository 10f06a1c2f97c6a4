import { expect, test, type Page } from '@playwright/test';

// The main module holds what every first screen needs; the screens come in
// chunks: the workspace list with sign-in and the invitation (`entry`), a
// workspace's code (its screens and the runtime that opens, stores and
// syncs it) when one is first needed, and the panels below a screen after
// it (docs/build.md). These tests watch the network with the service
// worker blocked, as on a first visit before it has installed.
test.use({ serviceWorkers: 'block', locale: 'pl-PL' });

/** The wasm files the page fetched, by name. */
function wasmFetched(page: Page): string[] {
  const names: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.wasm')) names.push(path.split('/').pop()!);
  });
  return names;
}

/** Every chunk split out of the main module, by its file name. */
const CHUNKS = /\/(split|chunk)_[^/]*\.wasm$/;

const failed = (page: Page) =>
  page.getByRole('alert').filter({ hasText: 'Nie udało się pobrać tej części Tandemu' });

/**
 * Whether a URL is of a workspace's code: a chunk that the list's split
 * (`entry`, as index.html lists its files) does not load.
 */
async function workspaceCode(page: Page): Promise<(url: URL) => boolean> {
  const entry: string[] = await page.evaluate('splits.entry');
  return (url) => CHUNKS.test(url.pathname) && !entry.includes(url.pathname.split('/').pop()!);
}

test('the list needs none of a workspace\'s code, which comes when one is made', async ({ page }) => {
  // With no chunk at all, the list says its code could not be fetched.
  await page.route(CHUNKS, (route) => route.abort('internetdisconnected'));
  await page.goto('/');
  await expect(failed(page)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Twoje przestrzenie', level: 1 })).toHaveCount(0);

  // Its own chunk back, "Try again" shows it, still without any of a
  // workspace's code.
  const isWorkspaceCode = await workspaceCode(page);
  await page.unroute(CHUNKS);
  const served: string[] = [];
  page.on('requestfinished', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.wasm')) served.push(path.split('/').pop()!);
  });
  await page.route(isWorkspaceCode, (route) => route.abort('internetdisconnected'));
  await failed(page).getByRole('button', { name: 'Spróbuj ponownie' }).click();
  await expect(page.getByRole('heading', { name: 'Twoje przestrzenie', level: 1 })).toBeVisible();
  // Creating needs the workspace's code: without it, the form says so and
  // keeps what was typed; nothing is created.
  await page.getByLabel('Nazwa przestrzeni').fill('Na raty');
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  const form = page.locator('form').filter({ has: page.getByLabel('Nazwa przestrzeni') });
  await expect(form.getByRole('alert')).toHaveText('Nie udało się pobrać tej części Tandemu. Sprawdź połączenie i spróbuj ponownie.');
  await expect(page.getByLabel('Nazwa przestrzeni')).toHaveValue('Na raty');
  await expect(page.getByRole('link', { name: 'Na raty' })).toHaveCount(0);
  expect(served.length).toBeGreaterThan(0);
  expect(served.filter((f) => isWorkspaceCode(new URL(`http://x/pkg/${f}`)))).toEqual([]);

  // Online again, the same click creates it and opens its dashboard; only
  // the panels further down (export, sharing) wait for their own code.
  const fetched = wasmFetched(page);
  await page.unroute(isWorkspaceCode);
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await expect(page.getByRole('heading', { name: 'Pulpit', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Pierwsze kroki' })).toBeVisible();
  expect(fetched).toContain('split_screens.wasm');
  await expect(page.getByRole('heading', { name: 'Eksport' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Udostępnianie' })).toBeVisible();
  await expect(failed(page)).toHaveCount(0);

  await page.getByRole('navigation').getByRole('link', { name: 'Cele', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Cele', level: 1 })).toBeVisible();
  await page.getByLabel('Tytuł').fill('Pierwszy cel');
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  // The workspace's screens share one chunk: a goal's page and every other
  // screen then open without fetching anything more.
  const before = fetched.length;
  await page.getByRole('link', { name: 'Pierwszy cel' }).click();
  await expect(page.getByRole('heading', { name: 'Pierwszy cel' })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Spotkania' }).click();
  await expect(page.getByRole('heading', { name: 'Spotkania', level: 1 })).toBeVisible();
  expect(fetched.slice(before)).toEqual([]);
});

test('a workspace\'s address starts fetching its code with the page, once', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Nazwa przestrzeni').fill('Od razu');
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await expect(page.getByRole('heading', { name: 'Pulpit', level: 1 })).toBeVisible();
  const goals = `${new URL(page.url()).pathname}/goals`;

  // Opened straight from its address (a reload, the installed app), the
  // chunk is requested by the page itself (index.html), alongside the
  // app's module, and the app takes that copy instead of fetching its own.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const initiators: string[] = [];
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.request.url.endsWith('/split_screens.wasm')) {
      const frames = e.initiator.stack?.callFrames ?? [];
      initiators.push(frames.length ? new URL(frames[frames.length - 1].url).pathname.split('/').pop()! : e.initiator.type);
    }
  });
  await page.goto(goals);
  await expect(page.getByRole('heading', { name: 'Cele', level: 1 })).toBeVisible();
  expect(initiators).toEqual(['goals']);
});

test('a workspace whose code cannot be fetched says so, and opens on retry', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Nazwa przestrzeni').fill('Słaby zasięg');
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await expect(page.getByRole('heading', { name: 'Pulpit', level: 1 })).toBeVisible();
  const workspace = page.url();

  // The connection drops, and the person opens the workspace again (a
  // reload, the installed app before its service worker stored the code).
  // (The list's own chunk stays within reach, as it would once fetched.)
  const isWorkspaceCode = await workspaceCode(page);
  await page.route(isWorkspaceCode, (route) => route.abort('internetdisconnected'));
  await page.goto(workspace);
  await expect(failed(page)).toBeVisible();
  // The app is still whole: the list still works.
  await page.getByRole('link', { name: 'Tandem', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Słaby zasięg' })).toBeVisible();
  await page.getByRole('link', { name: 'Słaby zasięg' }).click();
  await expect(failed(page)).toBeVisible();

  // Back online: "Try again" fetches it afresh.
  await page.unroute(isWorkspaceCode);
  await failed(page).getByRole('button', { name: 'Spróbuj ponownie' }).click();
  await expect(page.getByRole('heading', { name: 'Pulpit', level: 1 })).toBeVisible();
  await expect(failed(page)).toHaveCount(0);
});

test('a dashboard drawn from its overview needs only its own code; without the rest, it says so', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Nazwa przestrzeni').fill('Najpierw pulpit');
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Cele', exact: true }).click();
  await page.getByLabel('Tytuł').fill('Cel z podglądu');
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Pulpit' }).click();
  await expect(page.getByRole('link', { name: 'Cel z podglądu' })).toBeVisible();
  const workspace = page.url();
  const id = new URL(workspace).pathname.split('/')[2];
  // Shown from the document, the overview is stored for the next start.
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), `tandem.overview.${id}`)).toContain('Cel z podglądu');

  // Opened from its address with every file the dashboard's own code
  // does not need out of reach (as index.html lists them): the other
  // sections, the panels below it and the runtime (yrs, storage, sync).
  const splits: Record<string, string[]> = await page.evaluate('splits');
  const notDashboard = splits.sections.filter((f) => !splits.screens.includes(f));
  expect(notDashboard).toContain('split_sections.wasm');
  const rest = (url: URL) => notDashboard.includes(url.pathname.split('/').pop()!);
  await page.route(rest, (route) => route.abort('internetdisconnected'));
  const fetched = wasmFetched(page);
  await page.goto(workspace);
  // The dashboard is drawn from the overview, its links usable, and says
  // the rest is still to come; the frame says the code is missing.
  await expect(page.getByRole('heading', { name: 'Pulpit', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Cel z podglądu' })).toBeVisible();
  await expect(page.locator('main')).toHaveAttribute('aria-busy', 'true');
  await expect(failed(page)).toHaveCount(1);
  expect(fetched).toContain('split_screens.wasm');

  // Back online: "Try again" fetches it, the document opens, and the
  // panels below the dashboard follow.
  await page.unroute(rest);
  await failed(page).getByRole('button', { name: 'Spróbuj ponownie' }).click();
  await expect(page.locator('main')).not.toHaveAttribute('aria-busy');
  await expect(page.getByRole('heading', { name: 'Eksport' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Udostępnianie' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Cel z podglądu' })).toBeVisible();
  await expect(failed(page)).toHaveCount(0);
});

test('a screen fetched on first use is built once: typing into it keeps the field', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Nazwa przestrzeni').fill('Notatki');
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Spotkania' }).click();
  await page.getByLabel('Data i godzina').fill('2030-03-04T09:30');
  await page.getByRole('button', { name: 'Dodaj spotkanie' }).click();
  const notes = page.getByRole('textbox', { name: 'Wspólne notatki' });
  await notes.fill('Ala');
  const field = await notes.elementHandle();
  // The phone switches to another app and back: the tab stores its changes
  // and catches up from storage. The page must update in place, not be
  // rebuilt (which would drop the field being typed in, and its focus).
  for (const state of ['hidden', 'visible']) {
    await page.evaluate((state) => {
      Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    }, state);
  }
  await notes.press('End');
  await notes.pressSequentially(' ma kota');
  await expect(notes).toHaveValue('Ala ma kota');
  expect(await field!.evaluate((el) => el.isConnected && el === document.activeElement)).toBe(true);
});
