import type * as Y from 'yjs';
import { addDays } from '../dates.ts';
import type { GroupId, IsoDate, StudentId, SubjectId } from '../ids.ts';
import { closedPeriodAt } from '../school/closures.ts';
import { formatDay } from '../school/lesson-words.ts';
import { periodsForGrade, readSchoolMeta } from '../school/school-year.ts';
import { groups as groupRecords } from '../school/staff.ts';
import { readJournalMeta } from './journal-doc.ts';
import { countStudentEntries } from './student-entries.ts';
import { groupsOn, isEnrolledOn, listStudents, setStudentField, type GroupSpell } from './student.ts';

/**
 * STU-8: a student changes groups only at a period's end (DOMAIN: «only at a period's end, by
 * the administrator»): the dates a group transfer may carry are the first day after the end of
 * each study period of the grade, inside the school year.
 */
export function groupTransferDates(school: Y.Doc, grade: number): IsoDate[] {
  const meta = readSchoolMeta(school);
  if (!meta) return [];
  const dates = periodsForGrade(school, grade)
    .map(([, p]) => addDays(p.endsOn, 1))
    .filter((d) => d > meta.startsOn && d <= meta.endsOn);
  return [...new Set(dates)].sort();
}

export interface GroupTransfer {
  studentId: StudentId;
  /** The group of one subject the student moves into. */
  toGroupId: GroupId;
  /** The first day in the new group: one of `groupTransferDates`. */
  date: IsoDate;
}

/**
 * STU-8: why a group transfer is refused, or null: the date is the first day after a period's
 * end (any other date is refused, naming the allowed ones), not in a closed period, and not
 * before an earlier transfer of the student; the group is one of the class's; the student is on
 * the roster that day and not already in it; and nothing is recorded for the student in their
 * old group of that subject from that day on (it would leave the page).
 */
export function checkGroupTransfer(school: Y.Doc, journal: Y.Doc, r: GroupTransfer): string | null {
  const jm = readJournalMeta(journal);
  if (!jm) return 'Журнал класса ещё не загружен';
  const allowed = groupTransferDates(school, jm.grade);
  if (!allowed.includes(r.date)) {
    const list = allowed.map(formatDay).join(', ');
    return `Перевести в другую группу можно только с первого дня после окончания учебного периода${list ? `: ${list}` : ''}`;
  }
  const closed = closedPeriodAt(school, jm.classId, jm.grade, r.date);
  if (closed) return `Период «${closed[1].name}» закрыт: перевод в нём не вносится`;
  const group = groupRecords.get(school, r.toGroupId);
  if (!group || group.classId !== jm.classId) return 'Нет такой группы в этом классе';
  const s = listStudents(journal).find((x) => x.id === r.studentId);
  if (!s) return 'Такого ученика нет в списке класса';
  if (!isEnrolledOn(s, r.date)) return `Ученика нет в списке класса ${formatDay(r.date)}`;
  const last = s.groupHistory?.at(-1)?.until;
  if (last && r.date < last) return `У ученика уже есть перевод с ${formatDay(last)}: более ранний перевод не вносится`;
  const before = groupsOn(s, r.date);
  if (before.includes(r.toGroupId)) return `Ученик уже в группе «${group.name}»`;
  for (const old of subjectGroups(school, before, group.subjectId)) {
    const n = countStudentEntries(journal, s.id, { from: r.date, subjectId: group.subjectId as SubjectId, groupId: old });
    if (n > 0) {
      const name = groupRecords.get(school, old)?.name ?? old;
      return `У ученика уже есть записи в группе «${name}» с ${formatDay(r.date)} (${n}): перевод с этой даты их скроет`;
    }
  }
  return null;
}

/** The groups of `ids` that belong to a subject. */
function subjectGroups(school: Y.Doc, ids: readonly GroupId[], subjectId: string): GroupId[] {
  return ids.filter((id) => groupRecords.get(school, id)?.subjectId === subjectId);
}

/**
 * STU-8: writes a group transfer: the groups held until the day before become a spell of the
 * student's group history, and their groups from the date on are the old ones with the
 * subject's group replaced. Throws the STU-8 reason when refused.
 */
export function transferToGroup(school: Y.Doc, journal: Y.Doc, r: GroupTransfer): void {
  const reason = checkGroupTransfer(school, journal, r);
  if (reason) throw new Error(reason);
  const s = listStudents(journal).find((x) => x.id === r.studentId)!;
  const subjectId = groupRecords.get(school, r.toGroupId)!.subjectId;
  const history: GroupSpell[] = [...(s.groupHistory ?? [])];
  if (history.at(-1)?.until !== r.date) history.push({ until: r.date, groups: [...s.groups] });
  const next = [...s.groups.filter((g) => !subjectGroups(school, [g], subjectId).length), r.toGroupId];
  setStudentField(journal, s.id, 'groupHistory', history);
  setStudentField(journal, s.id, 'groups', next);
}
