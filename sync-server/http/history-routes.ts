import { Hono } from 'hono';
import * as Y from 'yjs';
import { HTTPException } from 'hono/http-exception';
import type { Directory } from '../directory.ts';
import type { Storage } from '../storage/port.ts';
import { lateEntries } from './late-entries.ts';
import { requireAuth, type AppEnv } from './session-middleware.ts';

const number = (s: string | undefined): number | undefined => {
  if (s === undefined || s === '') return undefined;
  const n = Number(s);
  if (!Number.isFinite(n)) throw new HTTPException(400, { message: 'Неверное время' });
  return n;
};

/**
 * `GET /api/history`: the attributed history of a journal (HIST-2) — of one cell (`path`, or
 * `prefix` for every key of a cell, e.g. all marks of a student in a lesson), of one author, of
 * a time range, or only the corrections (changed or removed values). Whoever may open the
 * journal may read its history.
 */
export function historyRoutes(deps: { storage: Storage; directory: Directory }) {
  const app = new Hono<AppEnv>();
  app.get('/history', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    const docName = c.req.query('doc') ?? '';
    // A journal's history for whoever opens it; the school year's (attributed like a mark,
    // YEAR-9) for those who set it up.
    const access = await deps.directory.accessTo(user, docName);
    const allowed = docName.startsWith('journal/') ? access !== null : docName.startsWith('school/') && access === 'write';
    if (!allowed) {
      throw new HTTPException(403, { message: 'Этот документ вам недоступен' });
    }
    const limit = Math.min(number(c.req.query('limit')) ?? 1000, 10_000);
    const changes = await deps.storage.readChanges({
      docName,
      path: c.req.query('path') || undefined,
      pathPrefix: c.req.query('prefix') || undefined,
      userId: c.req.query('user') || undefined,
      from: number(c.req.query('from')),
      to: number(c.req.query('to')),
      correctionsOnly: c.req.query('corrections') === '1',
      limit,
    });
    return c.json({ changes });
  });

  // TIME-6: entries made after the school's deadline, whose deadline falls in [from, to), with the
  // clock that judged each (the client's where its offset is known, else the server's).
  app.get('/history/late', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    const docName = c.req.query('doc') ?? '';
    // A journal's history for whoever opens it; the school year's (attributed like a mark,
    // YEAR-9) for those who set it up.
    const access = await deps.directory.accessTo(user, docName);
    const allowed = docName.startsWith('journal/') ? access !== null : docName.startsWith('school/') && access === 'write';
    if (!allowed) {
      throw new HTTPException(403, { message: 'Этот документ вам недоступен' });
    }
    const from = number(c.req.query('from'));
    const to = number(c.req.query('to'));
    // A late entry arrives after its deadline, so nothing before `from` can count.
    const changes = await deps.storage.readChanges({ docName, from, userId: c.req.query('user') || undefined, limit: 200_000 });
    return c.json({ entries: lateEntries(changes, await deps.directory.schoolDoc(), from, to) });
  });

  // HIST-4: the journal as it stood at a moment: the log replayed up to the last update the
  // server had received by then, as one Yjs update (application/octet-stream).
  app.get('/history/as-of', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    const docName = c.req.query('doc') ?? '';
    // A journal's history for whoever opens it; the school year's (attributed like a mark,
    // YEAR-9) for those who set it up.
    const access = await deps.directory.accessTo(user, docName);
    const allowed = docName.startsWith('journal/') ? access !== null : docName.startsWith('school/') && access === 'write';
    if (!allowed) {
      throw new HTTPException(403, { message: 'Этот документ вам недоступен' });
    }
    const at = number(c.req.query('at'));
    if (at === undefined) throw new HTTPException(400, { message: 'Укажите момент времени' });
    const doc = new Y.Doc();
    let seq = 0;
    for (const u of await deps.storage.readUpdates(docName, 0)) {
      if (u.serverTime > at) break;
      Y.applyUpdate(doc, u.update);
      seq = u.seq;
    }
    c.header('X-Log-Position', String(seq));
    return c.body(Y.encodeStateAsUpdate(doc) as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/octet-stream' });
  });
  return app;
}
