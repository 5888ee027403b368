import { join } from 'node:path';
import type * as Y from 'yjs';
import { parseDocName } from '../../model/index.ts';
import { BoardService } from '../announcements/board-service.ts';
import type { FamilyNoticeDeps } from '../http/family-notice-routes.ts';
import type { FamilyNoticesStore } from '../storage/family-notices-port.ts';
import type { ChangeRow, Storage } from '../storage/port.ts';
import { openSqliteFamilyNotices } from '../storage/sqlite-family-notices.ts';
import type { Room } from '../ws/room.ts';
import type { RoomRegistry } from '../ws/room-registry.ts';
import { DigestScheduler } from './digest-scheduler.ts';
import type { EmailConfig } from './email-config.ts';
import { smtpMailer, type Mailer } from './mailer.ts';
import { NotificationHub } from './notification-hub.ts';

/**
 * Issue 19's announcements, consents and notifications, wired once for server.ts: the boards'
 * writer, the notification hub (fed by the boards, the journals' commits and — NOTIF-9 — the
 * conversations through `hub.newMessage`), and the e-mail digests.
 */
export interface FamilyNotices {
  boards: BoardService;
  hub: NotificationHub;
  notices: FamilyNoticesStore;
  /** Started by the server when this process runs the scheduled jobs (CLU-4). */
  digests: DigestScheduler;
  /** What `createApp` mounts (`AppDeps.familyNotices`). */
  routes: FamilyNoticeDeps;
  /** The registry's hook, beside the diaries'. */
  committed(room: Room, changes: ReadonlyArray<readonly ChangeRow[] | null>): void;
  stop(): Promise<void>;
}

export function createFamilyNotices(opts: {
  storage: Storage;
  registry: RoomRegistry;
  schoolDocName: string;
  schoolDoc(): Promise<Y.Doc>;
  journal(name: string): Promise<Y.Doc | null>;
  config: { dataDir: string; email: EmailConfig };
  now(): number;
  onError(e: unknown): void;
  /** Tests: a mailer of their own instead of nodemailer over `SMTP_URL`. */
  mailer?: Mailer;
}): FamilyNotices {
  const yearId = parseDocName(opts.schoolDocName)?.yearId ?? '';
  const { email } = opts.config;
  const own = opts.storage.familyNotices ? null : openSqliteFamilyNotices(join(opts.config.dataDir, 'family-notices.sqlite'));
  const notices = opts.storage.familyNotices ?? own!.store;
  const hub = new NotificationHub({
    storage: opts.storage,
    notices,
    yearId,
    schoolDoc: opts.schoolDoc,
    now: opts.now,
    onError: opts.onError,
  });
  const boards = new BoardService({
    notices,
    registry: opts.registry,
    yearId,
    schoolDoc: opts.schoolDoc,
    now: opts.now,
    onPosted: (scope, post) => void hub.announcementPosted(scope, post),
  });
  const mailer = opts.mailer ?? (email.smtpUrl ? smtpMailer(email.smtpUrl, email.from) : null);
  const digests = new DigestScheduler({
    storage: opts.storage,
    notices,
    mailer,
    schoolDoc: opts.schoolDoc,
    now: opts.now,
    pollMs: email.pollSeconds * 1000,
    appUrl: email.publicUrl,
    onError: opts.onError,
  });
  return {
    boards,
    hub,
    notices,
    digests,
    routes: { boards, notices, yearId, emailOn: mailer !== null, journal: opts.journal },
    committed: (room, changes) => hub.committed(room, changes),
    async stop() {
      await digests.stop();
      await hub.settled();
      mailer?.close();
      own?.close();
    },
  };
}
