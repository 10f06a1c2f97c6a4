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
export function storedDocs(page: Page): Promise<Record<string, StoredDoc>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, StoredDoc>>((resolve, reject) => {
        const open = indexedDB.open('tandem');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const docs: Record<string, StoredDoc> = {};
          const doc = (key: string) => (docs[key] ??= { snapshot: null, gen: 0, log: [] });
          const txn = db.transaction(['snapshots', 'log'], 'readonly');
          const snapshots = txn.objectStore('snapshots').openCursor();
          snapshots.onsuccess = () => {
            const cursor = snapshots.result;
            if (!cursor) return;
            const d = doc(String(cursor.key));
            d.snapshot = Array.from(cursor.value.state as Uint8Array);
            d.gen = cursor.value.gen;
            cursor.continue();
          };
          const log = txn.objectStore('log').openCursor();
          log.onsuccess = () => {
            const cursor = log.result;
            if (!cursor) return;
            doc(cursor.value.doc).log.push(Array.from(cursor.value.update as Uint8Array));
            cursor.continue();
          };
          txn.oncomplete = () => {
            db.close();
            resolve(docs);
          };
          txn.onerror = () => reject(txn.error);
        };
      }),
  );
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
