import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { BOARD_ADMINISTRATION } from '../../model/index.ts';
import { DIGEST_MINUTES_RANGE, digestMinutesProblem, readDigestMinutes, writeDigestMinutes } from '../notifications/digest-settings.ts';
import type { FamilyNoticesStore } from '../storage/family-notices-port.ts';
import { readBody } from './identity-deps.ts';
import { requireAuth, type AppEnv } from './session-middleware.ts';

export interface NotificationRouteDeps {
  notices: FamilyNoticesStore;
  now(): number;
  /** NOTIF-8: `SMTP_URL` is set. */
  emailOn: boolean;
}

/** How many notifications the app lists: the latest; older ones are in the diary and on the boards anyway. */
const LIST_LIMIT = 50;

/**
 * NOTIF-1…NOTIF-4, NOTIF-8: the account's in-app notifications (newest first, with the count not
 * yet seen), marking them seen, and the school's e-mail setting: whether e-mail is on at all and
 * the least interval between two digests, which the administration sets.
 */
export function notificationRoutes(deps: NotificationRouteDeps) {
  const app = new Hono<AppEnv>();

  app.get('/notifications', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    const [items, unseen] = await Promise.all([
      deps.notices.notificationsOf(user.id, LIST_LIMIT),
      deps.notices.unseenNotificationCount(user.id),
    ]);
    return c.json({
      items: items.map((n) => ({ id: n.id, kind: n.kind, title: n.title, text: n.text, href: n.href, at: n.at, seenAt: n.seenAt })),
      unseen,
    });
  });

  app.post('/notifications/seen', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    await deps.notices.markNotificationsSeen(user.id, deps.now());
    return c.json({ unseen: await deps.notices.unseenNotificationCount(user.id) });
  });

  app.get('/notifications/settings', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    return c.json({
      emailOn: deps.emailOn,
      digestMinutes: await readDigestMinutes(deps.notices),
      range: DIGEST_MINUTES_RANGE,
      mayEdit: user.roles.some((r) => BOARD_ADMINISTRATION.includes(r)),
    });
  });

  app.post('/notifications/settings', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    if (!user.roles.some((r) => BOARD_ADMINISTRATION.includes(r))) {
      throw new HTTPException(403, { message: 'Интервал писем задаёт администрация школы' });
    }
    const body = await readBody(c);
    const problem = digestMinutesProblem(body.digestMinutes);
    if (problem) throw new HTTPException(400, { message: problem });
    await writeDigestMinutes(deps.notices, body.digestMinutes as number);
    return c.json({ emailOn: deps.emailOn, digestMinutes: await readDigestMinutes(deps.notices) });
  });

  return app;
}
