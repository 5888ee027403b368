import { createNodeWebSocket } from '@hono/node-ws';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { existsSync } from 'node:fs';
import type { Directory } from './directory.ts';
import { authRoutes } from './http/auth-routes.ts';
import { originCheck, sessionMiddleware, type AppEnv } from './http/session-middleware.ts';
import type { Storage } from './storage/port.ts';
import type { RoomRegistry } from './ws/room-registry.ts';
import { syncRoute } from './ws/sync-route.ts';

export interface AppDeps {
  storage: Storage;
  registry: RoomRegistry;
  directory: Directory;
  /** Extra origins allowed besides the server's own (e.g. the Vite dev server). */
  allowedOrigins: readonly string[];
  /** Directory of the built client, served at `/`; omitted in API-only tests. */
  staticDir?: string;
  /** Interval of the sockets' ping/pong liveness check; 30 s unless a test wants it faster. */
  heartbeatMs?: number;
  onError?(e: unknown): void;
}

/**
 * The Hono application: HTTP API, the sync endpoint and the built client. `main.ts` only wires
 * configuration to it, so tests build it with their own storage and call `app.request`.
 */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const { upgradeWebSocket, injectWebSocket, wss } = createNodeWebSocket({ app });
  const onError = deps.onError ?? ((e: unknown) => console.error(e));

  app.onError((err, c) => {
    if (err instanceof HTTPException) return c.json({ error: err.message }, err.status);
    onError(err);
    return c.json({ error: 'Внутренняя ошибка сервера' }, 500);
  });

  app.get('/api/health', (c) => c.json({ ok: true }));
  app.use('/api/*', originCheck(deps.allowedOrigins), sessionMiddleware(deps.storage));
  app.route('/api', authRoutes(deps.storage, deps.directory));
  app.all('/api/*', (c) => c.json({ error: 'Не найдено' }, 404));

  app.use('/sync/*', sessionMiddleware(deps.storage));
  app.route(
    '/sync',
    syncRoute({
      upgradeWebSocket,
      registry: deps.registry,
      directory: deps.directory,
      allowedOrigins: deps.allowedOrigins,
      heartbeatMs: deps.heartbeatMs ?? 30_000,
      onError,
    }),
  );

  if (deps.staticDir && existsSync(deps.staticDir)) {
    const root = deps.staticDir;
    app.use('/sw.js', async (c, next) => {
      await next();
      c.header('Cache-Control', 'no-cache');
    });
    app.use('/*', serveStatic({ root }));
    // Client-side routes (hash routes aside) fall back to the app shell.
    app.get('*', serveStatic({ root, path: 'index.html' }));
  }

  return { app, injectWebSocket, wss };
}
