import { expect, test } from '@playwright/test';

// The server is up and its database answers: the precondition of every UI test.
test('health endpoint reports ok', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.status).toBe('ok');
});
