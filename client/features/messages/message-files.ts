import type { MessageFile } from '../../../model/messages/conversation-doc.ts';

/** MSG-8: the server's limit, checked here too so that a phone does not upload 20 MB to hear «no». */
export const MESSAGE_FILE_MAX_BYTES = 5 * 1024 * 1024;
export const FILE_TOO_LARGE = 'Файл больше 5 МБ: сервер его не принял. Прикрепите файл поменьше.';

/** Uploads one attachment for the conversation; the server's Russian error when it refuses. */
export async function uploadFile(
  conversationId: string,
  file: File,
): Promise<{ ok: true; file: MessageFile } | { ok: false; error: string }> {
  if (file.size > MESSAGE_FILE_MAX_BYTES) return { ok: false, error: FILE_TOO_LARGE };
  let res: Response;
  try {
    res = await fetch(`/api/message-files/${conversationId}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': file.type || 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) },
      body: file,
    });
  } catch {
    return { ok: false, error: 'Нет связи с сервером: файл можно прикрепить, когда связь вернётся.' };
  }
  const json = (await res.json().catch(() => null)) as (MessageFile & { error?: string }) | null;
  if (!res.ok || !json) return { ok: false, error: json?.error ?? `Сервер ответил ошибкой (код ${res.status}).` };
  return { ok: true, file: json };
}

export const fileHref = (conversationId: string, fileId: string) => `/api/message-files/${conversationId}/${fileId}`;

/** «12 КБ», «1,5 МБ». */
export function fileSizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} МБ` : `${Math.max(1, Math.ceil(bytes / 1024))} КБ`;
}
