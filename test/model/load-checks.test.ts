import { describe, expect, it } from 'vitest';
import {
  assignTeacher,
  classLoadSubjects,
  classLoadWarnings,
  groups,
  loadRecordProblems,
  subjects,
  teacherWeekHours,
  unassignTeacher,
} from '../../model/index.ts';
import { c, g, importSchool, sub, u } from './import-fixture.ts';

const teacher = (id: string) => ({ teacherId: u(id) });
/** Curriculum hours per week for the fixture's subjects: «5» → hours. */
const setHours = (school: ReturnType<typeof importSchool>, subjectId: string, hours: Record<string, number>) => {
  const s = subjects.get(school, subjectId)!;
  subjects.set(school, subjectId, { ...s, hours });
};

describe('a load entry', () => {
  it('SETUP-7: the key is «class:subject:group» of valid ids', () => {
    const school = importSchool();
    for (const key of ['5a:math', '5a:math:all:x', '5a::all', '5 a:math:all', '']) {
      expect(loadRecordProblems(school, key, teacher('u-smirnova'))).toEqual([
        `Неверный ключ нагрузки «${key}»: нужен «класс:предмет:группа».`,
      ]);
    }
  });

  it('SETUP-7: class and subject exist, the group is the whole class or the class’s group for that subject, the teacher is staff', () => {
    const school = importSchool();
    expect(loadRecordProblems(school, '6b:math:all', teacher('u-smirnova'))).toEqual([]);
    expect(loadRecordProblems(school, '5a:eng:5a-en1', teacher('u-novikova'))).toEqual([]);
    expect(loadRecordProblems(school, '7v:math:all', teacher('u-smirnova'))).toEqual(['Нет класса «7v».']);
    expect(loadRecordProblems(school, '6b:chem:all', teacher('u-smirnova'))).toEqual(['Нет предмета «chem».']);
    // A group of another subject, of another class, or none at all.
    expect(loadRecordProblems(school, '5a:math:5a-en1', teacher('u-smirnova'))).toEqual([
      'Группа «1 группа» — не группа класса 5А по этому предмету.',
    ]);
    expect(loadRecordProblems(school, '6b:eng:5a-en1', teacher('u-smirnova'))).toEqual([
      'Группа «1 группа» — не группа класса 6Б по этому предмету.',
    ]);
    expect(loadRecordProblems(school, '6b:eng:6b-eng-9', teacher('u-smirnova'))).toEqual([
      'Группа «6b-eng-9» — не группа класса 6Б по этому предмету.',
    ]);
    expect(loadRecordProblems(school, '6b:math:all', teacher('u-nobody'))).toEqual(['Учитель — не сотрудник школы.']);
    // Stored or not, the answer is the same.
    assignTeacher(school, { classId: c('6b'), subjectId: sub('math'), groupId: g('all'), teacherId: u('u-smirnova') });
    expect(loadRecordProblems(school, '6b:math:all', teacher('u-smirnova'))).toEqual([]);
  });
});

describe('a class’s load and each teacher’s week', () => {
  it('SETUP-8: a class’s subjects are those with curriculum hours for its grade and those its load names, by name', () => {
    const school = importSchool();
    // 5А's load names mathematics, English and Russian; no hours are set anywhere yet.
    expect(classLoadSubjects(school, '5a')).toEqual(['eng', 'math', 'rus']);
    expect(classLoadSubjects(school, '6b')).toEqual([]);
    setHours(school, 'math', { '6': 5 });
    setHours(school, 'rus', { '6': 0 });
    expect(classLoadSubjects(school, '6b')).toEqual(['math']);
    unassignTeacher(school, { classId: c('5a'), subjectId: sub('rus'), groupId: g('all') });
    expect(classLoadSubjects(school, '5a')).toEqual(['eng', 'math']);
  });

  it('SETUP-8: a teacher’s week sums the subject’s hours for the class’s grade over their entries, a group counting in full', () => {
    const school = importSchool();
    setHours(school, 'math', { '5': 5, '6': 4 });
    setHours(school, 'eng', { '5': 3 });
    assignTeacher(school, { classId: c('6b'), subjectId: sub('math'), groupId: g('all'), teacherId: u('u-smirnova') });
    const weeks = Object.fromEntries(teacherWeekHours(school).map((w) => [w.teacherId, w]));
    expect(weeks).toEqual({
      'u-smirnova': { teacherId: 'u-smirnova', hours: 9, entries: 2, withoutHours: 0 },
      'u-novikova': { teacherId: 'u-novikova', hours: 3, entries: 1, withoutHours: 0 },
      'u-fedorova': { teacherId: 'u-fedorova', hours: 3, entries: 1, withoutHours: 0 },
      // Russian has no hours set for grade 5: counted as an entry without hours.
      'u-lebedeva': { teacherId: 'u-lebedeva', hours: 0, entries: 1, withoutHours: 1 },
    });
  });

  it('SETUP-9: a subject with curriculum hours for the grade and nobody teaching it (or one of its groups) is a warning', () => {
    const school = importSchool();
    expect(classLoadWarnings(school, '6b')).toEqual([]);
    setHours(school, 'math', { '6': 4.5 });
    setHours(school, 'rus', { '6': 0 });
    expect(classLoadWarnings(school, '6b')).toEqual(['«Математика» (4,5 ч в неделю по учебному плану): учитель не назначен.']);
    assignTeacher(school, { classId: c('6b'), subjectId: sub('math'), groupId: g('all'), teacherId: u('u-smirnova') });
    expect(classLoadWarnings(school, '6b')).toEqual([]);

    setHours(school, 'eng', { '5': 3 });
    expect(classLoadWarnings(school, '5a')).toEqual([]);
    groups.set(school, '5a-eng-3', { classId: '5a', subjectId: 'eng', name: '3 группа' });
    expect(classLoadWarnings(school, '5a')).toEqual(['«Иностранный язык (английский)»: нет учителя у группы «3 группа».']);
    unassignTeacher(school, { classId: c('5a'), subjectId: sub('eng'), groupId: g('5a-en2') });
    expect(classLoadWarnings(school, '5a')).toEqual(['«Иностранный язык (английский)»: нет учителя у групп «2 группа», «3 группа».']);
    // The whole class taught covers the subject, groups or not.
    assignTeacher(school, { classId: c('5a'), subjectId: sub('eng'), groupId: g('all'), teacherId: u('u-novikova') });
    expect(classLoadWarnings(school, '5a')).toEqual([]);
  });
});
