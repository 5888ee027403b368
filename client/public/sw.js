/* Service worker: the app opens with no network.
 * - install: precache '/', index.html and every asset index.html references (parsed, so the
 *   hashed bundle names never need to be listed by hand);
 * - navigations: the cached page at once, refreshed in the background (a new deploy shows on
 *   the next start; a bad connection never delays opening the app);
 * - hashed assets under /assets/: cache first (their names change when their content does);
 * - /api and /sync: never cached (live data and sockets; sessions must not be replayed). */
const CACHE = 'class-journal-v1';

async function precache() {
  const cache = await caches.open(CACHE);
  const res = await fetch('/index.html', { cache: 'no-cache' });
  if (!res.ok) throw new Error(`index.html: ${res.status}`);
  const html = await res.clone().text();
  await cache.put('/index.html', res.clone());
  await cache.put('/', res);
  const urls = new Set();
  for (const m of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
    const url = new URL(m[1], self.location.origin);
    if (url.origin === self.location.origin && url.pathname !== '/' && !url.pathname.startsWith('/api')) urls.add(url.pathname);
  }
  await cache.addAll([...urls]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

function isLive(url) {
  return url.pathname.startsWith('/api/') || url.pathname === '/api' || url.pathname.startsWith('/sync');
}

/**
 * The app shell comes from the cache at once, and is refreshed in the background for the next
 * start: on a classroom's bad connection a network-first page would wait for a request that
 * may take many seconds to fail. A new deploy therefore shows on the second load.
 */
async function cachedPageThenRefresh(event) {
  const cache = await caches.open(CACHE);
  const cached = (await cache.match('/index.html')) || (await cache.match('/'));
  const fresh = fetchPage(cache, event.request);
  if (cached) {
    event.waitUntil(fresh.catch(() => undefined));
    return cached;
  }
  return fresh.catch(
    () => new Response('Нет связи с сервером.', { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } }),
  );
}

async function fetchPage(cache, request) {
  const res = await fetch(request);
  if (res.ok) {
    // Keep the newest page, and the assets it names, for the next start.
    await cache.put('/index.html', res.clone());
    await cache.put('/', res.clone());
    await refreshAssets(cache, await res.clone().text());
  }
  return res;
}

async function refreshAssets(cache, html) {
  for (const m of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) {
    if (!(await cache.match(m[1]))) {
      try {
        await cache.add(m[1]);
      } catch {
        /* next time */
      }
    }
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok) await cache.put(request, res.clone());
  return res;
}

async function staleWhileRevalidate(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  const fresh = fetch(request)
    .then(async (res) => {
      if (res.ok) await cache.put(request, res.clone());
      return res;
    })
    .catch(() => hit);
  return hit || fresh;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || isLive(url)) return;
  if (request.mode === 'navigate') event.respondWith(cachedPageThenRefresh(event));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirst(request));
  else event.respondWith(staleWhileRevalidate(request));
});
