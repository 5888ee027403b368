import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hex } from '../../sync-server/archive/replay.ts';
import { DEMO_FIXTURE_DAY } from '../helpers/demo-facts.ts';
import { pageTexts, popplerAvailable, POPPLER_MISSING } from '../helpers/poppler.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced } from '../helpers/ws-client.ts';

const POPPLER = popplerAvailable();
if (!POPPLER && process.env.CI === 'true') throw new Error(POPPLER_MISSING);
if (!POPPLER) console.warn(`SKIPPED the printing checks: ${POPPLER_MISSING}`);

/**
 * PRINT-1: a journal page and the summary sheet printed from the browser, from a signed snapshot
 * taken for it. Both tests print q1 of the demo as a lived-in school (its topics written, its
 * finals set), not what day it is: the server's clock starts on DEMO_FIXTURE_DAY.
 */
describe.skipIf(!POPPLER)('printing a journal (PRINT-1)', () => {
  let server: TestServer;
  const tmp = mkdtempSync(join(tmpdir(), 'print-'));
  const pdfText = async (path: string, cookie: string) => {
    const res = await fetch(`${server.origin}${path}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const file = join(tmp, `p${Math.random()}.pdf`);
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    return pageTexts(file);
  };

  beforeAll(async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
  });
  afterAll(async () => {
    await server.dispose();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('PRINT-1: 5Б maths for the 1st quarter: only those pages, each with who printed it and the hash of a snapshot that holds the latest entry', async () => {
    const teacher = connectClient(server, 'journal/5b/2026', await server.login('teacher'), { ext: true });
    await synced(teacher);
    const key = [...teacher.doc.getMap('lessons').keys()].find((k) => k.includes('.math') && k.startsWith('2609') && k.endsWith(':topic'))!;
    teacher.doc.transact(() => teacher.doc.getMap('lessons').set(key, 'Тема для печати — проверка'));
    await waitFor(() => expect(teacher.acks.length).toBeGreaterThan(1));
    const pages = await pdfText('/api/print/journal?class=5b&subject=math&group=all&period=q1', await server.login('teacher'));
    const snapshot = (await server.storage.latestSignedSnapshot('journal/5b/2026'))!;
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) {
      const flat = p.replace(/\s+/g, '');
      expect(flat).toContain(hex(snapshot.sha256));
      expect(p).toContain('Смирнова Ольга Петровна');
      expect(p).toMatch(/Математика/);
      expect(p).not.toMatch(/Русский язык|2 четверть/);
    }
    expect(pages.join('\n').replace(/\s+/g, ' ')).toContain('Тема для печати — проверка');
    teacher.destroy();
  });

  it('PRINT-1: the summary sheet of finals prints; a journal you may not open, or an unknown class, is refused', async () => {
    const pages = await pdfText('/api/print/finals?class=5b', await server.login('deputy'));
    expect(pages.join('\n')).toContain('Сводная ведомость');
    const primary = await server.login('primary');
    expect((await fetch(`${server.origin}/api/print/journal?class=5b`, { headers: { cookie: primary } })).status).toBe(403);
    expect((await fetch(`${server.origin}/api/print/journal?class=zz`, { headers: { cookie: primary } })).status).toBe(400);
    const deputy = await server.login('deputy');
    for (const q of ['subject=nope', 'period=q9']) {
      const res = await fetch(`${server.origin}/api/print/journal?class=5b&${q}`, { headers: { cookie: deputy } });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/Неизвестный (предмет|период)/);
    }
  });
});
