import { describe, expect, it } from 'vitest';
import {
  allAssignments,
  applyClassesPlan,
  applyLoadPlan,
  applyStaffToSchool,
  classes,
  exportClassesRows,
  exportLoadRows,
  exportStaffRows,
  groups,
  planClassesImport,
  planLoadImport,
  planStaffImport,
  readRoles,
  SchoolRefs,
  staff,
  type StaffAccount,
} from '../../model/index.ts';
import { docContent, importSchool, table } from './import-fixture.ts';

const messages = (o: { errors: Array<{ message: string }> }) => o.errors.map((e) => e.message);

const accounts: StaffAccount[] = [
  { id: 'u-admin', login: 'admin', name: 'Кузнецов Андрей Викторович', roles: ['admin'] },
  { id: 'u-smirnova', login: 'teacher', name: 'Смирнова Ольга Петровна', roles: ['teacher'] },
  { id: 'u-par', login: 'parent1', name: 'Иванова Мария Петровна', roles: ['parent'] },
];
let next = 0;
const ctx = (roles: Array<'admin' | 'deputy'> = ['admin']) => ({
  accounts,
  importer: { id: roles.includes('admin') ? 'u-admin' : 'u-deputy', roles },
  loginProblem: (l: string) => (/^[a-z0-9._-]{3,40}$/.test(l) ? null : 'неверный логин'),
  newUserId: () => `u-new${++next}`,
});

describe('import references', () => {
  it('IMP-6: classes, subjects, teachers and groups by what people type; unknown and ambiguous ones named', () => {
    const refs = new SchoolRefs(importSchool());
    expect(refs.resolveClass('5а')).toEqual({ ok: true, id: '5a' });
    expect(refs.resolveClass(' 5А ')).toEqual({ ok: true, id: '5a' });
    expect(refs.resolveClass('7Г')).toEqual({ ok: false, problem: 'неизвестный класс «7Г»' });
    expect(refs.resolveSubject('математика')).toEqual({ ok: true, id: 'math' });
    expect(refs.resolveSubject('math')).toEqual({ ok: true, id: 'math' });
    expect(refs.resolveSubject('Матем')).toEqual({ ok: false, problem: 'неизвестный предмет «Матем»' });
    expect(refs.resolveTeacher('Федорова Мария Александровна')).toEqual({ ok: true, id: 'u-fedorova' });
    expect(refs.resolveTeacher('Смирнова О.П.')).toEqual({ ok: true, id: 'u-smirnova' });
    expect(refs.resolveTeacher('Петров П. П.')).toEqual({
      ok: false,
      problem: 'неизвестный учитель «Петров П. П.» (его нет среди сотрудников)',
    });
    expect(refs.resolveGroup('5a' as never, 'eng' as never, '2 ГРУППА')).toEqual({ ok: true, id: '5a-en2' });
    expect(refs.resolveGroup('5a' as never, 'eng' as never, '5a-en1')).toEqual({ ok: true, id: '5a-en1' });
    expect(refs.resolveGroup('5a' as never, 'eng' as never, '')).toEqual({ ok: true, id: 'all' });
    expect(refs.resolveGroup('5a' as never, 'math' as never, '1 группа')).toEqual({
      ok: false,
      problem: 'в 5А нет группы «1 группа» по предмету «Математика»',
    });
  });
});

describe('staff import', () => {
  it('IMP-8: roles from their Russian names, several in one cell', () => {
    expect(readRoles('Учитель')).toEqual({ ok: true, value: ['teacher'] });
    expect(readRoles('заместитель директора по УВР, учитель математики')).toEqual({ ok: true, value: ['deputy', 'teacher'] });
    expect(readRoles('педагог-психолог')).toEqual({ ok: true, value: ['psychologist'] });
    expect(readRoles('Зам. директора / администратор')).toEqual({ ok: true, value: ['admin', 'deputy'] });
    expect(readRoles('бухгалтер')).toEqual({
      ok: false,
      problem: 'неизвестная должность «бухгалтер»: укажите учитель, заместитель директора, директор, администратор или психолог',
    });
  });

  it('IMP-8: a row is the account of its login, else of its name, else a new account with a login made of the name', () => {
    const school = importSchool();
    const o = planStaffImport(
      table(`ФИО;Должность;Логин
Смирнова Ольга Петровна;учитель;
Петрова Анна Ивановна;учитель;
Сидоров Пётр Ильич;психолог;sidorov
Кузнецов Андрей Викторович;администратор, учитель;admin`),
      school,
      ctx(),
    );
    expect(messages(o)).toEqual([]);
    expect(o.preview.map((p) => p.status)).toEqual(['same', 'new', 'new', 'changed']);
    const e = o.plan!.entries;
    expect(e[0]).toMatchObject({ userId: 'u-smirnova', login: 'teacher', isNew: false, rolesChanged: false });
    expect(e[1]).toMatchObject({ login: 'petrova.ai', isNew: true, roles: ['teacher'] });
    expect(e[2]).toMatchObject({ login: 'sidorov', isNew: true, roles: ['psychologist'] });
    expect(e[3]).toMatchObject({ userId: 'u-admin', rolesChanged: true, roles: ['admin', 'teacher'] });
    applyStaffToSchool(school, o.plan!);
    expect(staff.get(school, e[1].userId)).toEqual({ name: 'Петрова Анна Ивановна', short: 'Петрова А. И.' });
    expect(staff.get(school, 'u-smirnova')).toEqual({ name: 'Смирнова Ольга Петровна', short: 'Смирнова О. П.' });
  });

  it('IMP-8: bad names, roles and logins, a login of a family account, duplicates; only the administrator changes roles', () => {
    const o = planStaffImport(
      table(`ФИО;Должность;Логин
Иванов;учитель;
Орлова Анна Ивановна;завхоз;
Сидоров Пётр Ильич;учитель;a b
Иванова Мария Петровна;учитель;parent1
Петрова Анна Ивановна;учитель;
Петрова Анна Ивановна;учитель;`),
      importSchool(),
      ctx(),
    );
    expect(messages(o)).toEqual([
      'Строка 2: ФИО «Иванов» — укажите фамилию, имя и отчество',
      'Строка 3: неизвестная должность «завхоз»: укажите учитель, заместитель директора, директор, администратор или психолог',
      'Строка 4: логин «a b»: неверный логин',
      'Строка 5: логин «parent1» занят учётной записью родителя или ученика',
      'Строка 7: сотрудник «Петрова Анна Ивановна» повторяет строку 6',
    ]);
    expect(o.plan).toBeNull();
    const deputy = planStaffImport(
      table('ФИО;Должность\nСмирнова Ольга Петровна;директор\nНовый Сотрудник Иванович;администратор\nКузнецов Андрей Викторович;учитель'),
      importSchool(),
      ctx(['deputy']),
    );
    expect(messages(deputy)).toEqual([
      'Строка 2: у «Смирнова Ольга Петровна» роли «учитель»: назначает и меняет роли только администратор (страница «Пользователи»)',
      'Строка 3: роль «администратор»: назначает и меняет роли только администратор (страница «Пользователи»)',
      'Строка 4: у «Кузнецов Андрей Викторович» роли «администратор»: назначает и меняет роли только администратор (страница «Пользователи»)',
    ]);
    const self = planStaffImport(table('ФИО;Должность;Логин\nКузнецов Андрей Викторович;учитель;admin'), importSchool(), ctx());
    expect(messages(self)).toEqual(['Строка 2: нельзя снять роль администратора с самого себя']);
  });

  it('IMP-8: a login made of a name never takes one the file gives to somebody else', () => {
    const o = planStaffImport(
      table('ФИО;Должность;Логин\nПетрова Анна Ивановна;учитель;\nПетров Андрей Ильич;учитель;petrova.ai'),
      importSchool(),
      ctx(),
    );
    expect(o.plan!.entries.map((e) => e.login)).toEqual(['petrova.ai2', 'petrova.ai']);
  });

  it('IMP-14: the staff export is every enabled staff account by name, with roles and login', () => {
    expect(exportStaffRows([...accounts, { id: 'x', login: 'gone', name: 'Ушедший', roles: ['teacher'], disabled: true }])).toEqual([
      ['Кузнецов Андрей Викторович', 'администратор', 'admin'],
      ['Смирнова Ольга Петровна', 'учитель', 'teacher'],
    ]);
  });
});

describe('classes and groups import', () => {
  it('IMP-10: new classes get ids from their names, groups of file and school classes, class teachers by name', () => {
    const school = importSchool();
    const o = planClassesImport(
      table(`Класс;Параллель;Классный руководитель;Предмет;Группа;Код группы
7Г;7;Новикова Анна Сергеевна;;;
5А;5;Смирнова О. П.;;;
7Г;;;Английский язык;1 группа;
7Г;;;Иностранный язык (английский);2 группа;7g-en2
5А;;;Иностранный язык (английский);1 группа;`),
      school,
    );
    expect(messages(o)).toEqual(['Строка 4: неизвестный предмет «Английский язык»']);
    const fixed = planClassesImport(
      table(`Класс;Параллель;Классный руководитель;Предмет;Группа;Код группы
7Г;7;Новикова Анна Сергеевна;;;
5А;5;Смирнова О. П.;;;
7Г;;;Иностранный язык (английский);1 группа;
7Г;;;Иностранный язык (английский);2 группа;7g-en2
5А;;;Иностранный язык (английский);1 группа;`),
      school,
    );
    expect(messages(fixed)).toEqual([]);
    expect(fixed.preview.map((p) => p.status)).toEqual(['new', 'changed', 'new', 'new', 'same']);
    applyClassesPlan(school, fixed.plan!);
    expect(classes.get(school, '7g')).toEqual({ name: '7Г', grade: 7, classTeacherId: 'u-novikova' });
    expect(classes.get(school, '5a')).toEqual({ name: '5А', grade: 5, classTeacherId: 'u-smirnova' });
    expect(groups.get(school, '7g-eng-1')).toEqual({ classId: '7g', subjectId: 'eng', name: '1 группа' });
    expect(groups.get(school, '7g-en2')).toEqual({ classId: '7g', subjectId: 'eng', name: '2 группа' });
  });

  it('IMP-10: a grade is not changed, must fit the name, is needed for a new class; codes held elsewhere, duplicates, unknown class', () => {
    const school = importSchool();
    const before = docContent(school);
    const o = planClassesImport(
      table(`Класс;Параллель;Классный руководитель;Предмет;Группа;Код группы
5А;6;;;;
8В;;;;;
9А;8;;;;
6Б;6;Петров П. П.;;;
10А;10;;;;
10а;10;;;;
6Б;;;Иностранный язык (английский);Группа А;5a-en1
7Д;;;Математика;1 группа;
5А;;;Иностранный язык (английский);3 группа;bad code`),
      school,
    );
    expect(messages(o)).toEqual([
      'Строка 2: класс 5А уже есть в параллели 5: параллель класса импорт не меняет',
      'Строка 3: для нового класса «8В» укажите параллель',
      'Строка 4: класс «9А» не может быть в параллели 8',
      'Строка 5: неизвестный учитель «Петров П. П.» (его нет среди сотрудников)',
      'Строка 7: класс «10а» повторяет строку 6',
      'Строка 8: код группы «5a-en1» занят группой «1 группа» класса 5А',
      'Строка 9: неизвестный класс «7Д»',
      'Строка 10: код группы «bad code»: только латинские буквы, цифры, «-» и «_», до 40 знаков',
    ]);
    expect(o.plan).toBeNull();
    expect(docContent(school)).toEqual(before);
  });

  it('IMP-10: without the class teacher column the class teachers stay; an empty cell removes one', () => {
    const school = importSchool();
    expect(planClassesImport(table('Класс;Параллель\n5А;5'), school).preview[0].status).toBe('same');
    const o = planClassesImport(table('Класс;Параллель;Классный руководитель\n5А;5;'), school);
    expect(o.preview[0].status).toBe('changed');
    applyClassesPlan(school, o.plan!);
    expect(classes.get(school, '5a')?.classTeacherId).toBeNull();
  });

  it('IMP-14: classes export as class rows, then each class’s groups', () => {
    expect(exportClassesRows(importSchool())).toEqual([
      ['5А', '5', 'Лебедева Елена Николаевна', '', '', ''],
      ['5А', '', '', 'Иностранный язык (английский)', '1 группа', '5a-en1'],
      ['5А', '', '', 'Иностранный язык (английский)', '2 группа', '5a-en2'],
      ['6Б', '6', '', '', '', ''],
    ]);
  });
});

describe('teaching load import', () => {
  it('IMP-11: a teacher per class, subject and group; another teacher changes it; a second row for the same is a duplicate', () => {
    const school = importSchool();
    const o = planLoadImport(
      table(`Класс;Предмет;Группа;Учитель
5А;Математика;;Смирнова Ольга Петровна
5А;Иностранный язык (английский);2 группа;Новикова А. С.
6Б;Русский язык;весь класс;Лебедева Е. Н.`),
      school,
    );
    expect(messages(o)).toEqual([]);
    expect(o.preview.map((p) => p.status)).toEqual(['same', 'changed', 'new']);
    applyLoadPlan(school, o.plan!);
    const load = allAssignments(school).map((a) => `${a.classId}:${a.subjectId}:${a.groupId}=${a.teacherId}`);
    expect(load).toContain('5a:eng:5a-en2=u-novikova');
    expect(load).toContain('6b:rus:all=u-lebedeva');
    expect(load).toContain('5a:eng:5a-en1=u-novikova');

    const bad = planLoadImport(
      table(`Класс;Предмет;Группа;Учитель
7Г;Математика;;Смирнова Ольга Петровна
5А;Физика;;Смирнова Ольга Петровна
5А;Иностранный язык (английский);3 группа;Новикова А. С.
5А;Математика;;Иванов И. И.
6Б;Математика;;Смирнова О. П.
6Б;Математика;;Новикова А. С.`),
      school,
    );
    expect(messages(bad)).toEqual([
      'Строка 2: неизвестный класс «7Г»',
      'Строка 3: неизвестный предмет «Физика»',
      'Строка 4: в 5А нет группы «3 группа» по предмету «Иностранный язык (английский)»',
      'Строка 5: неизвестный учитель «Иванов И. И.» (его нет среди сотрудников)',
      'Строка 7: нагрузка 6Б, «Математика» повторяет строку 6',
    ]);
  });

  it('IMP-14: the load exports by class, subject and group, with full names', () => {
    expect(exportLoadRows(importSchool())).toEqual([
      ['5А', 'Иностранный язык (английский)', '1 группа', 'Новикова Анна Сергеевна'],
      ['5А', 'Иностранный язык (английский)', '2 группа', 'Фёдорова Мария Александровна'],
      ['5А', 'Математика', '', 'Смирнова Ольга Петровна'],
      ['5А', 'Русский язык', '', 'Лебедева Елена Николаевна'],
    ]);
  });
});
