import { apiCall, type Result } from '../../state/api-call.ts';

export interface BoardEntry {
  scope: string;
  name: string;
  title: string;
  right: 'post' | 'read';
}

export interface ReaderRow {
  classId: string;
  className: string;
  studentId: string;
  studentName: string;
  accounts: Array<{ role: 'parent' | 'student'; name: string; readAt: number | null }>;
}

const OFFLINE = 'Нет связи с сервером: объявления на доске видны, а писать, комментировать и смотреть прочитавших можно при подключении.';
const call = <T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<Result<T>> => apiCall<T>(method, url, body, OFFLINE);
const postUrl = (scope: string, postId: string, what: string) => `/api/boards/${scope}/posts/${postId}/${what}`;

export const loadBoards = () => call<{ boards: BoardEntry[] }>('GET', '/api/boards');
export const publishPost = (scope: string, p: { title: string; text: string; pinned: boolean; comments: boolean }) =>
  call<unknown>('POST', `/api/boards/${scope}/posts`, p);
export const changePost = (scope: string, postId: string, patch: { pinned?: boolean; comments?: boolean }) =>
  call<unknown>('POST', postUrl(scope, postId, 'settings'), patch);
export const sendComment = (scope: string, postId: string, text: string) =>
  call<unknown>('POST', postUrl(scope, postId, 'comments'), { text });
export const markRead = (scope: string, postId: string) => call<unknown>('POST', postUrl(scope, postId, 'read'), {});
export const loadReaders = (scope: string, postId: string) =>
  call<{ className: string | null; rows: ReaderRow[] }>('GET', postUrl(scope, postId, 'readers'));
