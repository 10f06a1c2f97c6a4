import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { storedSizes } from '../support/idb';
import { load1, thousands, writeResult } from './results';

// The 5-year workspace (PRODUCT.md's quality bars): opening it from browser
// storage to interactive, and a keystroke in a meeting's shared notes to
// the document saved in browser storage. Against a small workspace as the
// baseline. Needs the files of the `five_years` example first:
//   cargo run -p tandem-shared --release --example five_years --features generate -- target/five-years
//   cd end2end && npx playwright test -c bench five-years
// (FIVE_YEARS_DIR points at another directory of those files.) Once both
// workspaces are measured, writes the tables five-years-bars, -open,
// -phases and -keystroke to target/bench-results (results.ts), which
// `cargo xtask bench` puts into docs/benchmarks.md.

const RUNS = Number(process.env.RUNS ?? 15);
const KEYS = Number(process.env.KEYS ?? 60);
const WARM_UP_KEYS = 5;
const dir = process.env.FIVE_YEARS_DIR ?? resolve(__dirname, '../../target/five-years');

type Stored = { id: string; meeting: string; notesChars: number; entries: Record<string, string> };
const read = (file: string): Stored => JSON.parse(readFileSync(join(dir, file), 'utf8'));

/** What the init script stamps in every page, against performance.now() (zero = navigation start). */
type Txn = { mode: string; stores: string[]; key?: string; start: number; read?: number; end?: number };
type Stamps = {
  h1?: number;
  frame?: number;
  task?: number;
  notesAtFrame?: number;
  wasmStart?: number;
  wasmEnd?: number;
  /** Every module instantiated (the main one, then chunks): its file, when asked for, when done. */
  modules: { file: string; start: number; end?: number }[];
  /** Every IndexedDB transaction: its mode, stores, the first key it read, and when it completed. */
  txns: Txn[];
  keydowns: number[];
  /** When the app asked for the read `index.html` began (it opens the document). */
  asked?: number;
  /** When `<main>` stopped being busy: the screen shows the document (a dashboard drawn from its overview first is busy until then). */
  docOpen?: number;
  /** The renderer's main thread from navigation to interactive (CDP `Performance` metrics, thread time): ms on the CPU, and ms of it running script (JavaScript and wasm). */
  mainThreadMs?: number;
  scriptMs?: number;
};

// Stamps, for every page of the context: the screen's <h1> appearing in
// <main>, the next animation frame after it, and a task posted from that
// frame (so the frame with the screen has been made and the main thread is
// free for input); wasm instantiation; every IndexedDB transaction (start,
// completion, the key it read first, when its reads were done); every keydown (capturing, before the
// app sees it).
function stamps() {
  const w = window as unknown as { bench: Stamps };
  const s: Stamps = { txns: [], keydowns: [], modules: [] };
  w.bench = s;
  new MutationObserver((_, observer) => {
    if (s.h1 === undefined && document.querySelector('main h1')) {
      s.h1 = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => {
        s.frame = performance.now();
        const notes = document.querySelector('textarea') as HTMLTextAreaElement | null;
        s.notesAtFrame = notes ? notes.value.length : -1;
        const channel = new MessageChannel();
        channel.port1.onmessage = () => (s.task = performance.now());
        channel.port2.postMessage(null);
      });
    }
  }).observe(document, { childList: true, subtree: true });
  // A screen drawn from its overview is `aria-busy` until the document is open.
  new MutationObserver((_, observer) => {
    const main = document.querySelector('main h1')?.closest('main');
    if (main && !main.hasAttribute('aria-busy')) {
      s.docOpen = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
  for (const name of ['instantiateStreaming', 'instantiate'] as const) {
    const original = WebAssembly[name] as (...args: unknown[]) => Promise<unknown>;
    (WebAssembly as unknown as Record<string, unknown>)[name] = function (...args: unknown[]) {
      s.wasmStart ??= performance.now();
      const module = { file: '', start: performance.now(), end: undefined as number | undefined };
      s.modules.push(module);
      Promise.resolve(args[0]).then((r) => (module.file = r instanceof Response ? r.url.split('/').pop()! : r instanceof WebAssembly.Module ? 'compiled early' : '?'), () => {});
      return original.apply(WebAssembly, args).then((r) => {
        // The main module's: the first to finish (chunks split out of it
        // are fetched only once it runs).
        s.wasmEnd ??= performance.now();
        module.end = performance.now();
        return r;
      });
    };
  }
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, stores: string | string[], mode?: IDBTransactionMode) {
    const t = transaction.call(this, stores, mode);
    const entry: Txn = { mode: mode ?? 'readonly', stores: typeof stores === 'string' ? [stores] : Array.from(stores), start: performance.now() };
    (t as unknown as { bench: Txn }).bench = entry;
    s.txns.push(entry);
    t.addEventListener('complete', () => (entry.end = performance.now()));
    return t;
  } as typeof transaction;
  const get = IDBObjectStore.prototype.get;
  IDBObjectStore.prototype.get = function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
    const entry = (this.transaction as unknown as { bench?: Txn }).bench;
    if (entry && entry.key === undefined) entry.key = String(key);
    return get.call(this, key);
  };
  // The last read of a transaction succeeding: its data is in the page.
  // (The transaction itself completes only after the app has used it, in
  // the same task.) Listeners added here run before the app's own handler.
  const getAll = IDBIndex.prototype.getAll;
  IDBIndex.prototype.getAll = function (this: IDBIndex, ...args: Parameters<IDBIndex['getAll']>) {
    const request = getAll.apply(this, args);
    const entry = (this.objectStore.transaction as unknown as { bench?: Txn }).bench;
    request.addEventListener('success', () => entry && (entry.read = performance.now()));
    return request;
  };
  addEventListener('keydown', () => s.keydowns.push(performance.now()), { capture: true });
  // The app opening the document: it takes the read `index.html` began.
  let earlyRead: unknown;
  Object.defineProperty(window, 'tandemEarlyRead', {
    configurable: true,
    get: () => earlyRead,
    set: (take: (...args: unknown[]) => unknown) => {
      earlyRead = (...args: unknown[]) => {
        s.asked ??= performance.now();
        return take(...args);
      };
    },
  });
}

/** Puts a workspace's storage entries on the origin (from a page that is not the app). */
async function seed(context: BrowserContext, entries: Record<string, string>) {
  const page = await context.newPage();
  await seedFrom(page, entries);
  await page.close();
}

/** Puts storage entries on the origin from `page`, which leaves the app for it. */
async function seedFrom(page: Page, entries: Record<string, string>) {
  await page.goto('/api/health');
  await page.evaluate((entries) => {
    for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
  }, entries);
}

/** Opens `path` in a fresh tab; the stamps once the screen is interactive. */
async function open(context: BrowserContext, path: string): Promise<Stamps> {
  const tab = await context.newPage();
  // The main thread's CPU time, beside the wall-clock stamps: on this
  // shared 2-core machine the time to interactive of one build moves by
  // ±25% from run to run, the main thread's CPU time by about ±5%, so it
  // tells two builds apart where the stamps cannot (docs/benchmarks.md).
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const metrics = async () =>
    Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value * 1000]));
  const before = await metrics();
  await tab.goto(path);
  await tab.waitForFunction(() => (window as unknown as { bench: Stamps }).bench.task !== undefined, null, {
    timeout: 60_000,
  });
  const after = await metrics();
  // A dashboard is interactive from its stored overview before the
  // document is open (docs/data-model.md): wait for that too.
  await tab.waitForFunction(() => (window as unknown as { bench: Stamps }).bench.docOpen !== undefined, null, {
    timeout: 60_000,
  });
  const s = await tab.evaluate(() => (window as unknown as { bench: Stamps }).bench);
  s.mainThreadMs = after.ThreadTime - before.ThreadTime;
  s.scriptMs = after.ScriptDuration - before.ScriptDuration;
  await tab.close();
  return s;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const median = (values: number[]) => percentile(values, 50);
const round = (ms: number) => Math.round(ms * 10) / 10;
function summary(values: number[]) {
  return { median: round(median(values)), p95: round(percentile(values, 95)), min: round(Math.min(...values)), max: round(Math.max(...values)) };
}

/** Opens the dashboard and a meeting RUNS times each; figures per screen. */
async function openings(context: BrowserContext, stored: Stored) {
  const result: Record<string, unknown> = {};
  const docKey = `ws/${stored.id}`;
  for (const [name, path] of [
    ['dashboard', `/w/${stored.id}`],
    ['meeting', `/w/${stored.id}/meetings/${stored.meeting}`],
  ]) {
    await open(context, path); // warm-up: service worker, HTTP cache, compiled wasm (and the move into IndexedDB)
    const runs: Stamps[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await open(context, path));
    // The phases of opening, told apart by the reading of the document
    // (one read-only transaction over its snapshot and log, which
    // index.html begins) and the app asking for it.
    const phases = runs.map((r) => {
      const read = r.txns.find((t) => t.key === docKey && t.mode === 'readonly')!;
      const asked = r.asked ?? read.start;
      return {
        readStart: read.start,
        read: read.read! - read.start,
        wasmToAsk: asked - r.wasmEnd!,
        waitForRead: Math.max(0, read.read! - asked),
        readyToH1: r.h1! - Math.max(asked, read.read!),
        h1ToTask: r.task! - r.h1!,
        readyToOpen: r.docOpen! - Math.max(asked, read.read!),
      };
    });
    const phase = (k: keyof (typeof phases)[number]) => summary(phases.map((p) => p[k]));
    result[name] = {
      phases: Object.fromEntries((Object.keys(phases[0]) as (keyof (typeof phases)[number])[]).map((k) => [k, phase(k)])),
      interactiveMs: summary(runs.map((r) => r.task!)),
      mainThreadMs: summary(runs.map((r) => r.mainThreadMs!)),
      scriptMs: summary(runs.map((r) => r.scriptMs!)),
      h1Ms: summary(runs.map((r) => r.h1!)),
      docOpenMs: summary(runs.map((r) => r.docOpen!)),
      frameAfterH1Ms: summary(runs.map((r) => r.frame!)),
      wasmInstantiatedMs: summary(runs.map((r) => r.wasmEnd ?? NaN)),
      // The chunks the screen needs too (`screens` and what it shares).
      modulesInstantiatedMs: summary(runs.map((r) => Math.max(...r.modules.filter((m) => (m.end ?? Infinity) <= r.task!).map((m) => m.end!)))),
      modules: runs[runs.length - 1].modules.map((m) => `${m.file} ${Math.round(m.start)}–${Math.round(m.end ?? NaN)}`),
      notesCharsAtFrame: runs.map((r) => r.notesAtFrame),
      // Opening must not write the document (it would cost a save too).
      docWrites: runs.map((r) => r.txns.filter((t) => t.mode === 'readwrite').length),
      interactiveRuns: runs.map((r) => Math.round(r.task!)),
    };
  }
  return result;
}

/** PRODUCT.md's bars: open to interactive, and keystroke to saved (p95). */
const BAR_OPEN_MS = 300;
const BAR_SAVE_P95_MS = 16;
/** Issue 12's storage bars: stored bytes against the encoded document, and typing's cost against the document's growth. */
const BAR_STORED_RATIO = 1.2;
const BAR_TYPING_RATIO = 4;
const TYPED_CHARS = Number(process.env.TYPED_CHARS ?? 2000);

type Summary = ReturnType<typeof summary>;
type Opened = Record<
  'dashboard' | 'meeting',
  {
    phases: Record<string, Summary>;
    interactiveMs: Summary;
    mainThreadMs: Summary;
    scriptMs: Summary;
    h1Ms: Summary;
    docOpenMs: Summary;
    wasmInstantiatedMs: Summary;
    modulesInstantiatedMs: Summary;
    notesCharsAtFrame: number[];
    docWrites: number[];
  }
>;
type Typed = Awaited<ReturnType<typeof keystrokes>>;
type Sizes = Awaited<ReturnType<typeof storage>>;
/** What each workspace's test measured, for the tables written after both. */
const measured: Partial<Record<'small' | 'five', { opened: Opened; typed: Typed; sizes: Sizes; load: string; chromium: string }>> = {};

type Sample = { save: number; heard: number; begun: number; fold: boolean; frame: number };

/**
 * A dedicated worker with a connection of its own to the app's database,
 * which says when the document's log changes: when another reader can see
 * a keystroke's change, it is stored. (The page itself hears of it later:
 * in a keystroke's task Chromium delivers IndexedDB's events to the page
 * only after the frame the key schedules, 12–16 ms later, even with no app
 * at all; a worker's thread does not wait for the page's frames.)
 * `arm` takes the log's keys as they are and watches for a change; `last`
 * looks once more and stops. Each answer: `{ at }`, the time of the first
 * look that saw the change (ms since the epoch), or null if none did.
 */
const WATCHER = `
let db, doc, base = null, armed = false;
const now = () => performance.timeOrigin + performance.now();
const keys = (done) => {
  const request = db.transaction('log', 'readonly').objectStore('log').index('doc').getAllKeys(IDBKeyRange.only(doc));
  request.onsuccess = () => done(request.result.join(','));
};
const poll = () => keys((k) => {
  if (!armed) return;
  if (k !== base) { armed = false; postMessage({ at: now() }); } else poll();
});
onmessage = ({ data }) => {
  if (data.doc) {
    doc = data.doc;
    const open = indexedDB.open('tandem');
    open.onsuccess = () => { db = open.result; postMessage('ready'); };
  } else if (data === 'arm') {
    keys((k) => { base = k; armed = true; postMessage('armed'); poll(); });
  } else if (data === 'last' && armed) {
    armed = false;
    keys((k) => postMessage({ at: k !== base ? now() : null }));
  }
};`;

type Watched = { watcher: Worker; answer?: { at: number | null }; armed?: () => void };

/** Types KEYS characters, one at a time, at the end of the meeting's shared notes. */
async function keystrokes(page: Page, stored: Stored) {
  // The watcher is a worker made from a string (a `blob:` URL), which the
  // app's Content-Security-Policy does not allow: not enforced for this
  // page. (A script served for it at the app's origin would reach the
  // service worker, which Playwright's routes do not see.)
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setBypassCSP', { enabled: true });
  await page.goto(`/w/${stored.id}/meetings/${stored.meeting}`);
  const notes = page.getByRole('textbox', { name: 'Wspólne notatki' });
  await expect(notes).not.toHaveValue('');
  await page.evaluate(
    ([doc, watcher]) =>
      new Promise<void>((ready) => {
        const w = window as unknown as { watched: Watched };
        const source = URL.createObjectURL(new Blob([watcher], { type: 'text/javascript' }));
        w.watched = { watcher: new Worker(source) };
        w.watched.watcher.onmessage = ({ data }) => {
          if (data === 'ready') ready();
          else if (data === 'armed') w.watched.armed?.();
          else w.watched.answer = data;
        };
        w.watched.watcher.postMessage({ doc });
      }),
    [`ws/${stored.id}`, WATCHER] as const,
  );
  await notes.focus();
  await notes.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
  const samples: Sample[] = [];
  for (let i = 0; i < WARM_UP_KEYS + KEYS; i++) {
    await page.evaluate(
      () =>
        new Promise<void>((armed) => {
          const s = (window as unknown as { bench: Stamps }).bench;
          s.keydowns.length = 0;
          s.txns.length = 0;
          const w = (window as unknown as { watched: Watched }).watched;
          w.answer = undefined;
          w.armed = armed;
          w.watcher.postMessage('arm');
        }),
    );
    await page.keyboard.press('x');
    const sample = await page.evaluate(
      () =>
        new Promise<Sample>((done) => {
          const s = (window as unknown as { bench: Stamps }).bench;
          const w = (window as unknown as { watched: Watched }).watched;
          const check = () => {
            // The page heard the change saved: the transaction that wrote
            // it to the log (or folded or merged it in) has completed.
            const saved = s.txns.find((t) => t.mode === 'readwrite' && t.end !== undefined);
            if (!saved || s.keydowns.length === 0) return requestAnimationFrame(check);
            if (w.answer === undefined) w.watcher.postMessage('last');
            // The frame after the save: the screen updated.
            requestAnimationFrame(function answered() {
              if (w.answer === undefined) return requestAnimationFrame(answered);
              const k = s.keydowns[0];
              // Stored: when the watcher saw it, or, for a save it cannot
              // see (a fold that leaves the log as it was), when the page
              // heard of it.
              const seen = w.answer.at === null ? saved.end! : w.answer.at - performance.timeOrigin;
              done({ save: seen - k, heard: saved.end! - k, begun: saved.start - k, fold: saved.stores.includes('snapshots'), frame: performance.now() - k });
            });
          };
          check();
        }),
    );
    if (i >= WARM_UP_KEYS) samples.push(sample);
    await page.waitForTimeout(30);
  }
  return {
    keys: KEYS,
    /** Stored: another connection to the database sees the change. */
    keydownToDocSavedMs: summary(samples.map((s) => s.save)),
    /** The page hears of it: its transaction's `complete` event. */
    keydownToSaveHeardMs: summary(samples.map((s) => s.heard)),
    /** The app's part of it: the keystroke applied to the document and its write handed to IndexedDB. */
    keydownToWriteBegunMs: summary(samples.map((s) => s.begun)),
    keydownToNextFrameMs: summary(samples.map((s) => s.frame)),
    /** Keystrokes whose save was a fold or a merge of the log (the others appended to it). */
    foldOrMergeSaves: samples.filter((s) => s.fold).length,
  };
}

/** Bytes of the document `key` as stored: snapshot and log entries. */
async function storedBytes(page: Page, key: string) {
  const doc = (await storedSizes(page))[key];
  return { ...doc, total: doc.snapshot + doc.log };
}

/** The page as the browser hides or shows it (the app folds when hidden). */
async function visibility(page: Page, state: 'hidden' | 'visible') {
  await page.evaluate((state) => {
    Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  }, state);
}

/** Folds the document and waits for the new snapshot. */
async function fold(page: Page, key: string) {
  const before = (await storedBytes(page, key)).gen;
  await visibility(page, 'hidden');
  await expect.poll(async () => (await storedBytes(page, key)).gen, { timeout: 30_000 }).toBeGreaterThan(before);
  await visibility(page, 'visible');
}

/**
 * What storage holds: the document against its encoding, and what typing
 * TYPED_CHARS characters into the notes adds, against what the document grows.
 */
async function storage(page: Page, stored: Stored) {
  const key = `ws/${stored.id}`;
  const encoded = Buffer.from(JSON.parse(stored.entries[`tandem.ws.${stored.id}`]) as string, 'base64').length;
  await page.goto(`/w/${stored.id}/meetings/${stored.meeting}`);
  const notes = page.getByRole('textbox', { name: 'Wspólne notatki' });
  await expect(notes).not.toHaveValue('');
  await fold(page, key);
  const before = await storedBytes(page, key);
  // The dashboard's overview, stored beside the document (localStorage
  // keeps UTF-16: two bytes a character); hiding the page stored it.
  const overview = await page.evaluate((id) => (localStorage.getItem(`tandem.overview.${id}`)?.length ?? 0) * 2, stored.id);
  await notes.focus();
  await notes.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
  const typed = 'Ustalenia ze spotkania, zapisane litera po literze. '.repeat(Math.ceil(TYPED_CHARS / 52)).slice(0, TYPED_CHARS);
  // One key at a time through the DevTools protocol, a few ms each: 2,000
  // of them pass Playwright's 15 s action limit on a busy machine.
  await notes.pressSequentially(typed, { timeout: 300_000 });
  // Everything typed is stored once the log stops changing.
  let last = -1;
  await expect
    .poll(async () => {
      const now = (await storedBytes(page, key)).total;
      const settled = now === last;
      last = now;
      return settled;
    }, { intervals: [500], timeout: 60_000 })
    .toBe(true);
  const afterTyping = await storedBytes(page, key);
  await fold(page, key);
  const folded = await storedBytes(page, key);
  const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  return {
    encoded,
    afterOpen: before.total + overview,
    overview,
    typedChars: TYPED_CHARS,
    storageGrowth: afterTyping.total - before.total,
    logEntries: afterTyping.entries,
    documentGrowth: folded.snapshot - before.snapshot,
    usage,
  };
}

for (const [label, file, key] of [
  ['small workspace', 'storage-small.json', 'small'],
  ['5-year workspace', 'storage.json', 'five'],
] as const) {
  test.use({ locale: 'pl-PL' });
  test(`${label}: open to interactive, keystroke to saved, bytes stored`, async ({ browser, context, page }) => {
    test.setTimeout(600_000);
    const load = load1();
    const stored = read(file);
    await context.addInitScript(stamps);
    await seed(context, stored.entries);
    const opened = await openings(context, stored);
    console.log(JSON.stringify({ workspace: label, opened }, null, 2));
    const typed = await keystrokes(page, stored);
    const sizes = await storage(page, stored);
    console.log(JSON.stringify({ workspace: label, runsEach: RUNS, typed, sizes }, null, 2));
    measured[key] = { opened: opened as Opened, typed, sizes, load, chromium: browser.version() };
  });
}

// Three 5-year workspaces and private notes on one origin: all stored, each opens.
test('three 5-year workspaces and private notes fit on one origin', async ({ context, page }) => {
  test.setTimeout(600_000);
  const stored = read('storage.json');
  const ids = [stored.id, `${stored.id.slice(0, -2)}b2`, `${stored.id.slice(0, -2)}c3`];
  const doc = stored.entries[`tandem.ws.${stored.id}`];
  const list = JSON.stringify(ids.map((id, i) => ({ id, name: `Pięć lat ${i + 1}`, shared: false })));
  // One at a time: three copies in the old layout would not fit in
  // localStorage (that is the point); each moves into IndexedDB as it opens.
  // Written from this tab, not from a page of its own as `seed` does: a
  // write from another page reaches this one's localStorage a moment later,
  // and this 2.3-million-character one can reach the browser before the
  // removal of the copy moved in before it, and be refused for the quota
  // (the workspace then opened empty, two runs in ten).
  for (const id of ids) {
    await seedFrom(page, { 'tandem.workspaces': list, [`tandem.ws.${id}`]: doc });
    await page.goto(`/w/${id}`);
    await expect(page.getByRole('heading', { name: 'Pulpit' })).toBeVisible({ timeout: 60_000 });
    // Moved in whole: the dashboard, read from the document, lists its goals.
    await expect(page.locator('main')).not.toHaveAttribute('aria-busy');
    await expect(page.getByRole('region', { name: 'Cele i postępy' }).getByRole('listitem').first()).toBeVisible();
    await page.getByRole('textbox', { name: 'Notatki widoczne tylko dla mnie' }).fill(`Prywatna notatka o ${id}`);
    await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), `tandem.ws.${id}`)).toBeNull();
  }
  const docs = await storedSizes(page);
  const bytes = Object.values(docs).reduce((sum, d) => sum + d.snapshot + d.log, 0);
  const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  for (const id of ids) {
    await page.goto(`/w/${id}`);
    await expect(page.getByRole('textbox', { name: 'Notatki widoczne tylko dla mnie' })).toHaveValue(`Prywatna notatka o ${id}`, { timeout: 60_000 });
    // Its own document too, not only the note: the dashboard, read from
    // the document, lists the workspace's goals.
    await expect(page.locator('main')).not.toHaveAttribute('aria-busy');
    await expect(page.getByRole('region', { name: 'Cele i postępy' }).getByRole('listitem').first()).toBeVisible();
  }
  expect(ids.filter((id) => !docs[`ws/${id}`]?.snapshot)).toEqual([]);
  writeResult(
    'five-years-three',
    `Three copies of the 5-year workspace and the private notes on one origin: ${Object.keys(docs).length} documents, ` +
      `${thousands(bytes)} bytes of snapshots and logs (the browser estimates ${(usage / 1e6).toFixed(1)} MB used); each opens with its note.`,
  );
});

/** A median in ms as the tables write it: tenths under 20 ms, whole ms above. */
const ms = (value: number) => (value < 20 ? value.toFixed(1) : String(Math.round(value)));

// The tables, once both workspaces are measured (a failed test leaves them unwritten).
test.afterAll(() => {
  const { small, five } = measured;
  if (!small || !five) return;
  const [dash, meet] = [five.opened.dashboard, five.opened.meeting];
  const [smallDash, smallMeet] = [small.opened.dashboard, small.opened.meeting];

  const screens = [
    ['dashboard', dash.interactiveMs],
    ['meeting page', meet.interactiveMs],
  ] as const;
  const overMedian = screens.filter(([, s]) => s.median > BAR_OPEN_MS).map(([name]) => name);
  const overP95 = screens.filter(([, s]) => s.p95 > BAR_OPEN_MS).map(([name]) => name);
  const openVerdict = overMedian.length
    ? `**missed** (${overMedian.join(', ')}${overP95.length > overMedian.length ? `; ${overP95.filter((n) => !overMedian.includes(n)).join(', ')} over it at p95` : ''})`
    : overP95.length
      ? `met at the median; over it at p95: ${overP95.join(', ')}`
      : 'met';
  const save = five.typed.keydownToDocSavedMs;
  const z = five.sizes;
  const storedRatio = z.afterOpen / z.encoded;
  const typingRatio = z.storageGrowth / z.documentGrowth;
  writeResult(
    'five-years-bars',
    [
      '| bar | measured, 5-year workspace | |',
      '|---|---|---|',
      `| open from browser storage to interactive ≤ ${BAR_OPEN_MS} ms (PRODUCT.md) | dashboard **${Math.round(dash.interactiveMs.median)} ms** median (p95 ${Math.round(dash.interactiveMs.p95)}); meeting page ${Math.round(meet.interactiveMs.median)} ms (p95 ${Math.round(meet.interactiveMs.p95)}) | ${openVerdict} |`,
      `| keystroke in meeting notes to saved locally, p95 ≤ ${BAR_SAVE_P95_MS} ms (PRODUCT.md) | **p95 ${save.p95} ms**, median ${save.median} ms | ${save.p95 <= BAR_SAVE_P95_MS ? 'met' : '**missed**'} |`,
      `| stored bytes ≤ ${BAR_STORED_RATIO} × the encoded document (issue 12) | **${storedRatio.toFixed(2)} ×** (${thousands(z.afterOpen)} of ${thousands(z.encoded)} bytes) | ${storedRatio <= BAR_STORED_RATIO ? 'met' : '**missed**'} |`,
      `| typing ${thousands(z.typedChars)} characters grows storage ≤ ${BAR_TYPING_RATIO} × what the document grows (issue 12) | **${typingRatio.toFixed(2)} ×** (${thousands(z.storageGrowth)} bytes stored for ${thousands(z.documentGrowth)} bytes of document) | ${typingRatio <= BAR_TYPING_RATIO ? 'met' : '**missed**'} |`,
      '',
      `Headless Chromium ${five.chromium}; 1-minute load average ${small.load} and ${five.load} at the start of the two runs (small, 5 years).`,
    ].join('\n'),
  );

  const cell = (s: Summary, bold = false) => (bold ? `**${Math.round(s.median)} ms (${Math.round(s.p95)})**` : `${Math.round(s.median)} ms (${Math.round(s.p95)})`);
  const chars = [...new Set(meet.notesCharsAtFrame)];
  const writes = [...dash.docWrites, ...meet.docWrites].filter((n) => n > 0).length;
  writeResult(
    'five-years-open',
    [
      `| median of ${RUNS} (p95) | dashboard, 5 years | dashboard, small | meeting, 5 years | meeting, small |`,
      '|---|---|---|---|---|',
      `| **interactive** | ${cell(dash.interactiveMs, true)} | ${cell(smallDash.interactiveMs)} | ${cell(meet.interactiveMs, true)} | ${cell(smallMeet.interactiveMs)} |`,
      `| \`<h1>\` in the page | ${Math.round(dash.h1Ms.median)} | ${Math.round(smallDash.h1Ms.median)} | ${Math.round(meet.h1Ms.median)} | ${Math.round(smallMeet.h1Ms.median)} |`,
      `| the document open (the dashboard shows it instead of its overview) | ${Math.round(dash.docOpenMs.median)} | ${Math.round(smallDash.docOpenMs.median)} | ${Math.round(meet.docOpenMs.median)} | ${Math.round(smallMeet.docOpenMs.median)} |`,
      '',
      `On the 5-year meeting page the notes textarea held ${chars.map(thousands).join(' or ')} characters at that frame` +
        `${chars.length === 1 ? ' in every run' : ''}; ${writes === 0 ? 'no run' : `${writes} of ${2 * RUNS} runs`} wrote to IndexedDB while opening.`,
    ].join('\n'),
  );

  const phase = (o: Opened['dashboard'], k: string) => o.phases[k].median;
  const both = (o: Opened, k: string) => `${ms(phase(o.dashboard, k))} dashboard, ${ms(phase(o.meeting, k))} meeting`;
  const cpu = (o: Opened) =>
    `${ms(o.dashboard.mainThreadMs.median)} (${ms(o.dashboard.scriptMs.median)}) dashboard, ${ms(o.meeting.mainThreadMs.median)} (${ms(o.meeting.scriptMs.median)}) meeting`;
  writeResult(
    'five-years-phases',
    [
      '| phase | 5 years | small | what it is |',
      '|---|---|---|---|',
      `| navigation → wasm instantiated | ${ms(dash.wasmInstantiatedMs.median)} ms | ${ms(smallDash.wasmInstantiatedMs.median)} ms | the app's start, the same for both |`,
      `| navigation → the \`screens\` chunk instantiated too | ${ms(dash.modulesInstantiatedMs.median)} ms | ${ms(smallDash.modulesInstantiatedMs.median)} ms | the workspace's code and runtime (docs/build.md), fetched from \`main\` |`,
      `| navigation → the document's read begins | ${ms(phase(dash, 'readStart'))} ms | ${ms(phase(smallDash, 'readStart'))} ms | \`index.html\` reads it once the database is open, while the app is fetched and compiled (docs/data-model.md) |`,
      `| reading snapshot and log (one IndexedDB transaction) | **${ms(phase(dash, 'read'))} ms** | ${ms(phase(smallDash, 'read'))} ms | the ${thousands(z.encoded)}-byte snapshot as bytes: no string, no base64, no JSON |`,
      `| wasm instantiated → the app asks for the document | ${ms(phase(dash, 'wasmToAsk'))} ms | ${ms(phase(smallDash, 'wasmToAsk'))} ms | the app starts, the chunk arrives, the runtime adopts the database, routes to the screen |`,
      `| then waiting for the read | ${both(five.opened, 'waitForRead')} | ${both(small.opened, 'waitForRead')} | 0 when the read was done before the app asked |`,
      `| document in hand → \`<h1>\` (\`Workspace\` loaded, the screen rendered) | **${both(five.opened, 'readyToH1')}** | ${both(small.opened, 'readyToH1')} | yrs decode + apply (natively: \`Workspace::load\` in the criterion table), then the screen; below 0 when the \`<h1>\` came first: the dashboard is drawn from its overview, and the document read after that frame |`,
      `| document in hand → the document open | ${both(five.opened, 'readyToOpen')} | ${both(small.opened, 'readyToOpen')} | the same decode; for the dashboard it starts after its first frame |`,
      `| \`<h1>\` → interactive | **${both(five.opened, 'h1ToTask')}** | ${both(small.opened, 'h1ToTask')} | the rest of the first render and the frame |`,
      `| the main thread on the CPU, navigation → interactive (of it running script) | ${cpu(five.opened)} | ${cpu(small.opened)} | all the page's work on its main thread: parsing, script and wasm, style, layout; the rest of the time to interactive it waits (compiling off it, storage, the other processes on 2 cores) |`,
    ].join('\n'),
  );

  const t = five.typed;
  const r = (s: Summary, bold = false) => (bold ? `**${s.median}** | **${s.p95}** | ${s.max}` : `${s.median} | ${s.p95} | ${s.max}`);
  writeResult(
    'five-years-keystroke',
    [
      `| ms, ${t.keys} keystrokes | median | p95 | max |`,
      '|---|---|---|---|',
      `| **keydown → change saved**, 5 years | ${r(t.keydownToDocSavedMs, true)} |`,
      `| same, small workspace | ${r(small.typed.keydownToDocSavedMs)} |`,
      `| keydown → the page hears it saved (its transaction's \`complete\`), 5 years | ${r(t.keydownToSaveHeardMs)} |`,
      `| same, small workspace | ${r(small.typed.keydownToSaveHeardMs)} |`,
      `| of it, keydown → the write begun (the app's part), 5 years | ${r(t.keydownToWriteBegunMs)} |`,
      `| same, small workspace | ${r(small.typed.keydownToWriteBegunMs)} |`,
      `| keydown → next animation frame (the screen updated), 5 years | ${r(t.keydownToNextFrameMs)} |`,
      `| same, small workspace | ${r(small.typed.keydownToNextFrameMs)} |`,
      '',
      `Saved: the keystroke's update is in the document's log as another connection to the database (a worker's) sees it; ` +
        `the page hears of it with its transaction's \`complete\` event, which Chromium delivers only after the frame the key schedules. ` +
        `For ${t.foldOrMergeSaves} of the ${t.keys} keystrokes (5 years) and ${small.typed.foldOrMergeSaves} (small) the save was a merge of the log or a fold instead of an append.`,
    ].join('\n'),
  );

  const size = (label: string, x: Sizes) =>
    `| ${label} | ${thousands(x.encoded)} | ${thousands(x.afterOpen)} (${(x.afterOpen / x.encoded).toFixed(2)} ×; of it ${thousands(x.overview)} the overview) | ${thousands(x.documentGrowth)} | ${thousands(x.storageGrowth)} (${(x.storageGrowth / x.documentGrowth).toFixed(2)} ×), ${x.logEntries} log entries | ${(x.usage / 1e6).toFixed(1)} MB |`;
  writeResult(
    'five-years-storage',
    [
      `| bytes | encoded document | stored after the move into IndexedDB, and the dashboard's overview in localStorage | document growth, ${thousands(z.typedChars)} characters typed | storage growth for them | the browser's estimate of the origin's use |`,
      '|---|---|---|---|---|---|',
      size('5 years', five.sizes),
      size('small', small.sizes),
    ].join('\n'),
  );
});
