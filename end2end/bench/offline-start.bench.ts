import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { load1, thousands, writeResult } from './results';

// Offline start: how long from navigation start until the first workspace
// screen is on the page, when the app is opened with no network at all
// (served by its service worker from the precache, data from browser
// storage). Median of RUNS starts, each in a fresh tab, in headless Chromium.
//   cd end2end && npx playwright test -c bench offline-start
// Writes its tables to target/bench-results/offline-start.md (results.ts),
// which `cargo xtask bench` puts into docs/benchmarks.md.

const RUNS = Number(process.env.RUNS ?? 7);

test.use({ locale: 'pl-PL', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

/** A workspace as a mentee has it after a few weeks: goals and meetings. */
async function seed(page: Page): Promise<string> {
  await page.goto('/');
  await page.getByLabel('Nazwa przestrzeni').fill('Anna i Piotr');
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await expect(page.getByRole('heading', { name: 'Pulpit' })).toBeVisible();
  const dashboard = new URL(page.url()).pathname;
  await page.goto(`${dashboard}/goals`);
  for (const title of ['Wystąpienia publiczne', 'Negocjacje', 'Awans na lidera']) {
    await page.getByLabel('Tytuł').fill(title);
    await page.getByRole('button', { name: 'Dodaj cel' }).click();
    await expect(page.getByRole('link', { name: title })).toBeVisible();
  }
  for (const when of ['2030-05-06T10:00', '2030-05-20T10:00']) {
    await page.goto(`${dashboard}/meetings`);
    await page.getByLabel('Data i godzina').fill(when);
    await page.getByRole('button', { name: 'Dodaj spotkanie' }).click();
    await page.getByRole('textbox', { name: 'Wspólne notatki' }).fill('Notatki ze spotkania. '.repeat(50));
  }
  return dashboard;
}

/** Everything the service worker keeps: files, bytes, and the wasm's bytes. */
async function precacheSize(page: Page) {
  const entries = await page.evaluate(async () => {
    const found: { url: string; bytes: number }[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        found.push({ url: request.url, bytes: (await response!.arrayBuffer()).byteLength });
      }
    }
    return found;
  });
  const kinds = new Map<string, number>();
  for (const { url } of entries) {
    const path = new URL(url).pathname;
    const ext = path.endsWith('/') ? 'html' : (path.split('.').pop() ?? '?');
    kinds.set(ext, (kinds.get(ext) ?? 0) + 1);
  }
  // What installing the worker downloads: each file as the server sends it
  // to a browser that accepts brotli (the precompressed copy, when the
  // build made one; its Content-Length).
  let wire = 0;
  for (const { url } of entries) {
    const response = await page.request.get(url, { headers: { 'Accept-Encoding': 'br, gzip' } });
    const length = Number(response.headers()['content-length']);
    wire += Number.isFinite(length) ? length : (await response.body()).length;
  }
  return {
    files: entries.length,
    bytes: entries.reduce((sum, e) => sum + e.bytes, 0),
    wire,
    wasmBytes: entries.filter((e) => new URL(e.url).pathname.endsWith('.wasm')).reduce((sum, e) => sum + e.bytes, 0),
    kinds: [...kinds].map(([ext, n]) => `${n} ${ext}`).join(', '),
  };
}

/** No network for the page nor for its service worker. */
async function goOffline(context: BrowserContext) {
  await context.setOffline(true);
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
}

/** Milliseconds from navigation start to the screen's `<h1>` in `<main>`, in a fresh tab. */
async function start(context: BrowserContext, path: string): Promise<number> {
  const tab = await context.newPage();
  await tab.goto(path);
  const ms = await tab.waitForFunction(() => (window as unknown as { firstScreen?: number }).firstScreen);
  const value = (await ms.jsonValue()) as number;
  await tab.close();
  return value;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

test('offline start time and precache size', async ({ browser, page, context }) => {
  const load = load1();
  const dashboard = await seed(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const precache = await precacheSize(page);
  await page.close();
  await goOffline(context);
  // Stamped in the page itself, against the navigation's own clock
  // (performance.now() counts from navigation start).
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('main h1')) {
        (window as unknown as { firstScreen: number }).firstScreen = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });

  const results: Record<string, { runs: number[]; median: number }> = {};
  for (const [name, path] of [
    ['workspace dashboard', dashboard],
    ['workspace list (start_url)', '/'],
  ]) {
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await start(context, path));
    results[name] = { runs: runs.map((ms) => Math.round(ms)), median: Math.round(median(runs)) };
  }
  console.log(JSON.stringify({ runsEach: RUNS, offlineStartMs: results, precache }, null, 2));

  const row = (what: string, r: { runs: number[]; median: number }, bold: boolean) => {
    const ms = bold ? `**${r.median} ms**` : `${r.median} ms`;
    return `| ${what} | ${ms} (${Math.min(...r.runs)}–${Math.max(...r.runs)} ms) |`;
  };
  writeResult(
    'offline-start',
    [
      `| what | median of ${RUNS} offline starts (fastest–slowest) |`,
      '|---|---|',
      row('first workspace screen (`/w/<id>`, the dashboard, read from browser storage)', results['workspace dashboard'], true),
      row("list of workspaces (`/`, the manifest's `start_url`)", results['workspace list (start_url)'], false),
      '',
      '| precache | |',
      '|---|---|',
      `| files | ${precache.files}: ${precache.kinds} |`,
      `| size | ${thousands(precache.bytes)} bytes (${Math.round(precache.bytes / 1024)} KiB), of which the wasm is ${thousands(precache.wasmBytes)} bytes |`,
      `| on the wire (bodies as sent to a browser that accepts brotli) | **${thousands(precache.wire)} bytes** |`,
      '',
      `Headless Chromium ${browser.version()}; 1-minute load average ${load} at the start of this benchmark.`,
    ].join('\n'),
  );
});
