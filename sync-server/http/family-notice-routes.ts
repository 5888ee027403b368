import { Hono } from 'hono';
import type * as Y from 'yjs';
import type { BoardService } from '../announcements/board-service.ts';
import type { FamilyNoticesStore } from '../storage/family-notices-port.ts';
import type { Storage } from '../storage/port.ts';
import { announcementRoutes } from './announcement-routes.ts';
import { consentRoutes } from './consent-routes.ts';
import { notificationRoutes } from './notification-routes.ts';
import type { AppEnv } from './session-middleware.ts';

/** What the app wiring hands the family routes (issue 19): one field in `AppDeps`. */
export interface FamilyNoticeDeps {
  boards: BoardService;
  notices: FamilyNoticesStore;
  yearId: string;
  /** `SMTP_URL` is set (NOTIF-8). */
  emailOn: boolean;
  /** A class journal at its committed state. */
  journal(name: string): Promise<Y.Doc | null>;
}

/** Announcements, consents and notifications under `/api`, mounted by `createApp` in one line. */
export function familyNoticeRoutes(deps: FamilyNoticeDeps & { storage: Storage; schoolDoc(): Promise<Y.Doc>; now(): number }) {
  const app = new Hono<AppEnv>();
  app.route('/', announcementRoutes(deps));
  app.route('/', consentRoutes(deps));
  app.route('/', notificationRoutes(deps));
  return app;
}
