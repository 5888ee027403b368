import type * as Y from 'yjs';
import {
  ABSENCE_REASONS,
  formatAbsence,
  formatMark,
  isAbsenceMark,
  isAbsenceReason,
  isFinalValue,
  ktpItems,
  listStudents,
  markFromTuple,
  parseChangePath,
  parseDocName,
  periods,
  workTypes,
  YEAR_FINAL,
  EXAM_FINAL,
  LEAVING_FINAL,
  type IsoDate,
} from '../../../model/index.ts';
import { className, groupName, staffName, subjectName } from '../shared/school-names.ts';

/**
 * A refused change as a teacher reads it: what it was (the mark «5», «н», the topic's text),
 * and where (class, subject, date, student). Computed when the change is refused, while the
 * documents are open, and stored with it, so the «Не принято» list reads the same offline.
 */
export interface ChangeDescription {
  className: string;
  subjectName: string;
  date: IsoDate | null;
  slot: number | null;
  studentName: string;
  /** «отметка», «посещаемость», «тема урока»… */
  what: string;
  valueText: string;
}

const LESSON_FIELD_NAMES: Record<string, string> = {
  topic: 'тема урока',
  homework: 'домашнее задание',
  ktpItemId: 'тема из КТП',
  workType: 'вид работы',
  substitute: 'отметка о замене',
  attendanceChecked: 'посещаемость отмечена',
};
const STUDENT_FIELD_NAMES: Record<string, string> = {
  name: 'ФИО ученика',
  groups: 'группы ученика',
  enrolledOn: 'дата зачисления',
  leftOn: 'дата выбытия',
  iup: 'индивидуальный учебный план',
};

const REMOVAL = 'удаление';
const shorten = (s: string) => (s.length > 140 ? `${s.slice(0, 139)}…` : s);

/**
 * Describes `path` (`map/key`) of document `docName` with the value that was written.
 * Works with whatever is at hand: without the documents, ids stand in for names.
 */
export function describeChange(
  docName: string,
  path: string | undefined,
  value: unknown,
  school: Y.Doc | null,
  journal: Y.Doc | null,
): ChangeDescription {
  const parsedDoc = parseDocName(docName);
  const classId = parsedDoc?.kind === 'journal' ? parsedDoc.classId : '';
  const out: ChangeDescription = {
    className: school && classId ? className(school, classId) : classId,
    subjectName: '',
    date: null,
    slot: null,
    studentName: '',
    what: 'изменение',
    valueText: value === undefined ? '' : value === null ? REMOVAL : shorten(JSON.stringify(value)),
  };
  if (!path) return out;
  const slash = path.indexOf('/');
  const p = parseChangePath(path.slice(0, slash), path.slice(slash + 1));
  const studentName = (id: string) => (journal ? listStudents(journal).find((s) => s.id === id)?.name : undefined) ?? id;
  const subject = (subjectId: string, groupId: string) => {
    if (!school) return subjectId;
    const g = groupName(school, groupId);
    return subjectName(school, subjectId) + (g ? ` (${g})` : '');
  };
  const removing = value === null || value === undefined;
  // A mark, an absence or a note: one student in one lesson.
  const studentLesson = (
    q: { lesson: { subjectId: string; groupId: string; date: IsoDate; slot: number }; studentId: string },
    what: string,
    valueText: string,
  ) => ({
    ...out,
    subjectName: subject(q.lesson.subjectId, q.lesson.groupId),
    date: q.lesson.date,
    slot: q.lesson.slot,
    studentName: studentName(q.studentId),
    what,
    valueText,
  });

  switch (p.kind) {
    case 'mark': {
      const m = markFromTuple(value);
      return studentLesson(p, 'отметка', removing ? REMOVAL : m ? formatMark(m.v) : out.valueText);
    }
    case 'attendance':
      return studentLesson(p, 'посещаемость', removing ? REMOVAL : isAbsenceMark(value) ? formatAbsence(value) : out.valueText);
    case 'note':
      // NOTE-1: a teacher's note to the family.
      return studentLesson(p, 'замечание родителям', removing ? REMOVAL : typeof value === 'string' ? shorten(value) : out.valueText);
    case 'lesson': {
      let text = out.valueText;
      if (!removing && typeof value === 'string') {
        if (p.field === 'workType' && school) text = workTypes.get(school, value)?.name ?? value;
        else if (p.field === 'ktpItemId' && school) text = ktpItems.get(school, value)?.title ?? value;
        else if (p.field === 'substitute' && school) text = staffName(school, value);
        else text = value === '' ? '(пусто)' : shorten(value);
      } else if (p.field === 'attendanceChecked' && value === true) text = 'да';
      return {
        ...out,
        subjectName: subject(p.lesson.subjectId, p.lesson.groupId),
        date: p.lesson.date,
        slot: p.lesson.slot,
        what: LESSON_FIELD_NAMES[p.field] ?? p.field,
        valueText: text,
      };
    }
    case 'reason':
      return {
        ...out,
        date: p.date,
        studentName: studentName(p.studentId),
        what: 'причина пропуска',
        valueText: removing ? REMOVAL : isAbsenceReason(value) ? `${value} — ${ABSENCE_REASONS[value]}` : out.valueText,
      };
    case 'final': {
      const v = typeof value === 'object' && value !== null ? (value as { v?: unknown }).v : undefined;
      const period = school ? periods.get(school, p.periodId)?.name : undefined;
      return {
        ...out,
        subjectName: subject(p.subjectId, p.groupId),
        studentName: studentName(p.studentId),
        // FIN-3: the year final is kept under the period id `year`, which is no study period.
        // FIN-7, FIN-8: the exam's mark and the итоговая likewise.
        what:
          p.periodId === YEAR_FINAL
            ? 'годовая отметка'
            : p.periodId === EXAM_FINAL
              ? 'экзаменационная отметка'
              : p.periodId === LEAVING_FINAL
                ? 'итоговая отметка (за уровень образования)'
                : `итоговая отметка${period ? ` за ${period}` : ''}`,
        valueText: removing ? REMOVAL : isFinalValue(v) ? formatMark(v) : out.valueText,
      };
    }
    case 'student':
      return {
        ...out,
        studentName: studentName(p.studentId),
        what: STUDENT_FIELD_NAMES[p.field] ?? p.field,
        valueText: typeof value === 'string' ? shorten(value) : out.valueText,
      };
    case 'remark':
      return { ...out, what: 'замечание', valueText: typeof value === 'string' ? shorten(value) : out.valueText };
    default:
      return out;
  }
}

/** «5Б · Математика · 12.11, 2-й урок · Иванов Пётр»: where a refused change belongs. */
export function whereText(d: ChangeDescription, formatDate: (date: IsoDate) => string): string {
  const parts = [
    d.className,
    d.subjectName,
    d.date ? `${formatDate(d.date)}${d.slot !== null ? `, ${d.slot}-й урок` : ''}` : '',
    d.studentName,
  ];
  return parts.filter(Boolean).join(' · ');
}
