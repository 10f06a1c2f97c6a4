// Tandem's service worker: keeps one version of the app shell (index.html,
// the build's wasm, chunks, js and css, the manifest and the icons) in a cache of
// its own, so the app starts with no network, and changes versions only as a
// whole. How it is built, versioned and updated: docs/pwa.md.
//
// After each build, `cargo xtask stamp-sw` (xtask/src/bundle.rs)
// rewrites the next two lines: the build's version and the files to keep.
const VERSION = 'unstamped';
const PRECACHE = [];

// Every cache this worker makes is named PREFIX + version; caches with other
// names on this origin are not ours to delete.
const PREFIX = 'tandem-shell-';
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  // 'no-cache' revalidates with the server, so a stale copy of an unhashed
  // file (index.html, the manifest) in the HTTP cache cannot slip in.
  const requests = PRECACHE.map((url) => new Request(url, { cache: 'no-cache' }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
  // Static routes (Chromium 123+): the build's hashed files come straight
  // from this version's cache, and the API straight from the network,
  // without starting or waking this worker for each request — on a phone
  // a worker's start costs tens of milliseconds. A file missing from the
  // cache is fetched from the network. Navigations still come to the
  // handler below, which answers every address with index.html.
  if (event.addRoutes) {
    event.waitUntil(
      event
        .addRoutes([
          { condition: { urlPattern: { pathname: '/pkg/*' } }, source: { cacheName: CACHE } },
          { condition: { urlPattern: { pathname: '/api/*' } }, source: 'network' },
        ])
        .catch(() => {}), // routes this browser does not take: the handler serves all
    );
  }
  // No skipWaiting() here: a new version waits until the person presses
  // "reload" in the app, which posts 'skip-waiting', so an open page never
  // runs on a mix of two versions' files.
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') {
    self.skipWaiting();
  }
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE))
      .then((old) => Promise.all(old.map((key) => caches.delete(key))))
      // Take over open pages now: on the first visit the page works offline
      // without a reload; after an update the page reloads itself.
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Not handled, so never cached: the API and its WebSocket (WebSockets do
  // not pass through a worker anyway), writes, and other origins.
  const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/');
  if (request.method !== 'GET' || url.origin !== self.location.origin || isApi) {
    return;
  }
  // Every address is one of the app's routes: answer with this version's
  // index.html, which names this version's hashed files.
  const wanted = request.mode === 'navigate' ? '/index.html' : request;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(wanted))
      .then((cached) => cached || fetch(request)),
  );
});
