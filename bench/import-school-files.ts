import * as Y from 'yjs';
import {
  classes,
  IMPORT_COLUMNS,
  latinize,
  pageLessons,
  setTimetableEntry,
  WEEKDAY_NAMES,
  type ClassId,
  type GroupId,
  type ImportKind,
  type SchoolId,
  type SubjectId,
  type UserId,
} from '../model/index.ts';
import { HOURS, SUBJECTS } from '../sync-server/demo/curriculum.ts';
import { spreadHours } from '../sync-server/demo/ktp-builder.ts';
import { Rng } from '../sync-server/demo/random.ts';
import { feminineSurname, fullName, studentNames } from '../sync-server/demo/russian-names.ts';
import type { ClassPlan, GroupPlan } from '../sync-server/demo/school-structure.ts';
import { writeYearStructure } from '../sync-server/demo/school-structure.ts';
import { buildTimetable } from '../sync-server/demo/timetable-builder.ts';
import { topicsFor } from '../sync-server/demo/topics.ts';

export const GRADES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
const LETTERS = ['А', 'Б', 'В', 'Г'];
const TEACHERS = 80;
const STUDENTS_PER_CLASS = 25;
/** Lessons a day, Monday to Friday, for the weekly hours of each grade band (21, 27, 31). */
const DAILY: Record<number, number[]> = { 1: [5, 4, 4, 4, 4], 5: [6, 6, 5, 5, 5], 10: [7, 6, 6, 6, 6] };
const band = (grade: number) => (grade <= 4 ? 1 : grade <= 9 ? 5 : 10);
const FATHERS = ['Иван', 'Петр', 'Сергее', 'Андрее', 'Михайл', 'Александр', 'Николае', 'Олег', 'Виктор', 'Павл'];
const ENGLISH_SPLIT = (grade: number) => grade >= 5;

export interface SchoolFiles {
  files: Record<ImportKind, string[][]>;
  counts: { teachers: number; classes: number; students: number };
}

/** 80 distinct teachers «Фамилия Имя Отчество». */
function teacherNames(rng: Rng): string[] {
  const names = new Set<string>();
  while (names.size < TEACHERS) {
    const [p] = studentNames(rng, 1);
    const father = rng.pick(FATHERS);
    const stem = father.endsWith('е') ? `${father}в` : `${father}ов`;
    names.add(`${p.surname} ${p.first} ${stem}${p.sex === 'm' ? 'ич' : 'на'}`);
  }
  return [...names];
}

/**
 * A whole school as the files a secretary and a timetable program would hand over: 80
 * teachers, 40 classes (grades 1–10, four of each), their groups (English split from grade 5),
 * teaching load, a clash-free weekly timetable, a КТП per teacher, subject and grade whose hours
 * equal the lessons of the year, and 1,000 students with one or two parents each.
 */
export function generateSchoolFiles(seed = 20260901): SchoolFiles {
  const rng = new Rng(seed);
  const names = teacherNames(rng.fork('teachers'));
  const ids = names.map((_, i) => `t${String(i + 1).padStart(2, '0')}` as UserId);
  const nameOf = new Map(ids.map((id, i) => [id as string, names[i]]));
  // Primary classes have their own teacher for most subjects; the rest share subject teachers.
  const primary = ids.slice(0, 16);
  const subjectTeachers = ids.slice(16);
  const plans: ClassPlan[] = [];
  const hoursOf = new Map<string, number>();
  const pools = new Map<string, UserId[]>();
  // Subject teachers in proportion to each subject's weekly hours over the school, one at least.
  const need = new Map<string, number>();
  for (const grade of GRADES) {
    for (const [subjectId, hours] of Object.entries(HOURS[band(grade)])) {
      if (grade <= 4 && !['music', 'pe'].includes(subjectId)) continue;
      const groups = subjectId === 'eng' && ENGLISH_SPLIT(grade) ? 2 : 1;
      need.set(subjectId, (need.get(subjectId) ?? 0) + hours * groups * LETTERS.length);
    }
  }
  const total = [...need.values()].reduce((a, b) => a + b, 0);
  const spare = subjectTeachers.length - need.size;
  const shares = [...need].map(([subjectId, h]) => ({
    subjectId,
    n: 1 + Math.floor((h / total) * spare),
    rest: ((h / total) * spare) % 1,
  }));
  for (const s of [...shares].sort((a, b) => b.rest - a.rest).slice(0, subjectTeachers.length - shares.reduce((a, b) => a + b.n, 0))) s.n++;
  let next = 0;
  for (const { subjectId, n } of shares) pools.set(subjectId, subjectTeachers.slice(next, (next += n)));
  const leastLoaded = (subject: string, except?: UserId) => {
    const pool = (pools.get(subject) ?? subjectTeachers).filter((t) => t !== except);
    return pool.sort((a, b) => (hoursOf.get(a) ?? 0) - (hoursOf.get(b) ?? 0))[0];
  };
  let k = 0;
  for (const grade of GRADES) {
    for (const letter of LETTERS) {
      const name = `${grade}${letter}`;
      const classId = latinize(name) as ClassId;
      const own = grade <= 4 ? primary[k++] : null;
      const streams = Object.entries(HOURS[band(grade)]).map(([subjectId, hours]) => {
        const groups: GroupPlan[] = [];
        if (subjectId === 'eng' && ENGLISH_SPLIT(grade)) {
          const a = leastLoaded('eng');
          const b = leastLoaded('eng', a);
          groups.push({ groupId: `${classId}-en1` as GroupId, name: '1 группа', teacherId: a, room: '25' });
          groups.push({ groupId: `${classId}-en2` as GroupId, name: '2 группа', teacherId: b, room: '26' });
        } else {
          const teacher = own && !['music', 'pe', 'eng'].includes(subjectId) ? own : leastLoaded(subjectId);
          groups.push({ groupId: 'all' as GroupId, teacherId: teacher, room: String(10 + (k % 30)) });
        }
        for (const g of groups) hoursOf.set(g.teacherId, (hoursOf.get(g.teacherId) ?? 0) + hours);
        return { subjectId: subjectId as SubjectId, hours, groups };
      });
      plans.push({
        classId,
        name,
        grade,
        classTeacherId: own ?? subjectTeachers[plans.length % subjectTeachers.length],
        daily: DAILY[band(grade)],
        streams,
      });
    }
  }
  const timetable = buildTimetable(plans, rng.fork('timetable'));

  // The year's lessons of each page, from the same calendar the server has (writeYearStructure).
  const school = new Y.Doc();
  school.transact(() => {
    writeYearStructure(school, 'bench' as SchoolId, 'Школа');
    for (const p of plans) classes.set(school, p.classId, { name: p.name, grade: p.grade, classTeacherId: null });
    for (const e of timetable) setTimetableEntry(school, e);
  });
  const subjectName = (id: string) => SUBJECTS[id].name;
  const groupName = (id: string) => (id === 'all' ? '' : id.endsWith('en1') ? '1 группа' : '2 группа');
  const classOf = new Map(plans.map((p) => [p.classId as string, p]));

  const files: Record<ImportKind, string[][]> = { staff: [], classes: [], students: [], load: [], timetable: [], ktp: [] };
  for (const kind of Object.keys(files) as ImportKind[]) files[kind].push(IMPORT_COLUMNS[kind].map((c) => c.title));
  for (const n of names) files.staff.push([n, 'учитель', '']);
  for (const p of plans) {
    files.classes.push([p.name, String(p.grade), nameOf.get(p.classTeacherId!)!, '', '', '']);
    for (const s of p.streams) {
      for (const g of s.groups) {
        if (g.name) files.classes.push([p.name, '', '', subjectName(s.subjectId), g.name, g.groupId]);
        files.load.push([p.name, subjectName(s.subjectId), groupName(g.groupId), nameOf.get(g.teacherId)!]);
      }
    }
  }
  for (const e of timetable) {
    files.timetable.push([
      classOf.get(e.classId)!.name,
      WEEKDAY_NAMES[e.weekday],
      String(e.slot),
      subjectName(e.subjectId),
      groupName(e.groupId),
      nameOf.get(e.teacherId)!,
      e.room,
    ]);
  }
  const done = new Set<string>();
  for (const p of plans) {
    for (const s of p.streams) {
      for (const g of s.groups) {
        const key = `${g.teacherId}:${s.subjectId}:${p.grade}`;
        if (done.has(key)) continue;
        done.add(key);
        const lessons = pageLessons(school, null, p.classId, s.subjectId, g.groupId).length;
        const titles = topicsFor(s.subjectId, p.grade);
        const hours = spreadHours(titles, lessons);
        titles.forEach((title, i) => {
          const kind = title.toLowerCase().startsWith('лабораторная')
            ? 'лабораторная работа'
            : title.toLowerCase().startsWith('практическая')
              ? 'практическая работа'
              : /контрольн/i.test(title)
                ? 'контрольная работа'
                : 'урок';
          files.ktp.push([
            nameOf.get(g.teacherId)!,
            subjectName(s.subjectId),
            String(p.grade),
            String(i + 1),
            title,
            String(hours[i]),
            kind,
          ]);
        });
      }
    }
  }
  let students = 0;
  for (const p of plans) {
    const crng = rng.fork(p.classId);
    const roster = studentNames(crng, STUDENTS_PER_CLASS)
      .map(fullName)
      .sort((a, b) => a.localeCompare(b, 'ru'));
    roster.forEach((name, i) => {
      students++;
      const year = 2026 - 6 - p.grade;
      const birth = `${String(crng.int(1, 28)).padStart(2, '0')}.${String(crng.int(1, 12)).padStart(2, '0')}.${year}`;
      const groups = ENGLISH_SPLIT(p.grade) ? (i < STUDENTS_PER_CLASS / 2 ? '1 группа' : '2 группа') : '';
      const surname = name.split(' ')[0];
      const mother = `${surname.endsWith('а') ? surname : feminineSurname(surname)} ${crng.pick(['Анна', 'Ольга', 'Елена', 'Ирина'])} Петровна`;
      const phone = `+7 9${crng.int(10, 99)} ${crng.int(100, 999)}-${crng.int(10, 99)}-${crng.int(10, 99)}`;
      files.students.push([p.name, name, birth, '', '', groups, mother, phone, `parent${students}@example.ru`]);
      if (crng.chance(0.5)) {
        const father = `${surname.replace(/а$/, '')} ${crng.pick(['Иван', 'Олег', 'Сергей', 'Павел'])} Андреевич`;
        files.students.push([p.name, name, birth, '', '', groups, father, '', '']);
      }
    });
  }
  return { files, counts: { teachers: names.length, classes: plans.length, students } };
}
