/**
 * The demo school's catalogue: subjects with their marking systems, work types with weights,
 * and hours per week by grade (учебный план after ФОП 2023, five-day week).
 */
import type { MarkingSystem, SubjectId, WorkTypeId } from '../../model/index.ts';

export interface SubjectSpec {
  name: string;
  marking: MarkingSystem;
}

export const SUBJECTS: Readonly<Record<string, SubjectSpec>> = {
  rus: { name: 'Русский язык', marking: 'five' },
  lit: { name: 'Литература', marking: 'five' },
  litread: { name: 'Литературное чтение', marking: 'five' },
  eng: { name: 'Иностранный язык (английский)', marking: 'five' },
  math: { name: 'Математика', marking: 'five' },
  alg: { name: 'Алгебра', marking: 'five' },
  geom: { name: 'Геометрия', marking: 'five' },
  prob: { name: 'Вероятность и статистика', marking: 'five' },
  inf: { name: 'Информатика', marking: 'five' },
  world: { name: 'Окружающий мир', marking: 'five' },
  hist: { name: 'История', marking: 'five' },
  soc: { name: 'Обществознание', marking: 'five' },
  geo: { name: 'География', marking: 'five' },
  bio: { name: 'Биология', marking: 'five' },
  phys: { name: 'Физика', marking: 'five' },
  chem: { name: 'Химия', marking: 'five' },
  music: { name: 'Музыка', marking: 'five' },
  art: { name: 'Изобразительное искусство', marking: 'five' },
  tech: { name: 'Труд (технология)', marking: 'five' },
  pe: { name: 'Физическая культура', marking: 'five' },
  obzr: { name: 'Основы безопасности и защиты Родины', marking: 'five' },
  // Many schools assess ОДНКНР by зачёт: the demo's pass/fail subject.
  odnknr: { name: 'Основы духовно-нравственной культуры народов России', marking: 'passfail' },
  proj: { name: 'Индивидуальный проект', marking: 'five' },
};

export interface WorkTypeSpec {
  name: string;
  short: string;
  weight: number;
  /** Written for the whole class at once, rather than asked of a few students. */
  wholeClass: boolean;
  /** Days after the lesson its marks may be entered (TIME-2); none = on the day. */
  deadlineDays?: number;
}

export const WORK_TYPES: Readonly<Record<string, WorkTypeSpec>> = {
  oral: { name: 'Устный ответ', short: 'УО', weight: 1, wholeClass: false },
  indep: { name: 'Самостоятельная работа', short: 'СР', weight: 2, wholeClass: true, deadlineDays: 3 },
  control: { name: 'Контрольная работа', short: 'КР', weight: 3, wholeClass: true, deadlineDays: 7 },
  lab: { name: 'Лабораторная работа', short: 'ЛР', weight: 2, wholeClass: true, deadlineDays: 3 },
  practical: { name: 'Практическая работа', short: 'ПР', weight: 2, wholeClass: true, deadlineDays: 3 },
  dictation: { name: 'Диктант', short: 'Д', weight: 3, wholeClass: true, deadlineDays: 3 },
  test: { name: 'Тест', short: 'Т', weight: 2, wholeClass: true, deadlineDays: 3 },
  homework: { name: 'Домашняя работа', short: 'ДЗ', weight: 1, wholeClass: false, deadlineDays: 1 },
};

export const workTypeId = (id: keyof typeof WORK_TYPES & string): WorkTypeId => id as WorkTypeId;

/** Hours per week of each subject (by id), by grade. */
export type HoursTable = Readonly<Record<number, Readonly<Record<string, number>>>>;

/** Hours per week of each subject, by grade. Sums: grade 1 — 21, grade 5 — 27, grade 10 — 31. */
export const HOURS: HoursTable = {
  1: { rus: 5, litread: 4, math: 4, world: 2, music: 1, art: 1, tech: 1, pe: 3 },
  5: { rus: 5, lit: 3, eng: 3, math: 5, hist: 2, geo: 1, bio: 1, music: 1, art: 1, tech: 2, pe: 2, odnknr: 1 },
  10: {
    rus: 2,
    lit: 3,
    eng: 3,
    alg: 4,
    geom: 2,
    prob: 1,
    inf: 2,
    hist: 2,
    soc: 2,
    geo: 1,
    phys: 3,
    chem: 1,
    bio: 1,
    pe: 2,
    obzr: 1,
    proj: 1,
  },
};

export const subjectId = (id: string): SubjectId => {
  if (!(id in SUBJECTS)) throw new Error(`unknown subject ${id}`);
  return id as SubjectId;
};

/**
 * A subject's hours per week as its record keeps them (YEAR-4: grade → hours): only the grades
 * of `table` whose plan has the subject; a grade the subject is not taught in stays unset, as
 * do the grades the table has no plan for. Undefined when no grade has the subject.
 *
 * @example subjectHours(HOURS, 'rus') // { '1': 5, '5': 5, '10': 2 }
 */
export function subjectHours(table: HoursTable, id: string): Record<string, number> | undefined {
  const hours = Object.entries(table).filter(([, plan]) => plan[id] !== undefined);
  return hours.length > 0 ? Object.fromEntries(hours.map(([grade, plan]) => [grade, plan[id]])) : undefined;
}
