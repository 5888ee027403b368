import { apiCall, type Result } from '../../state/api-call.ts';

/** The administrator's archive API (sync-server/http/archive-routes.ts, export-routes.ts), typed for the page. */
export interface BackupInfo {
  name: string;
  /** ISO time the backup was written. */
  createdAt: string;
  bytes: number;
}

/** How the last copy to the server's second place (BACKUP_DIR) went; null when it has none. */
export interface BackupCopyStatus {
  dir: string;
  lastCopied: string | null;
  lastCopiedAt: string | null;
  /** In Russian, for the page; null after a success. */
  error: string | null;
  errorAt: string | null;
}

export interface SignedSnapshotInfo {
  docName: string;
  upToSeq: number;
  sha256: string;
  keyId: string;
  createdAt: number;
}

/** What the export covers: a class or the whole school (no class), of one school year. */
export interface ExportChoice {
  classId: string | null;
  yearId: string;
}

const OFFLINE = 'Нет связи с сервером. Архив и резервные копии хранятся на сервере: нужно подключение к сети.';

const call = <T>(method: 'GET' | 'POST', url: string): Promise<Result<T>> => apiCall<T>(method, url, undefined, OFFLINE);

export const listBackups = () => call<{ backups: BackupInfo[]; copy: BackupCopyStatus | null }>('GET', '/api/admin/backups');

export const createBackup = () => call<{ backup: BackupInfo; copy: BackupCopyStatus | null }>('POST', '/api/admin/backups');

/** ARC-21: one backup as one .tar file, the browser's own download (no copy in memory). */
export const backupDownloadUrl = (name: string) => `/api/admin/backups/${encodeURIComponent(name)}`;

/** A signed snapshot now of every document with something new since its last one (ARC-8). */
export const signSnapshotsNow = () => call<{ snapshots: SignedSnapshotInfo[] }>('POST', '/api/admin/snapshots');

export function exportUrl(choice: ExportChoice): string {
  const q = new URLSearchParams({ year: choice.yearId });
  if (choice.classId) q.set('class', choice.classId);
  return `/api/admin/export?${q.toString()}`;
}

/**
 * The export as a file (ARC-18). Fetched rather than followed as a link, so that a refusal or a
 * lost network is shown on the page in Russian instead of being saved as a file.
 */
export async function fetchExport(choice: ExportChoice): Promise<Result<{ fileName: string; blob: Blob }>> {
  let res: Response;
  try {
    res = await fetch(exportUrl(choice), { credentials: 'same-origin' });
  } catch {
    return { ok: false, error: OFFLINE };
  }
  if (!res.ok) {
    const json = (await res.json().catch(() => null)) as { error?: string } | null;
    return { ok: false, error: json?.error ?? `Сервер ответил ошибкой (код ${res.status}).` };
  }
  const fileName = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'archive.zip';
  try {
    return { ok: true, value: { fileName, blob: await res.blob() } };
  } catch {
    return { ok: false, error: 'Связь с сервером прервалась во время выгрузки. Попробуйте ещё раз.' };
  }
}

/** Hands a downloaded blob to the browser as a file to save. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has taken the file once the click is handled; keep the URL a moment for slow ones.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
