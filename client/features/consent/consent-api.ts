import type { ConsentKind, ConsentState } from '../../../model/index.ts';
import { apiCall, type Result } from '../../state/api-call.ts';

export interface OwnConsents {
  state: ConsentState;
  register: Array<{ kind: ConsentKind; given: boolean; at: number }>;
  /** The address the family gave the school, masked; null when it has none. */
  email: string | null;
  emailOn: boolean;
}

export interface ClassConsents {
  className: string;
  rows: Array<{
    studentId: string;
    studentName: string;
    parents: Array<{ name: string; state: ConsentState }>;
    extract: 'refused' | 'no-answer' | null;
    extractHref: string;
  }>;
  register: Array<{ name: string; kind: ConsentKind; given: boolean; at: number }>;
}

const OFFLINE = 'Нет связи с сервером: согласия хранит школа, их можно дать или отозвать при подключении.';

export const loadOwnConsents = (): Promise<Result<OwnConsents>> => apiCall('GET', '/api/consent', undefined, OFFLINE);
export const setConsent = (kind: ConsentKind, given: boolean): Promise<Result<OwnConsents>> =>
  apiCall('POST', '/api/consent', { kind, given }, OFFLINE);
export const loadClassConsents = (classId: string): Promise<Result<ClassConsents>> =>
  apiCall('GET', `/api/classes/${encodeURIComponent(classId)}/consents`, undefined, OFFLINE);
