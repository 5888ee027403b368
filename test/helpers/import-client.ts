import { tableCsv } from '../../sync-server/import/write-table.ts';
import { docContent } from '../model/import-fixture.ts';
import { loadStoredDoc } from './demo-facts.ts';
import type { TestServer } from './test-server.ts';

export interface ImportAnswer {
  status: number;
  ok: boolean;
  applied: boolean;
  rows: number;
  errors: Array<{ row: number; column?: string; message: string }>;
  warnings: Array<{ row: number; message: string }>;
  preview: Array<{ row: number; status: string; cells: Record<string, string> }>;
  summary: { new: number; changed: number; same: number; error: number };
  error?: string;
}

/** A table as the CSV file a school would send (UTF-8 with BOM, «;»). */
export const csvFile = (rows: string[][]) => new TextEncoder().encode(tableCsv(rows));

/** `POST /api/import/{kind}` over the network: multipart (field `file`) or the raw body. */
export async function postImport(
  server: TestServer,
  cookie: string,
  kind: string,
  bytes: Uint8Array,
  opts: { name?: string; dryRun?: boolean; raw?: boolean; type?: string } = {},
): Promise<ImportAnswer> {
  const name = opts.name ?? `${kind}.csv`;
  const query = new URLSearchParams({ ...(opts.dryRun ? { dryRun: '1' } : {}), ...(opts.raw ? { name } : {}) }).toString();
  let body: BodyInit;
  const headers: Record<string, string> = { cookie, origin: server.origin };
  if (opts.raw) {
    body = new Blob([bytes as BlobPart]);
    headers['content-type'] = opts.type ?? 'text/csv';
  } else {
    const form = new FormData();
    form.append('file', new Blob([bytes as BlobPart]), name);
    body = form;
  }
  const res = await fetch(`${server.origin}/api/import/${kind}${query ? `?${query}` : ''}`, { method: 'POST', headers, body });
  return { status: res.status, ...((await res.json()) as Omit<ImportAnswer, 'status'>) };
}

/** `GET` of a template or an export, as bytes. */
export async function download(
  server: TestServer,
  cookie: string,
  path: string,
): Promise<{ status: number; bytes: Uint8Array; type: string }> {
  const res = await fetch(`${server.origin}${path}`, { headers: { cookie } });
  return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()), type: res.headers.get('content-type') ?? '' };
}

/** Everything stored: each document's content and log length, the accounts, the personal records. */
export async function storedState(server: TestServer) {
  const docs: Record<string, { content: Record<string, unknown>; updates: number }> = {};
  for (const name of await server.storage.listDocuments()) {
    docs[name] = {
      content: docContent(await loadStoredDoc(server.storage, name)),
      updates: (await server.storage.readUpdates(name, 0)).length,
    };
  }
  const users = (await server.storage.listUsers()).map((u) => ({ id: u.id, login: u.login, name: u.name, roles: u.roles }));
  return { docs, users, personal: await server.storage.listStudentPersonal({}) };
}
