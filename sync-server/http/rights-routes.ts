import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { classes, closePeriod, parseDocName, periods, reopenPeriod, type ClassId } from '../../model/index.ts';
import type { Directory } from '../directory.ts';
import type { RefusedChange, Storage, UserRecord } from '../storage/port.ts';
import { REFUSED_NOT_WHOLE_TEXT } from '../limits.ts';
import type { RoomRegistry } from '../ws/room-registry.ts';
import { ServerAction } from '../ws/room.ts';
import { refusedPage } from './refused-page.ts';
import { requireAuth, type AppEnv } from './session-middleware.ts';

const STATES = new Set(['open', 'applied', 'dismissed']);

function requireDeputy(user: UserRecord): void {
  if (!user.roles.includes('deputy')) throw new HTTPException(403, { message: 'Это может только заместитель директора' });
}

async function reasonOf(req: { json(): Promise<unknown> }, what: string): Promise<string> {
  const body = (await req.json().catch(() => null)) as { reason?: unknown } | null;
  const reason = typeof body?.reason === 'string' ? body.reason.trim() : '';
  if (reason.length < 3 || reason.length > 500) throw new HTTPException(400, { message: `Укажите причину (${what})` });
  return reason;
}

/**
 * Refused changes and period closing (PERM-10, PROTO-11): a teacher lists their own refused
 * edits; the deputy lists everyone's, applies one with a stated reason (the server writes it,
 * attributed to the deputy) or dismisses it, and closes or reopens a period for a class.
 */
export function rightsRoutes(deps: { storage: Storage; registry: RoomRegistry; directory: Directory; now: () => number }) {
  const app = new Hono<AppEnv>();

  app.get('/refused', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    const state = c.req.query('state') ?? 'open';
    if (!STATES.has(state)) throw new HTTPException(400, { message: 'Неизвестное состояние' });
    const docName = c.req.query('doc');
    const mine = !user.roles.includes('deputy');
    const filter = { docName, state: state as RefusedChange['state'], userId: mine ? user.id : undefined };
    return c.json(await refusedPage(deps.storage, filter, { limit: c.req.query('limit'), after: c.req.query('after') }));
  });

  const resolve = (action: 'apply' | 'dismiss') =>
    app.post(`/refused/:id/${action}`, async (c) => {
      const { user, session } = requireAuth(c.get('auth'));
      requireDeputy(user);
      const reason = await reasonOf(c.req, action === 'apply' ? 'почему изменение принимается' : 'почему оно отклоняется');
      const row = await deps.storage.findRefused(c.req.param('id'));
      if (!row) throw new HTTPException(404, { message: 'Такого непринятого изменения нет' });
      if (row.state !== 'open') throw new HTTPException(409, { message: 'Это изменение уже рассмотрено' });
      // STORE-18: a value kept cut short, or a count of changes beyond the day's quota, cannot be written.
      if (action === 'apply' && row.stored !== 'full') throw new HTTPException(409, { message: REFUSED_NOT_WHOLE_TEXT });
      // YEAR-7: a refused record of the school year broke one of its rules; writing it anyway
      // would bypass them. It is entered again on «Учебный год», where the rules say what to fix.
      if (action === 'apply' && row.docName.startsWith('school/')) {
        throw new HTTPException(409, {
          message: 'Изменение учебного года не применяется в обход проверок: внесите его на странице «Учебный год»',
        });
      }
      if (action === 'apply') {
        const room = await deps.registry.open(row.docName);
        const slash = row.path.indexOf('/');
        const map = room.doc.getMap<unknown>(row.path.slice(0, slash));
        const key = row.path.slice(slash + 1);
        // Recorded in the history under the deputy, with the reason (HIST-3).
        room.act(new ServerAction(user.id, session.id, `применено непринятое изменение ${row.id}: ${reason}`), () => {
          if (row.value === undefined) map.delete(key);
          else map.set(key, row.value);
        });
        await room.flush();
      }
      const ok = await deps.storage.resolveRefused(row.id, action === 'apply' ? 'applied' : 'dismissed', user.id, reason, deps.now());
      if (!ok) throw new HTTPException(409, { message: 'Это изменение уже рассмотрено' });
      return c.json({ ok: true });
    });
  resolve('apply');
  resolve('dismiss');

  const closure = (action: 'close' | 'reopen') =>
    app.post(`/periods/${action}`, async (c) => {
      const { user, session } = requireAuth(c.get('auth'));
      requireDeputy(user);
      const body = (await c.req.raw
        .clone()
        .json()
        .catch(() => null)) as { classId?: unknown; periodId?: unknown } | null;
      const classId = typeof body?.classId === 'string' ? body.classId : '';
      const periodId = typeof body?.periodId === 'string' ? body.periodId : '';
      const reason = action === 'reopen' ? await reasonOf(c.req, 'почему период открывается снова') : null;
      const school = await deps.directory.schoolDoc();
      if (!periods.get(school, periodId)) throw new HTTPException(400, { message: 'Нет такого учебного периода' });
      const yearId = parseDocName(deps.directory.schoolDocName)?.yearId;
      const room = await deps.registry.open(deps.directory.schoolDocName);
      // CLOSE-3: `all` closes (or reopens) the period for every class of the grades it covers.
      const period = periods.get(school, periodId)!;
      const targets =
        classId === 'all'
          ? classes
              .all(school)
              .filter(([, cl]) => cl.grade >= period.minGrade && cl.grade <= period.maxGrade)
              .map(([id]) => id)
          : [classId];
      for (const id of targets) {
        if (!yearId || !(await deps.directory.accessTo(user, `journal/${id}/${yearId}`))) {
          throw new HTTPException(400, { message: 'Нет такого класса' });
        }
      }
      if (targets.length === 0) throw new HTTPException(400, { message: 'В школе нет классов этого периода' });
      room.doc.transact(
        () => {
          for (const id of targets) {
            if (action === 'close')
              closePeriod(room.doc, id as ClassId, periodId, { closedAt: new Date(deps.now()).toISOString(), closedBy: user.id });
            else reopenPeriod(room.doc, id as ClassId, periodId);
          }
        },
        new ServerAction(user.id, session.id, reason ?? 'период закрыт'),
      );
      await room.flush();
      return c.json({ ok: true, classes: targets });
    });
  closure('close');
  closure('reopen');

  return app;
}
