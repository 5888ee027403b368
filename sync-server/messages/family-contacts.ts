import type * as Y from 'yjs';
import { classes, journalDocName, listStudents, type ClassId, type YearId } from '../../model/index.ts';
import { familyContacts, type AdministrationMember, type Contact } from '../../model/messages/contacts.ts';
import type { StudentLink, UserRecord } from '../storage/port.ts';

/** What the contacts are read from: the school year, a class's journal (the student's groups), the staff accounts. */
export interface ContactSources {
  schoolDoc(): Promise<Y.Doc>;
  yearId: string;
  journal(name: string): Promise<Y.Doc | null>;
  users(): Promise<UserRecord[]>;
}

/** A student as a family's contacts list names them. */
export interface StudentContacts {
  studentId: string;
  classId: string;
  studentName: string;
  className: string;
  contacts: Contact[];
}

/** MSG-10: the contacts of one student's family, from the teaching load, the class and the administration's accounts. */
export async function contactsOfStudent(src: ContactSources, link: StudentLink): Promise<StudentContacts> {
  const school = await src.schoolDoc();
  const journal = await src.journal(journalDocName(link.classId as ClassId, src.yearId as YearId));
  const student = journal ? listStudents(journal).find((s) => s.id === link.studentId) : undefined;
  const administration: AdministrationMember[] = (await src.users())
    .filter((u) => !u.disabled && (u.roles.includes('deputy') || u.roles.includes('director')))
    .map((u) => ({ userId: u.id, name: u.name, role: u.roles.includes('director') ? 'director' : 'deputy' }));
  return {
    studentId: link.studentId,
    classId: link.classId,
    studentName: student?.name ?? '',
    className: classes.get(school, link.classId as ClassId)?.name ?? '',
    contacts: familyContacts(school, link.classId, student?.groups ?? [], administration),
  };
}

/** MSG-5: how a family account is shown to staff: whose parent (or which student) it is, never a contact. */
export function familyLabel(user: Pick<UserRecord, 'roles'>, s: Pick<StudentContacts, 'studentName' | 'className'>): string {
  return user.roles.includes('parent') ? `родитель: ${s.studentName}, ${s.className}` : `ученик ${s.className}`;
}
