/**
 * The tables a school exchanges with the journal: their kinds and their columns. The template,
 * the import and the export of a kind share these columns (IMP-14), so that a file exported
 * and imported again changes nothing.
 */

export const IMPORT_KINDS = ['staff', 'classes', 'students', 'load', 'timetable', 'ktp'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export function isImportKind(s: unknown): s is ImportKind {
  return typeof s === 'string' && (IMPORT_KINDS as readonly string[]).includes(s);
}

/** The kinds' names, in the order a school loads them (each needs the ones before it). */
export const IMPORT_TITLES: Readonly<Record<ImportKind, string>> = {
  staff: 'Сотрудники',
  classes: 'Классы и группы',
  students: 'Ученики и родители',
  load: 'Учебная нагрузка',
  timetable: 'Расписание на неделю',
  ktp: 'КТП',
};

export interface ImportColumn {
  key: string;
  /** The header as the template writes it. */
  title: string;
  required: boolean;
  /** Other headers schools use for it (compared as IMP-3 normalizes them). */
  aliases?: readonly string[];
  /** The template's example row. */
  example: string;
}

const col = (key: string, title: string, required: boolean, example: string, aliases?: readonly string[]): ImportColumn => ({
  key,
  title,
  required,
  example,
  ...(aliases ? { aliases } : {}),
});

export const IMPORT_COLUMNS: Readonly<Record<ImportKind, readonly ImportColumn[]>> = {
  staff: [
    col('name', 'ФИО', true, 'Смирнова Ольга Петровна', ['Фамилия Имя Отчество', 'Сотрудник']),
    col('role', 'Должность', true, 'учитель', ['Роль', 'Должность (роль)', 'Роли']),
    col('login', 'Логин', false, 'smirnova.op'),
  ],
  classes: [
    col('class', 'Класс', true, '5Б', ['Название класса']),
    col('grade', 'Параллель', false, '5', ['Год обучения', 'Параллель (год обучения)']),
    col('classTeacher', 'Классный руководитель', false, 'Лебедева Елена Николаевна', ['Кл. руководитель']),
    col('subject', 'Предмет', false, 'Иностранный язык (английский)', ['Предмет группы']),
    col('group', 'Группа', false, 'Английский язык, 1 группа', ['Название группы', 'Подгруппа']),
    col('code', 'Код группы', false, '5b-en1'),
  ],
  students: [
    col('class', 'Класс', true, '5Б'),
    col('name', 'ФИО ученика', true, 'Иванов Иван Сергеевич', ['ФИО', 'Ученик', 'Обучающийся']),
    col('birthDate', 'Дата рождения', false, '14.03.2015'),
    col('enrolledOn', 'Дата зачисления', false, '01.09.2026', ['Дата прибытия']),
    col('leftOn', 'Дата выбытия', false, ''),
    col('groups', 'Группы', false, 'Английский язык, 1 группа', ['Подгруппы']),
    col('parentName', 'ФИО родителя', false, 'Иванова Мария Петровна', [
      'Родитель',
      'Законный представитель',
      'ФИО законного представителя',
    ]),
    col('phone', 'Телефон', false, '+7 912 345-67-89', ['Телефон родителя']),
    col('email', 'E-mail', false, 'ivanova@example.ru', ['Email', 'Электронная почта', 'Почта']),
  ],
  load: [
    col('class', 'Класс', true, '5Б'),
    col('subject', 'Предмет', true, 'Математика'),
    col('group', 'Группа', false, ''),
    col('teacher', 'Учитель', true, 'Смирнова Ольга Петровна', ['Преподаватель', 'ФИО учителя']),
  ],
  timetable: [
    col('class', 'Класс', true, '5Б'),
    col('weekday', 'День недели', true, 'Пн', ['День']),
    col('slot', 'Урок', true, '2', ['№ урока', 'Номер урока']),
    col('subject', 'Предмет', true, 'Математика'),
    col('group', 'Группа', false, ''),
    col('teacher', 'Учитель', false, 'Смирнова Ольга Петровна', ['Преподаватель', 'ФИО учителя']),
    col('room', 'Кабинет', false, '21', ['Каб.', 'Аудитория']),
  ],
  ktp: [
    col('teacher', 'Учитель', true, 'Смирнова Ольга Петровна', ['Преподаватель', 'ФИО учителя']),
    col('subject', 'Предмет', true, 'Математика'),
    col('grade', 'Параллель', true, '5', ['Класс', 'Год обучения']),
    col('order', '№', true, '1', ['№ урока', 'Номер', 'Порядковый номер']),
    col('title', 'Тема', true, 'Натуральные числа и нуль', ['Тема урока']),
    col('hours', 'Часы', true, '1', ['Количество часов', 'Кол-во часов']),
    col('kind', 'Вид', false, 'урок', ['Вид работы', 'Тип урока']),
  ],
};

/** The header and the example row of a kind's template. */
export function importTemplate(kind: ImportKind): string[][] {
  const cols = IMPORT_COLUMNS[kind];
  return [cols.map((c) => c.title), cols.map((c) => c.example)];
}
