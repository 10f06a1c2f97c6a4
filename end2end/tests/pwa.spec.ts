import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { openSection, waitForWorker } from '../support/workspace';

// Tandem as an installed app on a phone: it starts with no network, Chromium
// finds it installable, a new build is offered and taken only as a whole.

// As a mentee meets it: on a phone.
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'pl-PL' };
test.use(PHONE);

const ROOT = resolve(__dirname, '../..');
const STATIC_DIR = resolve(__dirname, '..', process.env.TANDEM_E2E_STATIC_DIR ?? '../app/dist');

/** Creates a workspace with one goal; ends on the workspace's goals page. */
async function workspaceWithGoal(page: Page, name: string, goal: string) {
  await page.goto('/');
  await page.getByLabel('Nazwa przestrzeni').fill(name);
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await expect(page.getByRole('heading', { name: 'Pulpit' })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Cele' }).click();
  await page.getByLabel('Tytuł').fill(goal);
  await page.getByRole('button', { name: 'Dodaj cel' }).click();
  await expect(page.getByRole('link', { name: goal })).toBeVisible();
}

/**
 * Cuts the network for the whole context. `setOffline` does not reach a
 * service worker's own fetches, so those are refused too; returns the
 * addresses that were refused.
 */
async function goOffline(context: BrowserContext): Promise<string[]> {
  const refused: string[] = [];
  await context.setOffline(true);
  await context.route('**/*', (route) => {
    refused.push(new URL(route.request().url()).pathname);
    return route.abort('internetdisconnected');
  });
  return refused;
}

test('after one visit the app starts with no network, with the data made before', async ({ page, context }) => {
  await workspaceWithGoal(page, 'Bez zasięgu', 'Cel zapisany online');
  const goals = page.url();
  await waitForWorker(page);

  const refused = await goOffline(context);
  await page.reload();
  await expect(page.getByRole('link', { name: 'Cel zapisany online' })).toBeVisible();
  // Any address of the app opens, the start page too.
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Bez zasięgu' })).toBeVisible();
  await page.getByRole('link', { name: 'Bez zasięgu' }).click();
  await expect(page.getByRole('heading', { name: 'Pulpit' })).toBeVisible();
  await page.goto(goals);
  await expect(page.getByRole('link', { name: 'Cel zapisany online' })).toBeVisible();
  // Every file of the app came from the worker's cache: only the API (never
  // cached) and the browser's own check for a newer worker tried the network.
  const shell = refused.filter((path) => path !== '/sw.js' && !path.startsWith('/api/'));
  expect(shell).toEqual([]);
});

test('after one visit the build\'s files come from the cache and the API from the network, without running the worker', async ({ page }) => {
  await workspaceWithGoal(page, 'Trasy', 'Cel z pamięci');
  await waitForWorker(page);
  await page.reload();
  await expect(page.getByRole('link', { name: 'Cel z pamięci' })).toBeVisible();
  // Resource Timing says which of the worker's static routes served each
  // request (`workerFinalSourceType`): '' would mean the worker's fetch
  // handler, or no worker at all.
  const served = await page.evaluate(() =>
    (performance.getEntriesByType('resource') as (PerformanceResourceTiming & { workerFinalSourceType?: string })[]).map(
      (e) => [new URL(e.name).pathname, e.workerFinalSourceType ?? 'unknown'],
    ),
  );
  const build = served.filter(([path]) => path.startsWith('/pkg/'));
  const api = served.filter(([path]) => path.startsWith('/api/'));
  expect(build.length).toBeGreaterThan(3);
  expect(api.length).toBeGreaterThan(0);
  expect(build.filter(([, source]) => source !== 'cache')).toEqual([]);
  expect(api.filter(([, source]) => source !== 'network')).toEqual([]);
});

test('a file gone from the worker\'s cache comes from the network', async ({ page }) => {
  await workspaceWithGoal(page, 'Bez pamięci podręcznej', 'Cel po eksmisji');
  await waitForWorker(page);
  // As when the browser evicts part of the cache: every file of the build
  // is gone from it, while the worker and its routes stay.
  const removed = await page.evaluate(async () => {
    let count = 0;
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        if (new URL(request.url).pathname.startsWith('/pkg/')) count += Number(await cache.delete(request));
      }
    }
    return count;
  });
  expect(removed).toBeGreaterThan(3);
  await page.reload();
  await expect(page.getByRole('link', { name: 'Cel po eksmisji' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('after one visit every screen opens with no network, also those never opened', async ({ page, context }) => {
  // Only the list and the dashboard are opened online: the other screens'
  // code is split out of the first download and was never fetched by the page.
  await page.goto('/');
  await page.getByLabel('Nazwa przestrzeni').fill('Wszystkie ekrany');
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await expect(page.getByRole('heading', { name: 'Pulpit' })).toBeVisible();
  await waitForWorker(page);

  await goOffline(context);
  await page.reload();
  for (const [link, heading] of [
    ['Umowa', 'Umowa'],
    ['Cele', 'Cele'],
    ['Spotkania', 'Spotkania'],
    ['Działania', 'Działania rozwojowe'],
    ['Informacja zwrotna', 'Informacja zwrotna'],
    ['Postępy', 'Postępy'],
    ['Kontakty', 'Kontakty'],
  ]) {
    await openSection(page, link);
    await expect(page.getByRole('heading', { name: heading, exact: true, level: 1 })).toBeVisible();
  }
  await page.getByRole('banner').getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('link', { name: 'Konto' }).click();
  await expect(page.getByRole('heading', { name: 'Konto', level: 1 })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('Chromium finds the app installable', async () => {
  // Chromium never offers installation in an incognito-like context, which
  // is what Playwright's browser contexts are: use a real profile here.
  const profile = mkdtempSync(join(tmpdir(), 'tandem-e2e-profile-'));
  const launch = test.info().project.use.launchOptions ?? {};
  const context = await chromium.launchPersistentContext(profile, {
    ...launch,
    ...PHONE,
    baseURL: test.info().project.use.baseURL,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await waitForWorker(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('the manifest, worker and icons are served as an installable app needs', async ({ request }) => {
  const manifestResponse = await request.get('/manifest.webmanifest');
  expect(manifestResponse.headers()['content-type']).toBe('application/manifest+json');
  expect(manifestResponse.headers()['cache-control']).toBe('no-cache');
  const manifest = await manifestResponse.json();
  expect(manifest).toMatchObject({
    id: '/',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    lang: 'pl',
    short_name: 'Tandem',
  });
  for (const field of ['name', 'description', 'theme_color', 'background_color']) {
    expect(manifest[field], field).toBeTruthy();
  }
  expect(manifest.shortcuts.map((s: { url: string }) => s.url)).toEqual(['/new/meeting', '/new/goal']);
  expect(manifest.icons.some((i: { purpose?: string }) => i.purpose === 'maskable')).toBe(true);

  // Every icon is a PNG of the size it claims (the IHDR chunk holds it).
  const icons = [...manifest.icons, ...manifest.shortcuts.flatMap((s: { icons: unknown[] }) => s.icons)];
  const sizes = new Set<string>();
  for (const icon of icons as { src: string; sizes: string }[]) {
    const response = await request.get(icon.src);
    expect(response.headers()['content-type'], icon.src).toBe('image/png');
    const png = await response.body();
    sizes.add(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`);
    expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.src).toBe(icon.sizes);
  }
  expect(sizes).toContain('192x192');
  expect(sizes).toContain('512x512');

  const page = await request.get('/');
  expect(await page.text()).toContain(`<meta name="theme-color" content="${manifest.theme_color}"`);

  const worker = await request.get('/sw.js');
  expect(worker.headers()['content-type']).toContain('javascript');
  expect(worker.headers()['cache-control']).toBe('no-cache');
  const source = await worker.text();
  expect(source).toMatch(/^const VERSION = '[0-9a-f]{16}';$/m);
  const precache = source.match(/^const PRECACHE = \[(.*)\];$/m)?.[1] ?? '';
  for (const file of ['/index.html', '/manifest.webmanifest', '/icons/icon-192.png']) {
    expect(precache).toContain(`'${file}'`);
  }
  expect(precache).toMatch(/'\/pkg\/[0-9a-f]{16}\/tandem-app_bg\.wasm'/);
  // The screens split out of the first download are precached too.
  expect(precache).toMatch(/'\/pkg\/[0-9a-f]{16}\/split_screens\.wasm'/);
  expect(precache).not.toContain('sw.js');
});

test('the home-screen shortcuts open the last workspace\'s forms', async ({ page }) => {
  // No workspace yet: the list, where one is created.
  await page.goto('/new/goal');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { name: 'Twoje przestrzenie' })).toBeVisible();

  await workspaceWithGoal(page, 'Skrót A', 'Cel A');
  const a = page.url().split('/w/')[1].split('/')[0];
  await workspaceWithGoal(page, 'Skrót B', 'Cel B');
  await page.getByLabel('Przestrzeń').selectOption({ label: 'Skrót A' });
  await expect(page.getByRole('heading', { name: 'Pulpit' })).toBeVisible();

  await page.goto('/new/meeting');
  await expect(page).toHaveURL(`/w/${a}/meetings#new-meeting`);
  await expect(page.getByRole('heading', { name: 'Nowe spotkanie' })).toBeInViewport();
  await page.goto('/new/goal');
  await expect(page).toHaveURL(`/w/${a}/goals#new-goal`);
  await expect(page.getByRole('link', { name: 'Cel A' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Nowy cel' })).toBeInViewport();
});

test('the install button shows while the browser offers installation', async ({ page }) => {
  await page.goto('/');
  const install = page.getByRole('button', { name: 'Zainstaluj aplikację' });
  // Headless Chromium makes no offer by itself: make one as Chromium does.
  const offer = () =>
    page.evaluate(() => {
      const event = new Event('beforeinstallprompt', { cancelable: true });
      Object.assign(event, {
        prompt: async () => {
          (window as unknown as { prompted: number }).prompted = 1;
          return { outcome: 'accepted' };
        },
      });
      dispatchEvent(event);
      return event.defaultPrevented;
    });
  await expect(install).toHaveCount(0);
  // The app takes the offer, so the browser shows no banner of its own. On
  // a phone the button waits in the top bar's menu, which shows a dot.
  const menu = page.getByRole('banner').getByRole('button', { name: 'Menu' });
  await expect(menu).not.toHaveClass(/attention/);
  expect(await offer()).toBe(true);
  await expect(menu).toHaveClass(/attention/);
  await menu.click();
  await install.click();
  expect(await page.evaluate(() => (window as unknown as { prompted: number }).prompted)).toBe(1);
  await expect(install).toHaveCount(0);

  // Offered again, then installed some other way: the button goes.
  await offer();
  await expect(install).toBeVisible();
  await page.evaluate(() => dispatchEvent(new Event('appinstalled')));
  await expect(install).toHaveCount(0);
  await expect(menu).not.toHaveClass(/attention/);
});

/** A server of its own over a copy of the built app, so a test can rebuild it. */
async function serverForCopy(): Promise<{ url: string; dist: string; stop: () => void }> {
  const dist = mkdtempSync(join(tmpdir(), 'tandem-e2e-dist-'));
  const data = mkdtempSync(join(tmpdir(), 'tandem-e2e-data-'));
  cpSync(STATIC_DIR, dist, { recursive: true });
  const port = Number(process.env.TANDEM_E2E_PORT ?? 8091) + 1;
  const url = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(
    join(ROOT, 'target/debug/tandem-server'),
    ['--listen', `127.0.0.1:${port}`, '--data-dir', data, '--static-dir', dist],
    { stdio: 'ignore', env: { ...process.env, RUST_LOG: 'warn' } },
  );
  const stop = () => {
    server.kill();
    rmSync(dist, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  };
  for (let tries = 0; ; tries++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (tries > 100) {
      stop();
      throw new Error(`tandem-server did not start on ${url}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, dist, stop };
}

/**
 * What a second build with a changed stylesheet leaves in `dist`: the build
 * in a new `pkg/<hash>/` directory, index.html pointing at it, the old one
 * gone. Returns the new stylesheet's path.
 */
function changeStylesheet(dist: string, rule: string): string {
  const pkg = join(dist, 'pkg');
  const old = readdirSync(pkg).find((f) => /^[0-9a-f]{16}$/.test(f));
  if (!old) throw new Error(`no build in ${pkg}`);
  const css = readFileSync(join(pkg, old, 'main.css'));
  const after = Buffer.concat([css, Buffer.from(`\n${rule}\n`)]);
  const hash = createHash('sha256').update(after).digest('hex').slice(0, 16);
  cpSync(join(pkg, old), join(pkg, hash), { recursive: true });
  rmSync(join(pkg, old), { recursive: true });
  writeFileSync(join(pkg, hash, 'main.css'), after);
  // The compressed copies would still be the old stylesheet's.
  for (const suffix of ['.br', '.gz']) rmSync(join(pkg, hash, `main.css${suffix}`), { force: true });
  const index = join(dist, 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replaceAll(`/pkg/${old}/`, `/pkg/${hash}/`));
  // So would the page's (a build writes all of them afresh).
  for (const suffix of ['.br', '.gz']) rmSync(`${index}${suffix}`, { force: true });
  return `/pkg/${hash}/main.css`;
}

/** The build's own step that writes the version and file list into sw.js. */
function stampServiceWorker(dist: string) {
  // The binary `cargo xtask` built, when there is one: cargo itself would
  // wait for any other build in this checkout to finish.
  const xtask = join(ROOT, 'target/debug/xtask');
  const [command, args] = existsSync(xtask)
    ? [xtask, ['stamp-sw', dist]]
    : [process.env.CARGO ?? 'cargo', ['xtask', 'stamp-sw', dist]];
  execFileSync(command, args, { cwd: ROOT, stdio: 'pipe' });
}

/** The marker the second build's stylesheet sets; empty under the first. */
function buildMarker(page: Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.body).getPropertyValue('--tandem-build').trim());
}

test('a new build is offered, and runs only once the person reloads into it', async ({ browser }) => {
  // A second server, and two workers installing in the background.
  test.slow();
  const server = await serverForCopy();
  const context = await browser.newContext({ ...PHONE, baseURL: server.url });
  try {
    const page = await context.newPage();
    await page.goto('/');
    await waitForWorker(page);
    const firstCaches = await page.evaluate(() => caches.keys());
    expect(firstCaches).toHaveLength(1);
    expect(firstCaches[0]).toMatch(/^tandem-shell-[0-9a-f]{16}$/);

    const stylesheet = changeStylesheet(server.dist, 'body { --tandem-build: "second"; }');
    stampServiceWorker(server.dist);
    const banner = page.locator('.banner').filter({ hasText: 'Nowa wersja Tandemu jest gotowa.' });
    // The browser looks for a new worker now and then; here the test asks it
    // to (again after 10 s, as a browser would retry). The new worker first
    // downloads and stores the whole new version, then the app offers it —
    // also when the install is over before the page hears of it, which used
    // to lose the offer (components/pwa.rs).
    await expect(async () => {
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        await registration?.update().catch(() => undefined);
      });
      await expect(banner).toBeVisible({ timeout: 10_000 });
    }).toPass({ timeout: 60_000 });

    // Not yet accepted: a reload still runs the first build whole, although
    // its stylesheet is no longer on the server.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Twoje przestrzenie' })).toBeVisible();
    expect(await buildMarker(page)).toBe('');
    await expect(banner).toBeVisible();

    // The new worker takes over, then the page reloads itself into it.
    const reloaded = page.waitForEvent('framenavigated', { timeout: 20_000 });
    await banner.getByRole('button', { name: 'Przeładuj' }).click();
    await reloaded;
    await expect(page.getByRole('heading', { name: 'Twoje przestrzenie' })).toBeVisible();
    expect(await buildMarker(page)).toBe('"second"');
    await expect(banner).toHaveCount(0);
    expect(await page.evaluate(() => document.querySelector('link[rel=stylesheet]')?.getAttribute('href'))).toBe(
      stylesheet,
    );
    // Only the new version's cache is left.
    const lastCaches = await page.evaluate(() => caches.keys());
    expect(lastCaches).toHaveLength(1);
    expect(lastCaches[0]).toMatch(/^tandem-shell-[0-9a-f]{16}$/);
    expect(lastCaches[0]).not.toBe(firstCaches[0]);
  } finally {
    await context.close();
    server.stop();
  }
});
