import type * as Y from 'yjs';
import { listStudents, type ClassId, type Role } from '../../model/index.ts';
import type { StudentLink } from '../storage/port.ts';

/** The demo's family logins, beside the staff's: a parent and a student of 5Б (password «demo»). */
export const DEMO_FAMILY_LOGINS = ['parent', 'student'] as const;

export interface DemoFamilyUser {
  id: string;
  login: (typeof DEMO_FAMILY_LOGINS)[number];
  name: string;
  roles: Role[];
  studentLinks: StudentLink[];
}

/** «Петров» → «Петрова», «Зимний» → «Зимняя»: the mother's surname from her son's. */
function feminine(surname: string): string {
  if (/(ов|ев|ёв|ин|ын)$/.test(surname)) return `${surname}а`;
  if (surname.endsWith('ий')) return `${surname.slice(0, -2)}ая`;
  return surname;
}

/**
 * The demo's family accounts, so that a person trying the app sees the diary: the first 5Б
 * student on the roster for the whole year, and their mother. Null when the class is missing.
 */
export function demoFamilyUsers(journals: ReadonlyMap<ClassId, Y.Doc>): DemoFamilyUser[] {
  const classId = '5b' as ClassId;
  const journal = journals.get(classId);
  const student = journal ? listStudents(journal).find((s) => s.enrolledOn === null && s.leftOn === null) : undefined;
  if (!student) return [];
  const link = { classId, studentId: student.id };
  const [surname] = student.name.split(' ');
  const girl = /(а|я)$/.test(surname) || /(на|ва)$/.test(student.name);
  return [
    {
      id: 'u-parent',
      login: 'parent',
      name: `${girl ? surname : feminine(surname)} Анна Викторовна`,
      roles: ['parent'],
      studentLinks: [link],
    },
    { id: 'u-student', login: 'student', name: student.name, roles: ['student'], studentLinks: [link] },
  ];
}
