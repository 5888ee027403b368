import { studentLinksOf } from '../auth/student-links.ts';
import type { Storage, UserRecord } from '../storage/port.ts';

/** Names compared as people write them: case, «ё» and spacing aside. */
const sameName = (a: string, b: string) => {
  const norm = (s: string) => s.toLocaleLowerCase('ru').replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
};

/**
 * NOTIF-7: the e-mail a parent's notifications go to — the address the family gave the school
 * (the class teacher's or the import's contacts, STU-9), of the parent of that name on one of the
 * account's children's records. Never typed into the account itself, and never shown to a teacher:
 * "delivery only to contacts the parents gave". Null when the school has none for this parent.
 */
export async function parentEmail(storage: Pick<Storage, 'listStudentPersonal'>, user: UserRecord): Promise<string | null> {
  if (!user.roles.includes('parent')) return null;
  for (const link of studentLinksOf(user)) {
    const records = await storage.listStudentPersonal({ classId: link.classId });
    const record = records.find((r) => r.studentId === link.studentId);
    const parent = record?.parents.find((p) => p.email !== '' && sameName(p.name, user.name));
    if (parent) return parent.email;
  }
  return null;
}

/** «a***@mail.ru»: enough for the parent to recognise their address, not to read it over a shoulder. */
export function maskEmail(email: string): string {
  const [local, domain] = email.split('@');
  return `${local.slice(0, 1)}***@${domain ?? ''}`;
}
