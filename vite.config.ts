import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

/** The client is built into dist/client, which the sync server serves. */
export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [solid()],
  build: { outDir: '../dist/client', emptyOutDir: true, target: 'es2022' },
  server: { proxy: { '/api': 'http://localhost:3000', '/sync': { target: 'ws://localhost:3000', ws: true } } },
});
