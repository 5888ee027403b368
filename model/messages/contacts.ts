import type * as Y from 'yjs';
import { WHOLE_CLASS, type ClassId, type UserId } from '../ids.ts';
import { classes, staff } from '../school/staff.ts';
import { subjects } from '../school/subject.ts';
import { loadOfClass } from '../school/teaching-load.ts';

/** A person of the school a family may write to, as the family sees them: a name and a role, nothing else. */
export interface Contact {
  userId: string;
  name: string;
  /** «классный руководитель 5Б, русский язык», «математика», «заместитель директора». */
  label: string;
  kind: 'class-teacher' | 'teacher' | 'administration';
}

/** The administration the school has accounts for (deputies, the director), read by the server from its users. */
export interface AdministrationMember {
  userId: string;
  name: string;
  role: 'deputy' | 'director';
}

const ADMIN_LABEL: Record<AdministrationMember['role'], string> = { deputy: 'заместитель директора', director: 'директор' };

/**
 * MSG-10: whom a student of `classId` (in the groups `studentGroups`), or their parent, may write
 * to: the class teacher, every teacher of a subject the student has in that class (the whole class
 * or one of their groups, by the teaching load), and the administration. The one list both
 * directions read: a teacher may start a conversation with a family exactly when the family could
 * start it with them (`mayConverse`).
 */
export function familyContacts(
  school: Y.Doc,
  classId: string,
  studentGroups: readonly string[],
  administration: readonly AdministrationMember[],
): Contact[] {
  const schoolClass = classes.get(school, classId as ClassId);
  const bySubject = new Map<string, string[]>();
  for (const a of loadOfClass(school, classId as ClassId)) {
    if (a.groupId !== WHOLE_CLASS && !studentGroups.includes(a.groupId)) continue;
    const subject = lowerFirst(subjects.get(school, a.subjectId)?.name ?? a.subjectId);
    const list = bySubject.get(a.teacherId) ?? [];
    if (!list.includes(subject)) list.push(subject);
    bySubject.set(a.teacherId, list);
  }
  const nameOf = (id: string) => staff.get(school, id as UserId)?.name ?? id;
  const out: Contact[] = [];
  const classTeacher = schoolClass?.classTeacherId ?? null;
  if (classTeacher) {
    const own = bySubject.get(classTeacher) ?? [];
    const label = [`классный руководитель ${schoolClass!.name}`, ...own].join(', ');
    out.push({ userId: classTeacher, name: nameOf(classTeacher), label, kind: 'class-teacher' });
  }
  const teachers = [...bySubject].filter(([id]) => id !== classTeacher);
  teachers.sort((a, b) => a[1][0].localeCompare(b[1][0], 'ru'));
  for (const [id, list] of teachers) out.push({ userId: id, name: nameOf(id), label: list.join(', '), kind: 'teacher' });
  for (const a of administration) {
    if (out.some((c) => c.userId === a.userId)) continue;
    out.push({ userId: a.userId, name: a.name, label: ADMIN_LABEL[a.role], kind: 'administration' });
  }
  return out;
}

/** «Математика» → «математика»; «ОБЗР» and «…народов России» stay as written. */
const lowerFirst = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s[0].toLowerCase() + s.slice(1) : s);

/** MSG-10: whether this family may talk with `staffUserId` (and that staff member with them). */
export function mayConverse(contacts: readonly Contact[], staffUserId: string): boolean {
  return contacts.some((c) => c.userId === staffUserId);
}
