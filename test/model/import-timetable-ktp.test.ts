import { describe, expect, it } from 'vitest';
import {
  applyKtpPlan,
  applyTimetablePlan,
  curriculumPages,
  exportKtpRows,
  exportTimetableRows,
  ktpItems,
  pageLessons,
  planKtpImport,
  planTimetableImport,
  readKtpKind,
  timetableEntries,
} from '../../model/index.ts';
import { c, docContent, g, importSchool, sub, table, u } from './import-fixture.ts';

const messages = (o: { errors: Array<{ message: string }> }) => o.errors.map((e) => e.message);
const TT = 'Класс;День недели;Урок;Предмет;Группа;Учитель;Кабинет';
const KTP = 'Учитель;Предмет;Параллель;№;Тема;Часы;Вид';
/** A small deterministic PRNG for the new topics' ids. */
const seeded =
  (seed = 1) =>
  () =>
    ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;

describe('timetable import', () => {
  it('IMP-12, SETUP-16: two groups in one room at one time are imported with a warning, not refused', () => {
    const school = importSchool();
    const o = planTimetableImport(
      table(`${TT}
5А;Пн;1;Математика;;Смирнова Ольга Петровна;21
5А;2;1;Иностранный язык (английский);1 группа;Новикова А. С.;25
5А;Вт;1;Иностранный язык (английский);2 группа;Фёдорова М. А.;25`),
      school,
    );
    expect(messages(o)).toEqual([]);
    expect(o.warnings.map((w) => w.message)).toContain(
      'Строка 4: кабинет «25» Вт на 1-м уроке уже занят: 5А, «Иностранный язык (английский)» (строка 3); такой урок не сохранится при правке в «Учебном году»',
    );
  });

  it('IMP-12: the file replaces the timetable of its classes; the teacher may come from the load; removals are warned', () => {
    const school = importSchool();
    const o = planTimetableImport(
      table(`${TT}
5А;Пн;1;Математика;;Смирнова Ольга Петровна;21
5А;четверг;3;Математика;;;22
5А;2;1;Иностранный язык (английский);1 группа;Новикова А. С.;25
5А;Вт;1;Иностранный язык (английский);2 группа;Фёдорова М. А.;26`),
      school,
    );
    expect(messages(o)).toEqual([]);
    expect(o.preview.map((p) => p.status)).toEqual(['same', 'new', 'same', 'same']);
    expect(o.warnings.map((w) => w.message)).toEqual(['Из расписания 5А будут удалены уроки, которых нет в файле: 1']);
    applyTimetablePlan(school, o.plan!);
    const maths = timetableEntries(school).filter((e) => e.subjectId === 'math');
    expect(maths.map((e) => [e.weekday, e.slot, e.teacherId, e.room]).sort()).toEqual([
      [1, 1, 'u-smirnova', '21'],
      [4, 3, 'u-smirnova', '22'],
    ]);
  });

  it('IMP-12: bad days and lessons, clashes in a class and of a teacher (with the file and with other classes), duplicates', () => {
    const school = importSchool();
    const before = docContent(school);
    const o = planTimetableImport(
      table(`${TT}
5А;Вс;1;Математика;;Смирнова О. П.;21
5А;Пн;9;Математика;;Смирнова О. П.;21
5А;Пн;2;Математика;;Смирнова О. П.;21
5А;Пн;2;Русский язык;;Лебедева Е. Н.;14
6Б;Пн;2;Русский язык;;Лебедева Е. Н.;15
5А;Пт;3;Математика;;Смирнова О. П.;21
5А;Пт;3;Математика;;Смирнова О. П.;21
5А;Пт;4;Иностранный язык (английский);3 группа;Новикова А. С.;25
6Б;Пт;5;Математика;;;`),
      school,
    );
    expect(messages(o)).toEqual([
      'Строка 2: в воскресенье уроков нет',
      'Строка 3: урока № 9 нет в расписании звонков',
      'Строка 5: у 5А Пн на 2-м уроке уже стоит «Математика» (строка 4)',
      'Строка 6: учитель Лебедева Е. Н. Пн на 2-м уроке уже ведёт урок: 5А, «Русский язык» (строка 5)',
      'Строка 8: урок 5А «Математика» (Пт, 3-й урок) повторяет строку 7',
      'Строка 9: в 5А нет группы «3 группа» по предмету «Иностранный язык (английский)»',
      'Строка 10: укажите учителя: в нагрузке 6Б по «Математика» его нет',
    ]);
    expect(o.plan).toBeNull();
    expect(o.preview.filter((p) => p.status === 'error').map((p) => p.row)).toEqual([2, 3, 5, 6, 8, 9, 10]);
    // A class the file keeps: 5А's stored Monday 1st lesson is Smirnova's.
    const kept = planTimetableImport(table(`${TT}\n6Б;Пн;1;Математика;;Смирнова О. П.;30`), school);
    expect(messages(kept)).toEqual([
      'Строка 2: учитель Смирнова О. П. Пн на 1-м уроке уже ведёт урок: 5А, «Математика» (уже в расписании)',
    ]);
    expect(kept.warnings.map((w) => w.message)).toEqual([
      'Строка 2: 6Б, «Математика»: нагрузка не назначена — журнал открыт учителю по нагрузке',
    ]);
    expect(docContent(school)).toEqual(before);
  });

  it('IMP-14: the timetable exports by class, day and lesson, and imports back unchanged', () => {
    const school = importSchool();
    const rows = exportTimetableRows(school);
    expect(rows).toEqual([
      ['5А', 'Пн', '1', 'Математика', '', 'Смирнова Ольга Петровна', '21'],
      ['5А', 'Вт', '1', 'Иностранный язык (английский)', '1 группа', 'Новикова Анна Сергеевна', '25'],
      ['5А', 'Вт', '1', 'Иностранный язык (английский)', '2 группа', 'Фёдорова Мария Александровна', '26'],
      ['5А', 'Ср', '2', 'Математика', '', 'Смирнова Ольга Петровна', '21'],
    ]);
    const o = planTimetableImport([TT.split(';'), ...rows], school);
    expect(o.preview.every((p) => p.status === 'same')).toBe(true);
    expect(o.plan!.removals).toEqual([]);
  });
});

describe('КТП import', () => {
  it('IMP-13: the curriculum hours of a page are its lessons in the year: 4 Mondays + 5 Wednesdays − the holiday Monday = 8', () => {
    const school = importSchool();
    expect(pageLessons(school, null, c('5a'), sub('math'), g('all')).length).toBe(8);
    expect(curriculumPages(school, u('u-smirnova'), sub('math'), 5)).toEqual([{ classId: '5a', groupId: 'all', lessons: 8 }]);
    expect(curriculumPages(school, u('u-novikova'), sub('eng'), 5)).toEqual([{ classId: '5a', groupId: '5a-en1', lessons: 4 }]);
  });

  it('IMP-13: kinds by their names and abbreviations', () => {
    expect(
      ['', 'урок', 'Контрольная работа', 'КР', 'лабораторная', 'Л.Р.', 'практическая работа', 'ПР'].map((k) => readKtpKind(k)),
    ).toEqual(['lesson', 'lesson', 'control', 'control', 'lab', 'lab', 'practical', 'practical'].map((value) => ({ ok: true, value })));
    expect(readKtpKind('экскурсия').ok).toBe(false);
  });

  it('IMP-13: a plan whose hours equal the curriculum is accepted; short and long ones say the difference', () => {
    const school = importSchool();
    const ok = planKtpImport(
      table(
        `${KTP}\nСмирнова О. П.;Математика;5;1;Натуральные числа;3;\nСмирнова О. П.;Математика;5;2;Дроби;4;урок\nСмирнова О. П.;Математика;5;3;Контрольная работа № 1;1;КР`,
      ),
      school,
      seeded(),
    );
    expect(messages(ok)).toEqual([]);
    expect(ok.plan!.items.map((x) => [x.item.order, x.item.hours, x.item.kind])).toEqual([
      [0, 3, 'lesson'],
      [1, 4, 'lesson'],
      [2, 1, 'control'],
    ]);
    const short = planKtpImport(table(`${KTP}\nСмирнова О. П.;Математика;5;1;Числа;3;\nСмирнова О. П.;Математика;5;2;Дроби;4;`), school);
    expect(messages(short)).toEqual([
      'КТП «Математика», 5 класс (Смирнова О. П.): в КТП 7 ч, по расписанию на год 8 ч (часы в неделю по учебному плану не заданы): не хватает 1 ч',
    ]);
    expect(short.preview.map((p) => p.status)).toEqual(['error', 'error']);
    const long = planKtpImport(table(`${KTP}\nСмирнова О. П.;Математика;5;1;Числа;8,5;`), school);
    expect(messages(long)).toEqual([
      'КТП «Математика», 5 класс (Смирнова О. П.): в КТП 8,5 ч, по расписанию на год 8 ч (часы в неделю по учебному плану не заданы): лишние 0,5 ч',
    ]);
  });

  it('IMP-13: a teacher who does not teach the subject there, a subject without lessons yet, bad cells and duplicate numbers', () => {
    const school = importSchool();
    const before = docContent(school);
    const o = planKtpImport(
      table(`${KTP}
Новикова А. С.;Математика;5;1;Числа;8;
Лебедева Е. Н.;Русский язык;5;1;Фонетика;8;
Смирнова О. П.;Математика;12;1;Числа;8;
Смирнова О. П.;Математика;5;0;Числа;8;
Смирнова О. П.;Математика;5;1;;0;экскурсия
Смирнова О. П.;Математика;5;2;Дроби;4;
Смирнова О. П.;Математика;5;2;Дроби ещё раз;4;`),
      school,
    );
    expect(messages(o)).toEqual([
      'КТП «Математика», 5 класс (Новикова А. С.): учитель не ведёт этот предмет в 5-х классах (нет ни в нагрузке, ни в расписании)',
      'КТП «Русский язык», 5 класс (Лебедева Е. Н.): в расписании нет уроков этого учителя по предмету, а часы в неделю по учебному плану не заданы — задайте их или загрузите сначала расписание',
      'Строка 4: параллель «12» — нужно число от 1 до 11',
      'Строка 5: номер темы «0» — нужно число от 1 до 1000',
      'Строка 6: укажите тему',
      'Строка 6: часы «0» — нужно число больше 0 (например 1 или 0,5)',
      'Строка 6: вид «экскурсия» — укажите урок, контрольная работа, лабораторная работа или практическая работа',
      'Строка 8: тема № 2 КТП «Математика», 5 класс (Смирнова О. П.) повторяет строку 7',
    ]);
    expect(docContent(school)).toEqual(before);
  });

  it('IMP-13: a plan replaces the stored one of its teacher, subject and grade: topics keep their ids by number, missing ones go', () => {
    const school = importSchool();
    const item = (order: number, title: string, hours: number) =>
      ({ teacherId: u('u-smirnova'), subjectId: sub('math'), grade: 5, order, title, hours, kind: 'lesson' }) as const;
    ktpItems.set(school, 'k1', item(0, 'Числа', 4));
    ktpItems.set(school, 'k2', item(1, 'Дроби', 2));
    ktpItems.set(school, 'k3', item(2, 'Повторение', 2));
    ktpItems.set(school, 'other', { ...item(0, 'Русский', 8), subjectId: sub('rus') });
    const o = planKtpImport(
      table(`${KTP}\nСмирнова О. П.;Математика;5;1;Числа;4;\nСмирнова О. П.;Математика;5;2;Дроби и проценты;4;`),
      school,
    );
    expect(messages(o)).toEqual([]);
    expect(o.preview.map((p) => p.status)).toEqual(['same', 'changed']);
    expect(o.warnings.map((w) => w.message)).toEqual([
      'КТП «Математика», 5 класс (Смирнова О. П.): будут удалены темы, которых нет в файле: 1',
    ]);
    applyKtpPlan(school, o.plan!);
    expect(
      ktpItems
        .all(school)
        .map(([id, k]) => [id, k.title, k.hours])
        .sort(),
    ).toEqual([
      ['k1', 'Числа', 4],
      ['k2', 'Дроби и проценты', 4],
      ['other', 'Русский', 8],
    ]);
    expect(exportKtpRows(school)).toEqual(
      [
        ['Лебедева Елена Николаевна', 'Русский язык', '5', '1', 'Русский', '8', 'урок'].map((x, i) =>
          i === 0 ? 'Смирнова Ольга Петровна' : x,
        ),
        ['Смирнова Ольга Петровна', 'Математика', '5', '1', 'Числа', '4', 'урок'],
        ['Смирнова Ольга Петровна', 'Математика', '5', '2', 'Дроби и проценты', '4', 'урок'],
      ].sort((a, b) => a[1].localeCompare(b[1], 'ru')),
    );
  });
});
