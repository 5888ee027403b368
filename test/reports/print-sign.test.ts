import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportArchive } from '../../sync-server/archive/export.ts';
import { DEMO_FIXTURE_DAY } from '../helpers/demo-facts.ts';
import { pageTexts, popplerAvailable, POPPLER_MISSING } from '../helpers/poppler.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const POPPLER = popplerAvailable();
if (!POPPLER && process.env.CI === 'true') throw new Error(POPPLER_MISSING);

const SIGNED = 'Директор ________________ / Волкова Н. С. /';
const BLANK = 'Директор ________________ / ________________ /';

/** PRINT-2: every page printed for the archive carries the director's signature line and «М.П.». */
describe.skipIf(!POPPLER)('printouts to sign (PRINT-2)', () => {
  let server: TestServer;
  let admin = '';
  const tmp = mkdtempSync(join(tmpdir(), 'print-sign-'));
  const pages = async (path: string, cookie: string) => {
    const res = await fetch(`${server.origin}${path}`, { headers: { cookie } });
    expect(res.status, path).toBe(200);
    const file = join(tmp, `p${Math.random()}.pdf`);
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    return pageTexts(file);
  };
  const expectSigned = (texts: string[], line: string) => {
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) {
      expect(t).toContain(line);
      expect(t).toContain('М.П.');
    }
  };

  beforeAll(async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    admin = await server.login('admin');
  });
  afterAll(async () => {
    await server.dispose();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('PRINT-2: journal pages, the summary sheet of finals and a report carry «Директор ______ / Волкова Н. С. /» and «М.П.» on every page', async () => {
    const deputy = await server.login('deputy');
    expectSigned(await pages('/api/print/journal?class=5b&subject=math&group=all&period=q1', deputy), SIGNED);
    expectSigned(await pages('/api/print/finals?class=5b', deputy), SIGNED);
    expectSigned(await pages('/api/reports/finals-sheet?class=5b&format=pdf', deputy), SIGNED);
  });

  it("PRINT-2: the archive export's journal.pdf and finals.pdf carry the line too", async () => {
    const out = join(tmp, 'export');
    await exportArchive(server.dataDir, out, { classId: '5b', yearId: '2026' }, { printedBy: 'тест' });
    const dir = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.pdf'));
    expect(dir.length).toBeGreaterThanOrEqual(2);
    for (const f of dir) expectSigned(pageTexts(join(out, f)), SIGNED);
  });

  it('PRINT-2: without a director account the name is a blank to write in by hand', async () => {
    const director = (await server.storage.listUsers()).find((u) => u.roles.includes('director'))!;
    const res = await fetch(`${server.origin}/api/admin/users/${director.id}`, {
      method: 'POST',
      headers: { cookie: admin, origin: server.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ disabled: true }),
    });
    expect(res.status).toBe(200);
    expectSigned(await pages('/api/print/finals?class=5b', admin), BLANK);
  });
});
