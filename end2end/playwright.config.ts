import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// Browser tests for Tandem, run by `cargo xtask test` (which builds the app
// into ../app/dist and the debug server first). Run them alone with
// `npx playwright test` from this directory once both are built.

// Override the port to run beside another checkout's tests.
const PORT = Number(process.env.TANDEM_E2E_PORT ?? 8091);
const BASE_URL = `http://127.0.0.1:${PORT}`;

// A fresh, empty data directory for each run. The config is also loaded by
// every worker process: the environment variable makes them all agree on
// the one directory the web server was started with.
process.env.TANDEM_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'tandem-e2e-'));
const dataDir = process.env.TANDEM_E2E_DATA_DIR;

// The built front end; override to test the server against another build.
const staticDir = process.env.TANDEM_E2E_STATIC_DIR ?? '../app/dist';

// The server binary; override to use one built into another target directory.
const server = process.env.TANDEM_E2E_SERVER ?? '../target/debug/tandem-server';

export default defineConfig({
  testDir: 'tests',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: 'list',
  use: {
    baseURL: BASE_URL,
    headless: true,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        // Debian's Chromium: Playwright's own browser download does not work here.
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            // Needed as root; the rest keep Chromium off the (closed) network.
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    command: `${server} --listen 127.0.0.1:${PORT} --data-dir "${dataDir}" --static-dir "${staticDir}"`,
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
    // The server logs to stdout: show warnings and errors among the results.
    stdout: 'pipe',
    stderr: 'pipe',
    env: { RUST_LOG: process.env.RUST_LOG ?? 'warn' },
  },
});
