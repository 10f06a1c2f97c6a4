import type { Page } from '@playwright/test';

// A look into the app's IndexedDB database (see docs/data-model.md): the
// snapshot and log of each document, as the page sees them.

export interface StoredDoc {
  /** Bytes of the snapshot, or null if there is none. */
  snapshot: number[] | null;
  /** How many folds wrote the snapshot. */
  gen: number;
  /** Bytes of each log entry, oldest first. */
  log: number[][];
}

/** Everything stored under each document key (`ws/<id>`, `private/<owner>`). */
export async function storedDocs(page: Page): Promise<Record<string, StoredDoc>> {
  return (await page.evaluate(readAll, false)) as Record<string, StoredDoc>;
}

export interface StoredSize {
  /** Bytes of the snapshot (0 if there is none). */
  snapshot: number;
  gen: number;
  /** How many log entries, and their bytes. */
  entries: number;
  log: number;
}

/** The sizes of what is stored under each document key (cheap to send back from a big database). */
export async function storedSizes(page: Page): Promise<Record<string, StoredSize>> {
  return (await page.evaluate(readAll, true)) as unknown as Record<string, StoredSize>;
}

/** Runs in the page: every document, whole or as sizes. */
function readAll(sizes: boolean) {
  return new Promise<Record<string, StoredDoc | StoredSize>>((resolve, reject) => {
    const open = indexedDB.open('tandem');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const docs: Record<string, { snapshot: number[] | null; gen: number; log: number[][] }> = {};
      const doc = (key: string) => (docs[key] ??= { snapshot: null, gen: 0, log: [] });
      const txn = db.transaction(['snapshots', 'log'], 'readonly');
      const snapshots = txn.objectStore('snapshots').openCursor();
      const sized: Record<string, StoredSize> = {};
      const size = (key: string) => (sized[key] ??= { snapshot: 0, gen: 0, entries: 0, log: 0 });
      snapshots.onsuccess = () => {
        const cursor = snapshots.result;
        if (!cursor) return;
        const state = cursor.value.state as Uint8Array;
        if (sizes) Object.assign(size(String(cursor.key)), { snapshot: state.length, gen: cursor.value.gen });
        else Object.assign(doc(String(cursor.key)), { snapshot: Array.from(state), gen: cursor.value.gen });
        cursor.continue();
      };
      const log = txn.objectStore('log').openCursor();
      log.onsuccess = () => {
        const cursor = log.result;
        if (!cursor) return;
        const update = cursor.value.update as Uint8Array;
        if (sizes) {
          const s = size(cursor.value.doc);
          s.entries += 1;
          s.log += update.length;
        } else doc(cursor.value.doc).log.push(Array.from(update));
        cursor.continue();
      };
      txn.oncomplete = () => {
        db.close();
        resolve(sizes ? sized : docs);
      };
      txn.onerror = () => reject(txn.error);
    };
  });
}

/** Replaces document `key` with a snapshot of `bytes` and no log. */
export function overwriteDoc(page: Page, key: string, bytes: number[]): Promise<void> {
  return page.evaluate(
    ([key, bytes]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('tandem');
        open.onsuccess = () => {
          const db = open.result;
          const txn = db.transaction(['snapshots', 'log'], 'readwrite');
          txn.objectStore('snapshots').put({ state: new Uint8Array(bytes), gen: 1000 }, key);
          const entries = txn.objectStore('log').index('doc').getAllKeys(IDBKeyRange.only(key));
          entries.onsuccess = () => entries.result.forEach((k) => txn.objectStore('log').delete(k));
          txn.oncomplete = () => {
            db.close();
            resolve();
          };
          txn.onerror = () => reject(txn.error);
        };
        open.onerror = () => reject(open.error);
      }),
    [key, bytes] as [string, number[]],
  );
}
