import { describe, expect, it } from 'vitest';
import {
  applyClassesPlan,
  asDate,
  classes,
  classesWarnings,
  classGradeChangeProblems,
  classRecordProblems,
  classRemovalProblems,
  classTeacherWarnings,
  closePeriod,
  groupRecordProblems,
  groupRemovalProblems,
  groups,
  moves,
  newClassIdFor,
  newGroupIdFor,
  planClassesImport,
  plannedControlWorks,
  substitutions,
  type SchoolClass,
} from '../../model/index.ts';
import { c, g, importSchool, sub, table, u } from './import-fixture.ts';

const cls = (name: string, grade: number, classTeacherId: string | null = null): SchoolClass => ({
  name,
  grade,
  classTeacherId: classTeacherId === null ? null : u(classTeacherId),
});

describe('a class record', () => {
  it('SETUP-1: a class has a name of at most 20 characters that no other class has, case and ё aside', () => {
    const school = importSchool();
    expect(classRecordProblems(school, '7v', cls('7В', 7))).toEqual([]);
    expect(classRecordProblems(school, '7v', cls('  ', 7))).toEqual(['Укажите название класса, например «7В».']);
    expect(classRecordProblems(school, '7v', cls(`7${'В'.repeat(20)}`, 7))).toEqual(['Название класса — не длиннее 20 знаков.']);
    expect(classRecordProblems(school, '5a-2', cls('5а', 5))).toEqual(['Класс «5А» уже есть в школе.']);
    classes.set(school, '7e', cls('7Ё', 7));
    expect(classRecordProblems(school, '7e-2', cls('7е', 7))).toEqual(['Класс «7Ё» уже есть в школе.']);
    // The record itself is no twin: the answer is the same whether or not it is stored.
    expect(classRecordProblems(school, '5a', cls('5А', 5))).toEqual([]);
    expect(classRecordProblems(school, 'all', cls('7Ж', 7))).toEqual(['Неверный код класса «all».']);
  });

  it('SETUP-1: the grade is a whole number 1…11 and agrees with the number the name starts with', () => {
    const school = importSchool();
    for (const grade of [0, 12, 5.5])
      expect(classRecordProblems(school, '7v', cls('Малыши', grade))).toEqual(['Параллель — целое число от 1 до 11.']);
    expect(classRecordProblems(school, '7v', cls('7В', 8))).toEqual(['Класс «7В» не может быть в параллели 8.']);
    expect(classRecordProblems(school, '11a', cls('11А', 11))).toEqual([]);
    // A name without a number fits any grade.
    expect(classRecordProblems(school, 'malyshi', cls('Малыши', 1))).toEqual([]);
  });

  it('SETUP-2: the class teacher is nobody or a staff member', () => {
    const school = importSchool();
    expect(classRecordProblems(school, '7v', cls('7В', 7, 'u-nobody'))).toEqual(['Классный руководитель — не сотрудник школы.']);
    expect(classRecordProblems(school, '7v', cls('7В', 7, 'u-smirnova'))).toEqual([]);
  });

  it('SETUP-2: leading a second class is fine, a third is a warning and never a refusal', () => {
    const school = importSchool();
    // u-lebedeva leads 5А; 6Б would be her second class.
    expect(classTeacherWarnings(school, '6b', cls('6Б', 6, 'u-lebedeva'))).toEqual([]);
    classes.set(school, '6b', cls('6Б', 6, 'u-lebedeva'));
    const third = cls('7В', 7, 'u-lebedeva');
    expect(classTeacherWarnings(school, '7v', third)).toEqual([
      'Лебедева Елена Николаевна — классный руководитель 3 классов (5А, 6Б, 7В); обычно не больше двух.',
    ]);
    expect(classRecordProblems(school, '7v', third)).toEqual([]);
    classes.set(school, '7v', third);
    expect(classTeacherWarnings(school, '7v', third)).toHaveLength(1);
    expect(classesWarnings(school)).toHaveLength(1);
  });
});

describe('ids of new classes and groups', () => {
  it('SETUP-3: a class id comes from the name in Latin letters, unique, never one a removed class had', () => {
    const school = importSchool();
    expect(newClassIdFor(school, ' 7В ')).toBe('7v');
    expect(newClassIdFor(school, '5А')).toBe('5a-2');
    classes.remove(school, '6b');
    expect(newClassIdFor(school, '6Б')).toBe('6b-2');
  });

  it('SETUP-3: a group id is class, subject and a number, never one a removed group had', () => {
    const school = importSchool();
    expect(newGroupIdFor(school, '5a', 'eng')).toBe('5a-eng-1');
    groups.set(school, '5a-eng-1', { classId: '5a', subjectId: 'eng', name: '3 группа' });
    groups.remove(school, '5a-eng-1');
    expect(newGroupIdFor(school, '5a', 'eng')).toBe('5a-eng-2');
  });

  it('SETUP-3: the classes import gives no removed class’s or group’s id again either', () => {
    const school = importSchool();
    classes.remove(school, '6b');
    groups.set(school, '5a-rus-1', { classId: '5a', subjectId: 'rus', name: 'Старая' });
    groups.remove(school, '5a-rus-1');
    const o = planClassesImport(table('Класс;Параллель;Предмет;Группа\n6Б;6;;\n5А;;Русский язык;Новая'), school);
    expect(o.errors).toEqual([]);
    applyClassesPlan(school, o.plan!);
    expect(classes.get(school, '6b-2')).toEqual(cls('6Б', 6));
    expect(groups.get(school, '5a-rus-2')).toEqual({ classId: '5a', subjectId: 'rus', name: 'Новая' });
  });
});

describe('removing a class, changing its grade', () => {
  it('SETUP-4: a class is removed only when nothing names it, and the refusal says what does', () => {
    const school = importSchool();
    expect(classRemovalProblems(school, '5a')).toEqual([
      'Класс ещё указан в учебном году (групп: 2; нагрузка: 4; уроков в расписании: 4): сначала уберите это.',
    ]);
    expect(classRemovalProblems(school, '6b')).toEqual([]);
    const refs: Array<[string, () => void]> = [
      ['групп: 1', () => groups.set(school, '6b-math-1', { classId: '6b', subjectId: 'math', name: '1 группа' })],
      [
        'контрольных работ в графике: 1',
        () => plannedControlWorks.set(school, 'cw1', { classId: '6b', date: asDate('2026-09-10'), subjectId: 'math', groupId: 'all' }),
      ],
      [
        'замен: 1',
        () =>
          substitutions.set(school, 's1', {
            date: asDate('2026-09-10'),
            slot: 1,
            classId: c('6b'),
            subjectId: sub('math'),
            groupId: g('all'),
            teacherId: u('u-smirnova'),
            absentTeacherId: u('u-lebedeva'),
          }),
      ],
      [
        'переносов уроков: 1',
        () =>
          moves.set(school, '6b:x', {
            classId: c('6b'),
            subjectId: sub('math'),
            groupId: g('all'),
            fromDate: asDate('2026-09-10'),
            fromSlot: 1,
            toDate: asDate('2026-09-11'),
            toSlot: 2,
          }),
      ],
      ['закрытых периодов: 1', () => closePeriod(school, c('6b'), 'q1', { closedAt: '2026-09-30T12:00:00Z', closedBy: 'u-deputy' })],
    ];
    for (const [what, add] of refs) {
      add();
      expect(classRemovalProblems(school, '6b')[0]).toContain(what);
    }
    // Only what names this class counts.
    expect(classRemovalProblems(school, '7v')).toEqual([]);
  });

  it('SETUP-4: the grade changes only while nothing but the groups names the class', () => {
    const school = importSchool();
    expect(classGradeChangeProblems(school, '5a')).toEqual([
      'Параллель класса меняется, только пока у него нет нагрузки и расписания (нагрузка: 4; уроков в расписании: 4).',
    ]);
    groups.set(school, '6b-math-1', { classId: '6b', subjectId: 'math', name: '1 группа' });
    expect(classGradeChangeProblems(school, '6b')).toEqual([]);
    plannedControlWorks.set(school, 'cw1', { classId: '6b', date: asDate('2026-09-10'), subjectId: 'math', groupId: 'all' });
    expect(classGradeChangeProblems(school, '6b')[0]).toContain('контрольных работ в графике: 1');
  });
});

describe('groups', () => {
  it('SETUP-5: a group is of a class and subject that exist, named, under an id other than «all»', () => {
    const school = importSchool();
    expect(groupRecordProblems(school, '6b-eng-1', { classId: '6b', subjectId: 'eng', name: '1 группа' })).toEqual([]);
    expect(groupRecordProblems(school, '7v-eng-1', { classId: '7v', subjectId: 'eng', name: '1 группа' })).toEqual(['Нет такого класса.']);
    expect(groupRecordProblems(school, '6b-x-1', { classId: '6b', subjectId: 'chem', name: '1 группа' })).toEqual(['Нет такого предмета.']);
    expect(groupRecordProblems(school, '6b-eng-1', { classId: '6b', subjectId: 'eng', name: ' ' })).toEqual([
      'Укажите название группы, например «1 группа».',
    ]);
    expect(groupRecordProblems(school, '6b-eng-1', { classId: '6b', subjectId: 'eng', name: 'Г'.repeat(101) })).toEqual([
      'Название группы — не длиннее 100 знаков.',
    ]);
    expect(groupRecordProblems(school, 'all', { classId: '6b', subjectId: 'eng', name: '1 группа' })).toEqual([
      'Неверный код группы «all».',
    ]);
  });

  it('SETUP-5: its name is unique within its class and subject, case and ё aside', () => {
    const school = importSchool();
    expect(groupRecordProblems(school, '5a-eng-3', { classId: '5a', subjectId: 'eng', name: '1 ГРУППА' })).toEqual([
      'Группа «1 группа» по этому предмету в классе уже есть.',
    ]);
    // Another subject or class may use the name; the group itself is no twin.
    expect(groupRecordProblems(school, '5a-math-1', { classId: '5a', subjectId: 'math', name: '1 группа' })).toEqual([]);
    expect(groupRecordProblems(school, '6b-eng-1', { classId: '6b', subjectId: 'eng', name: '1 группа' })).toEqual([]);
    expect(groupRecordProblems(school, '5a-en1', { classId: '5a', subjectId: 'eng', name: '1 группа' })).toEqual([]);
  });

  it('SETUP-5: a group the load or timetable names keeps its class and subject', () => {
    const school = importSchool();
    expect(groupRecordProblems(school, '5a-en1', { classId: '6b', subjectId: 'eng', name: '1 группа' })).toEqual([
      'Группа уже указана с другим классом или предметом (нагрузка: 1; уроков в расписании: 1): её класс и предмет не меняются.',
    ]);
    expect(groupRecordProblems(school, '5a-en1', { classId: '5a', subjectId: 'rus', name: '1 группа' })).toHaveLength(1);
    expect(groupRecordProblems(school, '5a-en1', { classId: '5a', subjectId: 'eng', name: 'Первая' })).toEqual([]);
  });

  it('SETUP-6: a group is removed only when no load, timetable, substitution, move or control work names it', () => {
    const school = importSchool();
    expect(groupRemovalProblems(school, '5a-en1')).toEqual([
      'Группа ещё указана в учебном году (нагрузка: 1; уроков в расписании: 1): сначала уберите это.',
    ]);
    groups.set(school, '5a-eng-3', { classId: '5a', subjectId: 'eng', name: '3 группа' });
    expect(groupRemovalProblems(school, '5a-eng-3')).toEqual([]);
    plannedControlWorks.set(school, 'cw1', { classId: '5a', date: asDate('2026-09-10'), subjectId: 'eng', groupId: '5a-eng-3' });
    expect(groupRemovalProblems(school, '5a-eng-3')).toEqual([
      'Группа ещё указана в учебном году (контрольных работ в графике: 1): сначала уберите это.',
    ]);
  });
});
