import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  ABSENT_MARK_TEXT,
  ABSENT_MARKS_KEY,
  absentMarkSettings,
  addMark,
  assignTeacher,
  classes,
  lessonId,
  marksOf,
  pageLessons,
  putStudent,
  readAbsence,
  setAbsence,
  subjects,
  timetableRecords,
  WHOLE_CLASS,
  type AbsentMarkPolicy,
  type PlannedLesson,
  type Student,
} from '../../model/index.ts';
import { createCellWriter } from '../../client/features/journal/cell-writer.ts';
import { pageRights, type LessonVerdict } from '../../client/features/journal/page-rights.ts';
import { ALGEBRA, CLASS_7A, d, mark, newJournal, newSchool, sid, uid } from '../model/fixtures.ts';

const DAY = d('2024-09-03');
const L = lessonId(DAY, 2, ALGEBRA, WHOLE_CLASS);
const LESSON: PlannedLesson = { id: L, date: DAY, slot: 2, subjectId: ALGEBRA, groupId: WHOLE_CLASS, substituteId: null } as PlannedLesson;
const student = (id: string): Student => ({ id: sid(id), name: id, groups: [], enrolledOn: null, leftOn: null });
const STUDENTS = ['s1', 's2', 's3', 's4'].map(student);

/** The journal page's writer over a 7А algebra journal, with what it says collected. */
function page(policy: AbsentMarkPolicy = 'warn', blocked: string[] = []) {
  const school = newSchool();
  subjects.set(school, ALGEBRA, { name: 'Алгебра', marking: 'five' });
  absentMarkSettings.set(school, ABSENT_MARKS_KEY, { policy });
  const doc = newJournal();
  for (const s of STUDENTS) putStudent(doc, s);
  const said: Array<string | null> = [];
  const verdict: LessonVerdict = { writable: true, cells: true, asSubstitute: false, marks: true, reason: null, closedPeriod: null };
  const writer = createCellWriter({
    doc,
    school,
    userId: uid('t1'),
    system: () => 'five',
    absentMarks: () => policy,
    verdict: () => verdict,
    workType: () => null,
    cell: (lessonId, studentId) => ({
      marks: marksOf(doc, lessonId, studentId).map((m) => ({ place: m.place, value: m.value, weight: m.weight })),
      absence: readAbsence(doc, lessonId, studentId),
    }),
    canEdit: (_l, s) => !blocked.includes(s.id),
    readOnlyReason: () => 'Ученика нет в списке этой страницы на дату урока.',
    say: (m) => said.push(m),
  });
  let transactions = 0;
  doc.on('afterTransaction', () => transactions++);
  return { doc, writer, said, transactions: () => transactions };
}
const values = (doc: Y.Doc, id: string) => marksOf(doc, L, sid(id)).map((m) => m.value);

describe('the journal page’s writes', () => {
  it('MARK-11: under warn a mark typed for a student marked «н» is written and the teacher is warned; under refuse it is not', () => {
    const warn = page('warn');
    setAbsence(warn.doc, L, sid('s1'), 'absent');
    warn.writer.write(L, sid('s1'), [{ kind: 'mark', value: 5 }]);
    expect(values(warn.doc, 's1')).toEqual([5]);
    expect(warn.said.at(-1)).toBe(ABSENT_MARK_TEXT.warnMark);

    const refuse = page('refuse');
    setAbsence(refuse.doc, L, sid('s1'), 'absent');
    addMark(refuse.doc, L, sid('s2'), mark(4));
    refuse.writer.write(L, sid('s1'), [{ kind: 'mark', value: 5 }]);
    refuse.writer.write(L, sid('s2'), [{ kind: 'absence', mark: 'absent' }]);
    expect(values(refuse.doc, 's1')).toEqual([]);
    expect(readAbsence(refuse.doc, L, sid('s2'))).toBeNull();
    expect(refuse.said).toEqual([ABSENT_MARK_TEXT.refuseMark, ABSENT_MARK_TEXT.refuseAbsence]);
    // «оп» with a mark is no clash.
    refuse.writer.write(L, sid('s2'), [{ kind: 'absence', mark: 'late' }]);
    expect(readAbsence(refuse.doc, L, sid('s2'))).toBe('late');

    const allow = page('allow');
    setAbsence(allow.doc, L, sid('s1'), 'absent');
    allow.writer.write(L, sid('s1'), [{ kind: 'mark', value: 5 }]);
    expect(values(allow.doc, 's1')).toEqual([5]);
    expect(allow.said).toEqual([]);
  });

  it('MARK-9: the chosen mark takes the typed value in its place, keeping the others; Delete on it removes it alone', () => {
    const p = page();
    for (const v of [5, 3, 4] as const) addMark(p.doc, L, sid('s1'), mark(v));
    const [, middle, last] = marksOf(p.doc, L, sid('s1'));
    expect(p.writer.correct(L, sid('s1'), middle.place, [{ kind: 'mark', value: 2 }])).toBe(true);
    expect(marksOf(p.doc, L, sid('s1')).map((m) => [m.place, m.value])).toEqual([
      [marksOf(p.doc, L, sid('s1'))[0].place, 5],
      [middle.place, 2],
      [last.place, 4],
    ]);
    expect(p.writer.correct(L, sid('s1'), middle.place, [{ kind: 'absence', mark: 'absent' }])).toBe(false);
    expect(readAbsence(p.doc, L, sid('s1'))).toBeNull();
    p.writer.removeMark(L, sid('s1'), last.place);
    expect(values(p.doc, 's1')).toEqual([5, 2]);
    expect(p.writer.correct(L, sid('s1'), last.place, [{ kind: 'mark', value: 5 }])).toBe(false);
    expect(p.said.at(-1)).toMatch(/^Выбранной отметки уже нет/);
  });

  it('MARK-10: a pasted column fills down in one transaction; a bad line writes nothing and is named', () => {
    const p = page();
    const before = Y.encodeStateVector(p.doc);
    p.writer.paste(LESSON, STUDENTS.slice(1), 'Иванов 5\nПетров 4\n');
    expect(p.said.at(-1)).toBe('Строка 1: «Иванов 5» — не отметка; ничего не вставлено.');
    expect(Y.encodeStateVector(p.doc)).toEqual(before);
    expect(p.transactions()).toBe(0);

    p.writer.paste(LESSON, STUDENTS.slice(1), '5\n\nн\n');
    expect(p.transactions()).toBe(1);
    expect([values(p.doc, 's2'), values(p.doc, 's3'), readAbsence(p.doc, L, sid('s4'))]).toEqual([[5], [], 'absent']);
    expect(p.said.at(-1)).toBe('Вставлено значений: 2.');

    const blocked = page('warn', ['s3']);
    blocked.writer.paste(LESSON, STUDENTS, '5\n4\n3');
    expect(blocked.said.at(-1)).toMatch(/^Строка 3: «3» — s3: ученика нет в списке/);
    expect(blocked.transactions()).toBe(0);
  });

  it('PERM-14: a student with a mark beside «н» under refuse does not grey out the lesson (the probe judges a cell, not the lesson)', () => {
    const school = newSchool();
    subjects.set(school, ALGEBRA, { name: 'Алгебра', marking: 'five' });
    classes.set(school, CLASS_7A, { name: '7А', grade: 7, classTeacherId: null });
    assignTeacher(school, { classId: CLASS_7A, subjectId: ALGEBRA, groupId: WHOLE_CLASS, teacherId: uid('t1') });
    timetableRecords.set(school, `${CLASS_7A}:2:2:${ALGEBRA}:${WHOLE_CLASS}`, { teacherId: uid('t1'), room: '21' });
    absentMarkSettings.set(school, ABSENT_MARKS_KEY, { policy: 'refuse' });
    const journal = newJournal();
    for (const s of STUDENTS) putStudent(journal, s);
    addMark(journal, L, sid('s1'), mark(5));
    const lessons = pageLessons(school, journal, CLASS_7A, ALGEBRA, WHOLE_CLASS).filter((l) => l.id === L);
    expect(lessons).toHaveLength(1);
    const verdicts = pageRights({
      school,
      journal,
      classId: CLASS_7A,
      groupId: WHOLE_CLASS,
      grade: 7,
      actor: { userId: uid('t1'), roles: ['teacher'] },
      access: 'write',
      lessons,
    });
    expect(verdicts.get(L)).toMatchObject({ writable: true, cells: true, marks: true });
  });
});
