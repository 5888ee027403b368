import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import * as Y from 'yjs';
import { parseDocName, readSchoolMeta, STAFF_ROLES } from '../../model/index.ts';
import { nextYearDocName } from '../../model/school/next-year.ts';
import { prepareOffThread } from '../next-year/next-year-thread.ts';
import type { PrepareInput } from '../next-year/prepare-year.ts';
import type { Directory } from '../directory.ts';
import { readStoredDoc } from '../school-years.ts';
import type { Storage } from '../storage/port.ts';
import type { AppEnv } from './session-middleware.ts';

/**
 * `POST /api/year/next` (YEAR-16…YEAR-18): the deputy or the administrator prepares the next
 * school year while the current one runs. The current year is read — the school year from its
 * room, the journals from the store — and never written; the new documents are appended to the
 * store as their first update, attributed to whoever prepared them, the journals first and the
 * school year last, so that the school year's presence is what "prepared" means.
 */
export function nextYearRoutes(deps: { storage: Storage; directory: Directory; now: () => number }) {
  const app = new Hono<AppEnv>();
  // One preparation at a time: a double click must not prepare the year twice.
  let running: Promise<unknown> = Promise.resolve();

  /** Whoever may prepare the year; anyone else is refused. */
  const preparer = (c: Context<AppEnv>) => {
    const auth = c.get('auth');
    if (!auth) throw new HTTPException(401, { message: 'Требуется вход в систему' });
    if (!auth.user.roles.some((r) => r === 'admin' || r === 'deputy')) {
      throw new HTTPException(403, { message: 'Следующий учебный год готовят заместитель директора и администратор' });
    }
    return auth;
  };

  // YEAR-22: the stored school years — past (read-only), current, next (prepared) — for the year switcher.
  app.get('/years', async (c) => {
    const auth = c.get('auth');
    if (!auth) throw new HTTPException(401, { message: 'Требуется вход в систему' });
    // YEAR-24: a family's switcher offers the years of its children's diaries.
    const years = await deps.directory.yearsFor(
      auth.user,
      auth.user.roles.some((r) => STAFF_ROLES.includes(r)),
    );
    return c.json({ years: years.map(({ yearId, title, startsOn, endsOn, relation }) => ({ yearId, title, startsOn, endsOn, relation })) });
  });

  // YEAR-20: whether the next year is prepared, for the page to offer or not to offer it.
  app.get('/year/next', async (c) => {
    preparer(c);
    const name = nextYearDocName(await deps.directory.schoolDoc());
    if (!name) throw new HTTPException(409, { message: 'Учебный год ещё не загружен' });
    if (!(await deps.storage.listDocuments()).includes(name)) return c.json({ prepared: false, docName: name });
    const meta = readSchoolMeta(await readStoredDoc(deps.storage, name));
    return c.json({
      prepared: true,
      docName: name,
      title: meta?.title ?? null,
      startsOn: meta?.startsOn ?? null,
      endsOn: meta?.endsOn ?? null,
    });
  });

  app.post('/year/next', async (c) => {
    const auth = preparer(c);
    const work = running.then(() => prepare(auth.user.id, auth.session.id));
    running = work.catch(() => {});
    return c.json(await work);
  });

  async function prepare(userId: string, sessionId: string) {
    const current = await deps.directory.schoolDoc();
    const name = nextYearDocName(current);
    if (!name) throw new HTTPException(409, { message: 'Учебный год ещё не загружен' });
    const stored = await deps.storage.listDocuments();
    if (stored.includes(name)) {
      throw new HTTPException(409, {
        message: 'Следующий учебный год уже подготовлен: он станет текущим в свой первый день.',
      });
    }
    const yearId = parseDocName(deps.directory.schoolDocName)?.yearId;
    const journals: PrepareInput['journals'] = [];
    for (const docName of stored) {
      const parsed = parseDocName(docName);
      if (parsed?.kind !== 'journal' || parsed.yearId !== yearId) continue;
      const { snapshot, updates } = await deps.storage.loadDocument(docName);
      journals.push({ classId: parsed.classId, updates: [...(snapshot ? [snapshot.state] : []), ...updates.map((u) => u.update)] });
    }
    // YEAR-23: replayed and built in a worker thread; the event loop only reads and appends.
    const next = await prepareOffThread({ school: Y.encodeStateAsUpdate(current), journals, origin: userId });
    const row = (update: Uint8Array) => ({ update, userId, sessionId, clientTime: null, serverTime: deps.now() });
    for (const { classId, update } of next.journals) {
      await deps.storage.appendUpdates(`journal/${classId}/${next.meta.yearId}`, [row(update)]);
    }
    await deps.storage.appendUpdates(next.name, [row(next.school)]);
    return { docName: next.name, ...next.meta, classes: next.classes, departures: next.departures };
  }

  return app;
}
