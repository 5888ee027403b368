import { unzipSync } from 'fflate';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyArchivePath } from '../../sync-server/archive/archive-zip.ts';
import { exportArchive, listFiles, type Manifest } from '../../sync-server/archive/export.ts';
import { DOWNLOAD_TEMP_PREFIX } from '../../sync-server/http/export-routes.ts';
import { api } from '../helpers/api-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const FILE_NAME = /^attachment; filename="archive-(\w+)-(\w+)-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.zip"$/;

/** ARC-18: the administrator's export downloaded from the browser is the CLI's export, zipped. */
describe('the administrator downloads exports', () => {
  let server: TestServer;
  const http = api(() => server);
  let admin = '';
  let work = '';
  const downloadTemps = () => readdirSync(tmpdir()).filter((f) => f.startsWith(DOWNLOAD_TEMP_PREFIX)).length;
  const download = (query: string, cookie?: string) =>
    server.app.request(`/api/admin/export${query}`, { headers: cookie ? { cookie } : {} });
  /** The zip saved to a file, as the browser does, and its entries. */
  const save = async (res: Response, name: string) => {
    const bytes = new Uint8Array(await res.arrayBuffer());
    const file = join(work, name);
    writeFileSync(file, bytes);
    return { file, entries: unzipSync(bytes) };
  };
  const manifestOf = (entries: Record<string, Uint8Array>) =>
    JSON.parse(Buffer.from(entries['manifest.json']).toString('utf8')) as Manifest;

  beforeAll(async () => {
    server = await startTestServer();
    work = mkdtempSync(join(tmpdir(), 'journal-admin-archive-'));
    admin = await http.login('admin');
    // Signed snapshots first, so the exports hold chains to verify and not only logs.
    const signed = await http.post('/api/admin/snapshots', {}, admin);
    expect(signed.status).toBe(200);
  });
  afterAll(async () => {
    await server.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('ARC-18 the administrator downloads a class-year export as a zip that verifies', async () => {
    const before = downloadTemps();
    const res = await download('?class=5b&year=2026', admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(FILE_NAME);
    expect(FILE_NAME.exec(res.headers.get('content-disposition')!)!.slice(1)).toEqual(['5b', '2026']);
    const { file, entries } = await save(res, 'class.zip');
    expect(verifyArchivePath(file)).toEqual([]);
    expect(manifestOf(entries)).toMatchObject({
      scope: { classId: '5b', yearId: '2026' },
      documents: ['journal/5b/2026', 'school/demo/2026'],
    });
    const snapshots = JSON.parse(Buffer.from(entries['documents/journal/5b/2026/snapshots.json']).toString('utf8')) as unknown[];
    expect(snapshots.length).toBeGreaterThan(0);
    // Exactly the files `npm run export` writes for the same scope, the log byte for byte.
    const cli = join(work, 'cli-5b');
    await exportArchive(server.dataDir, cli, { classId: '5b', yearId: '2026' });
    expect(Object.keys(entries).sort()).toEqual(listFiles(cli).sort());
    const log = 'documents/journal/5b/2026/log.bin';
    expect(Buffer.from(entries[log]).equals(readFileSync(join(cli, log)))).toBe(true);
    // The temporary folder is gone once the zip is sent.
    expect(downloadTemps()).toBe(before);
  });

  it('ARC-18 the administrator downloads the whole school for a year as a zip that verifies', async () => {
    const journals = (await server.storage.listDocuments()).filter((n) => n.startsWith('journal/') && n.endsWith('/2026'));
    expect(journals.length).toBeGreaterThan(1);
    const res = await download('?year=2026', admin);
    expect(res.status).toBe(200);
    expect(FILE_NAME.exec(res.headers.get('content-disposition') ?? '')?.slice(1)).toEqual(['school', '2026']);
    const { file, entries } = await save(res, 'school.zip');
    expect(verifyArchivePath(file)).toEqual([]);
    const manifest = manifestOf(entries);
    expect(manifest.scope).toEqual({ yearId: '2026' });
    expect(manifest.documents.filter((n) => n.startsWith('journal/')).sort()).toEqual(journals.sort());
    for (const j of journals) expect(entries[`documents/${j}/log.bin`]).toBeDefined();
  });

  it('ARC-18 an export needs a session (401) and the administrator (403)', async () => {
    expect((await download('?class=5b&year=2026')).status).toBe(401);
    for (const login of ['teacher', 'deputy', 'director']) {
      const res = await download('?class=5b&year=2026', await http.login(login));
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: string }).error).toBe('Доступно только администратору');
    }
  });

  it('ARC-18 an unknown class or year is a 400 in Russian and nothing is written', async () => {
    const before = downloadTemps();
    const refused = async (query: string) => {
      const res = await download(query, admin);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/json');
      return ((await res.json()) as { error: string }).error;
    };
    expect(await refused('?class=9z&year=2026')).toBe('Неизвестный класс «9z»');
    expect(await refused('?class=9z')).toBe('Неизвестный класс «9z»');
    expect(await refused('?class=5b&year=1999')).toBe('Неизвестный учебный год «1999»');
    expect(await refused('?class=..%2F..%2Fetc&year=2026')).toBe('Неизвестный класс «../../etc»');
    expect(downloadTemps()).toBe(before);
  });
});
