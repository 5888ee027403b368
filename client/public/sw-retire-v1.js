/* Imported by the Workbox service worker (vite.config.ts, workbox.importScripts). The hand-written
 * worker it replaced kept its copy of the app in the cache 'class-journal-v1', which Workbox does
 * not know of: once the new worker is active nothing reads it, so it goes. */
self.addEventListener('activate', (event) => {
  event.waitUntil(caches.delete('class-journal-v1'));
});
