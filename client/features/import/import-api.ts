import { apiCall, type Result } from '../../state/api-call.ts';

export interface ImportKindInfo {
  kind: string;
  title: string;
  columns: Array<{ key: string; title: string; required: boolean; example: string }>;
}

export interface ImportIssue {
  row: number;
  column?: string;
  message: string;
}

export interface PreviewRow {
  row: number;
  status: 'new' | 'changed' | 'same' | 'error';
  cells: Record<string, string>;
}

/** The server's row report of an import (a dry run or the import itself). */
export interface ImportReport {
  ok: boolean;
  applied: boolean;
  dryRun: boolean;
  fileName: string;
  rows: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  preview: PreviewRow[];
  columns: Array<{ key: string; title: string }>;
  summary: { new: number; changed: number; same: number; error: number };
}

const OFFLINE = 'Импорт и выгрузка работают только при связи с сервером.';

export const listImportKinds = () => apiCall<{ kinds: ImportKindInfo[]; maxBytes: number }>('GET', '/api/import/kinds', undefined, OFFLINE);

export const templateUrl = (kind: string, format: 'csv' | 'xlsx') => `/api/import/${kind}/template?format=${format}`;
export const exportUrl = (kind: string, format: 'csv' | 'xlsx') => `/api/export/${kind}?format=${format}`;

/**
 * Sends the file as a form (field `file`): with `dryRun` the server only checks it and answers
 * the preview; without, it applies it whole or not at all. A report with errors (422) or a
 * refused size (413) is still a report; anything else is the server's error message.
 */
export async function sendImport(kind: string, file: File, dryRun: boolean): Promise<Result<ImportReport>> {
  const form = new FormData();
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(`/api/import/${kind}${dryRun ? '?dryRun=1' : ''}`, { method: 'POST', credentials: 'same-origin', body: form });
  } catch {
    return { ok: false, error: OFFLINE };
  }
  const json = (await res.json().catch(() => null)) as (ImportReport & { error?: string }) | null;
  if (json && Array.isArray(json.errors) && (res.ok || res.status === 413 || res.status === 422)) return { ok: true, value: json };
  return { ok: false, error: json?.error ?? `Сервер ответил ошибкой (код ${res.status}).` };
}
