// The witness app's service worker: keeps the app shell (this version's page, scripts, style, icon) so
// the app opens without a connection, and sends the outbox when Background Sync says the connection is
// back (where the browser has it; elsewhere the page retries on its own). The API is never cached.
import { flush, SYNC_TAG } from './v/{{v}}/outbox.js';

const CACHE = 'testigo-witness-{{v}}';
const SHELL = ['./', 'manifest.webmanifest', '{{assets}}'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('testigo-witness-') && key !== CACHE) {
        await caches.delete(key);
      }
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) {
    return;
  }
  if (url.pathname.startsWith('/app/v/')) {
    // Versioned files never change: the cache first.
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  } else if (url.pathname === '/app/' || url.pathname === '/app/manifest.webmanifest') {
    // The page: the server's when it answers (a new version), this version's otherwise. The cache keeps
    // the page of the version it was installed with, so page and scripts always match.
    event.respondWith(fetch(request).catch(() => caches.open(CACHE).then((c) => c.match(request, { ignoreSearch: true }))
      .then((hit) => hit || Response.error())));
  }
});

self.addEventListener('sync', (event) => {
  if (event.tag === SYNC_TAG) {
    // A rejection asks the browser to try again later.
    event.waitUntil(flush({ force: true }).then((r) => {
      if (!r.network) {
        throw new Error('still no connection');
      }
    }));
  }
});
