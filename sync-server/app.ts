import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { existsSync } from 'node:fs';
import { SYNC_LIMITS, WS_MAX_PAYLOAD_BYTES, type SyncLimits } from './limits.ts';
import { ACCESS_LOG_KEEP_DAYS, AccessLog } from './access-log/access-log.ts';
import { accessLogged } from './access-log/access-log-middleware.ts';
import { accessLogRoutes } from './http/access-log-routes.ts';
import * as Y from 'yjs';
import { SignInThrottle } from './auth/rate-limit.ts';
import { validateSessionId } from './auth/sessions.ts';
import type { Directory } from './directory.ts';
import { aboutRoutes } from './http/about-routes.ts';
import { activationRoutes } from './http/activation-routes.ts';
import { adminRoutes } from './http/admin-routes.ts';
import { archiveRoutes, type ArchiveDeps } from './http/archive-routes.ts';
import { authRoutes } from './http/auth-routes.ts';
import { requestBodyLimits } from './http/body-limits.ts';
import { classCodeRoutes } from './http/class-code-routes.ts';
import { diaryAckRoutes } from './http/diary-ack-routes.ts';
import { clientAddressOf } from './http/client-address.ts';
import { serveClientFiles } from './http/client-files.ts';
import type { IdentityDeps } from './http/identity-deps.ts';
import { historyRoutes } from './http/history-routes.ts';
import { printRoutes } from './http/print-routes.ts';
import { readinessRoutes } from './http/readiness-routes.ts';
import { monitoringRoutes } from './http/monitoring-routes.ts';
import { nextYearRoutes } from './http/next-year-routes.ts';
import { oidcRoutes } from './http/oidc-routes.ts';
import type { OidcConfig } from './auth/oidc-config.ts';
import { DocumentProjection } from './reports/journal-projection.ts';
import type { DiaryProjector } from './diary/diary-projector.ts';
import { reportRoutes } from './http/report-routes.ts';
import { rightsRoutes } from './http/rights-routes.ts';
import { securityHeaders } from './http/security-headers.ts';
import { requestLog } from './http/request-log.ts';
import { metricsRoute } from './http/metrics-route.ts';
import type { ServerMetrics } from './metrics.ts';
import { errorsTo, logError, logger as processLogger, type Logger } from './log.ts';
import { importRoutes } from './http/import-routes.ts';
import { staffRoutes } from './http/staff-routes.ts';
import { studentRoutes } from './http/student-routes.ts';
import { personalRoutes } from './http/personal-routes.ts';
import { familyNoticeRoutes, type FamilyNoticeDeps } from './http/family-notice-routes.ts';
import { messageRoutes } from './http/message-routes.ts';
import { ConversationIndex } from './messages/conversation-index.ts';
import { originCheck, sessionMiddleware, type AppEnv } from './http/session-middleware.ts';
import type { Storage } from './storage/port.ts';
import { SocketRevocation } from './ws/revocation.ts';
import type { RoomRegistry } from './ws/room-registry.ts';
import { ConnectionCounts } from './ws/connection-counts.ts';
import { Heartbeat } from './ws/heartbeat.ts';
import { syncRoute } from './ws/sync-route.ts';
import { createSyncSockets } from './ws/sync-sockets.ts';

export interface AppDeps {
  /** CLU-1, CLU-4: the Redis relay to check in `/api/ready`, and whether this process runs the scheduled jobs. */
  cluster?: { redis: { ping(): Promise<unknown> } | null; leads(): boolean };
  /** The read-side copy of the stored documents (server.ts shares it with the diaries). */
  projection?: DocumentProjection;
  /** MSG-11: the conversation index server.ts keeps from the rooms' commits; one of its own when omitted. */
  conversations?: ConversationIndex;
  /** ANN-*, CONS-*, NOTIF-*: announcements, consents and notifications (server.ts wires them). */
  familyNotices?: FamilyNoticeDeps;
  /** The diary projection, told when a notice is added (DIARY-2). */
  diaries?: DiaryProjector;
  storage: Storage;
  registry: RoomRegistry;
  directory: Directory;
  /** Extra origins allowed besides the server's own (e.g. the Vite dev server). */
  allowedOrigins: readonly string[];
  /** Directory of the built client, served at `/`; omitted in API-only tests. */
  staticDir?: string;
  /** Interval of the sockets' ping/pong liveness check; 30 s unless a test wants it faster. */
  heartbeatMs?: number;
  /** The server's clock (clock.ts): sessions, rate limits, deadlines, reports; tests move it forward. */
  now?: () => number;
  /**
   * AUTH-23: reverse proxies in front of the server (`TRUST_PROXY`) whose `X-Forwarded-For` names
   * the client; 0 (the default) reads the peer's address and ignores the header.
   */
  trustProxy?: number;
  /** PROTO-16…PROTO-18: what one sync socket may cost; `SYNC_LIMITS` unless a test wants smaller. */
  syncLimits?: Partial<SyncLimits>;
  /** How often sockets of expired sessions are looked for and closed (30 s). */
  sessionSweepMs?: number;
  /** LOG-7: how long the access log keeps an entry (`ACCESS_LOG_KEEP_DAYS`, 5 years). */
  accessLogKeepDays?: number;
  /** Signing key, snapshots and backups (the archive); omitted in tests that do not need them. */
  archive?: ArchiveDeps;
  /** AUTH-28: sign-in with the region's identity provider (`OIDC_*`); without it, passwords only. */
  oidc?: OidcConfig | null;
  /** OPS-3: where requests and errors are logged; the process's logger (stdout) by default. */
  logger?: Logger;
  /** OPS-4: the server's metrics, served at `/metrics` to this machine or with `metricsToken`; none: no route. */
  metrics?: ServerMetrics;
  metricsToken?: string | null;
  onError?(e: unknown): void;
}

/**
 * The Hono application: HTTP API, the sync endpoint and the built client. `main.ts` only wires
 * configuration to it, so tests build it with their own storage and call `app.request`.
 */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  // PROTO-14: a frame over the update limit (plus its envelope) closes the socket with 1009 as
  // soon as its header says so, instead of being read up to the `ws` default of 100 MiB.
  const sockets = createSyncSockets(app, WS_MAX_PAYLOAD_BYTES);
  const { injectWebSocket } = sockets;
  const log = deps.logger ?? processLogger;
  const onError = deps.onError ?? errorsTo(log);

  app.onError((err, c) => {
    if (err instanceof HTTPException) return c.json({ error: err.message }, err.status);
    // OPS-3: the request id ties this line to the request's own line and to the `X-Request-Id` the client got.
    logError(log, err, { reqId: c.get('requestId') });
    return c.json({ error: 'Внутренняя ошибка сервера' }, 500);
  });

  const now = deps.now ?? Date.now;
  const revocation = new SocketRevocation();
  const clientAddress = clientAddressOf(deps.trustProxy ?? 0);
  const throttle = new SignInThrottle(deps.storage, now);
  const accessLog = new AccessLog(deps.storage, { now, keepDays: deps.accessLogKeepDays ?? ACCESS_LOG_KEEP_DAYS, clientAddress, onError });
  const identity: IdentityDeps = {
    storage: deps.storage,
    revocation,
    throttle,
    clientAddress,
    now,
    schoolDoc: async () => (await deps.registry.pin(deps.directory.schoolDocName)).doc,
    readDoc: async (name) => {
      const doc = new Y.Doc();
      const { snapshot, updates } = await deps.storage.loadDocument(name);
      if (snapshot) Y.applyUpdate(doc, snapshot.state);
      for (const u of updates) Y.applyUpdate(doc, u.update);
      return doc;
    },
    schoolDocName: deps.directory.schoolDocName,
    accessLog,
  };
  let lastCleanup = 0;
  revocation.startSweep(
    async (id) => {
      // Housekeeping rides on the sweep: expired sessions nobody presents again are deleted hourly.
      if (now() - lastCleanup > 3_600_000) {
        lastCleanup = now();
        for (const s of await deps.storage.deleteExpiredSessions(lastCleanup)) await accessLog.sessionExpired(s);
        await throttle.forgetOld();
      }
      return (await validateSessionId(deps.storage, id, now(), accessLog.sessionExpired)) !== null;
    },
    deps.sessionSweepMs ?? 30_000,
    onError,
  );

  // OPS-3: first of all, so that every request, refused or failed ones included, has its id and its line.
  app.use('*', requestId(), requestLog(log));
  // AUTH-20: before any answer, so that every answer carries them — errors and static files included.
  app.use('*', securityHeaders());
  app.get('/api/health', (c) => c.json({ ok: true }));
  // OPS-1: alive is not ready: a load balancer sends nobody to a server whose store does not answer.
  app.get('/api/ready', async (c) => {
    const reach = (p: Promise<unknown>) =>
      p.then(
        () => 'ok' as const,
        () => 'unreachable' as const,
      );
    const redis = deps.cluster?.redis;
    const [store, relay] = await Promise.all([reach(deps.storage.ping()), redis ? reach(redis.ping()) : undefined]);
    // CLU-1: without Redis this process would serve documents the others never hear of: not ready.
    const ok = store === 'ok' && relay !== 'unreachable';
    const jobs = deps.cluster ? { jobs: deps.cluster.leads() } : {};
    return c.json({ ok, store, ...(relay ? { redis: relay } : {}), ...jobs }, ok ? 200 : 503);
  });
  if (deps.metrics) {
    deps.metrics.observe({ connections: () => sockets.count(), documents: () => deps.registry.loadedNames().length });
    app.route('/', metricsRoute(deps.metrics, deps.metricsToken ?? null));
  }
  app.route('/api', aboutRoutes(deps.directory.schoolDocName));
  app.use('/api/*', sessionMiddleware(deps.storage, now, accessLog.sessionExpired));
  // AUTH-19: after the session is known (a signed-out body gets only a few KB), before any route.
  app.use('*', requestBodyLimits());
  app.use('/api/*', originCheck(deps.allowedOrigins));
  app.use('/api/*', accessLogged(accessLog));
  app.route('/api', authRoutes(identity, deps.directory));
  app.route('/api', activationRoutes(identity));
  if (deps.oidc) app.route('/api', oidcRoutes({ ...identity, oidc: deps.oidc, onError }));
  app.route('/api', adminRoutes(identity));
  app.route('/api', accessLogRoutes(identity));
  app.route('/api', classCodeRoutes(identity));
  app.route('/api', rightsRoutes({ storage: deps.storage, registry: deps.registry, directory: deps.directory, now }));
  app.route('/api', importRoutes({ storage: deps.storage, registry: deps.registry, directory: deps.directory, revocation }));
  app.route('/api', historyRoutes({ storage: deps.storage, directory: deps.directory }));
  app.route('/api', studentRoutes({ storage: deps.storage, registry: deps.registry, directory: deps.directory }));
  app.route('/api', personalRoutes({ storage: deps.storage, registry: deps.registry, directory: deps.directory, now }));
  app.route('/api', nextYearRoutes({ storage: deps.storage, directory: deps.directory, now }));
  app.route('/api', staffRoutes({ storage: deps.storage, registry: deps.registry, directory: deps.directory, revocation, now }));
  // DIARY-26: a class teacher's reminder is stored, then copied into the open diary at once.
  app.route('/api', diaryAckRoutes({ ...deps, now, onNotice: (studentId) => deps.diaries?.refresh(studentId), onError }));
  // One read-side copy of the stored documents for reports and checks (never the live rooms).
  const projection = deps.projection ?? new DocumentProjection(deps.storage);
  app.route(
    '/api',
    reportRoutes({ storage: deps.storage, directory: deps.directory, projection, snapshotter: deps.archive?.snapshotter, now }),
  );
  app.route('/api', readinessRoutes({ storage: deps.storage, directory: deps.directory, projection, now }));
  app.route('/api', monitoringRoutes({ storage: deps.storage, directory: deps.directory, projection, now }));
  if (deps.archive)
    app.route('/api', printRoutes({ storage: deps.storage, directory: deps.directory, snapshotter: deps.archive.snapshotter, now }));
  if (deps.archive) app.route('/', archiveRoutes(deps.archive));
  // MSG-10…MSG-13: conversations, their contacts, the class teacher's message to the class, attachments.
  app.route(
    '/api',
    messageRoutes({
      ...deps,
      readDoc: (name) => projection.doc(name),
      index: deps.conversations ?? new ConversationIndex(deps.storage, onError),
      now,
      revocation,
    }),
  );
  if (deps.familyNotices)
    app.route(
      '/api',
      familyNoticeRoutes({ ...deps.familyNotices, storage: deps.storage, schoolDoc: () => deps.directory.schoolDoc(), now }),
    );
  app.all('/api/*', (c) => c.json({ error: 'Не найдено' }, 404));

  app.use('/sync/*', sessionMiddleware(deps.storage, now, accessLog.sessionExpired));
  app.route(
    '/sync',
    syncRoute({
      sockets,
      registry: deps.registry,
      directory: deps.directory,
      allowedOrigins: deps.allowedOrigins,
      heartbeat: new Heartbeat(deps.heartbeatMs ?? 30_000),
      revocation,
      limits: { ...SYNC_LIMITS, ...deps.syncLimits },
      connections: new ConnectionCounts(),
      clientAddress,
      accessLog,
      onError,
    }),
  );

  if (deps.staticDir && existsSync(deps.staticDir)) {
    const client = serveClientFiles(deps.staticDir);
    // The app on a slow mobile network: 650 KB of script are ~180 KB gzipped (issue 18's first paint).
    app.use('/*', compress(), client.files);
    // Client-side routes (hash routes aside) fall back to the app shell.
    app.get('*', compress(), client.shell);
  }

  return { app, injectWebSocket, stopSockets: sockets.stop, revocation };
}
