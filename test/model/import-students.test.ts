import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  applyStudentsToJournal,
  exportStudentsRows,
  initJournal,
  listStudents,
  personalKey,
  planStudentsImport,
  putStudent,
  type ClassId,
  type GroupId,
  type SchoolId,
  type Student,
  type StudentId,
  type StudentPersonal,
  type YearId,
} from '../../model/index.ts';
import { importSchool, table } from './import-fixture.ts';

const HEADER = 'Класс;ФИО ученика;Дата рождения;Дата зачисления;Дата выбытия;Группы;ФИО родителя;Телефон;E-mail';
const messages = (o: { errors: Array<{ message: string }> }) => o.errors.map((e) => e.message);
let n = 0;
const random = () => ((n = (n * 7 + 3) % 97), n / 97);

function journalOf(students: Student[]): Y.Doc {
  const doc = new Y.Doc();
  initJournal(doc, { schoolId: 'sch' as SchoolId, classId: '5a' as ClassId, yearId: '2026' as YearId, className: '5А', grade: 5 });
  for (const s of students) putStudent(doc, s);
  return doc;
}

const petrov: Student = { id: 'pet001' as StudentId, name: 'Петров Пётр', groups: ['5a-en1' as GroupId], enrolledOn: null, leftOn: null };
const petrovPersonal: StudentPersonal = {
  classId: '5a',
  studentId: 'pet001',
  birthDate: '2015-05-05',
  parents: [{ name: 'Петрова Ольга Ивановна', phone: '+7 900 111-22-33', email: '' }],
};
const context = () => ({
  rosters: new Map([['5a', [petrov]]]),
  personal: new Map([[personalKey('5a', 'pet001'), petrovPersonal]]),
  random,
});

describe('students import', () => {
  it('IMP-9: a student per class and ФИО, one row per parent; the journal gets the roster fields, the server the rest', () => {
    const school = importSchool();
    const o = planStudentsImport(
      table(`${HEADER}
5А;Иванов Иван Сергеевич;14.03.2015;;;1 группа;Иванова Мария Петровна;8 (912) 345-67-89;Ivanova@Example.ru
5а;Иванов Иван Сергеевич;;;;1 группа;Иванов Сергей Олегович;;
5А;Сидорова Анна;;09.09.2026;;5a-en2;;;
6Б;Кузнецов Олег;;;;;;;`),
      school,
      context(),
    );
    expect(messages(o)).toEqual([]);
    expect(o.preview.map((p) => p.status)).toEqual(['new', 'new', 'new', 'new']);
    const students = o.plan!.students;
    expect(students.map((s) => [s.classId, s.student.name, s.student.groups, s.student.enrolledOn])).toEqual([
      ['5a', 'Иванов Иван Сергеевич', ['5a-en1'], null],
      ['5a', 'Сидорова Анна', ['5a-en2'], '2026-09-09'],
      ['6b', 'Кузнецов Олег', [], null],
    ]);
    expect(students.every((s) => /^[a-z0-9]{6}$/.test(s.student.id))).toBe(true);
    expect(o.plan!.personal).toEqual([
      {
        classId: '5a',
        studentId: students[0].student.id,
        birthDate: '2015-03-14',
        parents: [
          { name: 'Иванова Мария Петровна', phone: '+7 912 345-67-89', email: 'ivanova@example.ru' },
          { name: 'Иванов Сергей Олегович', phone: '', email: '' },
        ],
      },
    ]);
    const journal = journalOf([petrov]);
    applyStudentsToJournal(
      journal,
      students.filter((s) => s.classId === '5a').map((s) => s.student),
    );
    expect(listStudents(journal).map((s) => s.name)).toEqual(['Иванов Иван Сергеевич', 'Петров Пётр', 'Сидорова Анна']);
    // 152-ФЗ: nothing personal in the journal.
    const text = JSON.stringify(Y.encodeStateAsUpdate(journal)) + JSON.stringify(journal.getMap('students').toJSON());
    for (const secret of ['Иванова Мария', '912', 'ivanova', '2015-03-14', '14.03.2015']) expect(text).not.toContain(secret);
  });

  it('IMP-9: a student already on the roster: the same data is left (new parents added); other data is an error', () => {
    const school = importSchool();
    const same = planStudentsImport(
      table(`${HEADER}\n5А;Петров Пётр;05.05.2015;;;1 группа;Петрова Ольга Ивановна;+7 900 111-22-33;`),
      school,
      context(),
    );
    expect(messages(same)).toEqual([]);
    expect(same.preview[0].status).toBe('same');
    expect(same.plan).toEqual({ students: [], personal: [] });
    const more = planStudentsImport(table(`${HEADER}\n5А;Петров Пётр;;;;1 группа;Петров Иван Ильич;+7 900 444-55-66;`), school, context());
    expect(more.preview[0].status).toBe('changed');
    expect(more.plan!.personal[0].parents.map((p) => p.name)).toEqual(['Петрова Ольга Ивановна', 'Петров Иван Ильич']);
    const other = planStudentsImport(table(`${HEADER}\n5А;Петров Пётр;;10.09.2026;;1 группа;;;`), school, context());
    expect(messages(other)).toEqual(['Строка 2: ученик «Петров Пётр» уже есть в 5А (дата зачисления не указана, в файле 10.09.2026)']);
    // A namesake with another birth date is another student.
    const namesake = planStudentsImport(table(`${HEADER}\n5А;Петров Пётр;01.01.2016;;;;;;`), school, context());
    expect(messages(namesake)).toEqual([]);
    expect(namesake.warnings.map((w) => w.message)).toEqual([
      'Строка 2: в 5А уже есть ученик «Петров Пётр» с другой датой рождения: будет добавлен ещё один',
    ]);
    expect(namesake.plan!.students.length).toBe(1);
  });

  it('IMP-9: unknown class and group, dates that do not exist or fall outside the year, groups and contacts that do not fit', () => {
    const o = planStudentsImport(
      table(`${HEADER}
7Г;Иванов Иван;;;;;;;
5А;Смирнов Олег;31.02.2015;;;;;;
5А;Орлов Игорь;;01.09.2025;;;;;
5А;Белов Илья;;10.09.2026;05.09.2026;;;;
5А;Зайцев Лев;;;;3 группа;;;
5А;Волков Ян;;;;5a-en1, 5a-en2;;;
5А;Котов Марк;;;;;;+7 900 000-00-00;
5А;Лисин Петр;;;;;Лисина Ольга;12345;olga@
Иванов;5А;;;;;;;
5А;Петров Пётр;;;;;;;`),
      importSchool(),
      context(),
    );
    expect(messages(o)).toEqual([
      'Строка 2: неизвестный класс «7Г»',
      'Строка 3: дата «31.02.2015» не существует',
      'Строка 4: дата зачисления 01.09.2025 вне учебного года 01.09.2026–30.09.2026',
      'Строка 5: дата выбытия должна быть позже даты зачисления',
      'Строка 6: в 5А нет группы «3 группа»',
      'Строка 7: две группы по предмету «Иностранный язык (английский)»: «1 группа» и «2 группа»',
      'Строка 8: укажите ФИО родителя, чьи телефон и e-mail записаны',
      'Строка 9: телефон «12345» — нужен номер из 10 цифр, например +7 912 345-67-89',
      'Строка 9: e-mail «olga@» неверный',
      'Строка 10: неизвестный класс «Иванов»',
      'Строка 10: ФИО ученика «5А» — укажите фамилию и имя',
      'Строка 11: ученик «Петров Пётр» уже есть в 5А (группы «1 группа»)',
    ]);
    expect(o.plan).toBeNull();
  });

  it('IMP-5: a repeated row, a repeated parent, and the same student described differently in two rows', () => {
    const o = planStudentsImport(
      table(`${HEADER}
5А;Иванов Иван;;;;;Иванова Мария;;
5А;Иванов Иван;;;;;Иванова Мария;;
5А;Иванов Иван;;09.09.2026;;;Иванов Олег;;
6Б;Сидоров Лев;;;;;;;
6Б;Сидоров Лев;;;;;;;`),
      importSchool(),
      context(),
    );
    expect(messages(o)).toEqual([
      'Строка 3: родитель «Иванова Мария» ученика «Иванов Иван» повторяет строку 2',
      'Строка 4: ученик «Иванов Иван» описан в строке 2 иначе: дата зачисления не указана, в файле 09.09.2026',
      'Строка 6: строка ученика «Сидоров Лев» повторяет строку 5',
    ]);
  });

  it('IMP-14: students export by class and roster, one row per parent, and import back unchanged', () => {
    const school = importSchool();
    const ctx = context();
    const rows = exportStudentsRows(school, ctx.rosters, ctx.personal);
    expect(rows).toEqual([['5А', 'Петров Пётр', '05.05.2015', '', '', '1 группа', 'Петрова Ольга Ивановна', '+7 900 111-22-33', '']]);
    const o = planStudentsImport([HEADER.split(';'), ...rows], school, ctx);
    expect(o.preview.map((p) => p.status)).toEqual(['same']);
    expect(o.plan).toEqual({ students: [], personal: [] });
  });
});
