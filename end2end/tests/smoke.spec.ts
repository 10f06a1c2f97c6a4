import { expect, test } from '@playwright/test';

// The server is up and its database answers: the precondition of every UI test.
test('health endpoint reports ok', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.status).toBe('ok');
});

test('the page and the app’s code arrive compressed, and caches are told it depends on the request', async ({ page }) => {
  const assets: { url: string; encoding: string | null; vary: string | null }[] = [];
  page.on('response', async (response) => {
    if (/\.(wasm|js|css)$/.test(new URL(response.url()).pathname) && !response.url().endsWith('/sw.js')) {
      assets.push({ url: response.url(), encoding: await response.headerValue('content-encoding'), vary: await response.headerValue('vary') });
    }
  });
  const document = await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // The page itself, at its root and at any of the app's addresses.
  expect(await document!.headerValue('content-encoding')).toBe('br');
  const route = await page.request.get('/w/some-workspace/goals', { headers: { 'accept-encoding': 'gzip' } });
  expect(route.headers()['content-encoding']).toBe('gzip');
  expect(route.headers()['vary']).toBe('accept-encoding');
  expect(await route.text()).toContain('tandem-app.js');
  // The main module, and the chunks of what the page shows below the fold.
  expect(assets.filter((a) => a.url.endsWith('/tandem-app_bg.wasm'))).toHaveLength(1);
  for (const asset of assets) {
    expect(['br', 'gzip'], asset.url).toContain(asset.encoding);
    expect(asset.vary, asset.url).toBe('accept-encoding');
  }
});
