/**
 * The demo school's people and who teaches what: one login per role the product knows, the
 * main demo teacher (`teacher`), a class teacher, a substitute, and enough colleagues that
 * every subject of 1А, 5Б and 10А has a teacher.
 */
import type { ClassId, GroupId, Role, UserId } from '../../model/index.ts';
import { HOURS, subjectId } from './curriculum.ts';
import type { ClassPlan, GroupPlan, StreamPlan } from './school-structure.ts';

export interface DemoUser {
  id: UserId;
  login: string;
  name: string;
  roles: Role[];
}

interface DemoStaff extends DemoUser {
  /** What the user is in the demo, for the README's table of logins. */
  note: string;
  room: string;
}

const person = (login: string, name: string, roles: Role[], room: string, note: string): DemoStaff => ({
  id: `u-${login}` as UserId,
  login,
  name,
  roles,
  room,
  note,
});

const STAFF: readonly DemoStaff[] = [
  person('admin', 'Кузнецов Андрей Викторович', ['admin'], '', 'администратор ЭЖ'),
  person('director', 'Волкова Наталья Сергеевна', ['director'], '', 'директор'),
  person('deputy', 'Морозова Ирина Владимировна', ['deputy'], '', 'заместитель директора по УВР'),
  person(
    'teacher',
    'Смирнова Ольга Петровна',
    ['teacher'],
    '21',
    'учитель математики: математика 5Б, алгебра, геометрия, вероятность и статистика 10А',
  ),
  person('classteacher', 'Лебедева Елена Николаевна', ['teacher'], '14', 'классный руководитель 5Б, русский язык и литература 5Б'),
  person('substitute', 'Соколов Дмитрий Андреевич', ['teacher'], '31', 'учитель физики 10А, замещает уроки математики в 5Б'),
  person('primary', 'Павлова Татьяна Ивановна', ['teacher'], '3', 'учитель начальных классов, классный руководитель 1А'),
  person('english1', 'Новикова Анна Сергеевна', ['teacher'], '25', 'английский язык: 5Б (1 группа), 10А'),
  person('english2', 'Фёдорова Мария Александровна', ['teacher'], '26', 'английский язык: 5Б (2 группа)'),
  person('russian', 'Белова Людмила Викторовна', ['teacher'], '16', 'русский язык и литература 10А, классный руководитель 10А'),
  person('history', 'Козлов Сергей Михайлович', ['teacher'], '18', 'история, обществознание, ОДНКНР'),
  person('biology', 'Егорова Светлана Юрьевна', ['teacher'], '33', 'биология, химия, география'),
  person('informatics', 'Захаров Павел Олегович', ['teacher'], '27', 'информатика, ОБЗР, индивидуальный проект'),
  person('pe', 'Никитин Алексей Петрович', ['teacher'], 'Спортзал', 'физическая культура'),
  person('arts', 'Орлова Валентина Григорьевна', ['teacher'], '9', 'музыка, изобразительное искусство'),
  person('tech', 'Гусев Виктор Николаевич', ['teacher'], 'Мастерская', 'труд (технология)'),
  person('psychologist', 'Андреева Юлия Игоревна', ['psychologist'], '', 'педагог-психолог'),
];

/** The demo's users, as the server's registry needs them. */
export const DEMO_USERS: readonly DemoUser[] = STAFF.map(({ id, login, name, roles }) => ({ id, login, name, roles }));

/** Logins with what each one is, for the README (password: DEMO_PASSWORD). */
export const DEMO_LOGINS: ReadonlyArray<{ login: string; name: string; roles: Role[]; note: string }> = STAFF.map(
  ({ login, name, roles, note }) => ({ login, name, roles, note }),
);

export const userId = (login: string): UserId => {
  const s = STAFF.find((p) => p.login === login);
  if (!s) throw new Error(`no demo user ${login}`);
  return s.id;
};

const roomOf = (login: string): string => STAFF.find((p) => p.login === login)!.room;

export const ENGLISH_GROUPS = { en1: '5b-en1' as GroupId, en2: '5b-en2' as GroupId };

/** A class's streams from its grade's hours; `teachers` maps subject → login, or groups for a split. */
function streams(grade: number, teachers: Record<string, string | GroupPlan[]>, homeroom: string): StreamPlan[] {
  return Object.entries(HOURS[grade]).map(([id, hours]) => {
    const t = teachers[id];
    if (t === undefined) throw new Error(`grade ${grade}: nobody teaches ${id}`);
    const groups: GroupPlan[] =
      typeof t === 'string'
        ? [{ groupId: 'all' as GroupId, teacherId: userId(t), room: grade === 1 && t === 'primary' ? homeroom : roomOf(t) }]
        : t;
    return { subjectId: subjectId(id), hours, groups };
  });
}

/** The three demo classes, their timetable shape and teaching load. */
export function demoClassPlans(): ClassPlan[] {
  return [
    {
      classId: '1a' as ClassId,
      name: '1А',
      grade: 1,
      classTeacherId: userId('primary'),
      daily: [5, 4, 4, 4, 4],
      streams: streams(
        1,
        { rus: 'primary', litread: 'primary', math: 'primary', world: 'primary', art: 'primary', tech: 'primary', music: 'arts', pe: 'pe' },
        '3',
      ),
    },
    {
      classId: '5b' as ClassId,
      name: '5Б',
      grade: 5,
      classTeacherId: userId('classteacher'),
      daily: [6, 6, 5, 5, 5],
      streams: streams(
        5,
        {
          rus: 'classteacher',
          lit: 'classteacher',
          math: 'teacher',
          eng: [
            { groupId: ENGLISH_GROUPS.en1, name: 'Английский язык, 1 группа', teacherId: userId('english1'), room: roomOf('english1') },
            { groupId: ENGLISH_GROUPS.en2, name: 'Английский язык, 2 группа', teacherId: userId('english2'), room: roomOf('english2') },
          ],
          hist: 'history',
          odnknr: 'history',
          geo: 'biology',
          bio: 'biology',
          music: 'arts',
          art: 'arts',
          tech: 'tech',
          pe: 'pe',
        },
        '14',
      ),
    },
    {
      classId: '10a' as ClassId,
      name: '10А',
      grade: 10,
      classTeacherId: userId('russian'),
      daily: [7, 6, 6, 6, 6],
      streams: streams(
        10,
        {
          rus: 'russian',
          lit: 'russian',
          eng: 'english1',
          alg: 'teacher',
          geom: 'teacher',
          prob: 'teacher',
          inf: 'informatics',
          proj: 'informatics',
          obzr: 'informatics',
          hist: 'history',
          soc: 'history',
          geo: 'biology',
          bio: 'biology',
          chem: 'biology',
          phys: 'substitute',
          pe: 'pe',
        },
        '16',
      ),
    },
  ];
}

/** Staff records for the school document: every demo user, teachers and management alike. */
export function demoStaffSpecs(): Array<{ id: UserId; name: string }> {
  return STAFF.map(({ id, name }) => ({ id, name }));
}
