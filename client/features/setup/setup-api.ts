import type { Period } from '../../../model/index.ts';
import { apiCall, type Result } from '../../state/api-call.ts';
import { fetchSchoolAbout } from '../login/school-about.ts';

/** The body of `POST /api/setup` (sync-server/setup/new-school.ts). */
export interface NewSchoolForm {
  code?: string;
  schoolName: string;
  startsOn: string;
  endsOn: string;
  periods: Array<Period & { id: string }>;
  admin: { name: string; login: string; password: string };
}

export const createSchool = (form: NewSchoolForm): Promise<Result<{ ok: true; login: string }>> =>
  apiCall('POST', '/api/setup', form, 'Нет связи с сервером. Проверьте, что он запущен.');

/**
 * After the setup the server stops the setup page and starts the journal on the same address:
 * resolves once the journal answers (its `/api/about` has no open setup).
 */
export async function waitForJournal(): Promise<void> {
  for (;;) {
    const about = await fetchSchoolAbout();
    if (about && !about.setup) return;
    await new Promise((r) => setTimeout(r, 300));
  }
}
