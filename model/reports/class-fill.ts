import type { GroupId } from '../ids.ts';
import { iupModeOn } from '../journal/iup.ts';
import { isEnrolledOn, isInGroup, listStudents } from '../journal/student.ts';
import { groups, staff } from '../school/staff.ts';
import { subjects } from '../school/subject.ts';
import { allAssignments } from '../school/teaching-load.ts';
import { groupLabel } from './class-results.ts';
import { missingJournalNotes, reportClasses } from './report-classes.ts';
import type { ReportDefinition, ReportInput } from './report-context.ts';
import { reportDate } from './report-month.ts';
import type { ReportCell, ReportTable } from './report-table.ts';

const TITLE = 'Наполняемость классов';

const FORMULA = [
  'Учащихся — число учащихся в списке класса сегодня: зачисленных не позже сегодняшнего дня и ещё не выбывших.',
  'Для каждого предмета, по которому класс делится на группы, — число учащихся каждой группы и учитель группы по распределению нагрузки.',
  '«Не распределены» — учащиеся класса, не записанные ни в одну группу этого предмета (строка показывается, только если такие есть).',
  'Группа одного учащегося по индивидуальному учебному плану (ИУП) — не деление класса: она не показывается, а учащийся, который по ИУП занимается по предмету отдельно или не изучает его, не считается нераспределённым.',
  'Итого по школе — сумма учащихся всех классов.',
];

/**
 * REP-11: «Наполняемость классов» — per class: the students on the roster today (STU-1) and
 * its class teacher; under it, for each subject the class is split in (the school year's
 * `groups`), every group's count (STU-2) with its teacher (SCH-5), and the students in none of
 * them, when there are any.
 */
export function classFill(input: ReportInput): ReportTable {
  const list = reportClasses(input);
  const person = (id: string | null | undefined) => (id ? (staff.get(input.school, id)?.name ?? id) : null);
  const load = allAssignments(input.school);
  // IUP-7: a group of one of an individual study plan is no split of the class.
  const allGroups = groups.all(input.school).filter(([, g]) => g.iupStudentId === undefined);
  const rows: Array<Record<string, ReportCell>> = [];
  let total = 0;
  let counted = 0;
  for (const { classId, cls, journal } of list) {
    const roster = journal ? listStudents(journal).filter((s) => isEnrolledOn(s, input.today)) : null;
    rows.push({ class: cls.name, group: 'Весь класс', students: roster?.length ?? null, teacher: person(cls.classTeacherId) });
    if (!roster) continue;
    total += roster.length;
    counted++;
    const split = new Map<string, Array<[string, (typeof allGroups)[number][1]]>>();
    for (const [id, g] of allGroups) if (g.classId === classId) split.set(g.subjectId, [...(split.get(g.subjectId) ?? []), [id, g]]);
    const bySubjectName = [...split.entries()].sort(([a], [b]) =>
      (subjects.get(input.school, a)?.name ?? a).localeCompare(subjects.get(input.school, b)?.name ?? b, 'ru'),
    );
    for (const [subjectId, subjectGroups] of bySubjectName) {
      const subject = subjects.get(input.school, subjectId)?.name ?? subjectId;
      subjectGroups.sort(([, a], [, b]) => a.name.localeCompare(b.name, 'ru'));
      for (const [groupId, g] of subjectGroups) {
        const teacher = load.find((a) => a.classId === classId && a.subjectId === subjectId && a.groupId === groupId)?.teacherId;
        rows.push({
          class: cls.name,
          group: `${subject}, ${groupLabel(g.name)}`,
          students: roster.filter((s) => isInGroup(s, groupId as GroupId, input.today, subjectId)).length,
          teacher: person(teacher),
        });
      }
      const none = roster.filter(
        (s) =>
          iupModeOn(s.iup, subjectId, input.today) === null &&
          !subjectGroups.some(([id]) => isInGroup(s, id as GroupId, input.today, subjectId)),
      ).length;
      if (none > 0) rows.push({ class: cls.name, group: `${subject}: не распределены по группам`, students: none, teacher: null });
    }
  }
  if (counted > 1) rows.push({ class: 'Итого по школе', group: `классов: ${counted}`, students: total, teacher: null });
  const notes = missingJournalNotes(list);
  return {
    kind: 'class-fill',
    title: TITLE,
    scope: `${input.params.classId && list.length === 1 ? list[0].cls.name : 'Вся школа'} · на ${reportDate(input.today)}`,
    columns: [
      { key: 'class', title: 'Класс' },
      { key: 'group', title: 'Класс или группа' },
      { key: 'students', title: 'Учащихся', format: 'count' },
      { key: 'teacher', title: 'Классный руководитель / учитель группы' },
    ],
    rows,
    formula: FORMULA,
    notes: notes.length > 0 ? notes : undefined,
  };
}

export const classFillReport: ReportDefinition = {
  kind: 'class-fill',
  title: TITLE,
  needs: [],
  build: classFill,
};
