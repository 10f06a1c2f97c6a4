import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { person, sharedWorkspace } from '../support/pair';
import { load1, thousands, writeResult } from './results';

// A first visit as a phone makes it (issue 14): empty cache, no service
// worker, and the bytes that cross the network, as Chromium counts them:
// each response's encoded length (headers and compressed body), from its
// network log. Two screens: the workspace list (where a visit starts), then
// a new workspace's dashboard; that dashboard again as the first screen of
// a visit (its address, nothing cached). And apart, a new mentee's first visit: the
// page of an invitation, which needs the small chunk of the sign-in screens
// (and then, once idle, fetches the workspace's code for after joining). The list needs that chunk too (`entry`: the
// screens outside a workspace); the
// dashboard the `screens` chunk (a workspace's frame and dashboard,
// drawn from its stored overview); the runtime that opens, stores and syncs
// its document comes with the other sections' code (`sections`), fetched as
// it shows, with the panels below each screen (import; export and sharing;
// docs/build.md), so those are counted apart.
//
//   cd end2end && npx playwright test -c bench first-visit

const BAR = 250_000;
const verdict = (bytes: number) => (bytes <= BAR ? 'met' : `**missed** (${(bytes / BAR).toFixed(1)}×)`);

test.use({ locale: 'pl-PL', serviceWorkers: 'block' });

/** A chunk split out of the main module, fetched when first needed. */
const isChunk = (path: string) => /\/(split|chunk)_[^/]*\.wasm$/.test(path);

interface Row {
  path: string;
  encoding: string;
  bytes: number;
}

/**
 * Watches `page`'s network with its cache disabled; the function returned
 * gives every response so far, once, biggest first, and forgets them for
 * its next call.
 */
async function watch(context: BrowserContext, page: Page): Promise<() => Row[]> {
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
  const seen = new Set<string>();
  return () => {
    const rows = [...responses.entries()]
      .filter(([id]) => !seen.has(id) && bytes.has(id))
      .map(([id, r]) => {
        seen.add(id);
        return { path: new URL(r.url).pathname, encoding: r.encoding, bytes: bytes.get(id)! };
      });
    return rows.sort((a, b) => b.bytes - a.bytes);
  };
}

test('first visit: bytes on the wire until the first screen', async ({ browser, page, context }) => {
  const load = load1();
  const take = await watch(context, page);

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Twoje przestrzenie' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Utwórz przestrzeń' })).toBeEnabled();
  // Whatever was already asked for has finished arriving.
  await page.waitForLoadState('networkidle');
  const list = take();
  // The files of the list's chunk (`entry`, with sign-in and the
  // invitation's page), as index.html lists them.
  const listFiles: string[] = await page.evaluate('splits.entry');

  await page.getByLabel('Nazwa przestrzeni').fill('Pierwsza wizyta');
  await page.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pulpit' })).toBeVisible();
  // What the dashboard itself needed has arrived by the time it shows; the
  // panels below it come after.
  const dashboard = take();
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('heading', { name: 'Eksport' })).toBeVisible();
  const panels = take();

  // A workspace's dashboard as the first screen of a visit: its address,
  // reopened with nothing cached (the workspace is in this browser's
  // storage), until it is interactive; the panels below it come after.
  const address = page.url();
  await page.goto('about:blank');
  take();
  await page.goto(address);
  await expect(page.getByRole('heading', { level: 1, name: 'Pulpit' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Pierwsze kroki' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('heading', { name: 'Eksport' })).toBeVisible();
  const reopened = take();
  const screensFiles: string[] = await page.evaluate('splits.screens');
  const dashboardFirst = reopened.filter((r) => !isChunk(r.path) || screensFiles.includes(r.path.split('/').pop()!));
  const dashboardFirstLater = reopened.filter((r) => !dashboardFirst.includes(r));

  // A new mentee's first visit: the link a mentor sent, opened in a
  // browser that has never seen Tandem, until the invitation shows with
  // its way to sign in.
  const mentor = await person(browser);
  await sharedWorkspace(mentor.page, 'Pierwsza wizyta');
  await mentor.page.getByRole('button', { name: 'Utwórz link z zaproszeniem' }).click();
  const link = await mentor.page.getByLabel('Link z zaproszeniem').inputValue();
  const menteeContext = await browser.newContext({ locale: 'pl-PL', serviceWorkers: 'block' });
  const mentee = await menteeContext.newPage();
  const takeInvitation = await watch(menteeContext, mentee);
  await mentee.goto(link);
  await expect(mentee.getByRole('heading', { level: 2, name: 'Pierwsza wizyta' })).toBeVisible();
  await expect(mentee.getByRole('link', { name: 'Zaloguj się' })).toBeVisible();
  await mentee.waitForLoadState('networkidle');
  const invitation = takeInvitation();
  // The files of the sign-in screens' chunk (`entry`), as index.html lists them.
  const entryFiles: string[] = await mentee.evaluate('splits.entry');
  await mentor.context.close();
  await menteeContext.close();

  const sum = (rows: { bytes: number }[]) => rows.reduce((total, r) => total + r.bytes, 0);
  const isListCode = (r: Row) => !isChunk(r.path) || listFiles.includes(r.path.split('/').pop()!);
  const firstScreen = list.filter(isListCode);
  const listChunks = list.filter((r) => !isListCode(r));
  const dashboardChunks = dashboard.filter((r) => isChunk(r.path));
  const panelChunks = panels.filter((r) => isChunk(r.path));
  // Requests that are not chunks (the header's icon) arrive when they
  // arrive, before or after the dashboard's heading: counted together.
  const dashboardOther = [...dashboard, ...panels].filter((r) => !isChunk(r.path));
  const first = sum(firstScreen);
  // Once idle, the invitation's page fetches the workspace's code for the
  // person to open after joining: counted apart, as the list's import form.
  const isWorkspaceCode = (r: Row) => isChunk(r.path) && !entryFiles.includes(r.path.split('/').pop()!);
  const invitationFirst = invitation.filter((r) => !isWorkspaceCode(r));
  const invited = sum(invitationFirst);
  const opened = sum(dashboardFirst);
  console.log(JSON.stringify({ first, list, dashboard, panels, invitation }, null, 2));
  const name = (path: string) => path.replace(/\/pkg\/[0-9a-f]{16}\//, '/pkg/…/');
  const chunkRow = (what: string, rows: { path: string; bytes: number }[]) =>
    `| ${what}: ${rows.length} ${rows.length === 1 ? 'chunk' : 'chunks'} (${rows.map((r) => `\`${name(r.path)}\``).join(', ') || 'none'}) | br | ${thousands(sum(rows))} |`;
  writeResult(
    'first-visit',
    [
      '| response | content-encoding | bytes on the wire |',
      '|---|---|---|',
      ...firstScreen.map((r) => `| \`${name(r.path)}\` | ${r.encoding} | ${thousands(r.bytes)} |`),
      `| **the workspace list, interactive** | | **${thousands(first)}** |`,
      chunkRow('then, once the browser is idle, the import form below it, with the code of a workspace\'s sections and the runtime (docs/build.md)', listChunks),
      chunkRow("a new workspace's dashboard: its code and the workspaces' runtime, but for what the import form fetched", dashboardChunks),
      `| and the other requests of the dashboard and its panels (${dashboardOther.map((r) => `\`${name(r.path)}\``).join(', ') || 'none'}) | | ${thousands(sum(dashboardOther))} |`,
      chunkRow('then, below it, the export and sharing panels', panelChunks),
      `| **both screens, everything on them** | | **${thousands(sum(list) + sum(dashboard) + sum(panels))}** |`,
      `| **a workspace's dashboard as the first screen of a visit, interactive** (${dashboardFirst.filter((r) => r.path.endsWith('.wasm')).map((r) => `\`${name(r.path)}\``).join(', ')} and the rest as for the list) | br | **${thousands(opened)}** |`,
      chunkRow('then the code of the other sections, with the workspaces\' runtime that opens the document and the export and sharing panels below the dashboard', dashboardFirstLater),
      `| **a new mentee's first visit: an invitation's page, interactive** (${invitationFirst.filter((r) => r.path.endsWith('.wasm')).map((r) => `\`${name(r.path)}\``).join(', ')} and the rest as for the list) | br | **${thousands(invited)}** |`,
      chunkRow('then, once the browser is idle, the code of a workspace\'s dashboard, sections and runtime, for the person to open it once joined', invitation.filter(isWorkspaceCode)),
      '',
      `Bar (issue 14): ≤ ${thousands(BAR)} bytes until the first screen is interactive — ${verdict(first)} for the list, ${verdict(opened)} for a dashboard, ${verdict(invited)} for an invitation. ` +
        `Headless Chromium ${browser.version()}, plain HTTP on loopback; 1-minute load average ${load}.`,
    ].join('\n'),
  );
});
