import { cpSync, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

// Benchmarks, run on demand and never by the test suite:
//   cd end2end && npx playwright test -c bench                  (all of them)
//   cd end2end && npx playwright test -c bench sync-latency     (one)
// Same browser as the tests, and a fresh server with an empty data directory
// on port 8094 (TANDEM_E2E_PORT overrides it), so a benchmark can run while
// the test suite uses 8091. Build first: `cargo xtask build` and
// `cargo build -p tandem-server` (or `--profile server`). Each benchmark writes its
// tables to target/bench-results/ (results.ts); `cargo xtask bench` builds
// everything, runs them all and puts the tables into docs/benchmarks.md.

const PORT = Number(process.env.TANDEM_E2E_PORT ?? 8094);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const root = resolve(__dirname, '../..');

/** Newest modification time of any file under these paths. */
function newest(paths: string[]): number {
  let latest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    latest = Math.max(
      latest,
      stat.isDirectory() ? newest(readdirSync(path).map((name) => join(path, name))) : stat.mtimeMs,
    );
  }
  return latest;
}

// The optimised server (cargo profile `server`) when its binary is newer
// than the server's and the shared crate's sources, else the debug one;
// TANDEM_BENCH_SERVER=debug or =server (a cargo profile) forces one. Decided once, in the runner: the workers inherit it.
if (!process.env.TANDEM_BENCH_SERVER) {
  const optimised = join(root, 'target/server/tandem-server');
  const sources = newest(['server', 'shared/src', 'shared/Cargo.toml'].map((p) => join(root, p)));
  process.env.TANDEM_BENCH_SERVER = existsSync(optimised) && statSync(optimised).mtimeMs > sources ? 'server' : 'debug';
}
const profile = process.env.TANDEM_BENCH_SERVER;

// The base config made (or was given) a fresh data directory for this run.
const dataDir = process.env.TANDEM_E2E_DATA_DIR;
// A copy of the built app taken now, so a rebuild of app/dist while the
// benchmark runs (the build empties the folder first) cannot break it.
if (!process.env.TANDEM_E2E_STATIC_DIR) {
  const dist = join(root, 'app/dist');
  if (!existsSync(join(dist, 'index.html'))) throw new Error('app/dist/index.html is missing: run `cargo xtask build` first');
  const copy = mkdtempSync(join(tmpdir(), 'tandem-bench-dist-'));
  cpSync(dist, copy, { recursive: true });
  process.env.TANDEM_E2E_STATIC_DIR = copy;
}
const staticDir = process.env.TANDEM_E2E_STATIC_DIR;
// The server binary; override to use one built into another target directory.
const server = process.env.TANDEM_E2E_SERVER ?? `../target/${profile}/tandem-server`;

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: '*.bench.ts',
  timeout: 300_000,
  // Not end2end/test-results, which a test run beside this one empties.
  outputDir: join(tmpdir(), 'tandem-bench-results'),
  // No trace: recording one snapshots the page's DOM on its main thread at
  // every action, inside the very loads the benchmarks time.
  use: { ...base.use, baseURL: BASE_URL, actionTimeout: 15_000, navigationTimeout: 15_000, trace: process.env.BENCH_TRACE ? 'retain-on-failure' : 'off' },
  webServer: {
    ...(base.webServer as object),
    command: `${server} --listen 127.0.0.1:${PORT} --data-dir "${dataDir}" --static-dir "${staticDir}"`,
    url: `${BASE_URL}/api/health`,
    // Always a fresh server: fail rather than measure one already running.
    reuseExistingServer: false,
    // The server command's paths are relative to end2end/, not to bench/.
    cwd: resolve(__dirname, '..'),
  } as typeof base.webServer,
});
