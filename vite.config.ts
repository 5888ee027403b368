import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { VitePWA } from 'vite-plugin-pwa';

/** The top bar's colour (client/styles/layout.css): the installed app's title bar matches it. */
const THEME = '#1f3a5f';

/** The client is built into dist/client, which the sync server serves. */
export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [
    solid(),
    VitePWA({
      // A new version waits until the teacher agrees (client/features/layout/update-prompt.tsx):
      // a page reloaded under a teacher's hands would lose what is being typed into a cell.
      registerType: 'prompt',
      // The plugin follows NODE_ENV, which vitest sets to 'test': the browser tests would run
      // Workbox's development runtime, not the one that ships.
      mode: 'production',
      // Registered from our own module: the plugin's inline script would need 'unsafe-inline' (AUTH-20).
      injectRegister: false,
      // The icons are in the precache through the glob below; listed twice they would be fetched twice.
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: 'Электронный журнал',
        short_name: 'Журнал',
        description: 'Электронный классный журнал школы: работает и без связи с сервером.',
        lang: 'ru',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: THEME,
        background_color: '#f4f6f9',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Every chunk, style, font and icon (the plugin adds the manifest): pages load lazily, and
        // each must open offline after one online visit (PWA-1).
        globPatterns: ['**/*.{js,css,html,png,svg,ico,woff,woff2,ttf,otf}'],
        // Part of the worker itself, not of the page (client/public/sw-retire-v1.js).
        globIgnores: ['**/node_modules/**/*', 'sw-retire-v1.js'],
        importScripts: ['/sw-retire-v1.js'],
        // Workbox silently leaves out files over 2 MiB; a missing chunk would break a page offline.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: 'index.html',
        // Live data, sessions, downloads and sockets never come from a cache.
        navigateFallbackDenylist: [/^\/api(\/|$)/, /^\/sync(\/|$)/, /^\/\.well-known\//],
        // The first worker takes the open page at once (offline works without a reload); later
        // ones wait for «Обновить» (no skipWaiting).
        clientsClaim: true,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: { outDir: '../dist/client', emptyOutDir: true, target: 'es2022' },
  server: { proxy: { '/api': 'http://localhost:3000', '/sync': { target: 'ws://localhost:3000', ws: true } } },
});
