import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';

/**
 * Files a browser must revalidate on every use (`Cache-Control: no-cache`): the service worker's
 * script and the manifest, so that a deploy is seen at its first update check, and the app shell,
 * which names the hashed bundles of one build. The hashed files (`/assets/*`, `/workbox-<hash>.js`)
 * may be cached: a new build gives them new names.
 */
const REVALIDATE = new Set(['/', '/index.html', '/sw.js', '/manifest.webmanifest']);

/** A path whose last segment has a dot asks for a file (`/assets/x.js`), not for a page. */
const isFilePath = (path: string) => /\.[^/]*$/.test(path);

/**
 * The built client (`dist/client`): its files with their content types (`.js` as JavaScript,
 * `.webmanifest` as `application/manifest+json`, from Hono's table), and the app shell for any
 * other page path. A missing file is a 404, never the shell: the service worker would precache
 * HTML in place of a chunk, or fail to import its runtime with a wrong MIME type.
 */
export function serveClientFiles(root: string): { files: MiddlewareHandler; shell: MiddlewareHandler } {
  const file = serveStatic({ root });
  const index = serveStatic({ root, path: 'index.html' });
  return {
    files: async (c, next) => {
      if (REVALIDATE.has(c.req.path)) c.header('Cache-Control', 'no-cache');
      return file(c, next);
    },
    shell: async (c, next) => {
      if (isFilePath(c.req.path)) return next();
      c.header('Cache-Control', 'no-cache');
      return index(c, next);
    },
  };
}
