import { serve, type ServerType } from '@hono/node-server';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseDocName } from '../model/index.ts';
import { createApp } from './app.ts';
import { readArchiveConfig, type ArchiveConfig } from './archive/archive-config.ts';
import { Backups } from './archive/backup.ts';
import { loadSigningKey } from './archive/keys.ts';
import { snapshotOnPeriodClose } from './archive/period-close-watch.ts';
import { Snapshotter } from './archive/snapshotter.ts';
import type { Config } from './config.ts';
import type { SyncLimits } from './limits.ts';
import { Directory } from './directory.ts';
import { DiaryProjector } from './diary/diary-projector.ts';
import { Leadership } from './cluster/leadership.ts';
import { RedisRelay } from './cluster/redis-relay.ts';
import { createFamilyNotices, type FamilyNotices } from './notifications/family-notices.ts';
import { ConversationIndex } from './messages/conversation-index.ts';
import { conversationAccess } from './messages/conversation-access.ts';
import { DocumentProjection } from './reports/journal-projection.ts';
import { documentPolicy } from './document-policy.ts';
import { JournalUseIndex } from './journal-use-index.ts';
import { watchAccess } from './access-watch.ts';
import { watchClassJournals } from './class-journals-watch.ts';
import { seedDemoSchool } from './seed-demo.ts';
import { errorsTo, logger as processLogger, type Logger } from './log.ts';
import { ServerMetrics } from './metrics.ts';
import { currentSchoolDocName } from './school-years.ts';
import { runSchoolSetup, type SetupOptions } from './setup/setup-server.ts';
import { openSqliteStorage } from './storage/sqlite.ts';
import { openPgStorage } from './storage/pg/pg-storage.ts';
import type { Storage } from './storage/port.ts';
import { RoomRegistry, type RegistryOptions } from './ws/room-registry.ts';

export interface RunningServer {
  /** The Hono app, for `app.request` in tests. */
  app: ReturnType<typeof createApp>['app'];
  url: string;
  port: number;
  storage: Storage;
  registry: RoomRegistry;
  /** The school year it serves (YEAR-19). */
  schoolDocName: string;
  /** MSG-11: the conversation index, kept from the conversation rooms' commits. */
  conversations: ConversationIndex;
  /** Announcements, the notification hub (NOTIF-9: `family.hub.newMessage`) and the e-mail digests. */
  family: FamilyNotices;
  /** Keeps the open diaries equal to the projection of the journals (DIARY-2). */
  diaries: DiaryProjector;
  /** OPS-4: what `/metrics` serves. */
  metrics: ServerMetrics;
  /** Signed snapshots on schedule and on demand (`snapshotDocument` for the period-close code). */
  snapshotter: Snapshotter;
  backups: Backups;
  /** CLU-4: whether this process runs the scheduled jobs (always, alone on SQLite). */
  leadership: Leadership;
  /** CLU-1: the other processes, through Redis; null when this one runs alone. */
  relay: RedisRelay | null;
  close(): Promise<void>;
}

/**
 * Opens the store (seeding the demo school when it is empty), builds the app and listens.
 * Used by main.ts and by tests that need real sockets.
 */
export async function startServer(
  config: Config,
  opts: {
    storage?: Storage;
    registry?: Partial<Pick<RegistryOptions, 'snapshotAfterUpdates' | 'unloadDelayMs'>>;
    heartbeatMs?: number;
    /** The server's clock (tests), else the configuration's; and the expired-session sweep's interval. */
    now?: () => number;
    sessionSweepMs?: number;
    /**
     * Benchmarks only (bench/bench-server.ts): skip the per-path rules to measure what they
     * cost. Not reachable from the environment; production always authorizes.
     */
    withoutPathRules?: boolean;
    /** Snapshot schedule and backups; from the environment unless given (tests). */
    archive?: ArchiveConfig;
    /** OPS-3: requests, errors and the documents loaded go here; the process's logger by default. */
    logger?: Logger;
    /** The start's messages for a person (the demo being created, the setup page); `logger.info` by default. */
    log?: (msg: string) => void;
    /** PROTO-16…PROTO-18: smaller sync limits than `SYNC_LIMITS` (tests). */
    syncLimits?: Partial<SyncLimits>;
    /** `DEMO=0` on an empty store: where the setup page listens and its code (tests). */
    setup?: Pick<SetupOptions, 'onOpen' | 'onCode'>;
  } = {},
): Promise<RunningServer> {
  const logger = opts.logger ?? processLogger;
  const log = opts.log ?? ((m: string) => logger.info(m));
  const now = opts.now ?? config.now;
  let storage = opts.storage;
  // STORE-PG-1: with DATABASE_URL the store is PostgreSQL (migrated on open); else SQLite in the data directory.
  if (!storage && config.databaseUrl) storage = await openPgStorage(config.databaseUrl);
  if (!storage) {
    mkdirSync(config.dataDir, { recursive: true });
    storage = openSqliteStorage(join(config.dataDir, 'journal.sqlite'));
  }
  if ((await storage.isEmpty()) && !config.demo) {
    // SETUP-34: a real school is created on the setup page; the server starts on its port after.
    config = { ...config, port: await runSchoolSetup(storage, config, { log, now, ...opts.setup }) };
  } else if (await storage.isEmpty()) {
    log('Empty data directory: creating the demo school…');
    await seedDemoSchool(storage, { now });
  }
  // YEAR-19: a next year prepared ahead is stored beside the running one and waits for its first day.
  const schoolDocName = await currentSchoolDocName(storage, now());
  if (!schoolDocName) throw new Error('The store has no school-year document');
  const onError = errorsTo(logger);
  // CLU-1: one of several processes on one PostgreSQL; a Redis that cannot be reached stops the start.
  const relay = config.redis ? new RedisRelay(config.redis.url, config.redis.prefix, storage, onError) : null;
  await relay?.ready().catch(async (e) => {
    await relay.close();
    await storage.close();
    throw e;
  });
  // SETUP-4, YEAR-15: the school year's rules read the journals' use from here, never the journals.
  const journals = new JournalUseIndex(parseDocName(schoolDocName)?.yearId ?? '');
  await journals.loadStored(storage);
  let directory: Directory | null = null;
  let diaries: DiaryProjector | null = null;
  let family: FamilyNotices | null = null;
  const conversations = new ConversationIndex(storage, onError);
  const metrics = new ServerMetrics(logger);
  const registry = new RoomRegistry(storage, {
    metrics,
    snapshotAfterUpdates: opts.registry?.snapshotAfterUpdates ?? 200,
    unloadDelayMs: opts.registry?.unloadDelayMs ?? 2000,
    now,
    onError,
    relay: relay ?? undefined,
    initialize: async (name, room, isNew) => {
      await directory!.initializeDocument(name, room, isNew);
      await diaries!.initialize(room);
    },
    onCommitted: (room, changes) => {
      diaries?.committed(room, changes);
      family?.committed(room, changes);
      conversations.committed(room, changes);
    },
    // CLU-1: the committing process wrote the notifications and the index; the diaries open here follow.
    onRemoteCommitted: (room, changes) => diaries?.committed(room, changes),
    policyFor: async (name, doc) => {
      const policy = await documentPolicy(name, doc, () => directory!.schoolDoc(), now, journals);
      return opts.withoutPathRules ? { maps: policy.maps } : policy;
    },
  });
  // One read-side copy of the stored documents for reports, checks and the diaries (never the live rooms).
  const projection = new DocumentProjection(storage);
  directory = new Directory(registry, schoolDocName, { names: () => storage.listDocuments(), doc: (name) => projection.doc(name) });
  directory.conversationAccess = conversationAccess(storage, parseDocName(schoolDocName)?.yearId ?? '');
  const notices = (studentId: string) => storage.diaryNotices(studentId);
  diaries = new DiaryProjector({ registry, storage, projection, schoolDocName, notices, onError });
  const schoolDoc = () => directory!.schoolDoc();
  family = createFamilyNotices({ storage, registry, schoolDocName, schoolDoc, journal: (n) => projection.doc(n), config, now, onError });
  conversations.notifications = family.hub;
  // MSG-11: a list that changed here is told on every process, where its reader's stream may be.
  if (relay) {
    conversations.tellOthers = (userIds) => relay.inboxChanged(userIds);
    relay.onInbox = (userIds) => conversations.notify(userIds);
  }
  const stopWatchingAccess = watchAccess(await directory.schoolDoc(), registry);
  const stopWatchingJournals = watchClassJournals(await directory.schoolDoc(), { registry, storage, schoolDocName }, onError);
  // The archive works beside the sync path: it reads the store, never the rooms.
  const archiveConfig = opts.archive ?? readArchiveConfig();
  const key = loadSigningKey(config.dataDir, () => new Date(now()));
  const snapshotter = new Snapshotter(storage, key, archiveConfig.snapshots, onError, now);
  const backups = new Backups(
    storage,
    config.dataDir,
    archiveConfig.backups,
    onError,
    () => new Date(now()),
    log,
    (m) => logger.warn(m),
  );
  let stopPeriodWatch = () => {};
  const school = await directory.schoolDoc();
  const leadership = new Leadership(
    storage.tryLead && (() => storage.tryLead!()),
    () => {
      snapshotter.start();
      backups.start();
      family!.digests.start();
      stopPeriodWatch = snapshotOnPeriodClose(school, schoolDocName, { snapshotter, backups }, onError);
    },
    onError,
  );
  await leadership.start();
  const { app, injectWebSocket, stopSockets, revocation } = createApp({
    projection,
    diaries,
    conversations,
    familyNotices: family.routes,
    archive: { storage, key, snapshotter, backups, dataDir: config.dataDir },
    storage,
    registry,
    directory,
    allowedOrigins: config.allowedOrigins,
    staticDir: config.staticDir,
    heartbeatMs: opts.heartbeatMs,
    now,
    sessionSweepMs: opts.sessionSweepMs,
    trustProxy: config.trustProxy,
    accessLogKeepDays: config.accessLogKeepDays,
    oidc: config.oidc,
    syncLimits: opts.syncLimits,
    logger,
    metrics,
    metricsToken: config.metricsToken,
    cluster: { redis: relay, leads: () => leadership.isLeader },
    onError,
  });
  // Read before listening: a missing or unreadable certificate stops the start with its path.
  const tls = config.tls ? { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) } : null;
  const server: ServerType = await new Promise((resolve) => {
    const listen = { fetch: app.fetch, port: config.port, hostname: config.host };
    const s = tls
      ? serve({ ...listen, createServer: createHttpsServer, serverOptions: tls }, () => resolve(s))
      : serve(listen, () => resolve(s));
  });
  injectWebSocket(server);
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  return {
    app,
    url: `${tls ? 'https' : 'http'}://${host}:${port}`,
    port,
    storage,
    registry,
    diaries,
    conversations,
    family,
    schoolDocName,
    metrics,
    snapshotter,
    backups,
    leadership,
    relay,
    async close() {
      leadership.stop();
      stopPeriodWatch();
      await family!.stop();
      await snapshotter.stop();
      await backups.stop();
      revocation.stopSweep();
      stopWatchingAccess();
      stopWatchingJournals();
      await registry.closeAll();
      stopSockets();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await relay?.close();
      await storage.close();
    },
  };
}
