import { expect, test } from '@playwright/test';
import { load1, thousands, writeResult } from './results';

// A first visit as a phone makes it (issue 14): empty cache, no service
// worker, and the bytes that cross the network until the first screen (the
// workspace list) shows, as Chromium counts them: each response's encoded
// length (headers and compressed body), from its network log.
//
//   cd end2end && npx playwright test -c bench first-visit

const BAR = 250_000;

test.use({ locale: 'pl-PL', serviceWorkers: 'block' });

test('first visit: bytes on the wire until the first screen', async ({ browser, page, context }) => {
  const load = load1();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const responses = new Map<string, { url: string; encoding: string }>();
  const bytes = new Map<string, number>();
  cdp.on('Network.responseReceived', (e) => {
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    responses.set(e.requestId, { url: e.response.url, encoding: headers['content-encoding'] ?? '—' });
  });
  cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Twoje przestrzenie' })).toBeVisible();
  // Whatever was already asked for has finished arriving.
  await page.waitForLoadState('networkidle');

  const rows = [...responses.entries()]
    .map(([id, r]) => ({ path: new URL(r.url).pathname, encoding: r.encoding, bytes: bytes.get(id) ?? 0 }))
    .sort((a, b) => b.bytes - a.bytes);
  const total = rows.reduce((sum, r) => sum + r.bytes, 0);
  console.log(JSON.stringify({ total, rows }, null, 2));
  const name = (path: string) => path.replace(/-[0-9a-f]{16}/, '-…');
  writeResult(
    'first-visit',
    [
      '| response | content-encoding | bytes on the wire |',
      '|---|---|---|',
      ...rows.map((r) => `| \`${name(r.path)}\` | ${r.encoding} | ${thousands(r.bytes)} |`),
      `| **total** | | **${thousands(total)}** |`,
      '',
      `Bar (issue 14): ≤ ${thousands(BAR)} bytes — ${total <= BAR ? 'met' : `**missed** (${(total / BAR).toFixed(1)}×)`}. ` +
        `Headless Chromium ${browser.version()}, plain HTTP on loopback; 1-minute load average ${load}.`,
    ].join('\n'),
  );
});
