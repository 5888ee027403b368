import type * as Y from 'yjs';
import type { ClassId, GroupId, UserId } from '../ids.ts';
import { IUP_EXEMPT, type IupPlan } from '../journal/iup.ts';
import { listStudents, type Student } from '../journal/student.ts';
import { classes, groups, staff } from '../school/staff.ts';
import { subjects } from '../school/subject.ts';
import { allAssignments } from '../school/teaching-load.ts';

/** One subject of a listed plan: taught alone (its group and teacher) or not studied. */
export interface IupListSubject {
  subjectId: string;
  subject: string;
  mode: 'individual' | 'exempt';
  groupId: GroupId | null;
  group: string | null;
  /** The teacher of the group of one by the teaching load (SCH-5); null while none is named. */
  teacherId: UserId | null;
  teacher: string | null;
}

/** One student on an individual study plan. */
export interface IupListRow {
  classId: ClassId;
  className: string;
  student: Student;
  plan: IupPlan;
  subjects: IupListSubject[];
}

/**
 * IUP-9: «Списки обучающихся по индивидуальным учебным планам» — every student of the given
 * class journals who has a plan (IUP-1), by class (grade, then name) and roster order (STU-3),
 * with the plan's days and basis and, per subject by name, whether they study it alone (the
 * group of one and its teacher from the load) or not at all.
 */
export function iupList(school: Y.Doc, journals: ReadonlyMap<ClassId, Y.Doc>): IupListRow[] {
  const load = allAssignments(school);
  const person = (id: UserId | undefined) => (id ? (staff.get(school, id)?.name ?? id) : null);
  const ordered = [...journals.keys()]
    .map((id) => [id, classes.get(school, id)] as const)
    .sort(([a, x], [b, y]) => (x?.grade ?? 0) - (y?.grade ?? 0) || (x?.name ?? a).localeCompare(y?.name ?? b, 'ru'));
  const rows: IupListRow[] = [];
  for (const [classId, cls] of ordered) {
    for (const student of listStudents(journals.get(classId)!)) {
      const plan = student.iup;
      if (!plan) continue;
      const list = Object.entries(plan.subjects).map(([subjectId, mode]): IupListSubject => {
        const subject = subjects.get(school, subjectId)?.name ?? subjectId;
        if (mode === IUP_EXEMPT) return { subjectId, subject, mode: 'exempt', groupId: null, group: null, teacherId: null, teacher: null };
        const teacherId = load.find((a) => a.classId === classId && a.subjectId === subjectId && a.groupId === mode)?.teacherId ?? null;
        const group = groups.get(school, mode)?.name ?? mode;
        return { subjectId, subject, mode: 'individual', groupId: mode, group, teacherId, teacher: person(teacherId ?? undefined) };
      });
      list.sort((a, b) => a.subject.localeCompare(b.subject, 'ru'));
      rows.push({ classId, className: cls?.name ?? classId, student, plan, subjects: list });
    }
  }
  return rows;
}
