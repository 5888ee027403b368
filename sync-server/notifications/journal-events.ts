import type * as Y from 'yjs';
import {
  formatMark,
  formatRuDate,
  isFinalValue,
  listStudents,
  markFromTuple,
  parseChangePath,
  parseLessonId,
  periods,
  subjects,
  type MarkValue,
  type PeriodId,
  type SubjectId,
} from '../../model/index.ts';
import type { ChangeRow } from '../storage/port.ts';

/** A new or changed mark or final, or a teacher's note, of one student, told to that student's family (NOTIF-2). */
export interface StudentEvent {
  kind: 'mark' | 'final' | 'note';
  studentId: string;
  title: string;
  text: string;
}

const PERIOD_NAMES: Readonly<Record<string, string>> = { year: 'год', exam: 'экзамен', final: 'итоговая' };

/** The student a mark's, a final's or a note's change row is about, from its path alone (null for anything else). */
export function studentOfChange(path: string): string | null {
  const slash = path.indexOf('/');
  const parsed = parseChangePath(path.slice(0, slash), path.slice(slash + 1));
  return parsed.kind === 'mark' || parsed.kind === 'final' || parsed.kind === 'note' ? parsed.studentId : null;
}

/**
 * NOTIF-2: the marks and finals a journal commit gave (a value set or changed, not a removal),
 * as one line each for the family of the student it belongs to — and only that student: each
 * event names its one student, never the class (NOTIF-6).
 */
export function studentEventsOf(changes: readonly ChangeRow[], journal: Y.Doc, school: Y.Doc): StudentEvent[] {
  const out: StudentEvent[] = [];
  let names: Map<string, string> | null = null;
  const nameOf = (id: string) => (names ??= new Map(listStudents(journal).map((s) => [s.id as string, s.name]))).get(id) ?? '';
  const subjectName = (id: string) => subjects.get(school, id as SubjectId)?.name ?? id;
  for (const c of changes) {
    const slash = c.path.indexOf('/');
    const [map, key] = [c.path.slice(0, slash), c.path.slice(slash + 1)];
    if (map === 'marks') {
      const [lessonId, studentId] = key.split(':');
      const mark = markFromTuple(c.newValue);
      const lesson = parseLessonId(lessonId);
      if (!mark || !lesson || !studentId) continue;
      const was = markFromTuple(c.oldValue);
      out.push({
        kind: 'mark',
        studentId,
        title: was ? 'Исправлена отметка' : 'Новая отметка',
        text: `${nameOf(studentId)}: ${formatMark(mark.v)} — ${subjectName(lesson.subjectId)}, ${formatRuDate(lesson.date).slice(0, 5)}`,
      });
    } else if (map === 'notes') {
      // NOTIF-2, NOTE-4: that a teacher wrote a note, with the lesson; its text only in the diary, never in an e-mail digest.
      const [lessonId, studentId] = key.split(':');
      const lesson = parseLessonId(lessonId);
      if (typeof c.newValue !== 'string' || c.newValue === '' || !lesson || !studentId) continue;
      out.push({
        kind: 'note',
        studentId,
        title: c.oldValue ? 'Изменено замечание учителя' : 'Замечание учителя',
        text: `${nameOf(studentId)}: ${subjectName(lesson.subjectId)}, ${formatRuDate(lesson.date).slice(0, 5)} — в дневнике`,
      });
    } else if (map === 'finals') {
      const [subjectId, , periodId, studentId] = key.split(':');
      const value = (c.newValue as { v?: unknown } | null)?.v;
      if (!studentId || !isFinalValue(value)) continue;
      const period = periods.get(school, periodId as PeriodId)?.name ?? PERIOD_NAMES[periodId] ?? periodId;
      out.push({
        kind: 'final',
        studentId,
        title: 'Итоговая отметка',
        text: `${nameOf(studentId)}: ${formatMark(value as MarkValue)} — ${subjectName(subjectId)}, ${period}`,
      });
    }
  }
  return out;
}
