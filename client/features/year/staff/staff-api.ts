import type { Role } from '../../../../model/index.ts';
import { apiCall, type Result } from '../../../state/api-call.ts';

/** What `POST /api/staff` answers: the new account, and its activation code for the administrator (null for the deputy). */
export interface AddedStaff {
  staff: { userId: string; login: string; name: string };
  code: string | null;
  expiresAt?: number;
}

/** SETUP-32: adds a staff member (account and staff record of the school year); needs the network. */
export const addStaff = (spec: { name: string; roles: Role[]; login: string }): Promise<Result<AddedStaff>> =>
  apiCall<AddedStaff>('POST', '/api/staff', spec, 'Нет связи с сервером: нового сотрудника можно добавить только при подключении к сети.');
